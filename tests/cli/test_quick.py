"""``careplan validate`` without typer (cli/quick.py) does exactly what the typer command does.

The program (``careplan``, through ``careplan_cli.launch``) takes validate's plainly
well-formed command lines the quick way; ``careplan_cli.cli.main`` always goes through
typer. Both are run as real processes on the same repository and must print the same bytes
and exit with the same code; command lines the quick way does not take must reach typer.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from careplan_cli.cli import quick
from tests.conftest import DATA, EXAMPLES, TODAY, git

THROUGH_TYPER = "import sys; from careplan_cli.cli import main; sys.argv[0] = 'careplan'; main()"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with the examples as plans/, a broken plan, a conflict marker, a warning."""
    root = tmp_path_factory.mktemp("quick")
    git(root, "init", "-q")
    plans = root / "plans"
    shutil.copytree(EXAMPLES, plans, ignore=shutil.ignore_patterns("*.md"))
    shutil.copy(DATA / "invalid" / "cp001-tab-indentation.yaml", plans / "CP-000900.yaml")
    shutil.copy(DATA / "invalid" / "cp011-merge-conflict.yaml", plans / "CP-000901.yaml")
    shutil.copy(
        DATA / "invalid" / "cp309-no-review-triggers.yaml", plans / "cp309-no-review-triggers.yaml"
    )
    return root


def _run(repo: Path, *argv: str, typer: bool) -> tuple[int, str, str]:
    program = (
        [sys.executable, "-c", THROUGH_TYPER] if typer else [sys.executable, "-m", "careplan_cli"]
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(repo), "NO_COLOR": "1", "CAREPLAN_NO_CACHE": "1"}
    done = subprocess.run(
        [*program, "validate", *argv], cwd=repo, capture_output=True, text=True, env=env, timeout=60
    )
    return done.returncode, done.stdout, done.stderr


COMMAND_LINES = [
    [],
    ["plans"],
    ["plans/CP-000101.yaml"],
    ["--today", TODAY, "plans"],
    [f"--today={TODAY}", "plans/CP-000102.yaml", "plans/CP-000900.yaml"],
    ["--format", "json", "--today", TODAY, "plans"],
    ["-f", "github", "plans", "--today", TODAY],
    ["--format=json", "--strict", "--today", TODAY, "plans/CP-000101.yaml"],
    ["--strict", "--today", TODAY, "plans/cp309-no-review-triggers.yaml"],
    ["--today", TODAY, "plans/cp309-no-review-triggers.yaml"],
    ["--no-cache", "--today", TODAY, "--", "plans/CP-000901.yaml"],
    ["--today", "2026-02-30", "plans"],
    ["--today", TODAY, "no-such-file.yaml"],
    ["--changed-since", "HEAD", "plans"],
]


@pytest.mark.parametrize("argv", COMMAND_LINES, ids=lambda argv: " ".join(argv) or "(none)")
def test_the_quick_way_prints_what_typer_prints(repo: Path, argv: list[str]) -> None:
    assert quick.parse(argv) is not None, "this command line should be taken the quick way"
    assert _run(repo, *argv, typer=False) == _run(repo, *argv, typer=True)


TO_TYPER = [
    ["--help"],
    ["-h"],
    ["--bogus", "plans"],
    ["--format", "xml", "plans"],
    ["--format"],
    ["-fjson", "plans"],
    ["-f=json", "plans"],
    ["--today", "--strict", "plans"],
    ["--strict=yes", "plans"],
    ["--format", "", "plans"],
]


@pytest.mark.parametrize("argv", TO_TYPER, ids=" ".join)
def test_anything_else_is_left_to_typer(repo: Path, argv: list[str]) -> None:
    assert quick.parse(argv) is None
    code, out, err = _run(repo, *argv, typer=False)
    assert (code, out, err) == _run(repo, *argv, typer=True)
    assert "Traceback" not in err


def test_options_reach_the_check_as_typer_gives_them() -> None:
    args = quick.parse(["a.yaml", "-f", "json", "--today", TODAY, "--", "--strict"])
    assert args == quick.ValidateArgs(
        [Path("a.yaml"), Path("--strict")], "json", False, TODAY, False, None
    )


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_a_reader_gone_away_ends_both_ways_alike(repo: Path, output_format: str) -> None:
    # ``careplan validate | head``: click ends a command whose output pipe closed with exit 1
    # and no message; the quick way must not answer differently (it said 141).
    argv = ["-f", output_format, "--today", TODAY, "plans"]
    assert quick.parse(argv) is not None

    def closed_pipe(typer: bool) -> tuple[int, bytes]:
        read_end, write_end = os.pipe()
        os.close(read_end)  # before the program starts: its first write fails, every time
        program = (
            [sys.executable, "-c", THROUGH_TYPER]
            if typer
            else [sys.executable, "-m", "careplan_cli"]
        )
        # unbuffered: the first line is written (and fails) while the command runs, as a
        # buffer's worth of output is when there are many plans
        env = {"PATH": "/usr/bin:/bin", "HOME": str(repo), "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
        try:
            done = subprocess.run(
                [*program, "validate", *argv],
                cwd=repo,
                stdout=write_end,
                stderr=subprocess.PIPE,
                env={**env, "CAREPLAN_NO_CACHE": "1"},
                timeout=60,
            )
        finally:
            os.close(write_end)
        return done.returncode, done.stderr

    quick_way = closed_pipe(typer=False)
    assert quick_way == closed_pipe(typer=True)
    assert b"Traceback" not in quick_way[1]
