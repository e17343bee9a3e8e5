"""A plan's history from git, with the reviews each commit recorded (``careplan log``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careplan_cli.adapters import gitio
from careplan_cli.plan.yamlload import load_bytes


@dataclass(frozen=True)
class HistoryEntry:
    commit: str
    date: str
    author: str
    message: str
    reviews_added: list[dict[str, str]] = field(default_factory=list)


def _reviews(raw: bytes | None) -> list[dict[str, Any]]:
    if raw is None:
        return []
    data = load_bytes(raw).data
    reviews = data.get("reviews") if data else None
    return [r for r in reviews if isinstance(r, dict)] if isinstance(reviews, list) else []


def _key(review: dict[str, Any]) -> tuple[str, str]:
    return str(review.get("date", "")), str(review.get("kind", ""))


def plan_history(repo: Any, path: Path) -> list[HistoryEntry]:
    """Commits that touched the plan, newest first, each with the reviews it added."""
    commits = gitio.file_log(repo, path)
    entries = []
    for index, commit in enumerate(commits):
        older = commits[index + 1] if index + 1 < len(commits) else None
        now = _reviews(gitio.show_blob(repo, commit.sha, commit.path))
        before = _reviews(gitio.show_blob(repo, older.sha, older.path)) if older else []
        seen = {_key(r) for r in before}
        added = [{"date": d, "kind": k} for d, k in (_key(r) for r in now) if (d, k) not in seen]
        entries.append(HistoryEntry(commit.sha, commit.date, commit.author, commit.message, added))
    return entries
