"""Format v2: Care Act 2014 plans, carers and safeguarding."""

from __future__ import annotations

from collections.abc import Iterator

from careplan_cli.plan.findings import Severity, pointer
from careplan_cli.plan.rules.content import IN_FORCE
from careplan_cli.plan.rules.registry import (
    V2_ONLY,
    PlanContext,
    Problem,
    as_dict,
    as_list,
    rule,
)

E, W = Severity.ERROR, Severity.WARNING


def _social_care_in_force(ctx: PlanContext) -> bool:
    return ctx.plan.get("type") == "social-care" and ctx.plan.get("status") in IN_FORCE


@rule(
    "CP323",
    "care-act-eligibility",
    E,
    "Social care: each need says whether it is eligible",
    versions=V2_ONLY,
)
def care_act_eligibility(ctx: PlanContext) -> Iterator[Problem]:
    """A care and support plan (Care Act 2014 s25) sets out the needs and which of them meet
    the eligibility criteria: the Care and Support (Eligibility Criteria) Regulations 2015 list
    ten outcomes, and a need is eligible when the person cannot achieve two or more of them
    with a significant impact on their wellbeing. Each need to be met records ``eligible``, and
    an eligible need the outcomes (``eligibility_outcomes``) it concerns."""
    if not _social_care_in_force(ctx):
        return
    for index, need in ctx.entries("needs"):
        if need.get("to_be_met", True) is not True:
            continue
        if not isinstance(need.get("eligible"), bool):
            yield Problem(
                pointer("needs", index), "record whether the need is eligible ('eligible')"
            )
        elif need.get("eligible") and not as_list(need.get("eligibility_outcomes")):
            yield Problem(
                pointer("needs", index),
                "an eligible need names its outcomes ('eligibility_outcomes')",
            )


@rule(
    "CP324",
    "personal-budget-details",
    E,
    "Social care: the budget's management, breakdown and contribution",
    versions=V2_ONLY,
)
def personal_budget_details(ctx: PlanContext) -> Iterator[Problem]:
    """The personal budget (Care Act 2014 s26) states the cost, the amount the person must pay
    (their assessed contribution, after the financial assessment) and what the authority pays;
    the plan says how it is managed (direct payment, individual service fund or
    council-managed, s26 and ss 31-33). A breakdown, when given, adds up to the amount."""
    budget = ctx.section("personal_budget")
    if not _social_care_in_force(ctx) or not budget:
        return
    for field in ("managed_as", "assessed_contribution"):
        if field not in budget:
            yield Problem("/personal_budget", f"the personal budget needs '{field}'")
    items = [as_dict(i).get("amount") for i in as_list(budget.get("breakdown"))]
    amount = budget.get("amount")
    if not isinstance(amount, int | float):
        return
    numbers = [i for i in items if isinstance(i, int | float) and not isinstance(i, bool)]
    complete = items and len(numbers) == len(items)
    if complete and abs(sum(numbers) - amount) > 0.005:
        yield Problem("/personal_budget/breakdown", "the breakdown does not add up to the amount")


@rule("CP322", "carer-assessment", W, "Each carer's assessment is recorded", versions=V2_ONLY)
def carer_assessment(ctx: PlanContext) -> Iterator[Problem]:
    """Care Act 2014 s10: a local authority must assess any carer who appears to have needs
    for support. Record for each carer whether an assessment was offered, declined or
    completed, and when (``assessment: {status, date}``); a completed assessment leads to a
    support plan (``support_plan_ref``)."""
    if ctx.plan.get("status") not in IN_FORCE:
        return
    for index, carer in ctx.entries("carers"):
        assessment = as_dict(carer.get("assessment"))
        if not assessment.get("status") or not assessment.get("date"):
            yield Problem(pointer("carers", index), "record the carer's assessment and its date")
        elif assessment.get("status") == "completed" and not carer.get("support_plan_ref"):
            yield Problem(
                pointer("carers", index),
                "a completed assessment leads to a support plan ('support_plan_ref')",
            )


@rule(
    "CP701",
    "safeguarding-concern",
    E,
    "A safeguarding concern records its referral and outcome",
    versions=V2_ONLY,
)
def safeguarding_concern(ctx: PlanContext) -> Iterator[Problem]:
    """Care Act 2014 s42 and the Care and Support Statutory Guidance, chapter 14: a concern is
    recorded with its date, category, whether a referral was made (and when), and its
    outcome once closed."""
    for index, item in enumerate(as_list(ctx.section("safeguarding").get("concerns"))):
        concern = as_dict(item)
        where = pointer("safeguarding", "concerns", index)
        if concern.get("referral_made") is True and not concern.get("referral_date"):
            yield Problem(where, "record the date of the referral ('referral_date')")
        if concern.get("closed") and not concern.get("outcome"):
            yield Problem(where, "a closed concern records its 'outcome'")
