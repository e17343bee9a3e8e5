"""validate says where a finding is in words for people ("goal G7"), by pointer for programs.

Text and GitHub annotations show the place in words; JSON keeps the pointer in ``path`` and
adds ``place``. Items of id-bearing lists are named by their id, which is not personal data;
an id that is not shaped like one is never repeated (the item is named by its position). The
words are made where the plan is at hand and stored with the finding in the result cache, so
cached and fresh runs read the same.
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

from careplan_cli.adapters import cache
from careplan_cli.commands.engine import CACHE_MIN_FILES
from careplan_cli.plan.findings import Finding, Severity
from careplan_cli.report.findings import finding_dict, finding_text
from tests.conftest import DATA, EXAMPLES, ROOT, TODAY, invoke

CASE = "cp311-goal-without-intervention"
RISK = "{id: R1, category: self-harm, level: low, description: Low risk, management: Asked at each contact}"  # noqa: E501
GOAL = "id: G2  # <- CP311"


def case_text(goal_id: str = "G7") -> str:
    """The CP311 case with its goal without intervention at position 2 but named G7 (so an id
    and a position cannot be confused), and risk R4 (position 1) without management."""
    text = (DATA / "invalid" / f"{CASE}.yaml").read_text()
    assert GOAL in text and RISK in text
    risk = "{id: R4, category: self-harm, level: low, description: Low risk}"
    return text.replace(GOAL, f"id: {goal_id}").replace(RISK, risk)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / f"{CASE}.yaml"
    path.write_text(case_text())
    return path


def run(*args: str) -> tuple[int, str, str]:
    return invoke(CliRunner(), "validate", "--today", TODAY, *args)


def test_items_of_id_bearing_lists_are_named_by_id_in_text(plan: Path) -> None:
    code, out, _ = run(str(plan))
    assert code == 1
    assert f"{plan}:30:5: CP311 warning: goal G7: no intervention serves this active goal" in out
    assert "CP304 risk R4: the risk has no 'management' plan" in out
    assert "/goals/" not in out and "/risks/" not in out
    assert "CP021 warning: schema version: format v1" in out


def test_github_annotations_name_the_item_by_id(plan: Path) -> None:
    _, out, _ = run("-f", "github", str(plan))
    assert "title=CP311::CP311 warning: goal G7: no intervention serves" in out
    assert "title=CP304::CP304 risk R4: the risk has no 'management' plan" in out


def test_json_keeps_the_pointer_and_adds_the_place(plan: Path) -> None:
    _, out, _ = run("-f", "json", str(plan))
    found = {f["code"]: (f["path"], f["place"]) for f in json.loads(out)["findings"]}
    assert found["CP311"] == ("/goals/1", "goal G7")
    assert found["CP304"] == ("/risks/0", "risk R4")
    assert found["CP021"] == ("/schema_version", "schema version")


@pytest.mark.parametrize("goal_id", ["Grace 07700", "07700900512", "Grace"])
def test_an_id_that_is_not_shaped_like_one_is_never_repeated(tmp_path: Path, goal_id: str) -> None:
    path = tmp_path / f"{CASE}.yaml"
    path.write_text(case_text(f'"{goal_id}"'))
    for fmt in ("text", "json", "github"):
        code, out, err = run("-f", fmt, str(path))
        assert code == 1 and goal_id not in out + err, (fmt, out)
        assert "goal 2" in out  # by position, counted from 1


def test_a_plan_that_could_not_be_parsed_still_reads_sensibly(tmp_path: Path) -> None:
    shutil.copy(DATA / "invalid" / "cp001-tab-indentation.yaml", tmp_path)
    _, out, _ = run(str(tmp_path))
    line = out.splitlines()[0]
    assert line.startswith(f"{tmp_path}/cp001-tab-indentation.yaml:")
    code_and_message = line.split(": ", 1)[1]
    assert code_and_message.startswith("CP001 ") and not code_and_message.startswith("CP001 :")
    assert "the plan" not in line and ": :" not in line
    _, out, _ = run("-f", "json", str(tmp_path))
    (finding,) = json.loads(out)["findings"]
    assert (finding["path"], finding["place"]) == ("", "")


def test_a_finding_made_without_the_plan_is_placed_by_position() -> None:
    finding = Finding("CP020", Severity.WARNING, "is wrong", "/goals/1/status", 3, 5, "f.yaml")
    assert finding_text(finding) == "CP020 warning: goal 2, status: is wrong"
    assert finding_dict(finding)["place"] == "goal 2, status"
    assert finding_text(Finding("CP001", Severity.ERROR, "cannot be read")) == (
        "CP001 cannot be read"
    )


def careplan(*args: str, cache_on: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CAREPLAN_NO_CACHE"}
    if not cache_on:
        env["CAREPLAN_NO_CACHE"] = "1"
    argv = [sys.executable, "-m", "careplan_cli", *args]
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cached_and_fresh_runs_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    for source in EXAMPLES.glob("*.yaml"):
        shutil.copy(source, tmp_path)
    (tmp_path / f"{CASE}.yaml").write_text(case_text())
    shutil.copy(DATA / "invalid" / "cp102-duplicate-goal-id.yaml", tmp_path)
    assert len(list(tmp_path.glob("*.yaml"))) >= CACHE_MIN_FILES
    monkeypatch.chdir(tmp_path)
    argv = ("validate", "--today", TODAY, "-f", fmt, ".")
    fresh = careplan(*argv, cache_on=False)
    db = cache.cache_dir() / cache.DB_NAME
    assert not db.exists()
    cold = careplan(*argv)
    assert db.is_file()
    warm = careplan(*argv)
    assert fresh.returncode == cold.returncode == warm.returncode == 1
    assert fresh.stdout == cold.stdout == warm.stdout
    assert "goal G7" in warm.stdout and "risk R4" in warm.stdout


def test_the_readme_validate_sample_is_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ careplan validate plans/\n", 1)[1].split("$ echo $?", 1)[0]
    (tmp_path / "plans").mkdir()
    text = (EXAMPLES / "CP-000101.yaml").read_text()
    (tmp_path / "plans" / "CP-000101.yaml").write_text(
        text.replace("\nstatus: active", "\nstatus: finito")
    )
    text = (EXAMPLES / "CP-000102.yaml").read_text()
    (tmp_path / "plans" / "CP-000102.yaml").write_text(text.replace("0026", "0027"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    assert run("plans/") == (1, shown, "")
