"""``careplan diff`` through the CLI and as git's diff driver, on real repositories."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import AUTHOR, DATA, EXAMPLES, ROOT, git, golden, invoke

PAIRS = sorted((DATA / "diff").glob("*.new.yaml"))


def old_of(pair: Path) -> str:
    return next(
        line[7:] for line in pair.read_text().splitlines()[:3] if line.startswith("# old: ")
    )


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.name.split(".")[0])
def test_golden_diffs(
    runner: CliRunner, pair: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    new = pair.relative_to(ROOT).as_posix()
    code, out, err = invoke(
        runner, "diff", "--no-index", old_of(pair), new, "--format", fmt, "--exit-code"
    )
    assert err == ""
    changed = pair.name != "reordered-only.new.yaml"
    assert code == (1 if changed else 0)
    golden(f"diff-{pair.name.split('.')[0]}.{fmt}", out)


def test_paths_only_shows_no_values(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    pair = DATA / "diff" / "care-changes.new.yaml"
    _, out, _ = invoke(runner, "diff", "--no-index", old_of(pair), str(pair), "--paths-only")
    assert "Open Door" not in out and "high" not in out and "chef" not in out
    assert "  ~ risk R1: level (/risks/R1/level)" in out
    _, out, _ = invoke(
        runner, "diff", "--no-index", old_of(pair), str(pair), "--paths-only", "-f", "json"
    )
    assert all(c["old"] is None and c["new"] is None for c in json.loads(out))


@pytest.fixture
def history(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two commits of a plan: the example, then a version with goal G3 achieved."""
    plan = git_repo / "plans" / "CP-000102.yaml"
    shutil.copy(EXAMPLES / "CP-000102.yaml", plan)
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Add plan")
    text = plan.read_text().replace(
        "    needs: [N5]\n    status: active\n", "    needs: [N5]\n    status: achieved\n"
    )
    plan.write_text(text)
    git(git_repo, "commit", "-q", "-am", "Goal G3 achieved")
    monkeypatch.chdir(git_repo)
    return git_repo


def test_diff_between_two_commits_names_the_changed_goal(runner: CliRunner, history: Path) -> None:
    code, out, err = invoke(runner, "diff", "plans/CP-000102.yaml", "HEAD~1", "HEAD")
    assert (code, err) == (0, "")
    assert out == (
        "plans/CP-000102.yaml: HEAD~1 -> HEAD\ngoals\n  ~ goal G3: status: active -> achieved\n"
    )


def test_diff_against_the_working_tree(runner: CliRunner, history: Path) -> None:
    assert invoke(runner, "diff", "CP-000102", "--exit-code") == (0, "", "")
    plan = history / "plans" / "CP-000102.yaml"
    plan.write_text(
        plan.read_text().replace(
            "  - id: R2\n    category: harm-to-others\n    level: medium",
            "  - id: R2\n    category: harm-to-others\n    level: low",
        )
    )
    code, out, _ = invoke(runner, "diff", "CP-000102", "--exit-code")
    assert code == 1 and "  ~ risk R2: level: medium -> low\n" in out
    code, out, _ = invoke(runner, "diff", "CP-000102", "HEAD~1", "-f", "json")
    assert [c["label"] for c in json.loads(out)] == ["goal G3: status", "risk R2: level"]


@pytest.mark.parametrize("revision", ["--output={out}", "-p", "nosuch", "HEAD~9"])
def test_bad_revisions_are_usage_errors(
    runner: CliRunner, history: Path, revision: str, tmp_path: Path
) -> None:
    # After "--" the option parser passes anything on; careplan must still refuse it.
    # "--output=FILE" would make git write FILE if it ever reached git as an option.
    target = tmp_path / "written-by-git"
    revision = revision.format(out=target)
    code, out, err = invoke(runner, "diff", "CP-000102", "--", revision)
    assert (code, out) == (2, "")
    assert err.startswith("error: revision ") and revision in err
    assert not target.exists()


def test_a_plan_added_since_the_revision(runner: CliRunner, history: Path) -> None:
    shutil.copy(EXAMPLES / "DA-000301.yaml", history / "plans")
    code, out, _ = invoke(runner, "diff", "DA-000301", "--paths-only")
    assert code == 0 and "  + id (/id)" in out


def test_broken_version_is_reported(runner: CliRunner, history: Path) -> None:
    (history / "plans" / "CP-000102.yaml").write_text("id: [broken\n")
    code, _, err = invoke(runner, "diff", "CP-000102")
    assert code == 1 and err.startswith("error: plans/CP-000102.yaml:2:1: cannot compare: CP001")


def test_git_uses_careplan_as_its_diff_driver(history: Path) -> None:
    """git diff and git log -p (with --ext-diff) show careplan's diff for plans."""
    driver = f"{shlex.quote(sys.executable)} -m careplan_cli git-diff-driver"
    (history / ".gitattributes").write_text("plans/*.yaml diff=careplan\n")
    git(history, "config", "diff.careplan.command", driver)
    env = {**os.environ, **AUTHOR, "PYTHONPATH": str(ROOT)}
    shown = subprocess.run(
        ["git", "log", "-p", "--ext-diff", "-1", "--format=%s"],
        cwd=history,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert shown.stdout == (
        "Goal G3 achieved\n\ncareplan diff plans/CP-000102.yaml\ngoals\n"
        "  ~ goal G3: status: active -> achieved\n"
    )
    plan = history / "plans" / "CP-000102.yaml"
    plan.write_text(plan.read_text().replace("level: enhanced", "level: complex"))
    diffed = subprocess.run(
        ["git", "diff"], cwd=history, capture_output=True, text=True, env=env, check=True
    )
    assert diffed.stdout == (
        "careplan diff plans/CP-000102.yaml\nlevel\n  ~ level: enhanced -> complex\n"
    )


def test_a_value_taken_away_reads_empty_not_null(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = (EXAMPLES / "SC-000201.yaml").read_text()
    new = re.sub(r"(?m)^next_review: .*$", "next_review:", old)
    new = new.replace("  phone: ", "  phone: ''\n  was_phone: ", 1)
    assert new != old
    (tmp_path / "old.yaml").write_text(old)
    (tmp_path / "new.yaml").write_text(new)
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke(runner, "diff", "--no-index", "old.yaml", "new.yaml")
    assert code == 0
    assert "next review: 2026-12-03 -> empty" in out
    assert "-> empty" in out.split("phone", 1)[1]
    assert "null" not in out
