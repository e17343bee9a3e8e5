"""diff's output: changes in care-planning terms, as text lines or JSON.

:data:`WRITERS` maps each ``--format`` name to its writer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from careplan_cli.report.document import Document, Lines
from careplan_cli.report.escape import json_text, shown

if TYPE_CHECKING:
    from careplan_cli.plan.diff import Change

DIFF_SIGNS = {"added": "+", "removed": "-", "changed": "~"}
STYLES = {"heading": "bold", "added": "green", "removed": "red", "changed": "yellow"}


def _compact(value: object) -> str:
    """A value as people read it: "empty" for no value (YAML's null, or ""), not ``null``."""
    if value is None or value == "":
        return "empty"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def diff_lines(changes: Sequence[Change], paths_only: bool) -> list[tuple[str, str]]:
    """``(op, line)`` pairs: a heading per plan section, then one line per change."""
    lines: list[tuple[str, str]] = []
    section = None
    for change in changes:
        heading = change.shown.split("/")[1].replace("_", " ") if change.shown else "plan"
        if heading != section:
            section = heading
            lines.append(("heading", shown(heading)))
        sign = DIFF_SIGNS[change.op]
        if paths_only:
            text = f"{change.label} ({change.shown or '/'})"
        elif change.op == "changed":
            text = f"{change.label}: {_compact(change.old)} -> {_compact(change.new)}"
        elif change.op == "added":
            text = f"{change.label} added: {_compact(change.new)}"
        else:
            text = f"{change.label} removed: {_compact(change.old)}"
        lines.append((change.op, f"  {sign} {shown(text)}"))
    return lines


def diff_text(changes: Sequence[Change], title: str, paths_only: bool) -> Document:
    """The title, then the changes; nothing at all when nothing changed."""
    if not changes:
        return ""
    body = [(line, STYLES[op]) for op, line in diff_lines(changes, paths_only)]
    return Lines([(shown(title), "bold"), *body])


def diff_json(changes: Sequence[Change], title: str, paths_only: bool) -> str:
    records = [
        {
            "op": c.op,
            "path": c.shown if paths_only else c.path,
            "label": c.label,
            "old": None if paths_only else c.old,
            "new": None if paths_only else c.new,
        }
        for c in changes
    ]
    return json_text(records, ensure_ascii=False)


WRITERS: dict[str, Callable[[Sequence[Change], str, bool], Document]] = {
    "text": diff_text,
    "json": diff_json,
}
