"""The plan session: a record of what happened is never blocked by the plan's other errors
(issue 15, problem 5), while an ordinary change that leaves an error is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import AUTHOR, EXAMPLES, EXAMPLES_V1, git, invoke

TODAY = "2026-11-22"


@pytest.fixture
def broken(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plan with an error that has nothing to do with reviews: a wrong NHS check digit."""
    text = (EXAMPLES_V1 / "CP-000102.yaml").read_text(encoding="utf-8")
    broken_text = text.replace('nhs_number: "999 000 0026"', 'nhs_number: "999 000 0027"')
    assert broken_text != text
    (git_repo / "plans" / "CP-000102.yaml").write_text(broken_text, encoding="utf-8")
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Add plan")
    monkeypatch.chdir(git_repo)
    for name, value in AUTHOR.items():
        monkeypatch.setenv(name, value)
    return git_repo


def test_a_review_is_recorded_despite_an_unrelated_error(runner: CliRunner, broken: Path) -> None:
    code, out, err = invoke(
        runner, "review", "CP-000102", "--no-input", "--date", "2026-11-20",
        "--next-review", "2027-02-18", "--today", TODAY,
    )  # fmt: skip
    assert code == 1  # the plan still has an error: said, after the record
    assert out.startswith("Recorded the review in plans/CP-000102.yaml; committed ")
    assert "still has 1 error(s) that this change did not cause" in err
    assert "CP401" in err and "0027" not in err
    assert git(broken, "log", "-1", "--format=%s") == "Review CP-000102 2026-11-20\n"
    assert git(broken, "status", "--porcelain") == ""


def test_an_error_the_review_itself_brings_is_refused(runner: CliRunner, broken: Path) -> None:
    code, _, err = invoke(
        runner, "review", "CP-000102", "--no-input", "--date", "2026-12-01",
        "--next-review", "2027-02-18", "--today", TODAY,
    )  # fmt: skip
    assert code == 1 and "so nothing was written" in err
    assert "CP106" in err  # a review dated after today
    assert git(broken, "log", "-1", "--format=%s") == "Add plan\n"


def test_control_characters_in_a_commit_message_are_shown_as_escapes(
    runner: CliRunner, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The message is made of plan values (here the reason): a NUL would stop git, an escape
    sequence would reach every terminal that shows the history."""
    (git_repo / "plans" / "CP-000103.yaml").write_bytes((EXAMPLES / "CP-000103.yaml").read_bytes())
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Add plan")
    monkeypatch.chdir(git_repo)
    reason = "Admitted\x00\x1b[2J\x07 to hospital\u202e"
    code, out, err = invoke(
        runner, "status", "CP-000103", "on-hold", "--reason", reason,
        "--review-by", "2027-01-10", "--no-input", "--today", TODAY,
    )  # fmt: skip
    assert code == 0, err
    body = "Admitted\\x00\\x1b[2J\\x07 to hospital\\u202e"
    assert git(git_repo, "log", "-1", "--format=%s%n%n%b").strip().split("\n\n") == [
        "Update CP-000103: status active -> on-hold until review by 2027-01-10",
        body,
    ]
    assert "\x1b" not in out


def test_a_change_to_what_the_plan_already_says_writes_and_commits_nothing(
    runner: CliRunner, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not "git could not record the change" (exit 2) after rewriting the file unchanged."""
    (git_repo / "plans" / "SC-000201.yaml").write_bytes((EXAMPLES / "SC-000201.yaml").read_bytes())
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Add plan")
    monkeypatch.chdir(git_repo)
    head = git(git_repo, "rev-parse", "HEAD")
    code, out, err = invoke(
        runner, "set", "SC-000201", "risks.R2.level=low", "--no-input", "--today", TODAY
    )
    assert (code, err) == (0, "")
    assert out == "Nothing to update: the plan already says that.\n"
    assert git(git_repo, "rev-parse", "HEAD") == head
    assert git(git_repo, "status", "--porcelain") == ""


def test_a_newline_in_a_value_cannot_forge_a_commit_message_line(
    runner: CliRunner, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (EXAMPLES / "CP-000103.yaml").read_text()
    name = text.split("coordinator:\n  name: ", 1)[1].split("\n", 1)[0]
    crafted = text.replace(f"  name: {name}", '  name: "Tom\\nSigned-off-by: Boss"', 1)
    (git_repo / "plans" / "CP-000103.yaml").write_text(crafted)
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Add plan")
    monkeypatch.chdir(git_repo)
    code, _, err = invoke(
        runner, "handover", "CP-000103", "--from", "Tom\nSigned-off-by: Boss", "--to", "Ann Lee",
        "--reason", "Leaving", "--no-input", "--today", TODAY,
    )  # fmt: skip
    assert code == 0, err
    subject, body = git(git_repo, "log", "-1", "--format=%s%x00%b").split("\x00")
    assert subject == (
        "Hand over CP-000103: coordinator Tom\\nSigned-off-by: Boss -> Ann Lee from 2026-11-22"
    )
    assert body.strip() == "Leaving"


def test_a_change_already_made_on_a_plan_with_other_errors_is_refused_plainly(
    runner: CliRunner, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (EXAMPLES / "SC-000201.yaml").read_text()
    broken = text.replace('nhs_number: "999 000 0034"', 'nhs_number: "999 000 0035"', 1)
    assert broken != text
    (git_repo / "plans" / "SC-000201.yaml").write_text(broken)
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Add plan")
    monkeypatch.chdir(git_repo)
    code, out, err = invoke(
        runner, "set", "SC-000201", "risks.R2.level=low", "--no-input", "--today", TODAY
    )
    assert (code, out) == (1, "") and "Traceback" not in err
    assert "CP401" in err and "(already in the plan)" in err
