"""Scripted changes to a plan, addressed by ids: the core of ``careplan set`` and ``add``.

Each function takes the plan's text (and its data, for the schema's view of its type) and
returns the new text and a description of each change in care-planning words ("risk R2 level
high -> medium", "goal G4 added"). Only the values named change: comments, order, quoting and
the style of the lists around them are kept (ruamel round trip).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from careplan_cli.errors import UsageError
from careplan_cli.plan.address import Assignment, parse_steps, schema_at, typed_value
from careplan_cli.plan.itemfields import dated_on_adding, plain_dates
from careplan_cli.plan.roundtrip import (
    _last_scalar_slot,
    _token_index,
    append_keeping_layout,
    dump_text,
    load_text,
    scalar_like,
    to_yaml_value,
)
from careplan_cli.plan.schema import schema
from careplan_cli.plan.words import ITEM_WORDS, field_words

# The letter of the ids in each list whose items carry one (N1, G3, ...).
ID_LETTERS = {
    "needs": "N",
    "goals": "G",
    "interventions": "I",
    "risks": "R",
    "carers": "C",
    "care_team": "T",
}
# The kinds ``careplan add`` knows, and the list each goes in.
ADD_KINDS = {
    "need": "needs",
    "goal": "goals",
    "intervention": "interventions",
    "risk": "risks",
    "carer": "carers",
    "member": "care_team",
}


def place_words(steps: Sequence[str]) -> str:
    """``("risks", "R2", "level")`` -> "risk R2 level"; ``("strengths", "2")`` -> "strengths 2"."""
    words: list[str] = []
    index = 0
    while index < len(steps):
        step = steps[index]
        if index + 1 < len(steps) and step in ITEM_WORDS | ID_LETTERS.keys():
            noun = ITEM_WORDS.get(step, field_words(step))
            words.append(f"{noun} {steps[index + 1]}")
            index += 2
            continue
        words.append(field_words(step) if not step.isdigit() else step)
        index += 1
    return " ".join(words)


def _shown(node: dict[str, Any] | None, value: Any) -> str | None:
    """A value fit to print (a code, date, number or yes/no), or None for free text, which may
    be personal."""
    if node and ("enum" in node or node.get("format") == "date"):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | date):
        return str(value)
    return None


# -- finding a place in the document ----------------------------------------------------------


def _item_index(seq: CommentedSeq, step: str, where: str) -> int:
    """The index of the item named ``step``: by id, else by position counted from 1."""
    for index, item in enumerate(seq):
        if isinstance(item, dict) and str(item.get("id")) == step:
            return index
    if step.isdigit() and 1 <= int(step) <= len(seq):
        return int(step) - 1
    raise UsageError(f"{where}: the plan has no such item")


def _walk(
    document: CommentedMap, steps: Sequence[str], plan: dict[str, Any], *, create: bool
) -> tuple[Any, Any]:
    """The container holding the place ``steps`` and its key or index there."""
    node: Any = document
    for depth, step in enumerate(steps[:-1]):
        where = place_words(steps[: depth + 1])
        if isinstance(node, CommentedSeq):
            node = node[_item_index(node, step, where)]
        elif isinstance(node, dict):
            if step not in node or node[step] is None:
                if not create:
                    raise UsageError(f"{where}: the plan has no such field")
                node[step] = CommentedMap()
                if node is document:
                    insert_in_order(node, step)
            node = node[step]
        else:
            raise UsageError(f"{where} holds a single value, not fields")
    last = steps[-1]
    if isinstance(node, CommentedSeq):
        return node, _item_index(node, last, place_words(steps))
    if not isinstance(node, dict):
        raise UsageError(f"{place_words(steps[:-1])} holds a single value, not fields")
    return node, last


def insert_in_order(mapping: CommentedMap, key: str, value: Any = None) -> None:
    """Give ``mapping`` the key (moving a just-added one) in the plan format's order: before
    the first later field the schema lists, else at the end."""
    current = mapping.pop(key) if key in mapping else value
    order = list(schema()["properties"])
    later = order[order.index(key) + 1 :] if key in order else []
    keys = list(mapping.keys())
    position = next((keys.index(k) for k in later if k in keys), len(keys))
    mapping.insert(position, key, current)


def set_value(
    document: CommentedMap, steps: Sequence[str], value: Any, plan: dict[str, Any]
) -> str:
    """Set the place to ``value`` (typed already); a description of the change."""
    container, key = _walk(document, steps, plan, create=True)
    node = schema_at(tuple(steps), plan)
    had = key in container if isinstance(container, dict) else True
    old = container[key] if had else None
    if isinstance(value, dict | list):
        value = to_yaml_value(value, top=False)
    elif had:
        value = scalar_like(old, value)
    if isinstance(container, dict) and not had and container is document:
        container[key] = value
        insert_in_order(container, key)
    else:
        container[key] = value
    where = place_words(steps)
    old_shown, new_shown = _shown(node, old), _shown(node, value)
    if not had or old is None:
        return f"{where} set" + (f" to {new_shown}" if new_shown else "")
    if old_shown is not None and new_shown is not None:
        return f"{where} {old_shown} -> {new_shown}"
    return f"{where} changed"


def unset_value(document: CommentedMap, steps: Sequence[str], plan: dict[str, Any]) -> str:
    container, key = _walk(document, steps, plan, create=False)
    if isinstance(container, dict) and key not in container:
        raise UsageError(f"{place_words(steps)}: the plan has no such field")
    remove_keeping_layout(container, key)
    return f"{place_words(steps)} removed"


def remove_keeping_layout(container: Any, key: Any) -> None:
    """Remove ``container[key]``; when it was the last entry, the blank lines that ended the
    block (kept by ruamel on its last scalar) move to the entry before it."""
    last = list(container.keys())[-1] if isinstance(container, dict) else len(container) - 1
    moved = ""
    if key == last and len(container) > 1:
        slot = _last_scalar_slot_of(container, key)
        if slot is not None:
            holder, inner = slot
            entry = holder.ca.items.get(inner)
            index = _token_index(holder)
            token = entry[index] if entry and len(entry) > index else None
            if token is not None and "\n" in token.value:
                moved = token.value[token.value.find("\n") + 1 :]
    del container[key]
    if moved:
        slot = _last_scalar_slot(container)
        if slot is not None:
            holder, inner = slot
            index = _token_index(holder)
            entry = holder.ca.items.setdefault(inner, [None, None, None, None])
            token = entry[index]
            if token is None:
                entry[index] = CommentToken("\n" + moved, CommentMark(0), None)
            elif "\n" in token.value:
                token.value = token.value.rstrip("\n") + "\n" + moved
            else:
                token.value = token.value + "\n" + moved


def _last_scalar_slot_of(container: Any, key: Any) -> tuple[Any, Any] | None:
    return _last_scalar_slot(container[key]) or (container, key)


def next_id(items: Sequence[Any], letter: str) -> str:
    pattern = re.compile(re.escape(letter) + r"(\d+)")
    numbers = [0]
    for item in items:
        match = pattern.fullmatch(str(item.get("id"))) if isinstance(item, dict) else None
        if match:
            numbers.append(int(match.group(1)))
    return f"{letter}{max(numbers) + 1}"


def append_item(
    document: CommentedMap, steps: Sequence[str], item: Any, plan: dict[str, Any]
) -> str:
    """Add ``item`` to the list at ``steps`` (made if missing), giving it the next id when its
    list's items carry ids; a description ("goal G4 added")."""
    container, key = _walk(document, steps, plan, create=True)
    seq = container.get(key) if isinstance(container, dict) else container[key]
    if seq is None:
        seq = CommentedSeq()
        container[key] = seq
        if container is document:
            insert_in_order(container, key)
    if not isinstance(seq, CommentedSeq):
        raise UsageError(f"{place_words(steps)} is not a list; set it with = instead")
    list_name = steps[-1]
    label = ITEM_WORDS.get(list_name) or field_words(list_name).removesuffix("s")
    if len(steps) > 1:
        label = f"{place_words(steps[:-1])} {label}"
    if isinstance(item, dict) and list_name in ID_LETTERS:
        if "id" in item:
            raise UsageError(f"a new {label} is given its id by careplan; leave 'id' out")
        item = {"id": next_id(seq, ID_LETTERS[list_name]), **item}
    node = _styled_like(seq, item)
    if len(seq):
        append_keeping_layout(seq, node)
    else:
        seq.append(node)
    if isinstance(item, dict) and "id" in item:
        return f"{label} {item['id']} added"
    return f"{label} added"


