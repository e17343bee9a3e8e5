"""careplan migrate (issue 15's acceptance): on a copy of the v1 examples with a git history,
every plan becomes schema-valid v2 with its comments kept, in one commit; --dry-run changes
nothing; what only a person can supply is listed and exits 1."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.plan.schema import schema_problems
from careplan_cli.plan.yamlload import read_plan_file
from tests.conftest import AUTHOR, DATA, TODAY, git, invoke

V1 = sorted((DATA / "v1").glob("*.yaml"))


def comments(text: str) -> list[str]:
    return [m.group(0).strip() for m in re.finditer(r"#[^\n]*", text)]


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The v1 examples, added over three commits (a history, as a real repository has)."""
    monkeypatch.chdir(git_repo)
    for name, value in AUTHOR.items():
        monkeypatch.setenv(name, value)
    for chunk in (V1[:2], V1[2:4], V1[4:]):
        for path in chunk:
            shutil.copy(path, git_repo / "plans")
        git(git_repo, "add", "-A")
        git(git_repo, "commit", "-qm", "Add plans " + ", ".join(p.stem for p in chunk))
    return git_repo


def test_the_v1_examples_are_v1() -> None:
    assert len(V1) == 5
    for path in V1:
        assert "schema_version: 1" in path.read_text(encoding="utf-8")


def test_migrate_makes_every_plan_v2_in_one_commit_keeping_comments(
    runner: CliRunner, repo: Path
) -> None:
    before = {p.name: p.read_text(encoding="utf-8") for p in (repo / "plans").iterdir()}
    head = git(repo, "rev-parse", "HEAD")
    code, _, err = invoke(runner, "migrate", "--today", TODAY)
    assert code == 1  # SC-000201 needs what only a person can say
    assert "plans/SC-000201.yaml: /needs/0: to supply: record whether the need is eligible" in err
    assert "Migrated 5 plan(s); committed" in err
    assert git(repo, "rev-parse", "HEAD~1") == head  # one commit ...
    changed = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(changed) == sorted(f"plans/{name}" for name in before)  # ... with every plan
    assert git(repo, "status", "--porcelain") == ""
    for name, old in before.items():
        path = repo / "plans" / name
        data = read_plan_file(path).data
        assert data is not None and data["schema_version"] == 2
        assert list(schema_problems(data)) == [], name
        new = path.read_text(encoding="utf-8")
        kept = comments(new)
        for comment in comments(old):
            assert any(comment.lstrip("# ") in c for c in kept), (name, comment)
        assert all(r.get("recorded_under_v1") is True for r in data.get("reviews", []))
    for line in err.splitlines():  # no plan value in the output
        assert "Okafor" not in line and "943" not in line


def test_dry_run_changes_nothing_and_its_diff_is_the_migration(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    before = {p.name: p.read_bytes() for p in (repo / "plans").iterdir()}
    head = git(repo, "rev-parse", "HEAD")
    code, out, err = invoke(runner, "migrate", "--dry-run", "--today", TODAY)
    assert code == 1 and "Would migrate 5 plan(s)" in err
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain", "--ignored") == ""
    assert {p.name: p.read_bytes() for p in (repo / "plans").iterdir()} == before
    patch = tmp_path / "migration.diff"
    patch.write_text(out)
    git(repo, "apply", str(patch))
    applied = {p.name: p.read_bytes() for p in (repo / "plans").iterdir()}
    git(repo, "checkout", "--", "plans")
    assert invoke(runner, "migrate", "--today", TODAY)[0] == 1
    assert {p.name: p.read_bytes() for p in (repo / "plans").iterdir()} == applied


def test_a_second_run_finds_nothing_to_do(runner: CliRunner, repo: Path) -> None:
    invoke(runner, "migrate", "--today", TODAY)
    head = git(repo, "rev-parse", "HEAD")
    code, _, err = invoke(runner, "migrate", "--today", TODAY)
    assert code == 0 and "nothing to migrate" in err
    assert git(repo, "rev-parse", "HEAD") == head


def test_named_plans_only(runner: CliRunner, repo: Path) -> None:
    code, _, err = invoke(runner, "migrate", "plans/DA-000301.yaml", "--today", TODAY)
    assert code == 0, err
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == ["plans/DA-000301.yaml"]
    assert "schema_version: 1" in (repo / "plans" / "CP-000102.yaml").read_text()


def test_a_result_that_breaks_the_schema_writes_nothing(runner: CliRunner, repo: Path) -> None:
    path = repo / "plans" / "DA-000301.yaml"
    path.write_text(path.read_text().replace("status: active", "status: paused", 1))
    git(repo, "commit", "-qam", "A broken plan")
    head = git(repo, "rev-parse", "HEAD")
    code, _, err = invoke(runner, "migrate", "--today", TODAY)
    assert code == 1 and "nothing was written" in err
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""


def test_uncommitted_changes_are_refused(runner: CliRunner, repo: Path) -> None:
    path = repo / "plans" / "CP-000101.yaml"
    path.write_text(path.read_text() + "# note\n")
    code, _, err = invoke(runner, "migrate", "--today", TODAY)
    assert code == 1 and "uncommitted changes" in err
    assert "schema_version: 1" in (repo / "plans" / "CP-000102.yaml").read_text()


def test_migrate_in_a_real_subprocess(repo: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "careplan_cli", "migrate", "--dry-run", "--today", TODAY],
        capture_output=True,
        text=True,
        cwd=repo,
        timeout=300,
    )
    assert result.returncode == 1 and result.stdout.startswith("--- a/plans/")
    assert "Traceback" not in result.stderr
