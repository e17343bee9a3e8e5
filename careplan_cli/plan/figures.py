"""Team figures: what a board and a team manager ask for, counted from plans as of a date.

Each figure is one function, registered under its id: it takes one plan as it stood on the
day (:class:`~careplan_cli.plan.asof.PlanAt`) and the counting context, and returns that
plan's contribution. A figure for a team or a repository is the sum over its plans, so every
grouping adds up to the whole. Rates divide two figures. docs/report.md defines each one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from careplan_cli.plan.asof import PlanAt
from careplan_cli.plan.dates import add_months, as_date
from careplan_cli.plan.measures import first_and_latest
from careplan_cli.plan.policy import ReviewPolicy
from careplan_cli.plan.rules.admissions import as_datetime

Source = Literal["records", "history"]
Number = int | float | None


@dataclass(frozen=True)
class Context:
    day: date
    policy: ReviewPolicy = field(default_factory=ReviewPolicy)  # intervals, follow-up window

    @property
    def period_start(self) -> date:
        """The period that "in the period" figures count: the calendar month up to the day."""
        return self.day.replace(day=1)

    @property
    def year_ago(self) -> date:
        return add_months(self.day, -12)

    def in_period(self, when: date | None) -> bool:
        return when is not None and self.period_start <= when <= self.day


@dataclass(frozen=True)
class Figure:
    id: str
    count: Callable[[PlanAt, Context], int]
    source: Source  # where its trend comes from: the plans' dated records, or git history


FIGURES: dict[str, Figure] = {}
# rate id -> (numerator, denominator)
RATES: dict[str, tuple[str, str]] = {
    "reviewed_within_12_months_rate": ("reviewed_within_12_months", "active_12_months"),
    "discharges_followed_up_rate": ("discharges_followed_up", "discharges"),
}
# figure -> the figures that partition it (they add up to it); used by suppression
PARTS: dict[str, tuple[str, ...]] = {
    "reviews_overdue": ("overdue_0_30", "overdue_31_90", "overdue_over_90", "review_date_missing"),
}
# denominator -> numerator: the rest (denominator - numerator) is a count too
SUBSETS: dict[str, str] = {
    "active_12_months": "reviewed_within_12_months",
    "reviews_in_period": "reviews_within_interval",
    "carers": "carers_offered_assessment",
    "discharges": "discharges_followed_up",
}


def figure(
    source: Source = "records",
) -> Callable[[Callable[[PlanAt, Context], int]], Callable[[PlanAt, Context], int]]:
    def register(count: Callable[[PlanAt, Context], int]) -> Callable[[PlanAt, Context], int]:
        FIGURES[count.__name__] = Figure(count.__name__, count, source)
        return count

    return register


@figure()
def active_plans(p: PlanAt, c: Context) -> int:
    return int(p.status == "active")


def _days_overdue(p: PlanAt, c: Context) -> int | None:
    """Days past the next review for an overdue active plan (0: no date), else None."""
    if p.status != "active":
        return None
    if p.next_review is None:
        return 0
    late = (c.day - p.next_review).days
    return late if late > 0 else None


@figure()
def reviews_overdue(p: PlanAt, c: Context) -> int:
    return int(_days_overdue(p, c) is not None)


@figure()
def overdue_0_30(p: PlanAt, c: Context) -> int:
    return int(1 <= (_days_overdue(p, c) or 0) <= 30)


@figure()
def overdue_31_90(p: PlanAt, c: Context) -> int:
    return int(31 <= (_days_overdue(p, c) or 0) <= 90)


@figure()
def overdue_over_90(p: PlanAt, c: Context) -> int:
    return int((_days_overdue(p, c) or 0) > 90)


@figure()
def review_date_missing(p: PlanAt, c: Context) -> int:
    return int(_days_overdue(p, c) == 0)


@figure()
def active_12_months(p: PlanAt, c: Context) -> int:
    return int(p.status == "active" and p.start is not None and p.start <= c.year_ago)


@figure()
def reviewed_within_12_months(p: PlanAt, c: Context) -> int:
    recent = any(when > c.year_ago for when, _ in p.reviews)
    return int(active_12_months(p, c) == 1 and recent)


def _reviews_in_period(p: PlanAt, c: Context) -> Iterable[tuple[date, date | None]]:
    """(review date, the date it was due) for the plan's reviews in the period."""
    due = None
    if p.start is not None:
        due = c.policy.latest_next_review(p.plan.get("type"), p.plan.get("level"), p.start, None)
    for when, review in p.reviews:
        if c.in_period(when):
            yield when, due
        due = as_date(review.get("next_review"))


@figure()
def reviews_in_period(p: PlanAt, c: Context) -> int:
    return sum(1 for _ in _reviews_in_period(p, c))


@figure()
def reviews_within_interval(p: PlanAt, c: Context) -> int:
    return sum(1 for when, due in _reviews_in_period(p, c) if due is not None and when <= due)