def _styled_like(seq: CommentedSeq, item: Any) -> Any:
    """A new item in block style, or in flow style when the list's items are flow mappings."""
    if not isinstance(item, dict):
        return to_yaml_value(item, top=False)
    last = seq[-1] if len(seq) else None
    flow_neighbours = isinstance(last, CommentedMap) and last.fa.flow_style()
    node = to_yaml_value(item, top=not flow_neighbours)
    if isinstance(node, CommentedMap):
        for value in node.values():
            if isinstance(value, CommentedSeq) and all(
                not isinstance(v, dict | list) for v in value
            ):
                value.fa.set_flow_style()  # needs: [N1, N2]
    return node


# -- the two commands' changes ----------------------------------------------------------------


def apply_assignments(
    text: str,
    plan: dict[str, Any],
    assignments: Sequence[Assignment],
    unsets: Sequence[str] = (),
    today: str | None = None,
) -> tuple[str, list[str]]:
    """``careplan set``: the new text and a description of each change. An item added to a
    list that records the day (a goal's ``added``) gets ``today``, as ``careplan add`` does."""
    document = load_text(text)
    said: list[str] = []
    for steps in (parse_steps(path) for path in unsets):
        said.append(unset_value(document, steps, plan))
    for assignment in assignments:
        where = place_words(assignment.steps)
        if assignment.append:
            node = schema_at((*assignment.steps, "1"), plan)
            item = typed_value(assignment.raw, node, where)
            if today is not None and len(assignment.steps) == 1 and isinstance(item, dict):
                item = dated_on_adding(assignment.steps[0], item, plan, today)
            said.append(append_item(document, assignment.steps, plain_dates(item), plan))
        else:
            node = schema_at(assignment.steps, plan)
            if node is None:
                raise UsageError(f"{where}: the plan format has no such field")
            value = typed_value(assignment.raw, node, where)
            said.append(set_value(document, assignment.steps, plain_dates(value), plan))
    return dump_text(document), said


def add_item(text: str, plan: dict[str, Any], kind: str, item: dict[str, Any]) -> tuple[str, str]:
    """``careplan add``: the new text and "goal G4 added"."""
    list_name = ADD_KINDS[kind]
    document = load_text(text)
    said = append_item(document, (list_name,), plain_dates(item), plan)
    return dump_text(document), said
