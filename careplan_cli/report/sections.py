"""A copy of a plan for people, as headed sections: the service user's own words first.

:func:`build_copy` turns a plan into a :class:`Copy` -- headed sections of paragraphs, lists
and name/value rows -- holding only the sections it is given (see
:func:`careplan_cli.plan.consent.sections_for`). :mod:`careplan_cli.report.markdown` and
:mod:`careplan_cli.report.html` write it. Unlike every other output of careplan, a copy shows
the plan's values: that is its purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from careplan_cli.plan.consent import ALL_SECTIONS


@dataclass
class Section:
    key: str
    heading: str
    lead: list[str] = field(default_factory=list)  # paragraphs
    items: list[str] = field(default_factory=list)  # a bulleted list
    rows: list[tuple[str, str]] = field(default_factory=list)  # label: value
    prominent: bool = False  # shown boxed: the crisis contacts


@dataclass
class Copy:
    title: str
    recipient: str | None
    sections: list[Section]


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def build_copy(plan: dict[str, Any], sections: list[str], recipient: str | None) -> Copy:
    person = plan.get("service_user", {})
    name = person.get("preferred_name") or person.get("name", "")
    built = [BUILDERS[key](plan) for key in ALL_SECTIONS if key in sections]
    return Copy(f"Care plan for {name}", recipient, [s for s in built if s is not None])


def _about(plan: dict[str, Any]) -> Section:
    person, coordinator = plan.get("service_user", {}), plan.get("coordinator", {})
    rows = [
        ("Name", person.get("name", "")),
        ("Date of birth", person.get("date_of_birth")),
        ("NHS number", person.get("nhs_number")),
        ("Plan", plan.get("id")),
        ("Started", plan.get("start")),
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


def _needs(plan: dict[str, Any]) -> Section | None:
    needs = plan.get("needs") or []
    return (
        Section("needs", "What I need help with", items=[_text(n["description"]) for n in needs])
        if needs
        else None
    )


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


def _carers(plan: dict[str, Any]) -> Section | None:
    carers = plan.get("carers") or []
    return (
        Section(
            "carers",
            "My carers",
            items=[
                ", ".join(_text(c.get(k)) for k in ("name", "relationship", "contact") if c.get(k))
                for c in carers
            ],
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
                f"{_text(r.get('description') or r['category'])} What we will do: "
                f"{_text(r.get('management')) or 'to be agreed'}"
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


def _information_sharing(plan: dict[str, Any]) -> Section | None:
    sharing = plan.get("information_sharing") or {}
    if not sharing:
        return None
    consent = (sharing.get("consent") or {}).get("status", "not recorded").replace("-", " ")
    items = [
        f"{_text(a['information'])}: shared with {', '.join(map(_text, a['recipients']))}"
        + (f", {_text(a['circumstances'])}" if a.get("circumstances") else "")
        for a in sharing.get("agreements", [])
    ]
    return Section(
        "information_sharing",
        "Who sees this plan",
        lead=[f"Consent to share information: {consent}."],
        items=items,
    )


def _personal_budget(plan: dict[str, Any]) -> Section | None:
    budget = plan.get("personal_budget")
    return (
        Section(
            "personal_budget",
            "My personal budget",
            lead=[f"\u00a3{budget['amount']:.2f} a {budget['period']}."],
        )
        if budget
        else None
    )


def _reviews(plan: dict[str, Any]) -> Section | None:
    reviews = plan.get("reviews") or []
    items = []
    for review in reviews:
        said = (review.get("satisfaction") or {}).get("rating", "not asked").replace("-", " ")
        changes = f" Changes: {_text(review['changes'])}" if review.get("changes") else ""
        items.append(
            f"{review['date']} ({review['kind']} review). How I felt about my care: "
            f"{said}.{changes}"
        )
    return Section("reviews", "How the plan has gone", items=items) if items else None


def _next_review(plan: dict[str, Any]) -> Section:
    when = plan.get("next_review")
    lead = [f"Next review: {when}." if when else "The next review date is not set yet."]
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
    "information_sharing": _information_sharing, "personal_budget": _personal_budget,
    "reviews": _reviews, "next_review": _next_review,
}  # fmt: skip
