"""Care-planning rules beyond the schema, as a registry (see :mod:`.registry`).

Importing this package registers every rule; a new rule is one function with the ``@rule``
decorator in one of these modules, and its two test cases.
"""

from __future__ import annotations

import functools

from careplan_cli.plan.rules import (
    admissions,
    builtin,
    capacity,
    careact,
    content,
    crisis,
    formatversion,
    identifiers,
    integrity,
    lifecycle,
    mha,
    organisation,
    reviews,
    schedule,
)
from careplan_cli.plan.rules.registry import REGISTRY, PlanContext, Problem, Rule

__all__ = ["REGISTRY", "PlanContext", "Problem", "Rule", "all_rules"]
_MODULES = (
    builtin,
    formatversion,
    integrity,
    schedule,
    content,
    crisis,
    reviews,
    capacity,
    careact,
    lifecycle,
    mha,
    admissions,
    identifiers,
    organisation,
)


def all_rules() -> list[Rule]:
    """Every registered check, in code order."""
    return list(_in_code_order(len(REGISTRY)))


@functools.cache
def _in_code_order(registered: int) -> tuple[Rule, ...]:
    # Sorted once for each size of the registry (rules register only as they are imported):
    # validate asks for every plan.
    return tuple(sorted(REGISTRY.values(), key=lambda r: r.code))
