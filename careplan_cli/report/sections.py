"""A copy of a plan for people, as headed sections: the service user's own words first.

:func:`build_copy` turns a plan into a :class:`Copy` -- headed sections of paragraphs, lists
and name/value rows -- holding only the sections it is given (see
:func:`careplan_cli.plan.consent.sections_for`). :mod:`careplan_cli.report.markdown` and
:mod:`careplan_cli.report.html` write it. Unlike every other output of careplan, a copy shows
the plan's values: that is its purpose. The sections of format v2 are built in
:mod:`~careplan_cli.report.sections_course`, :mod:`~careplan_cli.report.sections_law`,
:mod:`~careplan_cli.report.sections_money` and :mod:`~careplan_cli.report.sections_reviews`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from careplan_cli.plan.consent import ALL_SECTIONS
from careplan_cli.report import sections_course, sections_law, sections_money, sections_reviews
from careplan_cli.report.copytext import (
    DRAFT_MARK,
    Copy,
    Section,
    in_sentence,
    label,
    long_date,
    sentence,
)
from careplan_cli.report.copytext import text as _text

__all__ = ["BUILDERS", "Copy", "Section", "build_copy"]


def build_copy(plan: dict[str, Any], sections: list[str], recipient: str | None) -> Copy:
    person = plan.get("service_user", {})
    name = person.get("preferred_name") or person.get("name", "")
    # A section left out is left out everywhere: reviews then name goals by id, not words.
    shown = plan if "goals" in sections else {**plan, "goals": []}
    built = [BUILDERS[key](shown) for key in ALL_SECTIONS if key in sections]
    draft = plan.get("status") == "draft"
    title = f"{DRAFT_MARK}: care plan for {name}" if draft else f"Care plan for {name}"
    return Copy(title, recipient, [s for s in built if s is not None], draft=draft)


def _about(plan: dict[str, Any]) -> Section:
    person, coordinator = plan.get("service_user", {}), plan.get("coordinator", {})
    earlier = ", ".join(_text(i) for i in plan.get("previous_ids") or [])
    rows = [
        ("Name", person.get("name", "")),
        ("Date of birth", long_date(person.get("date_of_birth"))),
        ("NHS number", person.get("nhs_number")),
        ("Plan", plan.get("id")),
        ("Earlier plan numbers", earlier),
        ("Status", sections_course.standing(plan)),
        ("Started", long_date(plan.get("start"))),
        (
            "My care co-ordinator",
            ", ".join(
                _text(coordinator.get(k)) for k in ("name", "phone", "email") if coordinator.get(k)
            ),
        ),
    ]
    return Section("about", "About this plan", rows=[(k, _text(v)) for k, v in rows if v])


def _goals(plan: dict[str, Any]) -> Section | None:
    goals = plan.get("goals") or []
    if not goals:
        return None
    items = []
    for goal in goals:
        words = goal.get("in_own_words")
        text = (
            f"\u201c{_text(words)}\u201d ({_text(goal['description'])})"
            if words
            else _text(goal["description"])
        )
        steps = [
            _text(m.get("description")) + (" \u2014 done" if m.get("achieved_on") else "")
            for m in goal.get("milestones", [])
        ]
        status = goal.get("status", "active").replace("-", " ")
        items.append(
            f"{text}. Status: {status}." + (" Steps: " + "; ".join(steps) + "." if steps else "")
        )
    return Section("goals", "What I want to achieve", items=items)


def _need(need: dict[str, Any]) -> str:
    outcomes = [
        in_sentence(label("needs.eligibility_outcomes", o))
        for o in need.get("eligibility_outcomes") or []
    ]
    if outcomes:
        return f"{_text(need['description'])} (meets the national eligibility criteria: " + (
            "; ".join(outcomes) + ")"
        )
    if need.get("eligible"):
        return f"{_text(need['description'])} (meets the national eligibility criteria)"
    return _text(need["description"])


def _needs(plan: dict[str, Any]) -> Section | None:
    needs = plan.get("needs") or []
    if not needs:
        return None
    return Section("needs", "What I need help with", items=[_need(n) for n in needs])


def _strengths(plan: dict[str, Any]) -> Section | None:
    strengths = plan.get("strengths") or []
    return (
        Section(
            "strengths",
            "What I am good at and who supports me",
            items=[_text(s) for s in strengths],
        )
        if strengths
        else None
    )


def _interventions(plan: dict[str, Any]) -> Section | None:
    items = []
    for item in plan.get("interventions") or []:
        who = " \u2014 ".join(_text(item.get(k)) for k in ("professional", "agency") if item.get(k))
        how_often = f" ({_text(item['frequency'])})" if item.get("frequency") else ""
        items.append(
            f"{_text(item['description'])}{how_often}: {who}"
            if who
            else _text(item["description"]) + how_often
        )
    return Section("interventions", "Who will help and how", items=items) if items else None


def _care_team(plan: dict[str, Any]) -> Section | None:
    team = plan.get("care_team") or []
    return (
        Section(
            "care_team",
            "The people and services involved",
            items=[
                ", ".join(
                    _text(m.get(k)) for k in ("name", "role", "organisation", "phone") if m.get(k)
                )
                for m in team
            ],
        )
        if team
        else None
    )


def _carer(carer: dict[str, Any]) -> str:
    said = ", ".join(_text(carer[k]) for k in ("name", "relationship", "contact") if carer.get(k))
    assessment = carer.get("assessment") or {}
    if assessment.get("status"):
        status = in_sentence(label("carers.assessment.status", assessment["status"]))
        when = f" on {long_date(assessment['date'])}" if assessment.get("date") else ""
        said += f"; carer's assessment {status}{when}"
    if carer.get("support_plan_ref"):
        said += f"; carer's support plan {_text(carer['support_plan_ref'])}"
    return said


def _carers(plan: dict[str, Any]) -> Section | None:
    carers = plan.get("carers") or []
    return (
        Section(
            "carers",
            "My carers",
            items=[_carer(c) for c in carers],
        )
        if carers
        else None
    )


def _risks(plan: dict[str, Any]) -> Section | None:
    risks = plan.get("risks") or []
    return (
        Section(
            "risks",
            "Keeping safe",
            items=[
                sentence(
                    _text(r.get("description") or r["category"]),
                    f"What we will do: {_text(r.get('management')) or 'to be agreed'}",
                )
                for r in risks
            ],
        )
        if risks
        else None
    )


def _crisis_plan(plan: dict[str, Any]) -> Section | None:
    crisis = plan.get("crisis_plan")
    if not crisis:
        return None
    rows = [
        (
            _text(c["name"]),
            f"{_text(c['phone'])}" + (f" \u2014 {_text(c['when'])}" if c.get("when") else ""),
        )
        for c in crisis.get("contacts", [])
    ]
    lead = []
    if crisis.get("responds_best_to"):
        lead.append(f"I respond best to: {_text(crisis['responds_best_to'])}")
    if crisis.get("what_has_worked"):
        lead.append(f"What has helped before: {_text(crisis['what_has_worked'])}")
    if crisis.get("what_to_avoid"):
        lead.append(f"What makes things worse: {_text(crisis['what_to_avoid'])}")
    items = [
        f"Sign that I am becoming unwell: {_text(s)}" for s in crisis.get("early_warning_signs", [])
    ]
    items += [f"What to do: {_text(a)}" for a in crisis.get("actions", [])]
    return Section("crisis_plan", "If things get difficult", lead, items, rows, prominent=True)


def _contingency_plan(plan: dict[str, Any]) -> Section | None:
    text = plan.get("contingency_plan")
    return (
        Section("contingency_plan", "If the plan cannot go ahead", lead=[_text(text)])
        if text
        else None
    )


def _engagement(plan: dict[str, Any]) -> Section | None:
    text = (plan.get("engagement") or {}).get("plan")
    return Section("engagement", "Keeping in touch", lead=[_text(text)]) if text else None


def _diversity(plan: dict[str, Any]) -> Section | None:
    text = (plan.get("diversity") or {}).get("how_plan_reflects")
    return Section("diversity", "Who I am", lead=[_text(text)]) if text else None


def _sharing(agreement: dict[str, Any]) -> str:
    said = f"{_text(agreement['information'])}: shared with " + ", ".join(
        map(_text, agreement["recipients"])
    )
    if agreement.get("circumstances"):
        said += f", {_text(agreement['circumstances'])}"
    basis = agreement.get("basis")
    if basis and basis != "consent":
        why = in_sentence(label("information_sharing.agreements.basis", basis))
        note = f": {_text(agreement['basis_note'])}" if agreement.get("basis_note") else ""
        said += f"; shared without consent, on the basis of {why}{note}"
    return said


def _information_sharing(plan: dict[str, Any]) -> Section | None:
    sharing = plan.get("information_sharing") or {}
    if not sharing:
        return None
    consent = (sharing.get("consent") or {}).get("status", "not recorded").replace("-", " ")
    items = [_sharing(a) for a in sharing.get("agreements", [])]
    return Section(
        "information_sharing",
        "Who sees this plan",
        lead=[f"Consent to share information: {consent}."],
        items=items,
    )


CLOSED_NO_REVIEW = "This plan is closed, so there are no more reviews."


def _next_review(plan: dict[str, Any]) -> Section:
    if plan.get("status") == "closed":
        return Section("next_review", "When we will next review it", lead=[CLOSED_NO_REVIEW])
    when = plan.get("next_review")
    lead = [f"Next review: {long_date(when)}." if when else "The next review date is not set yet."]
    triggers = [_text(t) for t in plan.get("review_triggers") or []]
    return Section(
        "next_review",
        "When we will next review it",
        lead=lead,
        items=[f"Sooner if: {t}" for t in triggers],
    )


BUILDERS: dict[str, Callable[[dict[str, Any]], Section | None]] = {
    "about": _about, "crisis_plan": _crisis_plan, "goals": _goals, "needs": _needs,
    "strengths": _strengths, "interventions": _interventions, "care_team": _care_team,
    "carers": _carers, "risks": _risks, "contingency_plan": _contingency_plan,
    "engagement": _engagement, "diversity": _diversity,
    "information_sharing": _information_sharing, "next_review": _next_review,
    "personal_budget": sections_money.personal_budget, "contribution": sections_money.contribution,
    "reviews": sections_reviews.reviews, "measures": sections_reviews.measures,
    "agreement": sections_law.agreement, "mental_capacity": sections_law.mental_capacity,
    "mental_health_act": sections_law.mental_health_act, "status": sections_course.status,
    "coordinator_history": sections_course.coordinator_history,
    "admissions": sections_course.admissions,
}  # fmt: skip
