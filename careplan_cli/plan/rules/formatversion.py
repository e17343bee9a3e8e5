"""The plan's format version."""

from __future__ import annotations

from collections.abc import Iterator

from careplan_cli.plan.findings import Severity
from careplan_cli.plan.rules.registry import PlanContext, Problem, rule


@rule(
    "CP021",
    "format-v1",
    Severity.WARNING,
    "The plan is in format v1; careplan migrate upgrades it",
    versions=frozenset({1}),
)
def format_v1(ctx: PlanContext) -> Iterator[Problem]:
    """Format v1 plans keep validating under the v1 rules, but they cannot record what current
    law and policy ask for (Mental Health Act and s117 aftercare, mental capacity,
    safeguarding, carers' assessments, Care Act eligibility, admissions, outcome measures,
    review content, a plan in force without agreement). ``careplan migrate`` rewrites the
    plan as v2, keeping its comments, and lists what only a person can supply."""
    yield Problem("/schema_version", "format v1: run 'careplan migrate' to upgrade to v2")
