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


def _node(path: str) -> dict[str, Any]:
    """The schema of the values at ``path`` (dotted field names; list items passed through)."""
    node = _resolve(schema())
    for part in path.split("."):
        if node.get("type") == "array" or "items" in node:
            node = _resolve(node.get("items", {}))
        node = _resolve(node.get("properties", {}).get(part, {}))
    if node.get("type") == "array" or "items" in node:
        node = _resolve(node.get("items", {}))
    return node


@lru_cache(maxsize=64)
def choices(path: str) -> tuple[str, ...]:
    """The allowed values at ``path`` (dotted field names; list items are passed through),
    e.g. ``choices("coordinator.role")``, ``choices("reviews.kind")``."""
    values = _node(path).get("enum")
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


@lru_cache(maxsize=64)
def labels(path: str) -> dict[str, str]:
    """Each code at ``path`` (as for :func:`choices`) with its label in plain words, from the
    schema's ``enumDescriptions`` (what editors show beside the code); a code without one is
    given as itself with its hyphens as spaces."""
    node = _node(path)
    codes = tuple(str(v) for v in node.get("enum", ()))
    words = node.get("enumDescriptions")
    if not isinstance(words, list) or len(words) != len(codes):
        words = [code.replace("-", " ") for code in codes]
    return dict(zip(codes, (str(w) for w in words), strict=True))
