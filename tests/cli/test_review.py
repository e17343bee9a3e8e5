"""``careplan review`` and ``careplan log`` on real git repositories."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES_V1 as EXAMPLES
from tests.conftest import TODAY, git, golden, invoke

REVIEW = """\
# A review file: the fields of one 'reviews' entry.
kind: scheduled
attendees:
  - {name: Marcus Reid, role: service user}
  - {name: Tom Adeyemi, role: care co-ordinator}
relevance: Still relevant.
effectiveness: "Music course going well; no missed depots."
outcomes:
  - {goal: G1, progress: improving}
  - {goal: G2, progress: improving}
  - {goal: G3, progress: achieved}
unmet_needs: []
satisfaction: {rating: satisfied, comment: "Fewer appointments now."}
changes: None.
"""


@pytest.fixture
def plan_repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with every example committed under plans/, as the working directory."""
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, git_repo / "plans")
    git(git_repo, "add", "plans")
    git(git_repo, "commit", "-q", "-m", "Add plans")
    (git_repo / "review.yaml").write_text(REVIEW)
    monkeypatch.chdir(git_repo)
    return git_repo


def review_with(runner: CliRunner, *options: str, plan: str = "CP-000102") -> tuple[int, str, str]:
    """``careplan review PLAN --no-input OPTIONS --today TODAY``: the options a test is about."""
    return invoke(runner, "review", plan, "--no-input", *options, "--today", TODAY)


def review(runner: CliRunner, *extra: str) -> tuple[int, str, str]:
    """The review in review.yaml, dated 2026-11-20, the next one due 2027-02-18."""
    dates = ("--date", "2026-11-20", "--next-review", "2027-02-18")
    return review_with(runner, "--from-file", "review.yaml", *dates, *extra)


def test_review_changes_exactly_the_expected_lines(runner: CliRunner, plan_repo: Path) -> None:
    code, out, err = review(runner)
    assert (code, err) == (0, "")
    assert out.startswith("Recorded the review in plans/CP-000102.yaml; committed ")
    assert out.endswith(": Review CP-000102 2026-11-20.\n")
    assert (
        git(plan_repo, "log", "-1", "--format=%an <%ae>|%s")
        == "Kim Worker <kim.worker@example.org>|Review CP-000102 2026-11-20\n"
    )
    assert (
        git(plan_repo, "show", "--stat", "--format=", "HEAD")
        .split("\n")[0]
        .strip()
        .startswith("plans/CP-000102.yaml")
    )
    golden("review-CP-000102.diff", git(plan_repo, "diff", "HEAD~1", "HEAD"))
    code, out, _ = invoke(runner, "validate", "--today", TODAY, "plans")
    # v1 plans: valid, each with the one warning that points at careplan migrate.
    assert code == 0 and out.count(": CP") == out.count(": CP021 warning:") == 5


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_review_of_every_example_only_adds_and_moves_next_review(
    runner: CliRunner, plan_repo: Path, name: str
) -> None:
    before = (plan_repo / "plans" / name).read_text()
    code, _, err = review_with(
        runner, "--date", "2026-11-21", "--next-review", "2027-01-15", plan=name[:-5]
    )
    assert (code, err) == (0, "")
    after = (plan_repo / "plans" / name).read_text()
    diff = [d for d in difflib.ndiff(before.splitlines(), after.splitlines()) if d[:1] in "+-"]
    removed = [d for d in diff if d.startswith("-")]
    assert len(removed) == 1 and removed[0].startswith("- next_review: ")
    added = [d[2:] for d in diff if d.startswith("+")]
    assert added == [
        "next_review: 2027-01-15",
        "  - date: 2026-11-21",
        "    kind: scheduled",
        "    next_review: 2027-01-15",
    ]


def test_unrelated_staged_file_stays_staged_and_out_of_the_commit(
    runner: CliRunner, plan_repo: Path
) -> None:
    (plan_repo / "notes.txt").write_text("staged, not part of the review\n")
    git(plan_repo, "add", "notes.txt")
    assert review(runner)[0] == 0
    assert git(plan_repo, "show", "--name-only", "--format=", "HEAD") == "plans/CP-000102.yaml\n"
    assert git(plan_repo, "status", "--porcelain") == "A  notes.txt\n?? review.yaml\n"


