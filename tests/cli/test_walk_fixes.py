"""Fixes found on the walk of issue 16: review's re-ask, --coordinator's nearest names."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.plan.names import nearest
from tests.cli.plan_repo import last_commit, make_plan_repo
from tests.conftest import TODAY, invoke

ANSWERS = [
    "2026-11-20", "scheduled", "Marcus Reid: service user", "Still relevant", "Going well",
    "improving", "no-change", "achieved", "", "satisfied", "None",
]  # fmt: skip


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(git_repo)
    return make_plan_repo(git_repo)


def test_a_next_review_beyond_the_policy_is_asked_again_alone(
    runner: CliRunner, repo: Path
) -> None:
    answers = "\n".join([*ANSWERS, "2027-06-01", "2027-02-18"]) + "\n"
    code, out, err = invoke(
        runner, "review", "CP-000102", "--input", "--today", TODAY, input=answers
    )
    assert code == 0, err
    assert "later than the review policy allows" in err
    assert out.count("Date of the next review") == 2
    assert out.count("Is the plan as it stands still relevant") == 1  # no other answer asked again
    assert last_commit(repo)[0] == "Review CP-000102 2026-11-20"
    assert "\nnext_review: 2027-02-18\n" in (repo / "plans" / "CP-000102.yaml").read_text()


def test_a_next_review_flag_beyond_the_policy_is_asked_again_on_a_terminal(
    runner: CliRunner, repo: Path
) -> None:
    answers = "\n".join([*ANSWERS, "2027-02-01"]) + "\n"
    code, _, err = invoke(
        runner, "review", "CP-000102", "--input", "--next-review", "2028-01-01",
        "--today", TODAY, input=answers,
    )  # fmt: skip
    assert code == 0, err
    assert "\nnext_review: 2027-02-01\n" in (repo / "plans" / "CP-000102.yaml").read_text()


def test_with_force_the_policy_is_not_asked_about(runner: CliRunner, repo: Path) -> None:
    answers = "\n".join([*ANSWERS, "2027-06-01"]) + "\n"
    code, _, err = invoke(
        runner, "review", "CP-000102", "--input", "--force", "--reason", "Admitted",
        "--today", TODAY, input=answers,
    )  # fmt: skip
    assert code == 0, err


@pytest.mark.parametrize("command", ["due", "list"])
def test_a_coordinator_matching_no_one_suggests_the_nearest(
    runner: CliRunner, repo: Path, command: str
) -> None:
    code, out, err = invoke(runner, command, "--coordinator", "tom adeymi", "--today", TODAY)
    assert (code, out) == (2, "")
    assert err == (
        "error: --coordinator: no plan has a coordinator called 'tom adeymi'; "
        "did you mean: Tom Adeyemi?\n"
    )
    assert invoke(runner, command, "--coordinator", "TOM ADEYEMI", "--today", TODAY)[0] == 0


def test_nearest_names() -> None:
    names = ["Tom Adeyemi", "Priya Raman", "Rachel Osei", "Tom Adeyemi"]
    assert nearest("Tom Adeymi", names) == ["Tom Adeyemi"]
    assert nearest("raman", names) == ["Priya Raman"]
    assert nearest("Zed", names) == []
