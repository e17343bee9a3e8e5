"""Shared fixtures: an isolated home, real git repositories, the CLI runner, data paths."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# The examples as they were in plan format v1, before they were migrated and corrected: the
# write-path tests (review, locking, merging) use them, since v1 plans still validate and a
# v2 review must carry content that those tests do not supply.
EXAMPLES_V1 = Path(__file__).resolve().parent / "data" / "v1"
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = "2026-11-22"

AUTHOR = {
    "GIT_AUTHOR_NAME": "Kim Worker",
    "GIT_AUTHOR_EMAIL": "kim.worker@example.org",
    "GIT_COMMITTER_NAME": "Kim Worker",
    "GIT_COMMITTER_EMAIL": "kim.worker@example.org",
}


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real home directory or the user's git configuration."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    # Tests check files afresh unless they test the cache (tests/adapters/test_cache.py).
    monkeypatch.setenv("CAREPLAN_NO_CACHE", "1")
    for name in AUTHOR:
        monkeypatch.delenv(name, raising=False)


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **AUTHOR},
    )
    return result.stdout


@pytest.fixture
def git_repo(tmp_path: Path) -> Iterator[Path]:
    """A real, empty git repository with a fixed author, and a plans/ directory."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", AUTHOR["GIT_AUTHOR_NAME"])
    git(repo, "config", "user.email", AUTHOR["GIT_AUTHOR_EMAIL"])
    git(repo, "config", "commit.gpgsign", "false")
    (repo / "plans").mkdir()
    yield repo


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# ``careplan new`` with the fewest options that make a plan: a CPA plan for "A", coordinated
# by "B", its id and start left to careplan.
NEW_MINIMAL = ("new", "--no-input", "--type", "cpa", "--level", "standard", "--name", "A",
               "--coordinator", "B")  # fmt: skip
NewPlan = Callable[..., tuple[int, str, str]]


@pytest.fixture
def new_plan(runner: CliRunner) -> NewPlan:
    """``careplan new`` with :data:`NEW_MINIMAL` and the options a test adds, run in-process
    in the working directory: exit code, stdout and stderr."""

    def run(*extra: str) -> tuple[int, str, str]:
        return invoke(runner, *NEW_MINIMAL, *extra)

    return run


def invoke(runner: CliRunner, *args: str, input: str | None = None) -> tuple[int, str, str]:
    """Run the CLI in-process: exit code, stdout and stderr (stdout's CRLF kept: some formats,
    iCalendar's, need it)."""
    from careplan_cli.cli import app

    result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes.decode(), result.stderr


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/<name>; CAREPLAN_UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if os.environ.get("CAREPLAN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"missing golden file {path}; run with CAREPLAN_UPDATE_GOLDEN=1"
    assert actual == path.read_bytes().decode("utf-8")  # bytes: CRLF is part of some formats
