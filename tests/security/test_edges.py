"""The low items of the trust issue: each once a traceback or a wrong answer.

Extreme dates, control characters in options, year 0000, .nan and .inf, non-ASCII file
names with --changed-since, git's diff driver on a broken plan, and init when something is
in its way: each gives an answer, a finding or a usage error, never a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.plan.schema import schema_problems, validator
from careplan_cli.plan.yamlload import parse_text
from tests.conftest import AUTHOR, EXAMPLES, TODAY, git, invoke

PLAN = "CP-000101"
BUDGET = "SC-000201"


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in (PLAN, BUDGET):
        shutil.copy(EXAMPLES / f"{name}.yaml", git_repo / "plans")
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "Add plans")
    monkeypatch.chdir(git_repo)
    return git_repo


@pytest.mark.parametrize("output", ["text", "json", "csv", "ics"])
@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01"])
def test_due_at_the_ends_of_the_calendar(repo: Path, today: str, output: str) -> None:
    code, _out, err = invoke(CliRunner(), "due", "--today", today, "-f", output)
    assert code == 0 and "Traceback" not in err


def test_a_plan_due_on_the_last_day_goes_into_a_calendar(repo: Path) -> None:
    plan = repo / "plans" / f"{PLAN}.yaml"
    plan.write_text(plan.read_text().replace("next_review: 2027-03-22", "next_review: 9999-12-31"))
    code, out, _ = invoke(CliRunner(), "due", "--today", "9999-12-31", "-f", "ics")
    assert code == 0 and "DTSTART;VALUE=DATE:99991231" in out


@pytest.mark.parametrize("start", ["9999-12-31", "9999-12-01", "0001-01-01"])
def test_new_with_an_extreme_start_date(repo: Path, start: str) -> None:
    code, _, err = invoke(
        CliRunner(),
        *("new", "--no-input", "--no-commit", "--type", "cpa", "--level", "enhanced"),
        *("--name", "A B", "--coordinator", "C D", "--start", start, "--today", TODAY),
    )
    assert code in (0, 1, 2) and "Traceback" not in err


@pytest.mark.parametrize("value", ["A\x1b[31mB", "A\rB", "A\nB", "A\x07B", "A\x9bB", "A\x00B"])
@pytest.mark.parametrize("option", ["--name", "--coordinator"])
def test_control_characters_in_new_are_refused(repo: Path, option: str, value: str) -> None:
    values = {"--name": "A B", "--coordinator": "C D"} | {option: value}
    code, _, err = invoke(
        CliRunner(),
        *("new", "--no-input", "--no-commit", "--type", "cpa", "--level", "standard"),
        *(a for pair in values.items() for a in pair),
    )
    assert code == 2 and "control characters" in err
    assert (
        list((repo / "plans").glob("*.yaml"))
        == [
            repo / "plans" / f"{PLAN}.yaml",
            repo / "plans" / f"{BUDGET}.yaml",
        ]
        or len(list((repo / "plans").glob("*.yaml"))) == 2
    )


@pytest.mark.parametrize("day", ["0000-01-01", "0000-12-31"])
def test_year_zero_is_not_a_date(day: str) -> None:
    text = (EXAMPLES / f"{PLAN}.yaml").read_text().replace("created: 2025-09-29", f"created: {day}")
    data, _ = parse_text(text)
    assert data is not None and not validator().is_valid(data)  # jsonschema, check-jsonschema
    problems = schema_problems(data, text=text)
    assert [(p.ptr, p.message) for p in problems] == [
        ("/created", "must be a real date written YYYY-MM-DD")
    ]


@pytest.mark.parametrize("number", [".nan", ".NaN", ".inf", "-.Inf", "+.INF"])
def test_nan_and_infinity_are_schema_errors(repo: Path, number: str) -> None:
    plan = repo / "plans" / f"{BUDGET}.yaml"
    plan.write_text(plan.read_text().replace("amount: 275.50", f"amount: {number}"))
    code, out, _ = invoke(CliRunner(), "validate", "--today", TODAY, str(plan))
    assert code == 1 and "personal budget, amount: must be a finite number" in out
    for args in (["diff", BUDGET, "-f", "json"], ["diff", BUDGET, "-f", "json", "--paths-only"]):
        code, out, _ = invoke(CliRunner(), *args)

        def refuse(name: str) -> None:
            raise AssertionError(f"{name} in JSON output")

        changes = json.loads(out, parse_constant=refuse)
        assert code == 0 and [c["path"] for c in changes] == ["/personal_budget/amount"]
    code, out, _err = invoke(CliRunner(), "render", str(plan), "-f", "md")
    assert "£nan" not in out.lower() and "£inf" not in out.lower() and "£-inf" not in out.lower()


def test_changed_since_sees_non_ascii_file_names(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    for name in ("Zoë.yaml", "日本.yaml", "a b.yaml"):
        (repo / "plans" / name).write_text("id: [broken\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Add broken plans")
    (repo / "plans" / "Ærø.yaml").write_text("id: [broken\n")  # untracked
    code, out, _ = invoke(CliRunner(), "validate", "--changed-since", base, "--today", TODAY)
    assert code == 1
    for name in ("Zoë.yaml", "日本.yaml", "a b.yaml", "Ærø.yaml"):
        assert f"plans/{name}:2:1: CP001" in out, out


def test_the_git_diff_driver_never_stops_git(repo: Path) -> None:
    driver = f"{sys.executable} -m careplan_cli git-diff-driver"
    git(repo, "config", "diff.careplan.command", driver)
    (repo / ".gitattributes").write_text("plans/*.yaml diff=careplan\n")
    plan = repo / "plans" / f"{PLAN}.yaml"
    plan.write_text("id: [broken\n")
    (repo / "plans" / f"{BUDGET}.yaml").unlink()
    run = subprocess.run(
        ["git", "diff"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, **AUTHOR},
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert f"careplan diff plans/{PLAN}.yaml: b/plans/{PLAN}.yaml:" in run.stdout
    assert "+id: [broken" in run.stdout  # git's own diff of the broken version follows
    assert f"careplan diff plans/{BUDGET}.yaml" in run.stdout  # and git went on


def test_init_when_plans_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "plans").write_text("not a directory\n")
    code, _, err = invoke(CliRunner(), "init", str(tmp_path))
    assert code == 2 and err.startswith("error: ") and "plans exists and is not a directory" in err
    assert not (tmp_path / ".git").exists()  # found before anything was made


def test_init_on_an_existing_file(tmp_path: Path) -> None:
    (tmp_path / "careplan.toml").write_text("plan_dir = 'plans'\n")
    code, _, err = invoke(CliRunner(), "init", str(tmp_path / "careplan.toml"))
    assert code == 2 and "careplan.toml exists and is not a directory" in err


def test_init_keeps_an_existing_configuration(tmp_path: Path) -> None:
    (tmp_path / "careplan.toml").write_text("plan_dir = 'plans'\n")
    code, out, _ = invoke(CliRunner(), "init", str(tmp_path))
    assert code == 0 and "kept  careplan.toml" in out
    assert (tmp_path / "careplan.toml").read_text() == "plan_dir = 'plans'\n"
