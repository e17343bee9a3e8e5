"""A plan repository for the lifecycle commands' tests, and the CLI run as a real process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import AUTHOR, EXAMPLES, git


def make_plan_repo(repo: Path) -> Path:
    """``repo`` (a fresh git repository) with every example committed under plans/."""
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, repo / "plans")
    git(repo, "add", "plans")
    git(repo, "commit", "-q", "-m", "Add plans")
    return repo


def run(
    repo: Path, *args: str, env: dict[str, str] | None = None, stdin: str | None = ""
) -> tuple[int, str, str]:
    """careplan as a real process in ``repo``, stdin a pipe (never a terminal)."""
    completed = subprocess.run(
        [sys.executable, "-m", "careplan_cli", *args],
        cwd=repo,
        env={**os.environ, **AUTHOR, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,  # a guard against a prompt that waits: never reached when all is well
        check=False,
    )
    return completed.returncode, completed.stdout, completed.stderr


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def last_commit(repo: Path) -> tuple[str, list[str]]:
    """The last commit's message and the files it changed."""
    message = git(repo, "log", "-1", "--format=%B").strip()
    files = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    return message, files
