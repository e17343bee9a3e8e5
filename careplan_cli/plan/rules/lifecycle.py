"""Format v2: closure and the plan's level under current policy."""

from __future__ import annotations

from collections.abc import Iterator

from careplan_cli.plan.dates import as_date
from careplan_cli.plan.findings import Severity
from careplan_cli.plan.rules.content import IN_FORCE
from careplan_cli.plan.rules.registry import V2_ONLY, PlanContext, Problem, rule

E, W = Severity.ERROR, Severity.WARNING


@rule("CP108", "closure-recorded", E, "A closed plan records its closure", versions=V2_ONLY)
def closure_recorded(ctx: PlanContext) -> Iterator[Problem]:
    """When a plan closes, the record says when, why (``treatment-completed``,
    ``discharged-to-gp``, ``transferred``, ``moved-away``, ``declined-service``, ``disengaged``,
    ``died`` or ``other``), where care continues and who was told (``closure``). Its date is
    the plan's end date."""
    closure = ctx.section("closure")
    if ctx.plan.get("status") == "closed" and not closure:
        yield Problem("/status", "a closed plan records its 'closure' (date, reason)")
    end, closed = as_date(ctx.plan.get("end")), as_date(closure.get("date"))
    if end is not None and closed is not None and end != closed:
        yield Problem("/closure/date", "differs from the plan's end date")


@rule("CP325", "no-standard-cpa", W, "Standard CPA ended in 2008", versions=V2_ONLY)
def no_standard_cpa(ctx: PlanContext) -> Iterator[Problem]:
    """Refocusing the Care Programme Approach (DH, 2008) kept CPA for people with complex needs
    and made "standard CPA" non-CPA support; the Community Mental Health Framework (2019)
    then replaced CPA itself. A plan in force at ``level: standard`` is kept for history
    only under the cpa-1999 profile (where this rule is off): use ``non-cpa``, or
    ``enhanced``/``complex`` where the person's needs are complex."""
    plan = ctx.plan
    if plan.get("status") in IN_FORCE and (plan.get("type"), plan.get("level")) == (
        "cpa",
        "standard",
    ):
        yield Problem("/level", "standard CPA ended in 2008: use non-cpa, or enhanced/complex")
