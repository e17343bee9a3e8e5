"""``careplan review`` on a v2 plan: what the review found, given as options (typed, choices
read from the schema), asked for on a terminal, and named in plain words when missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.plan.vocabulary import choices
from tests.cli.plan_repo import head, last_commit, make_plan_repo, run
from tests.conftest import TODAY, invoke

PLAN = Path("plans/CP-000102.yaml")  # format v2, goals G1-G3 active
WHEN = ["--date", "2026-11-20", "--next-review", "2027-02-18", "--today", TODAY]
CONTENT = [
    "--relevance", "Still relevant.",
    "--effectiveness", "Music course going well.",
    "--outcome", "G1=improving", "--outcome", "G2=no-change", "--outcome", "G3=achieved",
    "--unmet-need", "Daytime structure", "--unmet-need", "Debt advice",
    "--satisfaction", "satisfied", "--satisfaction-comment", "Fewer appointments now.",
    "--attendee", "Marcus Reid: service user", "--attendee", "Tom Adeyemi: care co-ordinator",
    "--changes", "None.",
]  # fmt: skip
PROGRESS = ", ".join(choices("reviews.outcomes.progress"))
RATINGS = ", ".join(choices("reviews.satisfaction.rating"))
NOTHING_SAID = f"""\
error: the review does not say what it found; give
  --relevance TEXT         is the plan as it stands still relevant?
  --effectiveness TEXT     how effective has the plan been?
  --outcome GOAL=PROGRESS  progress on goals G1, G2, G3, one --outcome each; PROGRESS is one of: {PROGRESS}
  --unmet-need TEXT        each need the plan is not meeting, or --no-unmet-needs when there are none
  --satisfaction RATING    the service user's satisfaction, one of: {RATINGS} (if they were not asked, --reason-not-asked TEXT says why)
