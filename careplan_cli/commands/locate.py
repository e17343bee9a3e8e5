"""Finding a plan the user named, inside the repository and never behind a link."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from careplan_cli.adapters import gitio
from careplan_cli.errors import RefusedError, UsageError
from careplan_cli.plan.ids import ID_PATTERN

if TYPE_CHECKING:
    from careplan_cli.plan.settings import Settings


def repository_root(settings: Settings, cwd: Path) -> Path:
    """The work tree of the git repository around ``cwd``; else the project's root."""
    repo = gitio.find_repo(cwd)
    if repo is not None:
        return gitio.work_tree(repo)
    return (settings.root or cwd).resolve()


def inside(path: Path, root: Path, cwd: Path) -> Path:
    """``path`` with its directories' links resolved (not the file's own); refused unless it
    lies in ``root``."""
    absolute = path if path.is_absolute() else cwd / path
    try:
        real = absolute.parent.resolve(strict=False) / absolute.name
    except (OSError, RuntimeError):
        raise RefusedError(f"{path}: its directory cannot be resolved (a loop of links?)") from None
    if not real.is_relative_to(root):
        raise RefusedError(
            f"{path} is outside the repository at {root}; careplan works only on plans there"
        )
    return real


def find_plan(ref: str, settings: Settings, cwd: Path, root: Path) -> Path:
    """The plan named by ``ref`` (a path, or an id in the plan directory): a regular file in
    the repository, not a link."""
    given = Path(ref)
    if ID_PATTERN.fullmatch(ref) and not (cwd / given).exists():
        candidate = settings.plan_dir / f"{ref}.yaml"
    else:
        candidate = given
    real = inside(candidate, root, cwd)
    try:
        info = real.lstat()
    except FileNotFoundError:
        raise UsageError(f"{ref}: no such plan (give a path, or an id in plans/)") from None
    shown = os.path.relpath(real, cwd)
    if stat.S_ISLNK(info.st_mode):
        raise RefusedError(
            f"{shown} is a symbolic link; careplan works only on plan files themselves"
        )
    if not stat.S_ISREG(info.st_mode):
        raise RefusedError(f"{shown} is not a regular file")
    return real


def resolve_plan(ref: str, cwd: Path) -> Path:
    """For commands that only read a plan: a path as given (reading is what was asked; the
    loader still refuses a link that leads out of the repository), or an id in the plan
    directory."""
    from datetime import date

    from careplan_cli.adapters.config import load_settings

    given = Path(ref)
    if given.is_file() or given.is_symlink():
        return given
    if ID_PATTERN.fullmatch(ref):
        candidate = load_settings(cwd, date.today()).plan_dir / f"{ref}.yaml"
        if candidate.is_file():
            return Path(os.path.relpath(candidate, cwd))
    raise UsageError(f"{ref}: no such plan file (give a path, or an id in plans/)")
