"""``careplan validate``: which plans to check (the checking itself is
:func:`careplan_cli.commands.engine.check_many`)."""

from __future__ import annotations

from pathlib import Path

from careplan_cli.adapters import gitio
from careplan_cli.errors import UsageError


def changed_only(files: list[Path], revision: str, cwd: Path | None = None) -> list[Path]:
    """The plans among ``files`` changed since ``revision``; all when policy files changed."""
    repo = gitio.find_repo(cwd or Path.cwd())
    if repo is None:
        raise UsageError("--changed-since needs a git repository")
    try:
        sha = gitio.resolve_revision(repo, revision)
    except UsageError:
        if gitio.is_shallow(repo):
            raise UsageError(
                f"revision {revision!r} is not in this shallow clone; fetch the history it "
                "needs (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)"
            ) from None
        raise
    changed = {p.resolve() for p in gitio.changed_files(repo, sha)}
    policy = {p for p in changed if p.name in ("careplan.toml", "careplan.schema.json")}
    if policy:
        return files
    return [f for f in files if f.resolve() in changed]


def conflict_advice_for(path: Path) -> str | None:
    """What to do about an add/add conflict in ``path`` between two different people."""
    from careplan_cli.plan.conflict import conflict_advice

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return conflict_advice(text, path.name.rsplit(".", 1)[0])
