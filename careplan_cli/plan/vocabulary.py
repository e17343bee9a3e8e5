"""The plan format's code lists, read from the schema: one source for prompts, option checks
and labels, so that the schema and the tool cannot drift apart.

Read on first use (the schema is parsed once per process, see :func:`schema`), never at
start-up.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from careplan_cli.plan.schema import schema


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return _resolve(schema()["$defs"][ref.removeprefix("#/$defs/")])
    return node


@lru_cache(maxsize=64)
def choices(path: str) -> tuple[str, ...]:
    """The allowed values at ``path`` (dotted field names; list items are passed through),
    e.g. ``choices("coordinator.role")``, ``choices("reviews.kind")``."""
    node = _resolve(schema())
    for part in path.split("."):
        if node.get("type") == "array" or "items" in node:
            node = _resolve(node.get("items", {}))
        node = _resolve(node.get("properties", {}).get(part, {}))
    if node.get("type") == "array" or "items" in node:
        node = _resolve(node.get("items", {}))
    values = node.get("enum")
    if not isinstance(values, list):
        raise KeyError(f"the schema has no code list at {path}")
    return tuple(str(v) for v in values)


@lru_cache(maxsize=8)
def levels_for(plan_type: str) -> tuple[str, ...]:
    """The levels a plan type takes (empty for a type that has none, such as social care)."""
    for branch in schema().get("allOf", []):
        condition = branch.get("if", {}).get("properties", {}).get("type", {})
        if condition.get("const") != plan_type:
            continue
        level = branch.get("then", {}).get("properties", {}).get("level", {})
        return tuple(level.get("enum", ()))
    return ()
