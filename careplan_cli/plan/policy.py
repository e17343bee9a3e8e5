"""Review policy: how long a plan may go between reviews, by plan type and level."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from careplan_cli.plan.dates import add_days, add_months

# Defaults from the sources: CPA plans are "reviewed every three to six months" (DWP);
# substance-misuse structured treatment quarterly; social care (Care Act statutory
# guidance) a first review within 6-8 weeks of the plan starting, then at least yearly.
DEFAULT_MAX_MONTHS: dict[str, int] = {
    "cpa/standard": 6,
    "cpa/enhanced": 3,
    "cpa/complex": 3,
    "cpa/non-cpa": 12,
    "substance-misuse/tier-2": 3,
    "substance-misuse/tier-3": 3,
    "substance-misuse/tier-4": 3,
    "social-care": 12,
}


@dataclass(frozen=True)
class ReviewPolicy:
    max_months: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_MAX_MONTHS))
    social_care_first_review_weeks: int = 8
    follow_up: str = "7d"  # after discharge: "7d" (counted from the day after) or "72h"

    def follow_up_deadline(self, discharged: datetime) -> datetime:
        """The latest follow-up contact the window allows after a discharge at ``discharged``.

        7 days count from the day after discharge, so the contact may fall on any time of the
        seventh day after; 72 hours count from the discharge time.
        """
        if self.follow_up == "72h":
            return discharged + timedelta(hours=72)
        last_day = discharged.date() + timedelta(days=7)
        return datetime.combine(last_day, time.max)

    def key(self, plan_type: object, level: object) -> str:
        return f"{plan_type}/{level}" if plan_type != "social-care" else "social-care"

    def latest_next_review(
        self, plan_type: object, level: object, start: date, last_review: date | None
    ) -> date | None:
        """The latest allowed next review date, counted from the last review or the start.

        None when the policy sets no limit for this type and level.
        """
        if plan_type == "social-care" and last_review is None:
            return add_days(start, 7 * self.social_care_first_review_weeks)
        months = self.max_months.get(self.key(plan_type, level))
        if months is None:
            return None
        return add_months(last_review or start, months)

    def describe(self, plan_type: object, level: object, last_review: date | None) -> str:
        """The interval :meth:`latest_next_review` applies, in words (no plan values)."""
        if plan_type == "social-care" and last_review is None:
            return f"{self.social_care_first_review_weeks} weeks"
        months = self.max_months.get(self.key(plan_type, level))
        return f"{months} months" if months is not None else "no limit"
