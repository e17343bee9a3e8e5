"""A plan's history as plain data: one entry per commit, with the reviews it recorded."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class HistoryEntry:
    commit: str
    date: str
    author: str
    message: str
    reviews_added: list[dict[str, str]] = field(default_factory=list)
