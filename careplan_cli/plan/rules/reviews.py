"""Format v2 review rules: what a review records, and plans on hold."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from careplan_cli.plan.findings import Severity, pointer
from careplan_cli.plan.reviewgoals import goals_owed
from careplan_cli.plan.rules.registry import (
    V2_ONLY,
    PlanContext,
    Problem,
    as_dict,
    as_list,
    has_content,
    rule,
)

E, W = Severity.ERROR, Severity.WARNING


def _missing_content(ctx: PlanContext, carried_over: bool) -> Iterator[Problem]:
    reviews = ctx.entries("reviews")
    latest = reviews[-1][0] if reviews else None
    for index, review in reviews:
        if (review.get("recorded_under_v1") is True) != carried_over:
            continue
        yield from _review_gaps(ctx, index, review, index == latest)


GAPS = {
    "relevance": "the review does not record 'relevance'",
    "effectiveness": "the review does not record 'effectiveness'",
    "unmet_needs": "the review does not record 'unmet_needs' (an empty list says none)",
    "satisfaction": "the review does not record 'satisfaction' (not-asked, with a reason)",
}


def content_gaps(review: dict[str, Any]) -> list[str]:
    """The assessments (fields) a review does not record, in the order of :data:`GAPS`."""
    lacking = {
        "relevance": not has_content(review.get("relevance")),
        "effectiveness": not has_content(review.get("effectiveness")),
        "unmet_needs": not isinstance(review.get("unmet_needs"), list),
        "satisfaction": not isinstance(review.get("satisfaction"), dict),
    }
    return [field for field in GAPS if lacking[field]]


def unassessed_goals(plan: dict[str, Any], review: dict[str, Any]) -> list[str]:
    """The goals a review owes an outcome (see :func:`owes_outcome`) and has none for."""
    assessed = [as_dict(o).get("goal") for o in as_list(review.get("outcomes"))]
    return [goal for goal in goals_owed(plan, review.get("date")) if goal not in assessed]


def _review_gaps(
    ctx: PlanContext, index: int, review: dict[str, Any], latest: bool
) -> Iterator[Problem]:
    where = pointer("reviews", index)
    for field in content_gaps(review):
        yield Problem(where, GAPS[field])
    if not latest:
        return
    unassessed = unassessed_goals(ctx.plan, review)
    for goal_index, goal in ctx.entries("goals"):
        if goal.get("id") in unassessed:
            yield Problem(
                pointer("goals", goal_index),
                f"the latest review (review {index + 1}) has no outcome for this active goal",
            )


@rule("CP316", "review-content", E, "A review records its four assessments", versions=V2_ONLY)
def review_content(ctx: PlanContext) -> Iterator[Problem]:
    """A review assesses "the relevance of the plan as it stands; its effectiveness and
    outcomes; any unmet needs; client satisfaction with care received" (the drug-and-alcohol
    guide; the DWP page). Each review records ``relevance``, ``effectiveness``,
    ``unmet_needs`` (an empty list is an answer) and ``satisfaction`` (``not-asked`` is an
    answer, with ``reason_not_asked``); the latest review has an outcome for every active goal
    the plan had before it. A goal whose ``added`` date (``careplan add`` sets it) is on or
    after the latest review's date is left for the next review, so that a goal can be added
    between reviews. ``careplan review --force`` waives only the policy interval, never this."""
    yield from _missing_content(ctx, carried_over=False)


@rule(
    "CP317",
    "review-content-carried-over",
    W,
    "A review carried over from format v1 lacks some of its four assessments",
    versions=V2_ONLY,
)
def review_content_carried_over(ctx: PlanContext) -> Iterator[Problem]:
    """Reviews that ``careplan migrate`` carried over from format v1
    (``recorded_under_v1: true``) were recorded when the format did not ask for the four
    assessments; what they lack is reported as a warning, since it cannot be made up after
    the event. Add it from the review's notes where they hold it."""
    yield from _missing_content(ctx, carried_over=True)


@rule(
    "CP206",
    "on-hold-review-by",
    E,
    "A plan on hold says when the hold is reviewed",
    versions=V2_ONLY,
)
def on_hold_review_by(ctx: PlanContext) -> Iterator[Problem]:
    """A plan put on hold is still somebody's care: without a date to look at it again it is
    never reviewed and nobody is told. ``hold_review_by`` sets that date, and ``careplan due``
    lists the plan, in its own section, when the date is near or past."""
    if ctx.plan.get("status") == "on-hold" and not ctx.plan.get("hold_review_by"):
        yield Problem(
            "/status", "a plan on hold needs 'hold_review_by' (the date to review the hold)"
        )