def test_refused_review_leaves_file_and_head_untouched(runner: CliRunner, plan_repo: Path) -> None:
    head = git(plan_repo, "rev-parse", "HEAD")
    before = (plan_repo / "plans" / "CP-000102.yaml").read_bytes()
    code, out, err = review_with(runner, "--date", "2026-11-20", "--next-review", "2027-06-01")
    assert (code, out) == (1, "")
    assert err == (
        "error: the next review is later than the review policy allows for this plan "
        "type and level (3 months after a review: 2027-02-20 at the latest); to record "
        "it anyway give --force --reason TEXT\n"
    )
    assert (plan_repo / "plans" / "CP-000102.yaml").read_bytes() == before
    assert git(plan_repo, "rev-parse", "HEAD") == head
    assert not list((plan_repo / "plans").glob(".*.tmp"))


def test_next_review_not_after_the_review_is_refused(runner: CliRunner, plan_repo: Path) -> None:
    code, _, err = review_with(runner, "--date", "2026-11-20", "--next-review", "2026-11-20")
    assert code == 1 and "the next review must be after the review date" in err


def test_force_records_the_reason(runner: CliRunner, plan_repo: Path) -> None:
    code, _, err = review_with(
        runner, "--date", "2026-11-20", "--next-review", "2027-06-01", "--force"
    )
    assert (code, err) == (
        2,
        "error: --force needs --reason TEXT: the reason is recorded in the review\n",
    )
    code, _, _ = review_with(
        runner,
        "--date",
        "2026-11-20",
        "--next-review",
        "2027-06-01",
        "--force",
        "--reason",
        "Consultant on leave until May",
    )
    assert code == 0
    text = (plan_repo / "plans" / "CP-000102.yaml").read_text()
    assert (
        "    override_reason: Consultant on leave until May\n    next_review: 2027-06-01\n" in text
    )
    assert invoke(runner, "validate", "--today", TODAY, "plans/CP-000102.yaml")[0] == 0


def test_review_that_would_make_the_plan_invalid_is_refused(
    runner: CliRunner, plan_repo: Path
) -> None:
    code, _, err = review_with(runner, "--date", "2026-12-01", "--next-review", "2027-02-01")
    assert code == 1
    assert err == (
        "error: the change would leave the plan invalid, so nothing was written:\n"
        "  plans/CP-000102.yaml:219:11: CP106 review 4, date: is after today\n"
    )


def test_requested_review_and_close(runner: CliRunner, plan_repo: Path) -> None:
    code, _, _ = review_with(
        runner,
        "--date",
        "2026-11-10",
        "--next-review",
        "2027-01-10",
        "--kind",
        "requested",
        "--requested-by",
        "carer",
    )
    assert code == 0
    code, _, _ = review_with(runner, "--date", "2026-11-20", "--close")
    assert code == 0
    text = (plan_repo / "plans" / "CP-000102.yaml").read_text()
    assert "\nstatus: closed\n" in text and "\nstart: 2026-01-12\nend: 2026-11-20\n" in text
    assert "\nnext_review:\n" in text and "    requested_by: carer\n" in text
    assert git(plan_repo, "log", "-1", "--format=%s") == "Review and close CP-000102 2026-11-20\n"
    assert invoke(runner, "validate", "--today", TODAY, "plans/CP-000102.yaml")[0] == 0


def test_requested_review_needs_who_asked(runner: CliRunner, plan_repo: Path) -> None:
    code, _, err = review_with(
        runner, "--date", "2026-11-10", "--next-review", "2027-01-10", "--kind", "requested"
    )
    assert code == 2
    assert err == (
        "error: the review is not in the plan format:\n  /: missing required field 'requested_by'\n"
    )


def test_no_identity_refuses_before_writing(runner: CliRunner, plan_repo: Path) -> None:
    git(plan_repo, "config", "--unset", "user.name")
    git(plan_repo, "config", "--unset", "user.email")
    before = (plan_repo / "plans" / "CP-000102.yaml").read_bytes()
    code, _, err = review(runner)
    assert code == 2
    assert err.startswith("error: git does not know who you are")
    assert 'git config --global user.email "you@example.org"' in err
    assert (plan_repo / "plans" / "CP-000102.yaml").read_bytes() == before
    assert review(runner, "--no-commit")[0] == 0


