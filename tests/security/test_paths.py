"""Paths: links in and out of the repository, for reads and writes, through every command.

A plan file that is a link, or a plan directory that leads outside the repository, is never
written through; a link that leads out is never read through on the way to a plan; nothing
is created outside the repository.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.cli import app
from tests.conftest import AUTHOR, EXAMPLES, git
from tests.security.surface import COMMANDS, WRITERS, Command

OUTSIDE_MARK = "OUTSIDE-ONLY-VALUE"


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(EXAMPLES / "CP-000102.yaml", git_repo / "plans")
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Add plan")
    monkeypatch.chdir(git_repo)
    for name, value in AUTHOR.items():
        monkeypatch.setenv(name, value)
    return git_repo


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A plan-shaped file outside the repository, holding a value found nowhere else."""
    directory = tmp_path / "outside"
    directory.mkdir()
    text = (EXAMPLES / "CP-000102.yaml").read_text(encoding="utf-8")
    target = directory / "CP-000103.yaml"
    target.write_text(
        text.replace("id: CP-000102", "id: CP-000103").replace("Grace", OUTSIDE_MARK, 1),
        encoding="utf-8",
    )
    return directory


def snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(directory.iterdir())}


def run(command: Command, plan: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, command.args(plan))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_a_plan_linked_to_a_file_outside_is_neither_read_nor_written(
    repo: Path, outside: Path, command: Command
) -> None:
    (repo / "plans" / "CP-000103.yaml").symlink_to(outside / "CP-000103.yaml")
    before = snapshot(outside)
    code, out, err = run(command, "CP-000103")
    assert snapshot(outside) == before
    assert (repo / "plans" / "CP-000103.yaml").is_symlink()
    assert OUTSIDE_MARK not in out + err
    assert "Traceback" not in err
    if command.writes:
        assert code == 1 and err.startswith("error: ")
        assert git(repo, "log", "--format=%s") == "Add plan\n"


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c.name)
def test_a_plan_that_is_a_link_inside_the_repository_is_not_written_through(
    repo: Path, command: Command
) -> None:
    (repo / "plans" / "CP-000104.yaml").symlink_to("CP-000102.yaml")
    before = (repo / "plans" / "CP-000102.yaml").read_bytes()
    code, _, err = run(command, "plans/CP-000104.yaml")
    assert code == 1 and "is a symbolic link" in err
    assert (repo / "plans" / "CP-000102.yaml").read_bytes() == before
    assert (repo / "plans" / "CP-000104.yaml").is_symlink()


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c.name)
def test_a_plan_directory_leading_outside_is_refused(
    repo: Path, outside: Path, command: Command
) -> None:
    shutil.rmtree(repo / "plans")
    (repo / "plans").symlink_to(outside)
    before = snapshot(outside)
    code, _, err = run(command, "CP-000103")
    assert code == 1 and "outside the repository" in err
    assert snapshot(outside) == before


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c.name)
def test_a_path_outside_the_repository_is_refused(
    repo: Path, outside: Path, command: Command
) -> None:
    before = snapshot(outside)
    code, _, err = run(command, str(outside / "CP-000103.yaml"))
    assert code == 1 and "outside the repository" in err
    assert snapshot(outside) == before


def test_new_does_not_create_a_plan_through_a_linked_plan_directory(
    repo: Path, outside: Path
) -> None:
    shutil.rmtree(repo / "plans")
    (repo / "plans").symlink_to(outside)
    before = snapshot(outside)
    result = CliRunner().invoke(
        app,
        ["new", "--no-input", "--type", "cpa", "--level", "enhanced", "--name", "A B",
         "--coordinator", "C D", "--id", "CP-000200"],
    )  # fmt: skip
    assert result.exit_code == 1 and "outside the repository" in result.stderr
    assert snapshot(outside) == before


def test_nothing_careplan_writes_appears_in_the_work_tree(repo: Path) -> None:
    for command in WRITERS:
        run(command, "CP-000102")
    assert git(repo, "status", "--porcelain", "--ignored") == ""
    in_tree = [p for p in repo.rglob("*") if ".git" not in p.parts]
    assert not any(p.name.endswith((".lock", ".tmp")) for p in in_tree)
    assert list((repo / ".git" / "careplan").iterdir()) == []
