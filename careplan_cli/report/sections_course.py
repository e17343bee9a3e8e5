"""Sections of a copy on the plan's course over time (format v2): where the plan stands and
how its status changed, who co-ordinated it before, and times in hospital."""

from __future__ import annotations

from typing import Any

from careplan_cli.report.copytext import (
    Section,
    in_sentence,
    label,
    long_date,
    long_datetime,
    sentence,
    text,
)


def standing(plan: dict[str, Any]) -> str:
    """The plan's status in a few words, for every copy: "On hold: the hold is reviewed by
    30 November 2026", "Closed on 19 October 2026". Never the reasons (see :func:`status`)."""
    status = plan.get("status")
    if status == "on-hold":
        hold = plan.get("hold_review_by")
        return "On hold " + (
            f"(the hold is reviewed by {long_date(hold)})" if hold else "(no date to review it)"
        )
    if status == "closed":
        when = (plan.get("closure") or {}).get("date") or plan.get("end")
        return f"Closed on {long_date(when)}" if when else "Closed"
    if status == "draft":
        return "Draft (not yet agreed)"
    return label("status", status) if status else ""


def _closure(plan: dict[str, Any]) -> list[str]:
    closure = plan.get("closure") or {}
    when = closure.get("date") or plan.get("end")
    told = closure.get("informed") or []
    informed = ["me" if who == "service-user" else text(who) for who in told]
    return [
        sentence(
            f"This plan closed on {long_date(when)}" if when else "This plan is closed",
            f"Why: {in_sentence(label('closure.reason', closure['reason']))}"
            if closure.get("reason")
            else "",
            f"My care continues with: {text(closure['destination'])}"
            if closure.get("destination")
            else "",
            f"Told that it closed: {', '.join(informed)}" if informed else "",
            text(closure.get("notes")),
        )
    ]


def _now(plan: dict[str, Any]) -> list[str]:
    status = plan.get("status")
    if status == "closed":
        return _closure(plan)
    if status == "on-hold":
        hold = plan.get("hold_review_by")
        when = f"The hold will be reviewed by {long_date(hold)}" if hold else ""
        return [sentence("This plan is on hold", when or "No date is set to review the hold")]
    if status == "draft":
        return ["This plan is a draft: it is not yet agreed and may change."]
    return []


def _change(entry: dict[str, Any]) -> str:
    moved = f"to {in_sentence(label('status', entry.get('to')))}"
    if entry.get("from"):
        moved = f"from {in_sentence(label('status', entry['from']))} {moved}"
    said = f" \u2014 {text(entry['reason'])}" if entry.get("reason") else ""
    by = f" ({text(entry['by'])})" if entry.get("by") else ""
    return f"{long_date(entry.get('date'))}: {moved}{said}{by}"


def status(plan: dict[str, Any]) -> Section | None:
    """Where the plan stands and why (a closure's reason, destination and who was told), and
    each change of status with its reason and who made it."""
    lead = _now(plan)
    items = [_change(e) for e in plan.get("status_history") or [] if isinstance(e, dict)]
    if not (lead or items):
        return None
    return Section("status", "Where this plan stands", lead=lead, items=items)


def coordinator_history(plan: dict[str, Any]) -> Section | None:
    """Earlier co-ordinators, oldest first, with the time each held the plan."""
    items = []
    for entry in plan.get("coordinator_history") or []:
        about = [in_sentence(label("coordinator.role", entry["role"])) if entry.get("role") else ""]
        about.append(text(entry.get("organisation")))
        what = ", ".join(a for a in about if a)
        period = f"from {long_date(entry.get('from'))}"
        if entry.get("to"):
            period += f" to {long_date(entry['to'])}"
        items.append(f"{text(entry.get('name'))}" + (f" ({what})" if what else "") + f": {period}")
    if not items:
        return None
    return Section("coordinator_history", "Who co-ordinated my care before", items=items)


def _admission(entry: dict[str, Any]) -> str:
    where = f" to {text(entry['hospital'])}" if entry.get("hospital") else ""
    section = entry.get("mha_section")
    return sentence(
        f"Admitted on {long_datetime(entry.get('admitted'))}{where}",
        f"Under the Mental Health Act: {in_sentence(label('admissions.mha_section', section))}"
        if section
        else "",
        f"Discharged on {long_datetime(entry['discharged'])}"
        if entry.get("discharged")
        else "Still in hospital",
        f"First contact after discharge: {long_datetime(entry['follow_up'])}"
        + (f", by {text(entry['follow_up_by'])}" if entry.get("follow_up_by") else "")
        if entry.get("follow_up")
        else "",
        f"No contact after discharge: {text(entry['follow_up_exception'])}"
        if entry.get("follow_up_exception")
        else "",
    )


def admissions(plan: dict[str, Any]) -> Section | None:
    """Each admission: when, where, under which section, discharge and the follow-up."""
    items = [_admission(e) for e in plan.get("admissions") or [] if isinstance(e, dict)]
    return Section("admissions", "Times in hospital", items=items) if items else None
