"""log's output: a plan's commits and the reviews each recorded, as a table or JSON.

:data:`WRITERS` maps each ``--format`` name to its writer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from careplan_cli.report.document import Document, Table
from careplan_cli.report.escape import json_text, shown

if TYPE_CHECKING:
    from careplan_cli.plan.history import HistoryEntry

HISTORY_HEADERS = ["date", "commit", "author", "message", "reviews recorded"]


def history_rows(entries: Sequence[HistoryEntry]) -> list[list[str]]:
    return [
        [
            shown(e.date[:10]),
            shown(e.commit[:8]),
            shown(e.author),
            shown(e.message),
            shown(", ".join(f"{r['date']} ({r['kind']})" for r in e.reviews_added) or "-"),
        ]
        for e in entries
    ]


def history_table(entries: Sequence[HistoryEntry]) -> Document:
    return Table(HISTORY_HEADERS, history_rows(entries))


def history_json(entries: Sequence[HistoryEntry]) -> str:
    records = [
        {
            "commit": e.commit,
            "date": e.date,
            "author": e.author,
            "message": e.message,
            "reviews_added": e.reviews_added,
        }
        for e in entries
    ]
    return json_text(records)


WRITERS: dict[str, Callable[[Sequence[HistoryEntry]], Document]] = {
    "text": history_table,
    "json": history_json,
}
