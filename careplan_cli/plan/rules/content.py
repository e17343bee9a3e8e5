"""Content rules: what a care plan must say, from the drug-and-alcohol guide (a-h) and DWP.

Rules of completeness apply to plans in force (``active`` or ``on-hold``): a ``draft`` is
still being written, and a ``closed`` plan is history.
"""

from __future__ import annotations

from collections.abc import Iterator

from careplan_cli.plan.findings import Severity, pointer
from careplan_cli.plan.rules.registry import PlanContext, Problem, as_list, has_content, rule

E, W = Severity.ERROR, Severity.WARNING
# Tuples, not sets: membership by equality never hashes a value of the wrong type.
CRISIS_LEVELS = (
    ("cpa", "enhanced"),
    ("cpa", "complex"),
    ("substance-misuse", "tier-3"),
    ("substance-misuse", "tier-4"),
)
IN_FORCE = ("active", "on-hold")


def _in_force(ctx: PlanContext) -> bool:
    return ctx.plan.get("status") in IN_FORCE


@rule("CP301", "has-goals", E, "A plan in force has at least one goal")
def has_goals(ctx: PlanContext) -> Iterator[Problem]:
    """A plan sets "the goals of treatment and milestones to be achieved, taking into account
    the service user's views and goals" (guide, a)."""
    if _in_force(ctx) and not ctx.items("goals"):
        yield Problem("", "a plan in force needs at least one goal ('goals')")


@rule("CP302", "agreed", E, "A plan in force is agreed with the service user")
def agreed(ctx: PlanContext) -> Iterator[Problem]:
    """Structured treatment gives "a written care plan which is agreed with the client"; record
    the agreement (``agreement: {agreed: true, date: ...}``) before the plan becomes active.
    Format v2: a plan may rightly be in force without agreement, when the person lacks
    capacity for the decision (a best-interests decision, Mental Capacity Act 2005 s4), is
    treated under the Mental Health Act, or disagrees; then ``agreed: false`` with
    ``reason_not_agreed`` (and optionally ``basis``) records it. In v1 ``agreed`` must be true."""
    if not _in_force(ctx):
        return
    agreement = ctx.plan.get("agreement")
    if not isinstance(agreement, dict):
        yield Problem("", "record the service user's agreement ('agreement')")
    elif ctx.version >= 2 and agreement.get("agreed") is False:
        reason = agreement.get("reason_not_agreed")
        if reason is not None and not has_content(reason):  # a missing one is the schema's
            yield Problem(
                "/agreement", "a plan in force without agreement says why ('reason_not_agreed')"
            )
    elif agreement.get("agreed") is not True:
        yield Problem("/agreement/agreed", "a plan in force must be agreed with the service user")


@rule(
    "CP303",
    "intervention-responsibility",
    E,
    "Every intervention names its agency and professional",
)
def intervention_responsibility(ctx: PlanContext) -> Iterator[Problem]:
    """The plan indicates "which agency and professional is responsible for carrying out these
    interventions" (guide, b)."""
    if not _in_force(ctx):
        return
    for index, item in ctx.entries("interventions"):
        for field in ("agency", "professional"):
            if not item.get(field):
                yield Problem(
                    pointer("interventions", index), f"the intervention does not name its '{field}'"
                )


@rule("CP304", "risk-management", E, "Every risk has a management plan")
def risk_management(ctx: PlanContext) -> Iterator[Problem]:
    """The plan makes "explicit references to risk management and identifies the risk
    management plan" (guide, c): each risk says how it is managed. Format v2: a placeholder
    (``.``, ``-``, ``tbc``, ``n/a``) is not a management plan."""
    if not _in_force(ctx):
        return
    for index, item in ctx.entries("risks"):
        management = item.get("management")
        if not management or (ctx.version >= 2 and not has_content(management)):
            yield Problem(pointer("risks", index), "the risk has no 'management' plan")


@rule("CP307", "consent-recorded", E, "Consent to share information is recorded")
def consent_recorded(ctx: PlanContext) -> Iterator[Problem]:
    """The plan identifies "what information will be given to other professionals/agencies and
    under which circumstances" (guide, d), which rests on recorded consent."""
    if not _in_force(ctx):
        return
    sharing = ctx.plan.get("information_sharing")
    if not isinstance(sharing, dict) or not isinstance(sharing.get("consent"), dict):
        yield Problem(
            "/information_sharing" if sharing else "",
            "record consent to share information ('information_sharing.consent')",
        )


@rule("CP308", "engagement-plan", E, "Difficulty engaging comes with an engagement plan")
def engagement_plan(ctx: PlanContext) -> Iterator[Problem]:
    """ "Where an individual has been difficult to engage ... the plan should identify a plan
    for promoting and enhancing their engagement" (guide, e)."""
    engagement = ctx.plan.get("engagement")
    if (
        isinstance(engagement, dict)
        and engagement.get("difficult_to_engage") is True
        and not engagement.get("plan")
    ):
        yield Problem("/engagement", "difficult_to_engage is true but there is no 'plan'")


