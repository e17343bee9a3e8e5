"""What ``careplan.toml`` may hold: every key with its default and meaning, and the check
each value must pass.

A value of the wrong type, an unknown key or an unknown rule code is a usage error naming
the key, because a typo in a policy file must not silently weaken the checks.
:mod:`careplan_cli.adapters.config` finds and reads the file and builds the settings;
``careplan init`` and ``careplan config`` describe the keys from :data:`KEYS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from careplan_cli.errors import UsageError
from careplan_cli.plan.policy import DEFAULT_MAX_MONTHS
from careplan_cli.plan.profiles import DEFAULT_PROFILE, OFF, PROFILES

ODS_CODE = re.compile(r"[A-Z0-9]{3,10}")

# Every key careplan.toml may hold: (default, description). The README documents the same.
KEYS: dict[str, tuple[Any, str]] = {
    "policy": (
        DEFAULT_PROFILE,
        "Policy profile: review intervals, follow-up window and rule severities ("
        + ", ".join(PROFILES)
        + "; docs/policy.md).",
    ),
    "plan_dir": ("plans", "Directory holding the plans, relative to careplan.toml."),
    "id_prefix": ("CP-", "Prefix of ids that careplan new generates."),
    "id_digits": (6, "Number of digits in generated ids."),
    "due_within": ("14d", "Default --within of careplan due (Nd, Nw or Nm)."),
    "review_policy.max_months": (
        DEFAULT_MAX_MONTHS,
        'Longest interval between reviews, in months, by "type/level" ("social-care" alone).',
    ),
    "review_policy.social_care_first_review_weeks": (
        8,
        "Social care: the first review falls within this many weeks of the start.",
    ),
    "rules.disable": ([], 'Rule codes switched off, e.g. ["CP309"].'),
    "rules.severity": (
        {},
        'Rule codes with another severity, e.g. {CP310 = "error"}; or one code a line under '
        '[rules]: CP309 = "off" (error, warning or off, over the policy\'s).',
    ),
    "required.fields": (
        [],
        'Extra fields every plan in force must have (rule CP501), e.g. ["diversity.language"].',
    ),
    "staff": (
        [],
        "Coordinators a handover can name: [[staff]] tables of name, role, organisation, "
        "team, phone, email.",
    ),
    "report.thresholds": (
        [],
        'careplan report --exit-code: figures that must hold, e.g. ["reviews_overdue <= 5"].',
    ),
    "ods_code": (
        "",
        "The organisation's ODS code (e.g. RX4): careplan export namespaces FHIR ids with it.",
    ),
}
STAFF_FIELDS = ("name", "role", "organisation", "team", "phone", "email")


def check_entry(path: Path, key: str, value: Any) -> None:
    """A usage error naming ``key`` unless it is a known key (or ``rules.CPnnn``) holding a
    value of the right kind."""
    if is_code_key(key):
        _check_code(path, key, value)
        return
    if key not in KEYS:
        known = ", ".join(sorted(KEYS))
        raise UsageError(f"{path}: unknown key '{key}' (known keys: {known})")
    _check_value(path, key, value)


def is_code_key(key: str) -> bool:
    """True for a per-rule key such as ``rules.CP309`` (one code a line under ``[rules]``)."""
    return re.fullmatch(r"rules\.CP[0-9]{3}", key) is not None


def _check_code(path: Path, key: str, value: Any) -> None:
    from careplan_cli.plan.rules import REGISTRY

    code = key.split(".", 1)[1]
    rule = REGISTRY.get(code)
    if rule is None or rule.stage != "rules":
        raise UsageError(
            f"{path}: '{key}': {code} is not a care-planning rule (see careplan rules)"
        )
    if value not in ("error", "warning", OFF):
        raise UsageError(f'{path}: \'{key}\' must be "error", "warning" or "off"')


def _check_value(path: Path, key: str, value: Any) -> None:
    from careplan_cli.plan.dates import add_period
    from careplan_cli.plan.rules import REGISTRY

    def bad(expected: str) -> UsageError:
        return UsageError(f"{path}: '{key}' must be {expected}")

    default = KEYS[key][0]
    if isinstance(default, bool) or type(value) is not type(default):
        raise bad(
            {str: "a string", int: "a whole number", list: "a list", dict: "a table"}[type(default)]
        )
    if key == "policy" and value not in PROFILES:
        raise bad("one of: " + ", ".join(PROFILES))
    if key == "id_digits" and not 1 <= value <= 12:
        raise bad("between 1 and 12")
    if key == "review_policy.social_care_first_review_weeks" and value < 1:
        raise bad("at least 1")
    if key == "due_within":
        try:
            add_period(date(2000, 1, 1), value)
        except UsageError:
            raise bad("a period such as 14d, 2w or 1m") from None
    if key == "review_policy.max_months":
        for plan_kind, months in value.items():
            if plan_kind not in DEFAULT_MAX_MONTHS:
                raise bad("a table whose keys are: " + ", ".join(DEFAULT_MAX_MONTHS))
            if not isinstance(months, int) or isinstance(months, bool) or months < 1:
                raise bad("a table of whole numbers of months (at least 1)")
    if key in ("rules.disable", "rules.severity"):
        for code in value:
            rule = REGISTRY.get(code)
            if rule is None:
                raise bad(f"rule codes ('{code}' is not one; see careplan rules)")
            if rule.stage != "rules":
                raise bad(f"codes of care-planning rules ({code} is a {rule.stage} check)")
    if key == "rules.severity" and any(v not in ("error", "warning") for v in value.values()):
        raise bad('a table of "error" or "warning"')
    if key == "staff":
        _check_staff(value, bad)
    if key in ("rules.disable", "required.fields") and not all(isinstance(v, str) for v in value):
        raise bad("a list of strings")
    if key == "ods_code" and not ODS_CODE.fullmatch(value):
        raise bad("an ODS code: 3 to 10 capital letters and digits, such as RX4")
    if key == "report.thresholds":
        _check_thresholds(value, bad)


def _check_thresholds(value: list[Any], bad: Callable[[str], UsageError]) -> None:
    from careplan_cli.plan.thresholds import parse_threshold

    for item in value:
        if not isinstance(item, str) or parse_threshold(item) is None:
            raise bad(
                'a list of "FIGURE OP NUMBER" on figures of docs/report.md (OP: >= <= > < ==)'
            )


def _check_staff(value: list[Any], bad: Any) -> None:
    for person in value:
        if not isinstance(person, dict) or not isinstance(person.get("name"), str):
            raise bad("[[staff]] tables, each with a name")
        unknown = [k for k in person if k not in STAFF_FIELDS]
        if unknown or not all(isinstance(v, str) and v.strip() for v in person.values()):
            raise bad("[[staff]] tables of text fields: " + ", ".join(STAFF_FIELDS))
