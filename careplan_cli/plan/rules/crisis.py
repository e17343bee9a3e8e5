"""Crisis and contingency plans: required by level (v1), by risk or level (v2)."""

from __future__ import annotations

from collections.abc import Iterator

from careplan_cli.plan.findings import Severity
from careplan_cli.plan.rules.content import CRISIS_LEVELS, IN_FORCE
from careplan_cli.plan.rules.registry import PlanContext, Problem, has_content, rule

E = Severity.ERROR
CRISIS_FIELDS = ("responds_best_to", "what_has_worked", "contacts")


def _needs_crisis_plan(ctx: PlanContext) -> str | None:
    """Why this plan needs crisis and contingency plans, or None."""
    if ctx.plan.get("status") not in IN_FORCE:
        return None
    if (ctx.plan.get("type"), ctx.plan.get("level")) in CRISIS_LEVELS:
        return "this plan type and level needs"
    if ctx.version >= 2 and any(r.get("level") == "high" for _, r in ctx.entries("risks")):
        return "a plan with a high risk needs"
    return None


def _filled(ctx: PlanContext, value: object) -> bool:
    return has_content(value) if ctx.version >= 2 else bool(value)


@rule(
    "CP305", "crisis-plan", E, "High-risk, enhanced, complex and tier-3/4 plans have a crisis plan"
)
def crisis_plan(ctx: PlanContext) -> Iterator[Problem]:
    """People on enhanced or complex CPA, or in tier-3/4 treatment, are the most likely to be at
    risk or to disengage; in format v2 so is anyone with a risk rated ``high``, whatever the
    level. Their plan says who they respond best to, how to reach help (``contacts``) and what
    has worked before, each with real content: a placeholder such as ``.``, ``-``, ``tbc`` or
    ``n/a`` is not a crisis plan. An error in every policy profile."""
    why = _needs_crisis_plan(ctx)
    if why is None:
        return
    plan = ctx.plan.get("crisis_plan")
    if not isinstance(plan, dict):
        yield Problem("", f"{why} a 'crisis_plan'")
        return
    for field in CRISIS_FIELDS:
        if not _filled(ctx, plan.get(field)):
            yield Problem("/crisis_plan", f"the crisis plan needs '{field}'")


@rule(
    "CP306",
    "contingency-plan",
    E,
    "High-risk, enhanced, complex and tier-3/4 plans have a contingency plan",
)
def contingency_plan(ctx: PlanContext) -> Iterator[Problem]:
    """The plan identifies "contingency plans" (guide, c): what happens if it breaks down or
    the coordinator is not available. Required as the crisis plan is (CP305), with content
    rather than a placeholder in format v2."""
    why = _needs_crisis_plan(ctx)
    if why is not None and not _filled(ctx, ctx.plan.get("contingency_plan")):
        where = "/contingency_plan" if "contingency_plan" in ctx.plan else ""
        yield Problem(where, f"{why} a 'contingency_plan'")
