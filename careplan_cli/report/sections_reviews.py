"""Sections of a copy on reviews: what each review found (relevance, effectiveness and
progress on each goal, unmet needs, satisfaction, changes: DOMAIN.md, "Reviews"), and the
outcome measures taken at the assessment, at reviews and at closure -- a section of their
own, since TOP records drug use and offending that an agreement to share reviews does not
cover."""

from __future__ import annotations

from typing import Any

from careplan_cli.report.copytext import (
    Section,
    aside,
    in_sentence,
    label,
    long_date,
    sentence,
    text,
)
from careplan_cli.report.measure_words import ABOUT, measures_text


def _goal_words(plan: dict[str, Any]) -> dict[str, str]:
    """Each goal by id: in the person's own words (quoted) where it has them, as in the
    goals section."""
    return {
        str(g["id"]): f"\u201c{text(g['in_own_words'])}\u201d"
        if g.get("in_own_words")
        else text(g.get("description"))
        for g in plan.get("goals") or []
        if isinstance(g, dict) and g.get("id")
    }


def _kind(review: dict[str, Any]) -> str:
    kind = in_sentence(label("reviews.kind", review.get("kind")))
    if review.get("requested_by"):
        who = in_sentence(label("reviews.requested_by", review["requested_by"]))
        kind += f", asked for by {who}"
    if review.get("trigger"):
        kind += f": {text(review['trigger'])}"
    return kind


def _progress(review: dict[str, Any], goals: dict[str, str]) -> str:
    said = []
    for outcome in review.get("outcomes") or []:
        goal = str(outcome.get("goal"))
        name = goals.get(goal) or f"goal {text(goal)}"
        how = in_sentence(label("reviews.outcomes.progress", outcome.get("progress")))
        comment = f" ({aside(outcome['comment'])})" if outcome.get("comment") else ""
        said.append(f"{name} \u2014 {how}{comment}")
    return f"Progress: {'; '.join(said)}" if said else ""


def _unmet(review: dict[str, Any]) -> str:
    if "unmet_needs" not in review:
        return ""
    unmet = [text(n) for n in review.get("unmet_needs") or []]
    return f"Needs not yet met: {'; '.join(unmet) if unmet else 'none'}"


def _satisfaction(review: dict[str, Any]) -> str:
    satisfaction = review.get("satisfaction") or {}
    rating = in_sentence(label("reviews.satisfaction.rating", satisfaction.get("rating")))
    said = f"How I felt about my care: {rating or 'not asked'}"
    if satisfaction.get("comment"):
        said += f" \u2014 \u201c{text(satisfaction['comment'])}\u201d"
    if satisfaction.get("reason_not_asked"):
        said += f" ({aside(satisfaction['reason_not_asked'])})"
    return said


def _review(review: dict[str, Any], goals: dict[str, str]) -> str:
    return sentence(
        f"{long_date(review.get('date'))} ({_kind(review)})",
        f"Is the plan still right: {text(review['relevance'])}" if review.get("relevance") else "",
        f"How well it is working: {text(review['effectiveness'])}"
        if review.get("effectiveness")
        else "",
        _progress(review, goals),
        _unmet(review),
        _satisfaction(review),
        f"Changes: {text(review['changes'])}" if review.get("changes") else "",
    )


def reviews(plan: dict[str, Any]) -> Section | None:
    """Each review, oldest first, with what it found."""
    goals = _goal_words(plan)
    items = [_review(r, goals) for r in plan.get("reviews") or [] if isinstance(r, dict)]
    return Section("reviews", "How the plan has gone", items=items) if items else None


def _occasions(plan: dict[str, Any]) -> list[tuple[str, Any]]:
    assessment = plan.get("assessment") or {}
    found = [(f"At the assessment on {long_date(assessment.get('date'))}", assessment)]
    found += [
        (f"At the review on {long_date(r.get('date'))}", r)
        for r in plan.get("reviews") or []
        if isinstance(r, dict)
    ]
    closure = plan.get("closure") or {}
    found.append((f"When the plan closed on {long_date(closure.get('date'))}", closure))
    return [(when, held.get("measures")) for when, held in found if held.get("measures")]


def measures(plan: dict[str, Any]) -> Section | None:
    """The measures of each occasion, with what each tool is and which way is better."""
    taken = [(when, m) for when, m in _occasions(plan) if measures_text(m)]
    if not taken:
        return None
    tools = {tool for _, m in taken for tool in m if isinstance(m, dict)}
    return Section(
        "measures",
        "Measuring how I am doing",
        lead=[about for tool, about in ABOUT.items() if tool in tools],
        items=[sentence(f"{when}: {measures_text(m)}") for when, m in taken],
    )
