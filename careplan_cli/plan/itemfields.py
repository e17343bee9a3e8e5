"""Values and fields of one list item, as ``set`` and ``add`` take them from people: typed
by the schema, dates written as dates, text that YAML would misread quoted."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from careplan_cli.errors import UsageError
from careplan_cli.plan.address import schema_at, typed_value


def plain_dates(value: Any) -> Any:
    """ISO date strings as dates, so that they are written unquoted like the plan's own; text
    that YAML could read as something else (``yes``, ``0123``, ``a: b``) in double quotes."""
    from careplan_cli.plan.dates import parse_iso_date

    if isinstance(value, str) and len(value) == 10 and parse_iso_date(value):
        return parse_iso_date(value)
    if isinstance(value, str) and "\n" not in value and not reads_back(value):
        return DoubleQuotedScalarString(value)
    if isinstance(value, dict):
        return {k: plain_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_dates(v) for v in value]
    return value


def reads_back(text: str) -> bool:
    """True when ``text`` written plain is read back as the same text, by YAML 1.1 or 1.2."""
    import yaml

    try:
        return bool(yaml.safe_load(text) == text) and text == text.strip()
    except yaml.YAMLError:
        return False


def typed_fields(list_name: str, raw: dict[str, str], plan: dict[str, Any]) -> dict[str, Any]:
    """Options given as text (``--needs N1,N2 --status active``) typed by the schema of one item
    of ``list_name``; a list field takes values separated by commas."""
    from careplan_cli.plan.address import item_fields

    properties, _ = item_fields(list_name, plan)
    typed: dict[str, Any] = {}
    for key, text in raw.items():
        node = schema_at((list_name, "1", key), plan)
        if node is None or key == "id":
            known = ", ".join(f"--{k.replace('_', '-')}" for k in properties if k != "id")
            raise UsageError(f"--{key.replace('_', '-')} is not a field of this item ({known})")
        where = f"--{key.replace('_', '-')}"
        if node.get("type") == "array" and not text.lstrip().startswith("["):
            item_node = schema_at((list_name, "1", key, "1"), plan)
            parts = [p.strip() for p in text.split(",") if p.strip()]
            typed[key] = [typed_value(p, item_node, where) for p in parts]
        else:
            typed[key] = typed_value(text, node, where)
    return typed


def missing_fields(list_name: str, item: dict[str, Any], plan: dict[str, Any]) -> list[str]:
    """The fields one item of ``list_name`` requires and ``item`` lacks (its id aside)."""
    from careplan_cli.plan.address import item_fields

    _, required = item_fields(list_name, plan)
    return [k for k in required if k != "id" and k not in item]


# Items that record the day they were added to the plan, and the field that holds it.
DATED_ON_ADDING = {"goals": "added"}


def dated_on_adding(
    list_name: str, item: dict[str, Any], plan: dict[str, Any], today: str
) -> dict[str, Any]:
    """``item`` with the day it is added (a goal's ``added``: the review rule CP316 reads it),
    unless one was given or the plan's format has no such field (format v1)."""
    field = DATED_ON_ADDING.get(list_name)
    if field is None or field in item or schema_at((list_name, "1", field), plan) is None:
        return item
    return {**item, field: today}
