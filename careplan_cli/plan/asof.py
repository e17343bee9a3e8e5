"""A plan as its own dated records stood on a date: the view every team figure counts.

Status comes from ``status_history`` (v2), the coordinator from ``coordinator_history``,
reviews are those dated on or before the day. A plan without history (v1) is read from its
dates: it exists from ``created``, is in force from ``start`` and closed from ``end``.
Undated content (risks, the crisis plan) is taken as the file holds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from careplan_cli.plan.dates import as_date
from careplan_cli.plan.policy import ReviewPolicy

IN_FORCE = ("active", "on-hold")


@dataclass(frozen=True)
class PlanAt:
    """One plan on ``day``: what the figures need, and the plan itself for undated content."""

    day: date
    status: str
    coordinator: str
    team: str
    type: str
    level: str
    start: date | None
    next_review: date | None
    reviews: tuple[tuple[date, dict[str, Any]], ...]  # dated on or before ``day``, in order
    plan: dict[str, Any]

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE


def _dated(entries: object, key: str) -> list[tuple[date, dict[str, Any]]]:
    """(date, entry) for the mapping entries of a list that carry a date under ``key``."""
    if not isinstance(entries, list):
        return []
    found = [(as_date(e.get(key)), e) for e in entries if isinstance(e, dict)]
    return sorted(((d, e) for d, e in found if d is not None), key=lambda pair: pair[0])


def status_on(plan: dict[str, Any], day: date) -> str | None:
    """The plan's status on ``day``; None when it did not exist yet."""
    created = as_date(plan.get("created")) or as_date(plan.get("start"))
    if created is None or created > day:
        return None
    history = _dated(plan.get("status_history"), "date")
    past = [entry for when, entry in history if when <= day]
    if past:
        return str(past[-1].get("to"))
    if history:
        return str(history[0][1].get("from") or "draft")
    status = str(plan.get("status", ""))
    if status == "closed":
        end = as_date(plan.get("end"))
        return "closed" if end is None or end <= day else "active"
    start = as_date(plan.get("start"))
    if status in IN_FORCE and (start is None or start > day):
        return "draft"
    return status


def coordinator_on(plan: dict[str, Any], day: date) -> tuple[str, str]:
    """(name, team) of the coordinator on ``day``: the ``coordinator_history`` entry covering
    it (the latest to start, on a handover day), else the plan's coordinator."""
    named = plan.get("coordinator")
    current: dict[str, Any] = named if isinstance(named, dict) else {}
    team = str(current.get("team") or "(no team)")
    covering = [
        entry
        for start, entry in _dated(plan.get("coordinator_history"), "from")
        if start <= day and (as_date(entry.get("to")) or date.max) >= day
    ]
    if covering:
        entry = covering[-1]
        return str(entry.get("name", "")), str(entry.get("team") or team)
    return str(current.get("name", "")), team


def next_review_on(
    plan: dict[str, Any], day: date, policy: ReviewPolicy
) -> tuple[date | None, tuple[tuple[date, dict[str, Any]], ...]]:
    """The next review date in force on ``day``, and the reviews dated on or before it.

    With no review after ``day`` it is the plan's ``next_review`` (what ``due`` reads);
    otherwise the one the latest earlier review set, and before the first review the latest
    date the policy allowed from the start (the first date set is recorded nowhere else).
    """
    reviews = _dated(plan.get("reviews"), "date")
    past = tuple(pair for pair in reviews if pair[0] <= day)
    if len(past) == len(reviews):
        return as_date(plan.get("next_review")), past
    if past:
        return as_date(past[-1][1].get("next_review")), past
    start = as_date(plan.get("start"))
    if start is None:
        return None, past
    return policy.latest_next_review(plan.get("type"), plan.get("level"), start, None), past


def plan_at(plan: dict[str, Any], day: date, policy: ReviewPolicy) -> PlanAt | None:
    """The plan as its records stood on ``day``; None when it did not exist then."""
    status = status_on(plan, day)
    if status is None:
        return None
    name, team = coordinator_on(plan, day)
    next_review, reviews = next_review_on(plan, day, policy)
    return PlanAt(
        day=day,
        status=status,
        coordinator=name,
        team=team,
        type=str(plan.get("type", "")),
        level=str(plan.get("level") or plan.get("client_group") or "(none)"),
        start=as_date(plan.get("start")),
        next_review=next_review,
        reviews=reviews,
        plan=plan,
    )


# What the figures read of a plan; the rest (the person, needs, goals' text, free text) is
# dropped as soon as a plan is loaded, so that a report over many plans and months stays small.
KEPT = {
    "id", "type", "level", "client_group", "status", "created", "start", "end", "agreement",
    "coordinator", "coordinator_history", "status_history", "next_review", "hold_review_by",
    "risks", "crisis_plan", "carers", "admissions", "closure",
}  # fmt: skip
KEPT_IN_REVIEW = ("date", "next_review", "outcomes", "measures")


def essentials(plan: dict[str, Any]) -> dict[str, Any]:
    """The parts of ``plan`` that team figures read (a schema-valid plan)."""
    kept = {key: value for key, value in plan.items() if key in KEPT}
    reviews = plan.get("reviews")
    if isinstance(reviews, list):
        kept["reviews"] = [
            {key: r[key] for key in KEPT_IN_REVIEW if key in r}
            for r in reviews
            if isinstance(r, dict)
        ]
    risks = plan.get("risks")
    if isinstance(risks, list):
        kept["risks"] = [{"level": r.get("level")} for r in risks if isinstance(r, dict)]
    return kept