@rule("CP309", "review-triggers", W, "Circumstances that trigger an early review are listed")
def review_triggers(ctx: PlanContext) -> Iterator[Problem]:
    """The plan identifies "circumstances where other reviews may be necessary" (guide, g),
    such as admission to hospital, arrest or loss of contact."""
    if _in_force(ctx) and not ctx.plan.get("review_triggers"):
        yield Problem("", "list the circumstances that trigger an early review ('review_triggers')")


@rule("CP310", "diversity-recorded", W, "Culture, ethnicity, gender and sexuality are recorded")
def diversity_recorded(ctx: PlanContext) -> Iterator[Problem]:
    """The plan reflects "the cultural and ethnic background of the service user, as well as
    their gender and sexuality" (guide, h). Write 'not-stated' or 'declined' when that is the
    answer: a missing field means nobody asked."""
    if not _in_force(ctx):
        return
    diversity = ctx.plan.get("diversity")
    recorded = diversity if isinstance(diversity, dict) else {}
    missing = [f for f in ("culture", "ethnicity", "gender", "sexuality") if not recorded.get(f)]
    if missing:
        yield Problem(
            "/diversity" if diversity is not None else "",
            "not recorded: " + ", ".join(missing) + " (use not-stated or declined)",
        )


@rule("CP311", "goal-has-intervention", W, "Every active goal has an intervention")
def goal_has_intervention(ctx: PlanContext) -> Iterator[Problem]:
    """A goal that no intervention serves has nobody working towards it."""
    if not _in_force(ctx):
        return
    served = {
        g
        for item in ctx.items("interventions")
        for g in as_list(item.get("goals"))
        if isinstance(g, str)
    }
    for index, goal in ctx.entries("goals"):
        ident = goal.get("id")
        if (
            goal.get("status", "active") == "active"
            and isinstance(ident, str)
            and ident not in served
        ):
            yield Problem(pointer("goals", index), "no intervention serves this active goal")


@rule("CP312", "copy-to-service-user", W, "The service user was given a copy")
def copy_to_service_user(ctx: PlanContext) -> Iterator[Problem]:
    """ "Copies of the agreed Care Plan are given to the customer, carer, care co-ordinator and
    others involved" (DWP). Record it in ``copies`` (recipient: service-user)."""
    if not _in_force(ctx):
        return
    if not any(c.get("recipient") == "service-user" for c in ctx.items("copies")):
        yield Problem(
            "/copies" if "copies" in ctx.plan else "",
            "no record of a copy given to the service user",
        )


@rule("CP313", "social-care-needs-met", E, "Social care: each need to be met has an intervention")
def social_care_needs_met(ctx: PlanContext) -> Iterator[Problem]:
    """A social-care plan describes how each eligible need will be met. A need marked
    ``to_be_met`` is met by an intervention naming it, directly or through one of its goals."""
    if ctx.plan.get("type") != "social-care" or not _in_force(ctx):
        return
    goal_needs = {
        g.get("id"): {n for n in as_list(g.get("needs")) if isinstance(n, str)}
        for g in ctx.items("goals")
        if isinstance(g.get("id"), str)
    }
    met: set[object] = set()
    for item in ctx.items("interventions"):
        met.update(n for n in as_list(item.get("needs")) if isinstance(n, str))
        for goal in as_list(item.get("goals")):
            met.update(goal_needs.get(goal, set()) if isinstance(goal, str) else set())
    for index, need in ctx.entries("needs"):
        ident = need.get("id")
        if need.get("to_be_met", True) and isinstance(ident, str) and ident not in met:
            yield Problem(pointer("needs", index), "no intervention meets this need")


@rule("CP314", "personal-budget", E, "Social care: the personal budget is stated")
def personal_budget(ctx: PlanContext) -> Iterator[Problem]:
    """Under the Care Act a social-care plan states the personal budget that pays for it."""
    if (
        ctx.plan.get("type") == "social-care"
        and _in_force(ctx)
        and not ctx.plan.get("personal_budget")
    ):
        yield Problem("", "a social-care plan needs its 'personal_budget'")


@rule("CP315", "substance-misuse-milestones", E, "Substance misuse: goals have milestones")
def substance_misuse_milestones(ctx: PlanContext) -> Iterator[Problem]:
    """Treatment goals come with "milestones to be achieved" (guide, a), which reviews
    measure progress against."""
    if ctx.plan.get("type") != "substance-misuse" or not _in_force(ctx):
        return
    for index, goal in ctx.entries("goals"):
        if goal.get("status", "active") in ("active", "proposed") and not goal.get("milestones"):
            yield Problem(pointer("goals", index), "the goal has no milestones")
