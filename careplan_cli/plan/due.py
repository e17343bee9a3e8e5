"""Which reviews are due: the core of ``careplan due`` and ``careplan list``.

Takes loaded plans and today's date, returns plain rows; knows nothing of output formats.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from careplan_cli.plan.dates import as_date


@dataclass(frozen=True)
class PlanSummary:
    """What due and list show of one plan. ``service_user`` is shown only on request."""

    file: str
    id: str
    type: str
    level: str | None
    status: str
    coordinator: str
    next_review: date | None
    last_review: date | None
    service_user: str
    # On-hold plans: when the hold is reviewed, as ISO text (the result cache stores summaries
    # as JSON and converts only the two dates above).
    hold_review_by: str | None = None

    @classmethod
    def empty(cls) -> PlanSummary:
        return cls("", "", "", None, "", "", None, None, "")

    def days_past_hold_review(self, today: date) -> int | None:
        """Days since the hold review fell due (negative: days left); None when undated."""
        when = self.hold_date
        return None if when is None else (today - when).days

    @property
    def hold_date(self) -> date | None:
        return as_date(self.hold_review_by)

    @property
    def kind(self) -> str:
        return f"{self.type}/{self.level}" if self.level else self.type

    def days_overdue(self, today: date) -> int | None:
        """Days since the review fell due (negative: days left); None when no date is set."""
        return None if self.next_review is None else (today - self.next_review).days


def summarise_plan(file: str, plan: dict[str, Any]) -> PlanSummary:
    reviews = plan.get("reviews") or []
    review_dates = [d for d in (as_date(r.get("date")) for r in reviews) if d is not None]
    return PlanSummary(
        hold_review_by=_iso(as_date(plan.get("hold_review_by"))),
        file=file,
        id=str(plan.get("id", "")),
        type=str(plan.get("type", "")),
        level=plan.get("level") or plan.get("client_group"),
        status=str(plan.get("status", "")),
        coordinator=str(plan.get("coordinator", {}).get("name", "")),
        next_review=as_date(plan.get("next_review")),
        last_review=max(review_dates, default=None),
        service_user=str(plan.get("service_user", {}).get("name", "")),
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _matches(name: str, wanted: str | None) -> bool:
    return wanted is None or name.casefold() == wanted.casefold()


def due_reviews(
    plans: Iterable[PlanSummary],
    today: date,
    horizon: date,
    *,
    overdue_only: bool = False,
    coordinator: str | None = None,
) -> list[PlanSummary]:
    """Active plans whose next review is missing, past, or on or before ``horizon``.

    Plans with no next review date come first (nobody will be reminded of them), then the
    most overdue; ties by id.
    """
    listed = []
    for plan in plans:
        if plan.status != "active" or not _matches(plan.coordinator, coordinator):
            continue
        when = plan.next_review
        if when is None or when < today or (not overdue_only and when <= horizon):
            listed.append(plan)
    return sorted(listed, key=lambda p: (p.next_review or date.min, p.id))


def holds_due(
    plans: Iterable[PlanSummary],
    today: date,
    horizon: date,
    *,
    overdue_only: bool = False,
    coordinator: str | None = None,
) -> list[PlanSummary]:
    """On-hold plans whose hold review (``hold_review_by``) is missing, past, or on or before
    ``horizon``: a plan on hold is still somebody's care, but it is listed only when its hold
    needs looking at, so that cron stays quiet otherwise. Undated first, then most overdue."""
    listed = []
    for plan in plans:
        if plan.status != "on-hold" or not _matches(plan.coordinator, coordinator):
            continue
        when = plan.hold_date
        if when is None or when < today or (not overdue_only and when <= horizon):
            listed.append(plan)
    return sorted(listed, key=lambda p: (p.hold_date or date.min, p.id))


def select_plans(
    plans: Iterable[PlanSummary],
    *,
    status: str | None = None,
    plan_type: str | None = None,
    coordinator: str | None = None,
) -> list[PlanSummary]:
    """Plans matching every filter given, ordered by id."""
    chosen = [
        p
        for p in plans
        if (status is None or p.status == status)
        and (plan_type is None or p.type == plan_type)
        and _matches(p.coordinator, coordinator)
    ]
    return sorted(chosen, key=lambda p: (p.id, p.file))
