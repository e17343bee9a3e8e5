"""Places in a plan named by ids, and values typed by the schema: the grammar of ``careplan set``.

A place is written with dots: ``risks.R2.level``, ``coordinator.phone``, ``strengths.2``. An
item of a list whose items carry an ``id`` is named by that id; other list items by their
position counted from 1 (``strengths.2`` is the second strength), as plain words count them.
What a value means (a date, a number, yes/no, a choice, a mapping) is read from the schema at
that place, never from a list kept here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from careplan_cli.errors import UsageError
from careplan_cli.plan.dates import parse_iso_date
from careplan_cli.plan.schema import schema, version_of

_STEP = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ASSIGN = re.compile(r"(?P<path>[^=+]+?)(?P<op>\+?=)(?P<value>.*)", re.DOTALL)


@dataclass(frozen=True)
class Assignment:
    steps: tuple[str, ...]
    append: bool  # ``+=``: add an item to the list at ``steps``
    raw: str  # the value as typed


def parse_steps(path: str) -> tuple[str, ...]:
    steps = tuple(path.strip().split("."))
    if not all(_STEP.fullmatch(step) for step in steps):
        raise UsageError(
            f"'{path}' is not a place in a plan: write field names, ids and positions "
            "joined by dots, e.g. risks.R2.level or strengths.2"
        )
    return steps


def parse_assignment(text: str) -> Assignment:
    match = _ASSIGN.fullmatch(text)
    if match is None:
        raise UsageError(
            f"'{text.split('=')[0]}' has no value: write PATH=VALUE (or PATH+=ITEM to add to a "
            "list; --unset PATH to remove)"
        )
    return Assignment(parse_steps(match["path"]), match["op"] == "+=", match["value"])


# -- the schema at a place --------------------------------------------------------------------


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """``node`` with its ``$ref`` followed (local references only), keeping its description."""
    while "$ref" in node:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        target = defs[name]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _root_properties(plan: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """The top-level properties, with those the plan's type narrows (``allOf`` if/then)."""
    properties = dict(root["properties"])
    for branch in root.get("allOf", []):
        condition = branch.get("if", {}).get("properties", {})
        if condition and all(plan.get(key) == rule.get("const") for key, rule in condition.items()):
            for key, narrowed in branch.get("then", {}).get("properties", {}).items():
                if key in properties and "not" not in narrowed:
                    properties[key] = {**properties[key], **narrowed}
    return properties


def schema_at(steps: tuple[str, ...], plan: dict[str, Any]) -> dict[str, Any] | None:
    """The schema of the value at ``steps`` (an id or position counts as a list item), or None
    when the plan format has no such place. The schema is that of the plan's format version."""
    root = schema(version_of(plan))
    defs = root.get("$defs", {})
    node: dict[str, Any] = {"type": "object", "properties": _root_properties(plan, root)}
    for step in steps:
        node = _resolve(node, defs)
        if "items" in node and _is_type(node, "array"):
            node = node["items"]
        elif step in node.get("properties", {}):
            node = node["properties"][step]
        elif "properties" not in node and node.get("additionalProperties") is not False:
            return {}  # free-form (extensions): anything goes
        else:
            return None
    return _resolve(node, defs)


def _is_type(node: dict[str, Any], name: str) -> bool:
    kind = node.get("type")
    return kind == name or (isinstance(kind, list) and name in kind)


def choices(node: dict[str, Any] | None) -> list[str]:
    """The values the schema allows at a place, when it lists them."""
    if not node:
        return []
    return [str(v) for v in node.get("enum", [])]


def item_fields(list_name: str, plan: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The properties of one item of the list ``list_name`` and the names it requires."""
    node = schema_at((list_name, "1"), plan) or {}
    return node.get("properties", {}), list(node.get("required", []))


# -- typing a value ---------------------------------------------------------------------------


def typed_value(raw: str, node: dict[str, Any] | None, where: str) -> Any:
    """``raw`` as the schema at the place wants it: a date, number, yes/no, choice, text, or
    (for a list or mapping) YAML such as ``{name: ..., phone: ...}``."""
    node = node or {}
    if raw.strip() == "":
        raise UsageError(f"{where} has an empty value; to remove it use --unset")
    if "enum" in node:
        if raw not in choices(node):
            raise UsageError(f"{where} must be one of: {', '.join(choices(node))}")
        return raw
    if _is_type(node, "boolean") and not _is_type(node, "string"):
        answers = {"true": True, "yes": True, "false": False, "no": False}
        if raw.lower() not in answers:
            raise UsageError(f"{where} must be true or false")
        return answers[raw.lower()]
    if _is_type(node, "integer") or _is_type(node, "number"):
        return _number(raw, node, where)
    if node.get("format") == "date":
        parsed = parse_iso_date(raw)
        if parsed is None:
            raise UsageError(f"{where} must be a date written YYYY-MM-DD")
        return parsed
    structured = _is_type(node, "object") or _is_type(node, "array") or not node
    if structured and raw.lstrip()[:1] in ("{", "["):
        return parse_yaml_value(raw, where)
    return raw


def _number(raw: str, node: dict[str, Any], where: str) -> int | float:
    try:
        return int(raw)
    except ValueError:
        pass
    if _is_type(node, "number"):
        try:
            return float(raw)
        except ValueError:
            pass
    raise UsageError(f"{where} must be a number")


def parse_yaml_value(raw: str, where: str) -> Any:
    """A value written in YAML (YAML 1.2: ``no`` is text), as plain data with dates as dates."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        value = YAML(typ="safe", pure=True).load(raw)
    except (YAMLError, ValueError) as exc:
        problem = type(exc).__name__
        raise UsageError(f"{where}: the value is not readable YAML ({problem})") from None
    return value


def require_field(plan: dict[str, Any], field: str) -> None:
    """Refuse, saying to migrate, when the plan's format version has no place for ``field``."""
    from careplan_cli.errors import RefusedError

    if field not in schema(version_of(plan)).get("properties", {}):
        raise RefusedError(
            f"this plan is in format v{version_of(plan)}, which has no place for "
            f"{field.replace('_', ' ')}; upgrade it first (careplan migrate PLAN), then try again"
        )
