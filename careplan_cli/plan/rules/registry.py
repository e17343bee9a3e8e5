"""The rule registry: every check careplan makes has a stable code, severity, title and rationale.

Loading and schema checks are registered here too (with no ``check`` function) so that
``careplan rules`` documents every code a user can meet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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


def as_dict(value: object) -> dict[str, Any]:
    """``value`` if it is a mapping, else an empty one: rules read what they can."""
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[Any]:
    """``value`` if it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def as_text(value: object) -> str | None:
    return value if isinstance(value, str) else None


PLACEHOLDERS = frozenset(
    {
        ".",
        "..",
        "...",
        "-",
        "--",
        "?",
        "tbc",
        "tba",
        "tbd",
        "n/a",
        "na",
        "none",
        "todo",
        "to follow",
        "see notes",
        "x",
    }
)


def has_content(value: object) -> bool:
    """True for text that says something: not empty and not a placeholder such as ``.``,
    ``-``, ``tbc`` or ``n/a``; a list has content when one of its items has."""
    if isinstance(value, list):
        return any(has_content(v) or (isinstance(v, dict) and bool(v)) for v in value)
    text = as_text(value)
    return text is not None and text.strip().casefold() not in PLACEHOLDERS | {""}


@dataclass(frozen=True)
class PlanContext:
    """Everything a rule may look at.

    Rules run on every plan that loaded, schema-valid or not: a rule reads each value through
    :func:`as_dict`, :func:`as_list`, :meth:`entries` and :meth:`ids`, and skips what has the
    wrong type (the schema finding reports that), so that it never raises.
    """

    plan: Plan
    file_stem: str
    today: date
    policy: ReviewPolicy
    required_fields: tuple[str, ...] = ()  # the organisation's extra required fields
    _entries: dict[str, list[tuple[int, dict[str, Any]]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def version(self) -> int:
        """The plan's format version (1 or 2), or 0 when it names none that careplan knows."""
        value = self.plan.get("schema_version")
        return value if type(value) is int and value in KNOWN_VERSIONS else 0

    def section(self, name: str) -> dict[str, Any]:
        return as_dict(self.plan.get(name))

    def items(self, section: str) -> list[dict[str, Any]]:
        """The mapping entries of a list section (other entries read as empty mappings, so
        that positions still match the plan's)."""
        return [as_dict(item) for item in as_list(self.plan.get(section))]

    def entries(self, section: str) -> list[tuple[int, dict[str, Any]]]:
        """``(position, entry)`` for each entry of a list section that is a mapping.

        Worked out once per section (rules ask for the same sections many times); the rules
        take the plan as it is and change nothing in it.
        """
        known = self._entries.get(section)
        if known is None:
            listed = as_list(self.plan.get(section))
            known = [(i, item) for i, item in enumerate(listed) if isinstance(item, dict)]
            self._entries[section] = known
        return known

    def ids(self, section: str) -> set[str]:
        """The ids (strings) of a list section's entries."""
        return {i for _, item in self.entries(section) if isinstance(i := item.get("id"), str)}

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
    versions: frozenset[int] = frozenset({1, 2})  # plan format versions the rule checks
    uses_today: bool = False  # its verdict depends on today's date (caches must know)

    def applies_to(self, version: int) -> bool:
        """Whether the rule checks a plan of format ``version`` (0: unknown, so only the rules
        that hold for every version)."""
        return version in self.versions or (version == 0 and self.versions >= KNOWN_VERSIONS)


REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.code in REGISTRY:
        raise ValueError(f"rule code {rule.code} registered twice")
    REGISTRY[rule.code] = rule
    return rule


V2_ONLY = frozenset({2})
KNOWN_VERSIONS = frozenset({1, 2})


def rule(
    code: str,
    name: str,
    severity: Severity,
    title: str,
    versions: frozenset[int] = frozenset({1, 2}),
    *,
    uses_today: bool = False,
) -> Callable[[Check], Check]:
    """Register a care-planning rule; its docstring is its user documentation.

    ``versions`` names the plan format versions it checks: rules added with format v2 leave
    v1 plans alone, which keep validating under the v1 rules until they are migrated.
    ``uses_today=True`` declares that the rule's verdict depends on ``PlanContext.today``: a
    result cache then keys results by the date as well (see adapters/cache.py).
    """

    def decorate(check: Check) -> Check:
        doc = " ".join((check.__doc__ or "").split())
        frozen = frozenset(versions)
        register(
            Rule(code, name, severity, title, doc, check, versions=frozen, uses_today=uses_today)
        )
        return check

    return decorate
