"""``careplan add PLAN goal`` between two reviews of a v2 plan (CP316 used to refuse it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.plan_repo import last_commit, make_plan_repo, run
from tests.conftest import TODAY, invoke

PLAN = Path("plans/CP-000102.yaml")  # format v2; its latest review is dated 2026-07-09
GOAL = ["goal", "--description", "Find paid work", "--needs", "N3", "--status", "active"]


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(git_repo)
    return make_plan_repo(git_repo)


def test_a_goal_added_between_reviews_is_dated_and_kept(runner: CliRunner, repo: Path) -> None:
    code, out, err = invoke(runner, "add", "CP-000102", *GOAL, "--no-input", "--today", TODAY)
    assert (code, err) == (0, ""), out
    assert last_commit(repo) == ("Update CP-000102: goal G4 added", [str(PLAN)])
    text = (repo / PLAN).read_text()
    assert "  - id: G4\n    description: Find paid work\n" in text
    assert f"    status: active\n    added: {TODAY}\n" in text
    code, out, _ = invoke(runner, "validate", "--today", TODAY, str(PLAN))
    assert code == 0 and out.count(": CP") == out.count(": CP311 warning:") == 1  # no I yet
    assert out.endswith("1 file checked: 0 invalid, 0 errors, 1 warning.\n")


def test_an_earlier_added_date_makes_the_latest_review_owe_an_outcome(repo: Path) -> None:
    code, _, err = run(repo, "add", "CP-000102", *GOAL, "--added", "2026-07-01", "--today", TODAY)
    assert code == 1
    assert err.endswith(
        "CP316 goal G4: the latest review (review 3) has no outcome for this active goal\n"
    )
    assert run(repo, "add", "CP-000102", *GOAL, "--today", TODAY)[0] == 0  # stdin not a terminal
    assert last_commit(repo)[0] == "Update CP-000102: goal G4 added"


def test_the_next_review_owes_the_new_goal_an_outcome(runner: CliRunner, repo: Path) -> None:
    assert invoke(runner, "add", "CP-000102", *GOAL, "--no-input", "--today", TODAY)[0] == 0
    later = ["--date", "2026-12-10", "--next-review", "2027-03-01", "--today", "2026-12-10"]
    code, _, err = invoke(runner, "review", "CP-000102", "--no-input", *later)
    assert code == 2 and "progress on goals G1, G2, G3, G4, one --outcome each" in err
    same_day = ["--date", TODAY, "--next-review", "2027-02-18", "--today", TODAY]
    code, _, err = invoke(runner, "review", "CP-000102", "--no-input", *same_day)
    assert code == 2 and "progress on goals G1, G2, G3, one --outcome each" in err  # agreed today
