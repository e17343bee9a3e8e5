"""Plain words for places in a plan: "goal G3, status", not ``/goals/2/status``.

People read messages; JSON pointers are for programs. Items of the id-bearing lists are named
by their id (which is not personal data), other list items by their position counted from 1.
Key names are shown only when they look like field names, so that a value typed where a key
belongs (``Grace mobile 07700 900512:``) is never repeated back.
"""

from __future__ import annotations

import re
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


def field_words(name: str) -> str:
    """A field name as words (``next_review`` -> "next review"); "an unknown key" when the
    name does not look like a field name."""
    if not FIELD_NAME.fullmatch(name):
        return "an unknown key"
    return name.replace("_", " ").replace("nhs", "NHS")


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
        if pending_list is not None and part.isdigit():
            item_id = child.get("id") if isinstance(child, dict) else None
            word = ITEM_WORDS.get(pending_list, "item")
            if isinstance(item_id, str) and FIELD_ID.fullmatch(item_id):
                words[-1] = f"{word} {item_id}"
            else:
                words[-1] = f"{word} {int(part) + 1}"
            pending_list = None
        else:
            words.append(field_words(part))
            pending_list = part if part in ITEM_WORDS or isinstance(child, list) else None
        node = child
    return ", ".join(words)


FIELD_ID = re.compile(r"[A-Za-z]{1,3}[0-9]{1,4}")


def _child(node: Any, part: str) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and part.isdigit() and int(part) < len(node):
        return node[int(part)]
    return None


def describe_finding(finding: Finding, data: Any = None) -> str:
    """``CODE where: message`` for people."""
    where = f" {plain_path(finding.path, data)}" if finding.path else ""
    return f"{finding.code}{where}: {finding.message}"
