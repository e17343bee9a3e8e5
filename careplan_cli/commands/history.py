"""A plan's history from git, with the reviews each commit recorded (``careplan log``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from careplan_cli.adapters import gitio
from careplan_cli.commands.locate import resolve_plan
from careplan_cli.errors import UsageError
from careplan_cli.plan.history import HistoryEntry
from careplan_cli.plan.yamlload import load_bytes


def _reviews(raw: bytes | None) -> list[dict[str, Any]]:
    if raw is None:
        return []
    data = load_bytes(raw).data
    reviews = data.get("reviews") if data else None
    return [r for r in reviews if isinstance(r, dict)] if isinstance(reviews, list) else []


def _key(review: dict[str, Any]) -> tuple[str, str]:
    return str(review.get("date", "")), str(review.get("kind", ""))


def plan_log(ref: str, cwd: Path | None = None) -> list[HistoryEntry]:
    """``careplan log``: the history of the plan ``ref`` names."""
    path = resolve_plan(ref, cwd or Path.cwd())
    repo = gitio.find_repo(path)
    if repo is None:
        raise UsageError(f"{path} is not in a git repository, so it has no history")
    return plan_history(repo, path)


Source = tuple[bytes | None, str]  # a version's bytes (None: it did not exist), and its name


def revisions_of(
    ref: str, rev_a: str | None, rev_b: str | None, cwd: Path | None = None
) -> tuple[Source, Source, str]:
    """The two versions ``careplan diff`` compares: ``rev_a`` (default HEAD) and ``rev_b``
    (default the working tree), and a title naming them."""
    path = resolve_plan(ref, cwd or Path.cwd())
    repo = gitio.find_repo(path)
    if repo is None:
        raise UsageError(f"{path} is not in a git repository; use --no-index OLD NEW")
    old_rev = rev_a or "HEAD"
    old_sha = gitio.resolve_revision(repo, old_rev)
    old = (gitio.read_at(repo, old_sha, path), f"{path} at {old_rev}")
    if rev_b is None:
        return old, (path.read_bytes(), str(path)), f"{path}: {old_rev} -> working tree"
    new_sha = gitio.resolve_revision(repo, rev_b)
    new = (gitio.read_at(repo, new_sha, path), f"{path} at {rev_b}")
    return old, new, f"{path}: {old_rev} -> {rev_b}"


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
