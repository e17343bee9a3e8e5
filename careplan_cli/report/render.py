"""A copy of a plan for people: plain-language sections, chosen by consent.

:func:`build_copy` turns a plan into a :class:`Copy` -- headed sections of paragraphs, lists
and name/value rows, the service user's own words first -- holding only the sections a
recipient may see (:func:`sections_for`). :func:`to_markdown` and :func:`to_html` write it.
Unlike every other output of careplan, a copy shows the plan's values: that is its purpose.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from careplan_cli.errors import RefusedError

ALL_SECTIONS = (
    "about", "crisis_plan", "goals", "needs", "strengths", "interventions", "care_team",
    "carers", "risks", "contingency_plan", "engagement", "diversity", "information_sharing",
    "personal_budget", "reviews", "next_review",
)  # fmt: skip
# Every copy says whom it is about, whatever was agreed.
ALWAYS = ("about",)


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


def sections_for(plan: dict[str, Any], recipient: str | None) -> list[str]:
    """The sections a copy for ``recipient`` may hold; RefusedError saying why when none."""
    if recipient is None or recipient.casefold() == "service-user":
        return list(ALL_SECTIONS)  # the plan is the service user's own
    sharing = plan.get("information_sharing") or {}
    consent = (sharing.get("consent") or {}).get("status")
    if consent is None:
        raise RefusedError("the plan records no consent to share information")
    if consent == "refused":
        raise RefusedError("the service user has refused consent to share information")
    agreed: list[str] = []
    matched = False
    for agreement in sharing.get("agreements") or []:
        if recipient.casefold() in (r.casefold() for r in agreement.get("recipients", [])):
            matched = True
            agreed += [s for s in agreement.get("sections", []) if s not in agreed]
    if not matched:
        raise RefusedError(f"no information-sharing agreement names {recipient!r}")
    if not agreed:
        raise RefusedError(
            f"the agreements naming {recipient!r} do not list the sections "
            "they cover (add sections: [...] to the agreement)"
        )
    return [s for s in ALL_SECTIONS if s in agreed or s in ALWAYS]


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


# -- writers ----------------------------------------------------------------------------------


def to_markdown(copy: Copy) -> str:
    out = [f"# {_md(copy.title)}", ""]
    if copy.recipient:
        out += [
            f"*A copy for {_md(copy.recipient)}, with the parts of the plan agreed for them.*",
            "",
        ]
    for section in copy.sections:
        out += [f"## {section.heading}", ""]
        out += [f"**{_md(k)}:** {_md(v)}  " for k, v in section.rows]
        out += ([""] if section.rows else []) + [_md(p) + "\n" for p in section.lead]
        out += [f"- {_md(i)}" for i in section.items] + [""]
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    for char in "\\`*_[]#<>|":
        text = text.replace(char, "\\" + char)
    return text


CSS = """
:root { color: #1a1a1a; background: #ffffff; font: 12pt/1.5 system-ui, sans-serif; }
body { max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.8em; margin-bottom: .2em; } h2 { font-size: 1.3em; margin-top: 1.4em;
  border-bottom: 2px solid #0b4f8a; color: #0b4f8a; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
dt { font-weight: 700; } dd { margin: 0; }
.prominent { border: 3px solid #8a1c0b; padding: .2em 1em 1em; border-radius: 6px; }
.prominent h2 { color: #8a1c0b; border-color: #8a1c0b; }
.note { font-style: italic; }
body.large { font-size: 18pt; }
@page { size: A4; margin: 18mm; }
@media print { body { margin: 0; max-width: none; } section { break-inside: avoid; }
  h2 { break-after: avoid; } }
"""


def to_html(copy: Copy, large_print: bool = False) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(copy.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        f'<body class="{"large" if large_print else ""}">',
        "<main>",
        f"<h1>{e(copy.title)}</h1>",
    ]
    if copy.recipient:
        parts.append(
            f'<p class="note">A copy for {e(copy.recipient)}, with the parts of the '
            "plan agreed for them.</p>"
        )
    for section in copy.sections:
        klass = ' class="prominent"' if section.prominent else ""
        parts.append(f'<section id="{section.key}"{klass}><h2>{e(section.heading)}</h2>')
        if section.rows:
            parts.append(
                "<dl>"
                + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in section.rows)
                + "</dl>"
            )
        parts += [f"<p>{e(p)}</p>" for p in section.lead]
        if section.items:
            parts.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in section.items) + "</ul>")
        parts.append("</section>")
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"
