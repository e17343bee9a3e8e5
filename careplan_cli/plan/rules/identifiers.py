"""Identifier rules."""

from __future__ import annotations

from collections.abc import Iterator

from careplan_cli.plan.findings import Severity
from careplan_cli.plan.nhs import nhs_number_is_valid
from careplan_cli.plan.rules.registry import PlanContext, Problem, rule


@rule("CP401", "nhs-number", Severity.ERROR, "The NHS number passes its Modulus 11 check")
def nhs_number(ctx: PlanContext) -> Iterator[Problem]:
    """A mistyped NHS number links the plan to somebody else's record. The tenth digit is a
    Modulus 11 check digit over the first nine; a number that fails it has a typing error.
    Fictional people (tests, training) use the 999 range, e.g. 999 000 0123."""
    number = ctx.plan.get("service_user", {}).get("nhs_number")
    if isinstance(number, str) and not nhs_number_is_valid(number):
        yield Problem("/service_user/nhs_number", "fails the NHS number check digit; check it")