or write them in a review file for --from-file (see docs/from-file.md); on a terminal careplan asks for each.
"""  # noqa: E501


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(git_repo)
    return make_plan_repo(git_repo)


def test_a_review_with_no_content_says_what_to_supply(runner: CliRunner, repo: Path) -> None:
    before, commit = (repo / PLAN).read_bytes(), head(repo)
    assert invoke(runner, "review", "CP-000102", "--no-input", *WHEN) == (2, "", NOTHING_SAID)
    assert run(repo, "review", "CP-000102", *WHEN) == (2, "", NOTHING_SAID)  # no terminal
    assert ((repo / PLAN).read_bytes(), head(repo)) == (before, commit)


def test_only_what_is_missing_is_named(runner: CliRunner, repo: Path) -> None:
    given = [*CONTENT[:4], "--outcome", "G1=improving", "--no-unmet-needs"]
    code, _, err = invoke(runner, "review", "CP-000102", "--no-input", *given, *WHEN)
    assert code == 2
    assert [line.split()[0] for line in err.splitlines()[1:-1]] == ["--outcome", "--satisfaction"]
    assert "progress on goals G2, G3, one --outcome each" in err


def test_every_part_as_an_option(runner: CliRunner, repo: Path) -> None:
    code, out, err = run(repo, "review", "CP-000102", *CONTENT, *WHEN)
    assert (code, err) == (0, ""), out
    assert last_commit(repo) == ("Review CP-000102 2026-11-20", [str(PLAN)])
    text = (repo / PLAN).read_text()
    entry = text[text.index("  - date: 2026-11-20\n") :]
    assert entry.startswith(
        "  - date: 2026-11-20\n"
        "    kind: scheduled\n"
        "    attendees:\n"
        "      - {name: Marcus Reid, role: service user}\n"
        "      - {name: Tom Adeyemi, role: care co-ordinator}\n"
        "    relevance: Still relevant.\n"
        "    effectiveness: Music course going well.\n"
        "    outcomes:\n"
        "      - {goal: G1, progress: improving}\n"
        "      - {goal: G2, progress: no-change}\n"
        "      - {goal: G3, progress: achieved}\n"
        "    unmet_needs:\n"
        "      - Daytime structure\n"
        "      - Debt advice\n"
        "    satisfaction: {rating: satisfied, comment: Fewer appointments now.}\n"
        "    changes: None.\n"
        "    next_review: 2027-02-18\n"
    )
    code, out, _ = invoke(runner, "validate", "--today", TODAY, str(PLAN))
    assert code == 0 and "error" not in out


def test_options_win_over_the_file(runner: CliRunner, repo: Path) -> None:
    (repo / "review.yaml").write_text("relevance: From the file.\nchanges: From the file.\n")
    code, _, err = invoke(
        runner, "review", "CP-000102", "--from-file", "review.yaml", *CONTENT[2:],
        "--relevance", "From the option.", "--no-input", *WHEN,
    )  # fmt: skip
    assert (code, err) == (0, "")
    text = (repo / PLAN).read_text()
    assert "relevance: From the option." in text and "changes: None." in text
    assert "From the file" not in text


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (["--outcome", "G1=great"], f"--outcome G1=great: PROGRESS is one of: {PROGRESS}"),
        (["--outcome", "G1"], "--outcome must be GOAL=PROGRESS, e.g. G1=improving"),
        (["--outcome", "G1=improving", "--outcome", "G1=achieved"], "--outcome: goal G1 twice"),
        (["--satisfaction", "happy"], f"--satisfaction must be one of: {RATINGS}"),
        (["--unmet-need", "Work", "--no-unmet-needs"],
         "--unmet-need and --no-unmet-needs cannot go together"),
        (["--satisfaction-comment", "Fine"], "--satisfaction-comment needs --satisfaction RATING"),
        (["--attendee", ": nurse"], "--attendee must be NAME or NAME: ROLE"),
    ],
)  # fmt: skip
def test_bad_values_are_usage_errors(
    runner: CliRunner, repo: Path, given: list[str], said: str
) -> None:
    code, out, err = invoke(runner, "review", "CP-000102", "--no-input", *given, *WHEN)
    assert (code, out, err) == (2, "", f"error: {said}\n")


def test_not_asked_needs_its_reason(runner: CliRunner, repo: Path) -> None:
    content = [*CONTENT[:14], "--satisfaction", "not-asked"]
    code, _, err = invoke(runner, "review", "CP-000102", "--no-input", *content, *WHEN)
    assert code == 2 and "reason_not_asked" in err
    code, _, err = invoke(
        runner, "review", "CP-000102", "--no-input", *content,
        "--reason-not-asked", "Too unwell on the day", *WHEN,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert (
        "    satisfaction: {rating: not-asked, reason_not_asked: Too unwell on the day}\n"
        in (repo / PLAN).read_text()
    )


def test_on_a_terminal_only_what_is_missing_is_asked(runner: CliRunner, repo: Path) -> None:
    given = [*CONTENT[:6], "--no-unmet-needs", "--attendee", "Marcus Reid"]
    answers = "\nimproving\nachieved\nnot-asked\nAsleep after a night shift\nNone\n"
    code, out, err = invoke(runner, "review", "CP-000102", *given, "--input", *WHEN, input=answers)
    assert (code, err) == (0, ""), out
    asked = [line.split(":")[0].split(" (")[0].split(" [")[0] for line in out.splitlines()[:-1]]
    assert asked == [
        "Kind",
        "Progress on goal G2",
        "Progress on goal G3",
        "The service user's satisfaction",
        "Why were they not asked",
        "Changes agreed",
    ]
    text = (repo / PLAN).read_text()
    assert "      - {goal: G3, progress: achieved}\n    unmet_needs: []\n" in text


def test_the_help_names_the_options(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "review", "--help")
    assert code == 0
    for option in ("--relevance", "--effectiveness", "--outcome", "--unmet-need",
                   "--no-unmet-needs", "--satisfaction", "--reason-not-asked", "--attendee",
                   "--changes"):  # fmt: skip
        assert option in out, option
