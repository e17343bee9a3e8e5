"""Plain words for places in a plan: "goal G3, status", not ``/goals/2/status``.

People read messages; JSON pointers are for programs. Items of the id-bearing lists are named
by their id (which is not personal data), other list items by their position counted from 1.
Key names are shown only when they look like field names, so that a value typed where a key
belongs (``Grace mobile 07700 900512:``) is never repeated back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from careplan_cli.plan.findings import Finding, pointer_parts

# List fields whose items carry an ``id``, and the word for one item.
ITEM_WORDS = {
    "needs": "need",
    "goals": "goal",
    "interventions": "intervention",
    "risks": "risk",
    "carers": "carer",
    "care_team": "care team member",
    "reviews": "review",
    "milestones": "milestone",
    "contacts": "contact",
    "agreements": "sharing agreement",
    "copies": "copy",
    "attendees": "attendee",
    "outcomes": "outcome",
    "status_history": "status change",
    "coordinator_history": "coordinator",
    "admissions": "admission",
}
FIELD_NAME = re.compile(r"[a-z_][a-z0-9_]{0,39}")
UNKNOWN_KEY = "an unknown key"


def nameable(key: object) -> bool:
    """Whether a key may be repeated back in messages and pointers: only when it looks like a
    field name. The one place that decides; everything that names a key asks it."""
    return isinstance(key, str) and FIELD_NAME.fullmatch(key) is not None


def field_words(name: str) -> str:
    """A field name as words (``next_review`` -> "next review"); "an unknown key" when the
    name does not look like a field name."""
    if not nameable(name):
        return UNKNOWN_KEY
    return name.replace("_", " ").replace("nhs", "NHS")


def unknown_key(name: str, known: Iterable[str], *, suggest: bool = True) -> str:
    """How to name a key the schema does not know: by name with "did you mean" when it looks
    like a field name, else "an unknown key" (its line and column say where)."""
    if not nameable(name):
        return UNKNOWN_KEY
    from difflib import get_close_matches

    close = get_close_matches(name, sorted(known), n=1, cutoff=0.75) if suggest else []
    hint = f"did you mean '{close[0]}'?" if close else "check its spelling"
    return f"unknown field '{name}' ({hint})"


def safe_parts(parts: Iterable[str | int]) -> list[str | int]:
    """A path's parts (ints for list indices) up to the first key that must not be named:
    the pointer then leads to the mapping that holds it."""
    kept: list[str | int] = []
    for part in parts:
        if not (isinstance(part, int) or nameable(part)):
            break
        kept.append(part)
    return kept


def plain_path(ptr: str, data: Any = None) -> str:
    """``ptr`` in words, using ``data`` (the plan) to name list items by their ids."""
    parts = pointer_parts(ptr)
    if not parts:
        return "the plan"
    words: list[str] = []
    node = data
    pending_list: str | None = None
    for part in parts:
        child = _child(node, part)
        position = _position(part)
        # An item of an id-bearing list: a mapping (a list of ids, such as an intervention's
        # goals, holds references, not items: those are named by position below).
        item = child is None or isinstance(child, dict)
        if pending_list is not None and position is not None and item:
            item_id = child.get("id") if isinstance(child, dict) else None
            word = ITEM_WORDS[pending_list]
            if isinstance(item_id, str) and FIELD_ID.fullmatch(item_id):
                words[-1] = f"{word} {item_id}"
            else:
                words[-1] = f"{word} {position}"
            pending_list = None
        elif position is not None and (isinstance(node, list) or (node is None and words)):
            # An item of a list without ids ("strengths, item 2"); without the plan, a number
            # after a field is taken for a position (a number as a key is never named).
            words.append(f"item {position}")
            pending_list = None
        else:
            words.append(field_words(part))
            pending_list = part if part in ITEM_WORDS else None
        node = child
    return ", ".join(words)


FIELD_ID = re.compile(r"[A-Za-z]{1,3}[0-9]{1,4}")


def _position(part: str) -> int | None:
    """A pointer part read as a list position counted from 1, or None."""
    if part.isascii() and part.isdigit() and len(part) <= 9:
        return int(part) + 1
    return None


def _child(node: Any, part: str) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    position = _position(part)
    if isinstance(node, list) and position is not None and position <= len(node):
        return node[position - 1]
    return None


def finding_place(finding: Finding, data: Any = None) -> str:
    """Where ``finding`` is, in words: the place it was made with, else its pointer read with
    ``data`` (or without: list items then by position); "" for the whole file."""
    if not finding.path:
        return ""
    return finding.place or plain_path(finding.path, data)


def describe_finding(finding: Finding, data: Any = None) -> str:
    """``CODE where: message`` for people."""
    place = finding_place(finding, data)
    where = f" {place}" if place else ""
    return f"{finding.code}{where}: {finding.message}"
