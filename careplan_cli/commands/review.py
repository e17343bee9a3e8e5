"""``careplan review``: record a review that took place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from careplan_cli.commands.session import Outcome, PlanSession
from careplan_cli.plan.review import (
    ReviewRequest,
    review_plan,
    reviewed_on,
    second_review_declined,
)
from careplan_cli.plan.settings import Settings

# Asks for what the review still lacks (on a terminal), given the plan's data and the entry.
Complete = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]
# Asks (on a terminal) whether to record a second review on a date that has one.
Confirm = Callable[[str], bool]


def record_review(
    settings: Settings,
    plan_ref: str,
    entry: dict[str, Any],
    *,
    close: bool = False,
    force_reason: str | None = None,
    force: bool = False,
    no_commit: bool = False,
    complete: Complete | None = None,
    confirm: Confirm | None = None,
) -> Outcome:
    """Append the review, set the next review, write and commit the plan.

    The plan's other findings never stop the record (a review that took place is recorded);
    they come back in the outcome to be reported. A second review on a date that has one
    needs ``force`` or a yes from ``confirm`` (a no stops here, nothing written).
    """
    with PlanSession(settings, no_commit=no_commit) as session:
        plan = session.open(plan_ref)
        if complete is not None:
            entry = complete(plan.data, entry)
        entry = {**entry}
        entry.setdefault("date", settings.today.isoformat())
        entry.setdefault("kind", "scheduled")
        again = False
        if not force and confirm is not None and reviewed_on(plan.data, entry["date"]):
            again = confirm(str(entry["date"]))
            if not again:
                raise second_review_declined(entry["date"])
        request = ReviewRequest(
            entry, close=close, force_reason=force_reason, force=force, second_that_day=again
        )
        session.stage(
            plan, review_plan(plan.text, plan.data, request, settings), records_event=True
        )
        verb = "Review and close" if close else "Review"
        return session.commit(f"{verb} {plan.plan_id} {entry['date']}")
