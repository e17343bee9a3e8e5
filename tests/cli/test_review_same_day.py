"""A second review on a date that has one: asked on a terminal (default no), refused without
one unless --force, recorded with --force."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.plan_repo import head, last_commit, make_plan_repo, run
from tests.conftest import TODAY, invoke

PLAN = Path("plans/CP-000102.yaml")
CONTENT = """\
kind: scheduled
attendees:
  - {name: Marcus Reid, role: service user}
relevance: Still relevant.
effectiveness: Going well.
outcomes:
  - {goal: G1, progress: improving}
  - {goal: G2, progress: improving}
  - {goal: G3, progress: achieved}
unmet_needs: []
satisfaction: {rating: satisfied}
changes: None.
"""
ONCE = ["--from-file", "review.yaml", "--date", "2026-11-20", "--next-review", "2027-02-18"]
REFUSED = (
    "error: the plan already has a review dated 2026-11-20; to record a second review that "
    "day give --force\n"
)
QUESTION = "The plan already has a review dated 2026-11-20. Record a second review that day?"


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A v2 plan reviewed once on 2026-11-20."""
    monkeypatch.chdir(git_repo)
    make_plan_repo(git_repo)
    (git_repo / "review.yaml").write_text(CONTENT)
    assert run(git_repo, "review", "CP-000102", *ONCE, "--today", TODAY)[0] == 0
    return git_repo


def _reviews_that_day(repo: Path) -> int:
    return (repo / PLAN).read_text().count("  - date: 2026-11-20\n")


@pytest.mark.parametrize("flag", ["--no-input", None])
def test_without_a_terminal_it_is_refused_naming_force(
    runner: CliRunner, repo: Path, flag: str | None
) -> None:
    before, commit = (repo / PLAN).read_bytes(), head(repo)
    args = ["review", "CP-000102", *ONCE, "--today", TODAY, *([flag] if flag else [])]
    assert invoke(runner, *args) == (1, "", REFUSED)  # CliRunner's stdin is no terminal
    assert run(repo, *args) == (1, "", REFUSED)  # nor is a pipe
    assert ((repo / PLAN).read_bytes(), head(repo)) == (before, commit)


def test_force_records_it(runner: CliRunner, repo: Path) -> None:
    code, out, err = run(repo, "review", "CP-000102", *ONCE, "--force", "--today", TODAY)
    assert (code, err) == (0, ""), out
    assert last_commit(repo) == ("Review CP-000102 2026-11-20", [str(PLAN)])
    assert _reviews_that_day(repo) == 2
    assert "override_reason" not in (repo / PLAN).read_text()  # no policy was overridden


def test_force_without_a_reason_still_keeps_the_policy(runner: CliRunner, repo: Path) -> None:
    late = ["--from-file", "review.yaml", "--date", "2026-11-21", "--next-review", "2027-06-01"]
    code, _, err = invoke(
        runner, "review", "CP-000102", *late, "--force", "--no-input", "--today", TODAY
    )
    assert (code, err) == (
        2,
        "error: --force needs --reason TEXT: the reason is recorded in the review\n",
    )


def test_on_a_terminal_it_asks_and_goes_on_when_told_yes(runner: CliRunner, repo: Path) -> None:
    answers = "y\n"  # everything else is given, in the file and as options
    code, out, err = invoke(
        runner, "review", "CP-000102", *ONCE, "--input", "--today", TODAY, input=answers
    )
    assert (code, err) == (0, ""), out
    assert f"{QUESTION} [y/N]:" in out
    assert _reviews_that_day(repo) == 2


@pytest.mark.parametrize("answer", ["", "n"])
def test_on_a_terminal_the_default_is_no(runner: CliRunner, repo: Path, answer: str) -> None:
    before = (repo / PLAN).read_bytes()
    code, out, err = invoke(
        runner, "review", "CP-000102", "--input", "--today", TODAY, input=f"2026-11-20\n{answer}\n"
    )
    assert code == 1
    assert err == "error: nothing recorded: the plan already has a review dated 2026-11-20\n"
    assert QUESTION in out
    assert "relevant" not in out  # asked straight after the date, before the review's content
    assert (repo / PLAN).read_bytes() == before
