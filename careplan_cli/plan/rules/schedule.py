"""Review schedule rules: the next review is set, recorded, and within the policy interval."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from careplan_cli.plan.dates import as_date
from careplan_cli.plan.findings import Severity, pointer
from careplan_cli.plan.rules.registry import PlanContext, Problem, rule

E = Severity.ERROR


def _latest_review(ctx: PlanContext) -> tuple[int, dict[str, Any]] | None:
    reviews = ctx.items("reviews")
    return (len(reviews) - 1, reviews[-1]) if reviews else None


def _reopened(ctx: PlanContext) -> date | None:
    """The date of the latest reopening (``status_history``: closed -> active), if any. A
    reopened plan starts a new schedule: its next review is set when it is reopened."""
    dates = [
        as_date(entry.get("date"))
        for entry in ctx.items("status_history")
        if entry.get("from") == "closed" and entry.get("to") == "active"
    ]
    known = [d for d in dates if d is not None]
    return max(known) if known else None


@rule("CP201", "next-review-set", E, "An active plan has a next review date")
def next_review_set(ctx: PlanContext) -> Iterator[Problem]:
    """ "The date of the next review meeting is set and recorded at each meeting." An active
    plan without one will never be noticed as overdue."""
    if ctx.is_active and not ctx.plan.get("next_review"):
        yield Problem(
            "/next_review" if "next_review" in ctx.plan else "",
            "an active plan needs a next review date ('next_review')",
        )


@rule("CP202", "next-review-after-latest", E, "The next review is after the latest review")
def next_review_after_latest(ctx: PlanContext) -> Iterator[Problem]:
    """A next review on or before the latest review's date was not updated at that review."""
    latest = _latest_review(ctx)
    upcoming = as_date(ctx.plan.get("next_review"))
    if latest is None or upcoming is None:
        return
    held = as_date(latest[1].get("date"))
    if held is not None and upcoming <= held:
        yield Problem("/next_review", "is not after the date of the latest review")


@rule("CP203", "next-review-recorded", E, "The latest review set the plan's next review date")
def next_review_recorded(ctx: PlanContext) -> Iterator[Problem]:
    """The next review date is decided at a review and recorded in it; the plan's
    ``next_review`` must be the one the latest review set, or the two records disagree. It may
    be earlier (a review brought forward, as on a change of level: sooner, never later); a plan
    reopened since its latest review has its next review set at the reopening."""
    latest = _latest_review(ctx)
    if latest is None or ctx.plan.get("status") == "closed":
        return
    index, review = latest
    held, reopened = as_date(review.get("date")), _reopened(ctx)
    if reopened is not None and (held is None or reopened >= held):
        return  # set at the reopening, after the latest review
    decided, upcoming = as_date(review.get("next_review")), as_date(ctx.plan.get("next_review"))
    if decided is not None and upcoming is not None and upcoming < decided:
        return  # brought forward (e.g. on a change of level): reviewed sooner, never later
    if decided != upcoming:
        yield Problem(
            pointer("reviews", index, "next_review"),
            "differs from the plan's next_review; the latest review sets it",
        )


@rule("CP204", "review-interval", E, "The next review is within the review policy's interval")
def review_interval(ctx: PlanContext) -> Iterator[Problem]:
    """Plans are reviewed at least as often as the policy profile says (cpa-2008, the default:
    cpa standard 6 months, enhanced and complex 3 months, non-cpa 12 months; substance misuse
    3 months; social care every 12 months after its first review, CP205). Counted from the
    latest review (or a later reopening), or from the start. ``policy`` and
    ``[review_policy]`` in ``careplan.toml`` change these (docs/policy.md); a review forced
    outside the policy records its reason (``override_reason``) and is not reported."""
    if not ctx.is_active:
        return
    upcoming = as_date(ctx.plan.get("next_review"))
    start = as_date(ctx.plan.get("start")) or as_date(ctx.plan.get("created"))
    latest = _latest_review(ctx)
    if upcoming is None or start is None:
        return
    if latest is not None and latest[1].get("override_reason"):
        return
    last_date = as_date(latest[1].get("date")) if latest else None
    reopened = _reopened(ctx)
    counted = "latest review" if last_date else "start"
    if reopened is not None and (last_date is None or reopened > last_date):
        last_date, counted = reopened, "reopening"  # a reopened plan's schedule starts again
    if ctx.plan.get("type") == "social-care" and last_date is None:
        return  # the first social-care review is rule CP205's
    limit = ctx.policy.latest_next_review(
        ctx.plan.get("type"), ctx.plan.get("level"), start, last_date
    )
    if limit is not None and upcoming > limit:
        interval = ctx.policy.describe(ctx.plan.get("type"), ctx.plan.get("level"), last_date)
        yield Problem(
            "/next_review",
            f"is later than the review policy allows: at most {interval} after the "
            f"{counted} for this plan type and level",
        )


@rule(
    "CP205", "social-care-first-review", E, "Social care: the first review is soon after sign-off"
)
def social_care_first_review(ctx: PlanContext) -> Iterator[Problem]:
    """The Care and Support Statutory Guidance (chapter 13) expects "a light-touch review ...
    6 to 8 weeks after" a care and support plan is signed off (counted from ``start``), then
    reviews at least every 12 months (CP204). Guidance, not law: a warning in every profile
    except cpa-1999, which keeps v1's error; the weeks are
    ``review_policy.social_care_first_review_weeks``."""
    if not ctx.is_active or ctx.plan.get("type") != "social-care" or _latest_review(ctx):
        return
    upcoming = as_date(ctx.plan.get("next_review"))
    start = as_date(ctx.plan.get("start")) or as_date(ctx.plan.get("created"))
    if upcoming is None or start is None:
        return
    limit = ctx.policy.latest_next_review("social-care", None, start, None)
    if limit is not None and upcoming > limit:
        weeks = ctx.policy.social_care_first_review_weeks
        yield Problem(
            "/next_review",
            f"the first review of a social-care plan falls within {weeks} weeks of the start",
        )
