"""``careplan init`` in a sub-folder of a repository: pre-commit's and GitHub's files.

pre-commit and GitHub read ``.pre-commit-config.yaml`` and ``.github/workflows/`` only at the
repository root, so for plans in a sub-folder they are written there, pointing at the
folder's plans. A file already at the root is the repository's own: it is left as it is and
init says what to add by hand. Nothing is written through a symbolic link.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from careplan_cli.adapters.files import create_exclusive
from careplan_cli.plan.repofiles import pre_commit_config, safe_folder, workflow
from careplan_cli.plan.source import SourceError, read_source

HOOK_FILES = (".pre-commit-config.yaml", ".github/workflows/careplan.yml")


@dataclass(frozen=True)
class RootStep:
    path: Path  # where the file is (or would be)
    action: str  # "created", "kept" or "skipped"
    note: str


def hook_files(top: Path, directory: Path) -> list[RootStep]:
    """Write the hook files for plans in ``directory`` at the repository root ``top``."""
    folder = Path(os.path.relpath(directory.resolve(), top)).as_posix()
    if not safe_folder(folder):
        note = (
            f"the folder name {folder!r} is not one careplan writes into a hook: write it by "
            "hand, see the README's Plan repositories"
        )
        return [RootStep(top / name, "skipped", note) for name in HOOK_FILES]
    texts = dict(zip(HOOK_FILES, (pre_commit_config(folder), workflow(folder)), strict=True))
    return [_write(top, name, text, folder) for name, text in texts.items()]


def _write(top: Path, name: str, text: str, folder: str) -> RootStep:
    path = top / name
    on_the_way = [top / part for part in _prefixes(name)]
    if any(p.is_symlink() for p in on_the_way) or any(
        p.exists() and not p.is_dir() for p in on_the_way[:-1]
    ):
        return RootStep(path, "skipped", "a link or a file is in the way at the repository root")
    if path.exists() or path.is_symlink():
        if _same(path, text):
            return RootStep(path, "kept", f"for {folder}/plans")
        return RootStep(
            path,
            "skipped",
            f"the repository root has its own: add careplan's hook for {folder}/plans to it "
            "by hand, see the README's Plan repositories",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    create_exclusive(path, text, path.parent)
    return RootStep(
        path, "created", f"at the repository root, where it is read; for {folder}/plans"
    )


def _prefixes(name: str) -> list[str]:
    """``.github``, ``.github/workflows``, ``.github/workflows/careplan.yml``."""
    parts = name.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _same(path: Path, text: str) -> bool:
    try:
        return read_source(path).decode("utf-8") == text
    except (SourceError, UnicodeDecodeError):
        return False
