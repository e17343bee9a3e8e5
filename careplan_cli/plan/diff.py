"""What changed in a plan, in care-planning terms: the core of ``careplan diff``.

Lists are compared by meaning, not position: needs, goals, interventions and risks by ``id``,
reviews by date, other lists by value. Reordering, comments and formatting are no change.

Paths are JSON pointers in which a list item is named by its key (``/goals/G2/status``,
``/reviews/2026-06-02``) or, in lists compared by value, by its index in the version that
has it.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careplan_cli.plan.findings import pointer, pointer_parts
from careplan_cli.plan.words import FIELD_ID, field_words, nameable

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
    # ``path`` as it may be shown where values are not (``--paths-only``): it stops at the
    # mapping that holds a key :func:`careplan_cli.plan.words.nameable` will not name.
    shown: str = ""


class _Item(str):
    """A list item's key (an id or a date of the forms the schema allows): safe to show."""


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _item_key(section: str, item: Any, index: int) -> str | None:
    """The key a list item is matched by, or None for lists compared by value. Only ids and
    dates of the forms the schema allows key an item, so that a key is never a plan value."""
    if not isinstance(item, dict):
        return None
    key = item.get("id") if section in ID_KEYED else item.get("date")
    if section in ID_KEYED and isinstance(key, str) and FIELD_ID.fullmatch(key):
        return key
    if section in DATE_KEYED and isinstance(key, str) and _DATE.fullmatch(key):
        return key
    return None


def _change(op: str, parts: list[str | int], old: Any, new: Any, label: list[Any]) -> Change:
    shown: list[str | int] = []
    for part in parts:
        if not (isinstance(part, int | _Item) or nameable(part)):
            break
        shown.append(part)
    return Change(op, pointer(*parts), _label(label), _finite(old), _finite(new), pointer(*shown))


def _finite(value: Any) -> Any:
    """``value`` with .nan and .inf written as YAML has them: JSON output has no NaN."""
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def _keyed(section: str, items: list[Any]) -> dict[str, Any] | None:
    """Items by key, when every item has a distinct one; otherwise None (compare by value)."""
    keyed: dict[str, Any] = {}
    for index, item in enumerate(items):
        key = _item_key(section, item, index)
        if key is None or key in keyed:
            return None
        keyed[key] = item
    return keyed


def _label(parts: list[Any]) -> str:
    """``["goals", "G2", "status"]`` -> ``goal G2: status``; words, not snake_case."""
    if not parts:
        return "plan"
    head, rest = parts[0], parts[1:]
    if head in ITEM_NOUNS and rest and isinstance(rest[0], _Item):
        name = f"{ITEM_NOUNS[head]} {rest[0]}"
        rest = rest[1:]
    else:
        name = field_words(str(head))
    fields = [field_words(p) for p in rest if not isinstance(p, int | _Item)]
    return name + (": " + " ".join(fields) if fields else "")


def diff_plans(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """The changes that turn ``old`` into ``new``, in the order of the plan's sections."""
    return list(_diff(old, new, []))


def _diff(old: Any, new: Any, parts: list[Any], keyed: bool = False) -> Iterator[Change]:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            here = [*parts, _Item(key) if keyed else str(key)]
            if key not in new:
                yield _change("removed", here, old[key], None, here)
            elif key not in old:
                yield _change("added", here, None, new[key], here)
            else:
                yield from _diff(old[key], new[key], here)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _diff_list(old, new, parts)
    elif old != new or type(old) is not type(new):
        yield _change("changed", parts, old, new, parts)


def _diff_list(old: list[Any], new: list[Any], parts: list[Any]) -> Iterator[Change]:
    section = parts[0] if len(parts) == 1 else ""
    old_keyed, new_keyed = _keyed(section, old), _keyed(section, new)
    if old_keyed is not None and new_keyed is not None:
        yield from _diff(old_keyed, new_keyed, parts, keyed=True)
        return
    remaining = Counter(_canonical(v) for v in new)
    for index, value in enumerate(old):
        if remaining[_canonical(value)] > 0:
            remaining[_canonical(value)] -= 1
        else:
            yield _change("removed", [*parts, index], value, None, parts)
    unmatched = Counter(_canonical(v) for v in old)
    for index, value in enumerate(new):
        if unmatched[_canonical(value)] > 0:
            unmatched[_canonical(value)] -= 1
        else:
            yield _change("added", [*parts, index], None, value, parts)


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


def read_version(path: Path, where: str, boundary: Path | None = None) -> bytes | None:
    """A version of a plan read from a file (``/dev/null`` or no file: it did not exist),
    through :func:`careplan_cli.plan.source.read_source`; a file it refuses is refused, as a
    plan that cannot be read is everywhere (:mod:`careplan_cli.plan.readable`)."""
    from careplan_cli.errors import RefusedError
    from careplan_cli.plan.source import SourceError, read_source

    if str(path) == os.devnull or not (path.exists() or path.is_symlink()):
        return None
    try:
        return read_source(path, boundary=boundary)
    except SourceError as exc:
        raise RefusedError(f"{where}:1:1: cannot compare: {exc.code} {exc.message}") from None


def plan_data(raw: bytes | None, where: str) -> dict[str, Any]:
    """A version of a plan as data; an absent file is an empty plan, a broken one an error."""
    from careplan_cli.plan.readable import readable
    from careplan_cli.plan.yamlload import load_bytes

    if raw is None:
        return {}
    return readable(load_bytes(raw), where, "cannot compare")[1]
