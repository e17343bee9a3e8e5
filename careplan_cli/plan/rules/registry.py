"""The rule registry: every check careplan makes has a stable code, severity, title and rationale.

Loading and schema checks are registered here too (with no ``check`` function) so that
``careplan rules`` documents every code a user can meet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from careplan_cli.plan.findings import Severity
from careplan_cli.plan.policy import ReviewPolicy

Plan = dict[str, Any]


@dataclass(frozen=True)
class Problem:
    """What a rule reports: where in the plan (JSON pointer) and what is wrong, without values."""

    path: str
    message: str


@dataclass(frozen=True)
class PlanContext:
    """Everything a rule may look at. Rules run only on plans that match the schema."""

    plan: Plan
    file_stem: str
    today: date
    policy: ReviewPolicy
    required_fields: tuple[str, ...] = ()  # the organisation's extra required fields

    def items(self, section: str) -> list[dict[str, Any]]:
        value = self.plan.get(section)
        return value if isinstance(value, list) else []

    @property
    def is_active(self) -> bool:
        return self.plan.get("status") == "active"

    @property
    def is_draft(self) -> bool:
        return self.plan.get("status") == "draft"


Check = Callable[[PlanContext], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    title: str
    doc: str
    check: Check | None = None
    stage: str = "rules"  # "load", "schema" or "rules"
    uses_today: bool = False  # its verdict depends on today's date (caches must know)


REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.code in REGISTRY:
        raise ValueError(f"rule code {rule.code} registered twice")
    REGISTRY[rule.code] = rule
    return rule


def rule(
    code: str, name: str, severity: Severity, title: str, *, uses_today: bool = False
) -> Callable[[Check], Check]:
    """Register a care-planning rule; its docstring is its user documentation.

    ``uses_today=True`` declares that the rule's verdict depends on ``PlanContext.today``: a
    result cache then keys results by the date as well (see adapters/cache.py).
    """

    def decorate(check: Check) -> Check:
        doc = " ".join((check.__doc__ or "").split())
        register(Rule(code, name, severity, title, doc, check, uses_today=uses_today))
        return check

    return decorate
