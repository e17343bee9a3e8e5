"""What every command that changes a plan does around the change: find the plan, check git is
ready before writing, write atomically, commit that file alone."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careplan_cli.adapters import gitio
from careplan_cli.adapters.config import default_plan_dir
from careplan_cli.adapters.files import atomic_write
from careplan_cli.errors import RefusedError, UsageError
from careplan_cli.plan.create import ID_PATTERN
from careplan_cli.plan.review import ReviewRequest, review_plan
from careplan_cli.plan.yamlload import read_plan_file

if TYPE_CHECKING:
    from careplan_cli.adapters.config import Settings


def resolve_plan(plan: str, cwd: Path) -> Path:
    """A plan given as a path, or as an id in the repository's plan directory."""
    as_path = Path(plan)
    if as_path.is_file():
        return as_path
    if ID_PATTERN.fullmatch(plan):
        candidate = default_plan_dir(cwd) / f"{plan}.yaml"
        if candidate.is_file():
            return Path(os.path.relpath(candidate, cwd))
    raise UsageError(f"{plan}: no such plan file (give a path, or an id in plans/)")


@dataclass(frozen=True)
class CommitPlan:
    """Whether and where a change will be committed, decided before anything is written."""

    repo: Any | None
    reason_not: str = ""


def prepare_commit(path: Path, *, no_commit: bool, must_be_clean: bool) -> CommitPlan:
    """Refuse early (nothing written yet) when a commit is wanted but cannot be made."""
    if no_commit:
        return CommitPlan(None, "--no-commit given")
    repo = gitio.find_repo(path)
    if repo is None:
        return CommitPlan(None, "not in a git repository")
    gitio.require_identity(repo)
    if must_be_clean and path.exists() and gitio.has_uncommitted_changes(repo, path):
        raise RefusedError(
            f"{path} has uncommitted changes; commit or discard them first, "
            "or use --no-commit to record this change without a commit"
        )
    return CommitPlan(repo)


def finish_commit(plan: CommitPlan, path: Path, message: str) -> str:
    """Commit ``path`` alone if planned; a sentence saying what happened."""
    if plan.repo is None:
        return f"not committed ({plan.reason_not})"
    sha = gitio.commit_file(plan.repo, path, message)
    return f"committed {sha[:8]}: {message}"


def read_plan_text(path: Path) -> str:
    """The plan's text for editing; a file that cannot be read as a plan is refused."""
    loaded = read_plan_file(path)
    if loaded.text is None or loaded.data is None:
        first = loaded.findings[0]
        raise RefusedError(
            f"{path}:{first.line}:{first.column}: the plan cannot be read: "
            f"{first.code} {first.message}"
        )
    return loaded.text


def record_review(
    path: Path,
    text: str,
    entry: dict[str, Any],
    close: bool,
    force_reason: str | None,
    settings: Settings,
    commit: CommitPlan,
) -> str:
    """Check, write and commit one review; a sentence saying what happened to the commit."""
    request = ReviewRequest(entry, close=close, force_reason=force_reason)
    plan_id = path.name.rsplit(".", 1)[0]
    new_text = review_plan(text, plan_id, request, settings)
    atomic_write(path, new_text)
    verb = "Review and close" if close else "Review"
    return finish_commit(commit, path, f"{verb} {plan_id} {entry['date']}")