@figure()
def in_force_not_agreed_without_reason(p: PlanAt, c: Context) -> int:
    agreement = p.plan.get("agreement")
    if not p.in_force:
        return 0
    if not isinstance(agreement, dict):
        return 1
    if agreement.get("agreed") is True:
        agreed_on = as_date(agreement.get("date"))
        return int(agreed_on is not None and agreed_on > c.day)
    return int(not str(agreement.get("reason_not_agreed") or "").strip())


PLACEHOLDERS = {"", ".", "-", "--", "tbc", "tba", "n/a", "na", "none", "todo", "?"}
CRISIS_LEVELS = {"enhanced", "complex", "tier-3", "tier-4"}


def _has_content(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().casefold() not in PLACEHOLDERS
    if isinstance(value, dict):
        return any(_has_content(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_content(v) for v in value)
    return value is not None and not isinstance(value, bool)


@figure("history")
def crisis_plan_missing(p: PlanAt, c: Context) -> int:
    risks = p.plan.get("risks") if isinstance(p.plan.get("risks"), list) else []
    high = any(isinstance(r, dict) and r.get("level") == "high" for r in risks or [])
    needed = high or p.plan.get("level") in CRISIS_LEVELS
    return int(p.in_force and needed and not _has_content(p.plan.get("crisis_plan")))


def _carers(p: PlanAt) -> list[dict[str, Any]]:
    listed = p.plan.get("carers")
    if not p.in_force or not isinstance(listed, list):
        return []
    return [x for x in listed if isinstance(x, dict)]


@figure()
def carers(p: PlanAt, c: Context) -> int:
    return len(_carers(p))


def _offered_on(carer: dict[str, Any]) -> date | None:
    """When a carer's assessment was offered: v2 records its status (offered, declined or
    completed: each means it was offered) and date; v1 the date it was offered."""
    assessment = carer.get("assessment")
    if isinstance(assessment, dict) and assessment.get("status"):
        return as_date(assessment.get("date")) or date.min
    return as_date(carer.get("assessment_offered"))


@figure()
def carers_offered_assessment(p: PlanAt, c: Context) -> int:
    return sum(1 for x in _carers(p) if (_offered_on(x) or date.max) <= c.day)


def _discharges(p: PlanAt, c: Context) -> Iterable[tuple[datetime, datetime | None]]:
    """(discharged, first follow-up) for discharges in the period; those with a recorded
    reason why no follow-up was possible (``follow_up_exception``) are left out."""
    admissions = p.plan.get("admissions")
    for entry in admissions if isinstance(admissions, list) else []:
        if isinstance(entry, dict) and not entry.get("follow_up_exception"):
            out = as_datetime(entry.get("discharged"))
            if out is not None and c.in_period(out.date()):
                yield out, as_datetime(entry.get("follow_up"))


@figure()
def discharges(p: PlanAt, c: Context) -> int:
    return sum(1 for _ in _discharges(p, c))


def _followed_up(out: datetime, seen: datetime | None, c: Context) -> bool:
    """Seen by the day, and within the policy's window (the rule CP111 applies the same)."""
    if seen is None or seen.date() > c.day:
        return False
    return out <= seen <= c.policy.follow_up_deadline(out)


@figure()
def discharges_followed_up(p: PlanAt, c: Context) -> int:
    return sum(1 for out, seen in _discharges(p, c) if _followed_up(out, seen, c))


@figure()
def on_hold_past_review(p: PlanAt, c: Context) -> int:
    by = as_date(p.plan.get("hold_review_by")) or p.next_review
    return int(p.status == "on-hold" and (by is None or by < c.day))


@figure()
def goals_achieved(p: PlanAt, c: Context) -> int:
    """Goals first recorded as achieved at a review in the period."""
    seen: set[str] = set()
    counted = 0
    for when, review in p.reviews:
        outcomes = review.get("outcomes") if isinstance(review.get("outcomes"), list) else []
        for outcome in outcomes or []:
            goal = str(outcome.get("goal")) if isinstance(outcome, dict) else ""
            if goal and outcome.get("progress") == "achieved" and goal not in seen:
                seen.add(goal)
                counted += c.in_period(when)
    return counted


def _outcome_changes(p: PlanAt) -> list[int]:
    """-1, 0 or 1 (worse, same, better) per outcome measure with two scores by the day."""
    if not p.in_force:
        return []
    return [change for _, change in first_and_latest([r for _, r in p.reviews])]


@figure()
def outcomes_improved(p: PlanAt, c: Context) -> int:
    return _outcome_changes(p).count(1)


@figure()
def outcomes_same(p: PlanAt, c: Context) -> int:
    return _outcome_changes(p).count(0)


@figure()
def outcomes_worse(p: PlanAt, c: Context) -> int:
    return _outcome_changes(p).count(-1)
