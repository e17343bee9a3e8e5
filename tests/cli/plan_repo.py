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


def as_v2(text: str) -> str:
    """An example plan (format v1) in format v2, as ``careplan migrate`` will write it: ids on
    carers and care team members, the carer's assessment as a record."""
    from careplan_cli.plan.roundtrip import dump_text, load_text

    document = load_text(text.replace("\nschema_version: 1\n", "\nschema_version: 2\n"))
    for key, letter in (("care_team", "T"), ("carers", "C")):
        for number, item in enumerate(document.get(key) or [], start=1):
            if "id" not in item:
                item.insert(0, "id", f"{letter}{number}")
            offered = item.pop("assessment_offered", None)
            declined = item.pop("assessment_declined", None)
            if offered is not None or declined:
                state = "declined" if declined else "offered"
                record = {"status": state, **({"date": offered} if offered else {})}
                item["assessment"] = record
    return dump_text(document)


def make_v2_plan_repo(repo: Path) -> Path:
    """``repo`` with every example, in format v2, committed under plans/."""
    for path in EXAMPLES.glob("*.yaml"):
        (repo / "plans" / path.name).write_text(as_v2(path.read_text()))
    git(repo, "add", "plans")
    git(repo, "commit", "-q", "-m", "Add plans")
    return repo
