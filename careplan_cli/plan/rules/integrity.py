"""Integrity rules: the plan is internally consistent (ids, references, dates)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from careplan_cli.plan.dates import as_date
from careplan_cli.plan.findings import Severity, pointer
from careplan_cli.plan.rules.registry import PlanContext, Problem, as_dict, as_list, rule

E = Severity.ERROR
ID_SECTIONS = {
    "needs": "need",
    "goals": "goal",
    "interventions": "intervention",
    "risks": "risk",
    "carers": "carer",
    "care_team": "care team",
}


@rule("CP101", "id-matches-file-name", E, "The plan id equals the file name")
def id_matches_file_name(ctx: PlanContext) -> Iterator[Problem]:
    """A plan lives in ``plans/<id>.yaml`` so that people and tools find it by id. Rename the
    file or correct the id so that they agree."""
    if ctx.plan.get("id") != ctx.file_stem:
        yield Problem("/id", "the plan id differs from the file name (without .yaml)")


@rule(
    "CP102",
    "unique-ids",
    E,
    "Ids are unique within needs, goals, interventions, risks, carers and care team",
)
def unique_ids(ctx: PlanContext) -> Iterator[Problem]:
    """Goals, interventions and outcomes refer to each other by id; a repeated id makes those
    references ambiguous. Format v2 gives carers (C1) and care-team members (T1) ids too."""
    for section, noun in ID_SECTIONS.items():
        seen: set[str] = set()
        for index, item in ctx.entries(section):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            if ident in seen:
                yield Problem(pointer(section, index, "id"), f"this {noun} id is used twice")
            seen.add(ident)


def _ids(ctx: PlanContext, section: str) -> set[str]:
    return ctx.ids(section)


@rule("CP103", "references-resolve", E, "Every reference to a need or goal exists")
def references_resolve(ctx: PlanContext) -> Iterator[Problem]:
    """Goals name the needs they address, interventions the goals and needs they serve, and
    review outcomes the goal they assess. Each such id must exist in the plan."""
    needs, goals = _ids(ctx, "needs"), _ids(ctx, "goals")
    links = [
        ("goals", "needs", needs, "need"),
        ("interventions", "goals", goals, "goal"),
        ("interventions", "needs", needs, "need"),
    ]
    for section, field, targets, noun in links:
        for index, item in ctx.entries(section):
            for ref_index, ref in enumerate(as_list(item.get(field))):
                if isinstance(ref, str) and ref not in targets:
                    yield Problem(
                        pointer(section, index, field, ref_index),
                        f"refers to a {noun} id that is not in the plan",
                    )
    for index, review in ctx.entries("reviews"):
        for out_index, outcome in enumerate(as_list(review.get("outcomes"))):
            goal = as_dict(outcome).get("goal")
            if isinstance(goal, str) and goal not in goals:
                yield Problem(
                    pointer("reviews", index, "outcomes", out_index, "goal"),
                    "refers to a goal id that is not in the plan",
                )


@rule("CP104", "dates-in-order", E, "Birth, creation, start and end dates are in order")
def dates_in_order(ctx: PlanContext) -> Iterator[Problem]:
    """Date of birth comes before the plan was created; created on or before start; start on
    or before end. A date out of order is almost always a typing slip."""
    plan = ctx.plan
    service_user = ctx.section("service_user")
    chain = [
        (
            "/service_user/date_of_birth",
            as_date(service_user.get("date_of_birth")),
            "date of birth",
        ),
        ("/created", as_date(plan.get("created")), "created date"),
        ("/start", as_date(plan.get("start")), "start date"),
        ("/end", as_date(plan.get("end")), "end date"),
    ]
    present = [(path, value, label) for path, value, label in chain if value is not None]
    for (_, before, before_label), (path, after, _label) in pairwise(present):
        strictly = before_label == "date of birth"
        if after < before or (strictly and after == before):
            yield Problem(path, f"is earlier than the {before_label}")


@rule("CP105", "reviews-chronological", E, "Reviews are recorded oldest first, after the start")
def reviews_chronological(ctx: PlanContext) -> Iterator[Problem]:
    """The review history is read from top to bottom; the latest review is the last entry.
    A review dated before the plan was created cannot have reviewed it."""
    previous = as_date(ctx.plan.get("created"))
    for index, review in ctx.entries("reviews"):
        when = as_date(review.get("date"))
        if when is not None and previous is not None and when < previous:
            what = "the review before it" if index else "the plan's created date"
            yield Problem(pointer("reviews", index, "date"), f"is earlier than {what}")
        previous = when or previous


@rule("CP106", "no-future-dates", E, "No review is dated after today")
def no_future_dates(ctx: PlanContext) -> Iterator[Problem]:
    """A review is recorded after it has happened, and a plan after it was written. Dates in
    the future usually mean a wrong year. Use ``--today`` to check as of another day."""
    created = as_date(ctx.plan.get("created"))
    if created is not None and created > ctx.today:
        yield Problem("/created", "is after today")
    for index, review in ctx.entries("reviews"):
        when = as_date(review.get("date"))
        if when is not None and when > ctx.today:
            yield Problem(pointer("reviews", index, "date"), "is after today")


@rule("CP107", "closed-plan-has-end", E, "A closed plan has an end date")
def closed_plan_has_end(ctx: PlanContext) -> Iterator[Problem]:
    """When a plan is closed, the date it ended is part of the record (discharge, transfer)."""
    if ctx.plan.get("status") == "closed" and not ctx.plan.get("end"):
        yield Problem("/status", "the plan is closed but has no end date; set 'end'")
