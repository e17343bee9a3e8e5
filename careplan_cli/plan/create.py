"""Creating a plan: the core of ``careplan new``.

Header values (type, level, service user, coordinator, dates) come from flags, prompts or a
partial plan file; the rest of a partial plan is laid over the commented template. The result
is checked like any plan before it is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from careplan_cli.errors import UsageError
from careplan_cli.plan.dates import as_date
from careplan_cli.plan.ids import ID_PATTERN
from careplan_cli.plan.roundtrip import dump_text, load_text, to_yaml_value
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.templates import render
from careplan_cli.plan.vocabulary import levels_for

# The role a new plan's coordinator has unless told (the code list itself is the schema's).
DEFAULT_ROLE = {
    "cpa": "care-coordinator",
    "social-care": "key-worker",
    "substance-misuse": "key-worker",
}
# Where each header value lives in a plan, for reading a partial plan and naming what is missing.
HEADER_PATHS = {
    "id": ("id",), "type": ("type",), "level": ("level",), "client_group": ("client_group",),
    "created": ("created",), "start": ("start",), "next_review": ("next_review",),
    "name": ("service_user", "name"), "date_of_birth": ("service_user", "date_of_birth"),
    "nhs_number": ("service_user", "nhs_number"), "coordinator": ("coordinator", "name"),
    "role": ("coordinator", "role"), "organisation": ("coordinator", "organisation"),
}  # fmt: skip


def check_id(plan_id: str) -> str:
    if not ID_PATTERN.fullmatch(plan_id):
        raise UsageError(
            "a plan id is a letter or digit followed by letters, digits, '-' or '_' "
            "(at most 64 characters), e.g. CP-000123"
        )
    return plan_id


def next_id(plan_dir: Path, prefix: str = "CP-", width: int = 6, taken: Iterable[str] = ()) -> str:
    """The next free id ``<prefix><number>`` after the highest already in ``plan_dir`` or
    among the file names ``taken`` (plans on other branches, so that two clones do not both
    create the same id)."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)")
    numbers = [0]
    names = [p.name for p in plan_dir.iterdir()] if plan_dir.is_dir() else []
    for name in (*names, *taken):
        match = pattern.fullmatch(name.rsplit(".", 1)[0])
        if match:
            numbers.append(int(match.group(1)))
    return f"{prefix}{max(numbers) + 1:0{width}d}"


def header_from_partial(partial: dict[str, Any]) -> dict[str, Any]:
    """The header values a partial plan gives (see HEADER_PATHS)."""
    values: dict[str, Any] = {}
    for name, path in HEADER_PATHS.items():
        node: Any = partial
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        if node not in (None, ""):
            values[name] = node
    return values


def missing_fields(values: dict[str, Any]) -> list[str]:
    """The plan fields a new plan still needs, named as in the plan format."""
    needed = ["type", "name", "coordinator"]
    kind = values.get("type")
    if isinstance(kind, str) and levels_for(kind):
        needed.insert(1, "level")
    elif kind == "social-care":
        needed.insert(1, "client_group")
    return [".".join(HEADER_PATHS[n]) for n in needed if not values.get(n)]


# C0 and C1 controls (ESC, CR, BEL, ...) and DEL: they would steer terminals that show the plan.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def complete_header(values: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Fill in what a new plan gets by default: dates, the coordinator's role, next review."""
    for key, value in values.items():
        if isinstance(value, str) and _CONTROL.search(value):
            raise UsageError(f"{key.replace('_', ' ')} must not contain control characters")
    done = dict(values)
    done.setdefault("created", settings.today)
    done.setdefault("start", done["created"])
    done.setdefault("role", DEFAULT_ROLE[done["type"]])
    if "next_review" not in done:
        start = as_date(done["start"])
        if start is None:
            raise UsageError("start must be a date written YYYY-MM-DD")
        level = done.get("level")
        done["next_review"] = settings.policy.latest_next_review(done["type"], level, start, None)
    for key in ("created", "start", "next_review", "date_of_birth"):
        if isinstance(done.get(key), str):
            done[key] = as_date(done[key]) or done[key]
    return done


def build_plan_text(values: dict[str, Any], partial: dict[str, Any], schema_ref: str) -> str:
    """The new plan's text: the template for its type, header values, then the partial plan."""
    if values["type"] not in DEFAULT_ROLE:
        raise UsageError("type must be one of: cpa, social-care, substance-misuse")
    document = load_text(render(values, schema_ref))
    header = {path for name, path in HEADER_PATHS.items() if values.get(name) is not None}
    for key, value in partial.items():
        if key in ("service_user", "coordinator") and isinstance(value, dict):
            for sub, sub_value in value.items():
                if (key, sub) not in header:  # written from ``values``, where an option wins
                    document[key][sub] = _dated(sub_value)
        elif key not in ("status",) and key not in _header_keys():
            document[key] = to_yaml_value(_dated(value), top=False)
    return dump_text(document)


def _header_keys() -> set[str]:
    return {path[0] for path in HEADER_PATHS.values() if len(path) == 1}


def _dated(value: Any) -> Any:
    """ISO date strings as dates, so that they are written unquoted like the rest."""
    if isinstance(value, str) and len(value) == 10:
        parsed = as_date(value)
        return parsed if parsed is not None else value
    if isinstance(value, dict):
        return {k: _dated(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dated(v) for v in value]
    return value