def test_uncommitted_plan_is_refused_unless_no_commit(runner: CliRunner, plan_repo: Path) -> None:
    plan = plan_repo / "plans" / "CP-000102.yaml"
    plan.write_text(plan.read_text().replace("# Care Programme", "# The Care Programme"))
    code, _, err = review(runner)
    assert code == 1 and "has uncommitted changes" in err
    code, out, _ = review(runner, "--no-commit")
    assert code == 0 and out.endswith("not committed (--no-commit given).\n")


def test_outside_a_repository_it_writes_and_says_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(EXAMPLES / "CP-000102.yaml", tmp_path / "plans")
    (tmp_path / "review.yaml").write_text(REVIEW)
    monkeypatch.chdir(tmp_path)
    code, out, _ = review(runner)
    assert code == 0 and out.endswith("not committed (not in a git repository).\n")


def test_prompts_through_cli_runner(runner: CliRunner, plan_repo: Path) -> None:
    answers = (
        "\n".join(
            [
                "2026-11-20",
                "scheduled",
                "Marcus Reid: service user; Tom Adeyemi: care co-ordinator",
                "Still relevant",
                "Going well",
                "improving",
                "no-change",
                "achieved",
                "Daytime structure",
                "satisfied",
                "None",
                "2027-02-18",
            ]
        )
        + "\n"
    )
    code, out, _ = invoke(runner, "review", "CP-000102", "--input", "--today", TODAY, input=answers)
    assert code == 0, out
    text = (plan_repo / "plans" / "CP-000102.yaml").read_text()
    assert "      - {goal: G2, progress: no-change}\n" in text
    assert "    unmet_needs:\n      - Daytime structure\n" in text
    assert "      - {name: Tom Adeyemi, role: care co-ordinator}\n" in text


def test_unknown_plan_is_a_usage_error(runner: CliRunner, plan_repo: Path) -> None:
    # A path outside the repository is refused (exit 1), an unknown id a usage error.
    assert invoke(runner, "review", "../etc/passwd", "--no-input")[0] == 1
    assert invoke(runner, "review", "CP-404", "--no-input")[0] == 2


def test_log_shows_reviews_as_reviews(runner: CliRunner, plan_repo: Path) -> None:
    assert review(runner)[0] == 0
    code, out, _ = invoke(runner, "log", "CP-000102", "--format", "json")
    history = json.loads(out)
    assert code == 0 and [h["message"] for h in history] == [
        "Review CP-000102 2026-11-20",
        "Add plans",
    ]
    assert history[0]["reviews_added"] == [{"date": "2026-11-20", "kind": "scheduled"}]
    assert history[1]["reviews_added"] == [
        {"date": "2026-04-09", "kind": "scheduled"},
        {"date": "2026-06-18", "kind": "triggered"},
        {"date": "2026-07-09", "kind": "scheduled"},
    ]
    assert history[0]["author"] == "Kim Worker"
    code, out, _ = invoke(runner, "log", "CP-000102")
    assert code == 0 and "2026-11-20 (scheduled)" in out.splitlines()[1]


def test_log_follows_a_rename_careplan_recorded(runner: CliRunner, plan_repo: Path) -> None:
    git(plan_repo, "mv", "plans/CP-000102.yaml", "plans/CP-000999.yaml")
    renamed = plan_repo / "plans" / "CP-000999.yaml"
    renamed.write_text(renamed.read_text() + "previous_ids: [CP-000102]\n")
    git(plan_repo, "commit", "-q", "-a", "-m", "Rename")
    _, out, _ = invoke(runner, "log", "plans/CP-000999.yaml", "--format", "json")
    assert [h["message"] for h in json.loads(out)] == ["Rename", "Add plans"]
    assert json.loads(out)[0]["reviews_added"] == []


def test_log_outside_a_repository(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "CP-000102.yaml", tmp_path)
    code, _, err = invoke(runner, "log", str(tmp_path / "CP-000102.yaml"))
    assert code == 2 and "is not in a git repository" in err
