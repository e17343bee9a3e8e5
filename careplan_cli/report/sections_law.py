"""Sections of a copy on agreement and the law (format v2): how the plan was agreed or why it
is in force without agreement, mental capacity and best interests (Mental Capacity Act
2005), and the Mental Health Act 1983 (the section, CTO conditions, s17 leave, s117
aftercare)."""

from __future__ import annotations

from typing import Any

from careplan_cli.report.copytext import (
    Section,
    in_sentence,
    label,
    long_date,
    person,
    sentence,
    text,
)

MHA_ACT = "the Mental Health Act"


def _agreed(agreement: dict[str, Any]) -> str:
    when = f" on {long_date(agreement['date'])}" if agreement.get("date") else ""
    by = agreement.get("agreed_by")
    if by and by != "service-user":
        return f"Agreed for me by {in_sentence(label('agreement.agreed_by', by))}{when}."
    return f"I agreed this plan{when}."


def agreement(plan: dict[str, Any]) -> Section | None:
    """Whether the person agreed the plan, what they said, and if not, why it is in force."""
    agreed = plan.get("agreement")
    if not isinstance(agreed, dict):
        return None
    if agreed.get("agreed"):
        lead = [_agreed(agreed)]
    else:
        basis = agreed.get("basis")
        lead = [
            sentence(
                "This plan is in force without my agreement",
                f"Why: {in_sentence(label('agreement.basis', basis))}" if basis else "",
                text(agreed.get("reason_not_agreed")),
            )
        ]
    if agreed.get("service_user_comments"):
        lead.append(f"What I said about it: \u201c{text(agreed['service_user_comments'])}\u201d")
    return Section("agreement", "Agreeing this plan", lead=lead)


def _assessment(entry: dict[str, Any]) -> str:
    return sentence(
        f"Capacity assessment on {long_date(entry.get('date'))}: {text(entry.get('decision'))}",
        "Outcome: "
        + in_sentence(label("mental_capacity.assessments.outcome", entry.get("outcome"))),
        f"Assessed by {person(entry.get('assessor'))}" if entry.get("assessor") else "",
        text(entry.get("notes")),
    )


def _best_interests(entry: dict[str, Any]) -> str:
    asked = [person(c) for c in entry.get("consulted") or []]
    return sentence(
        f"Best-interests decision on {long_date(entry.get('date'))}: {text(entry.get('decision'))}",
        f"Made by {person(entry.get('decision_maker'))}" if entry.get("decision_maker") else "",
        f"People asked: {'; '.join(asked)}" if asked else "",
    )


def _attorney(entry: dict[str, Any]) -> str:
    kind = label("mental_capacity.attorneys.kind", entry.get("kind"))
    return sentence(
        f"{kind}: {text(entry.get('name'))}",
        f"Registered on {long_date(entry['registered'])}" if entry.get("registered") else "",
        f"Reference: {text(entry['reference'])}" if entry.get("reference") else "",
    )


def mental_capacity(plan: dict[str, Any]) -> Section | None:
    """Capacity assessments, best-interests decisions, attorneys and deputies."""
    held = plan.get("mental_capacity")
    if not isinstance(held, dict):
        return None
    items = [_assessment(e) for e in held.get("assessments") or []]
    items += [_best_interests(e) for e in held.get("best_interests") or []]
    items += [_attorney(e) for e in held.get("attorneys") or []]
    if not items:
        return None
    return Section("mental_capacity", "Making decisions about my care", items=items)


def _mha(mha: dict[str, Any]) -> tuple[list[tuple[str, str]], list[str]]:
    rows = [
        ("Section", label("mha.section", mha.get("section"))),
        ("Since", long_date(mha.get("start"))),
        ("To be renewed or ends by", long_date(mha.get("renew_or_expire_by"))),
        ("Ended", long_date(mha.get("end"))),
        ("Responsible clinician", person(mha.get("responsible_clinician"))),
    ]
    items = [f"Condition: {text(c)}" for c in mha.get("cto_conditions") or []]
    for leave in mha.get("leave") or []:
        period = f"from {long_date(leave.get('from'))}"
        if leave.get("to"):
            period += f" to {long_date(leave['to'])}"
        items.append(sentence(f"Leave (section 17) {period}", text(leave.get("conditions"))))
    return [(k, v) for k, v in rows if v], items


def _aftercare(s117: dict[str, Any]) -> str:
    name = f"aftercare under section 117 of {MHA_ACT}"
    if not s117.get("eligible"):
        return f"I am not entitled to {name}."
    after = s117.get("eligible_after")
    since = f" since {long_date(s117['since'])}" if s117.get("since") else ""
    who = [text(s117.get(k)) for k in ("responsible_icb", "responsible_local_authority")]
    ended = s117.get("ended") or {}
    return sentence(
        f"I am entitled to {name}"
        + (f", after {in_sentence(label('s117.eligible_after', after))}" if after else "")
        + (f",{since}" if after and since else since),
        f"Responsible for it together: {' and '.join(w for w in who if w)}" if any(who) else "",
        f"Aftercare ended on {long_date(ended.get('date'))}, decided together by "
        f"{person(ended.get('icb_decision_maker'))} for the NHS and "
        f"{person(ended.get('local_authority_decision_maker'))} for the council"
        if ended
        else "",
        text(ended.get("reason")),
    )


def mental_health_act(plan: dict[str, Any]) -> Section | None:
    """The section in force (or last in force), its dates, conditions and leave; s117."""
    mha, s117 = plan.get("mha"), plan.get("s117")
    if not isinstance(mha, dict) and not isinstance(s117, dict):
        return None
    rows, items = _mha(mha) if isinstance(mha, dict) else ([], [])
    lead = [_aftercare(s117)] if isinstance(s117, dict) else []
    return Section(
        "mental_health_act",
        "The Mental Health Act and my care",
        lead=lead,
        items=items,
        rows=rows,
    )
