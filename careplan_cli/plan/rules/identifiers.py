"""Identifier rules."""

from __future__ import annotations

import re
from collections.abc import Iterator

from careplan_cli.plan.findings import Severity
from careplan_cli.plan.nhs import nhs_number_is_valid
from careplan_cli.plan.rules.registry import PlanContext, Problem, rule

NHS_FORM = re.compile(r"[0-9]{3} ?[0-9]{3} ?[0-9]{4}")


@rule("CP401", "nhs-number", Severity.ERROR, "The NHS number passes its Modulus 11 check")
def nhs_number(ctx: PlanContext) -> Iterator[Problem]:
    """A mistyped NHS number links the plan to somebody else's record. The tenth digit is a
    Modulus 11 check digit over the first nine; a number that fails it has a typing error.
    Fictional people (tests, training) use the 999 range, e.g. 999 000 0123."""
    number = ctx.section("service_user").get("nhs_number")
    # A number not written as 10 digits is the schema's finding; only its check digit is ours.
    if isinstance(number, str) and NHS_FORM.fullmatch(number) and not nhs_number_is_valid(number):
        yield Problem("/service_user/nhs_number", "fails the NHS number check digit; check it")
