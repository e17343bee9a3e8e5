"""What changed in a plan, in care-planning terms: the core of ``careplan diff``.

Lists are compared by meaning, not position: needs, goals, interventions and risks by ``id``,
reviews by date, other lists by value. Reordering, comments and formatting are no change.

Paths are JSON pointers in which a list item is named by its key (``/goals/G2/status``,
``/reviews/2026-06-02``) or, in lists compared by value, by its index in the version that
has it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from careplan_cli.plan.findings import pointer, pointer_parts

ID_KEYED = {"needs", "goals", "interventions", "risks"}
DATE_KEYED = {"reviews"}
ITEM_NOUNS = {
    "needs": "need",
    "goals": "goal",
    "interventions": "intervention",
    "risks": "risk",
    "reviews": "review",
}


@dataclass(frozen=True)
class Change:
    op: str  # "added", "removed" or "changed"
    path: str
    label: str
    old: Any = None
    new: Any = None


def _item_key(section: str, item: Any, index: int) -> str | None:
    """The key a list item is matched by, or None for lists compared by value."""
    if section in ID_KEYED and isinstance(item, dict) and isinstance(item.get("id"), str):
        return str(item["id"])
    if section in DATE_KEYED and isinstance(item, dict) and item.get("date") is not None:
        return str(item["date"])
    return None


def _keyed(section: str, items: list[Any]) -> dict[str, Any] | None:
    """Items by key, when every item has a distinct one; otherwise None (compare by value)."""
    keyed: dict[str, Any] = {}
    for index, item in enumerate(items):
        key = _item_key(section, item, index)
        if key is None or key in keyed:
            return None
        keyed[key] = item
    return keyed


def _label(parts: list[str]) -> str:
    """``["goals", "G2", "status"]`` -> ``goal G2: status``; words, not snake_case."""
    if not parts:
        return "plan"
    head, rest = parts[0], parts[1:]
    if head in ITEM_NOUNS and rest:
        name = f"{ITEM_NOUNS[head]} {rest[0]}"
        rest = rest[1:]
    else:
        name = head.replace("_", " ")
    fields = [p.replace("_", " ") for p in rest if not p.isdigit()]
    return name + (": " + " ".join(fields) if fields else "")


def diff_plans(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """The changes that turn ``old`` into ``new``, in the order of the plan's sections."""
    return list(_diff(old, new, []))


def _diff(old: Any, new: Any, parts: list[str]) -> Iterator[Change]:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            here = [*parts, str(key)]
            if key not in new:
                yield Change("removed", pointer(*here), _label(here), old[key], None)
            elif key not in old:
                yield Change("added", pointer(*here), _label(here), None, new[key])
            else:
                yield from _diff(old[key], new[key], here)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _diff_list(old, new, parts)
    elif old != new or type(old) is not type(new):
        yield Change("changed", pointer(*parts), _label(parts), old, new)


def _diff_list(old: list[Any], new: list[Any], parts: list[str]) -> Iterator[Change]:
    section = parts[0] if len(parts) == 1 else ""
    old_keyed, new_keyed = _keyed(section, old), _keyed(section, new)
    if old_keyed is not None and new_keyed is not None:
        yield from _diff(old_keyed, new_keyed, parts)
        return
    remaining = Counter(_canonical(v) for v in new)
    for index, value in enumerate(old):
        if remaining[_canonical(value)] > 0:
            remaining[_canonical(value)] -= 1
        else:
            here = [*parts, str(index)]
            yield Change("removed", pointer(*here), _label(parts), value, None)
    unmatched = Counter(_canonical(v) for v in old)
    for index, value in enumerate(new):
        if unmatched[_canonical(value)] > 0:
            unmatched[_canonical(value)] -= 1
        else:
            here = [*parts, str(index)]
            yield Change("added", pointer(*here), _label(parts), None, value)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def apply_changes(old: dict[str, Any], changes: list[Change]) -> dict[str, Any]:
    """Apply reported changes to ``old``; the result equals the new version up to list order.

    The inverse of :func:`diff_plans`, and the proof that a diff loses nothing.
    """
    result: dict[str, Any] = json.loads(json.dumps(old, default=str))
    for change in changes:
        parts = pointer_parts(change.path)
        parent = _walk(result, parts[:-1])
        last = parts[-1]
        if isinstance(parent, list):
            _apply_to_list(parent, change)
        elif change.op == "removed":
            del parent[last]
        else:
            parent[last] = change.new
    return result


def _walk(node: Any, parts: list[str]) -> Any:
    for index, part in enumerate(parts):
        if isinstance(node, list):
            section = parts[0] if index == 1 else ""
            node = next(
                item
                for i, item in enumerate(node)
                if (_item_key(section, item, i) or str(i)) == part
            )
        else:
            node = node[part]
    return node


def _apply_to_list(items: list[Any], change: Change) -> None:
    # Whole items are only ever added or removed (a changed item is reported field by field),
    # and a removed item carries its old value, so matching by value serves both kinds of list.
    if change.op == "added":
        items.append(change.new)
        return
    wanted = _canonical(change.old)
    index = next(i for i, item in enumerate(items) if _canonical(item) == wanted)
    del items[index]


def plan_data(raw: bytes | None, where: str) -> dict[str, Any]:
    """A version of a plan as data; an absent file is an empty plan, a broken one an error."""
    from careplan_cli.plan.readable import readable
    from careplan_cli.plan.yamlload import load_bytes

    if raw is None:
        return {}
    return readable(load_bytes(raw), where, "cannot compare")[1]
