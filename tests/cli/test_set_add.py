"""``careplan set`` and ``careplan add`` on real git repositories."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.plan_repo import head, last_commit, make_plan_repo, make_v2_plan_repo, run
from tests.conftest import TODAY, invoke

PLAN = Path("plans/CP-000102.yaml")


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(git_repo)
    return make_plan_repo(git_repo)


def test_set_by_ids_commits_one_file_in_care_planning_words(repo: Path) -> None:
    code, out, err = run(
        repo,
        "set",
        "CP-000102",
        "risks.R2.level=low",
        "goals.G1.status=achieved",
        "coordinator.phone=01632 960999",
        "--today",
        TODAY,
    )
    assert (code, err) == (0, "")
    message = (
        "Update CP-000102: risk R2 level medium -> low; goal G1 status active -> achieved; "
        "coordinator phone changed"
    )
    assert out.startswith("Updated plans/CP-000102.yaml; committed ")
    assert out.endswith(f": {message}.\n")
    assert last_commit(repo) == (message, ["plans/CP-000102.yaml"])
    text = (repo / PLAN).read_text()
    assert '  phone: "01632 960999"\n' in text  # quoted as it was
    assert "01632 960999" not in out  # free text is not printed


def test_a_comment_beside_the_changed_line_stays(runner: CliRunner, repo: Path) -> None:
    code, _, err = invoke(
        runner, "set", "CP-000102", "carers.C1.assessment.date=2026-02-04", "--today", TODAY
    )
    assert (code, err) == (0, "")
    assert (
        "    assessment: {status: completed, date: 2026-02-04}   # by the carers' service "
        "(Care Act s10)\n"
    ) in (repo / PLAN).read_text()
    assert last_commit(repo)[0] == (
        "Update CP-000102: carer C1 assessment date 2026-02-03 -> 2026-02-04"
    )


def test_append_to_a_list_and_set_a_plain_list_item(runner: CliRunner, repo: Path) -> None:
    code, _, err = invoke(
        runner,
        "set",
        "CP-000102",
        'crisis_plan.contacts+={name: Duty team, phone: "01632 960200", when: nights}',
        "strengths.2=Plays keyboard",
        "--today",
        TODAY,
    )
    assert (code, err) == (0, "")
    text = (repo / PLAN).read_text()
    assert "  - Plays keyboard\n" in text
    assert "    - {name: Duty team, phone: 01632 960200, when: nights}\n\ncontingency_plan" in text
    assert invoke(runner, "validate", "--today", TODAY, "plans")[0] == 0


def test_an_invalid_result_is_refused_and_nothing_written(repo: Path) -> None:
    before, commit = (repo / PLAN).read_bytes(), head(repo)
    code, out, err = run(repo, "set", "CP-000102", "--unset", "risks.R1.management")
    assert (code, out) == (1, "")
    assert "CP304 risk R1: the risk has no 'management' plan" in err
    assert "nothing was written" in err
    assert (repo / PLAN).read_bytes() == before and head(repo) == commit


@pytest.mark.parametrize(
    ("assignment", "said"),
    [
        ("risks.R2.level=extreme", "risk R2 level must be one of: low, medium, high"),
        ("risks.R9.level=low", "risk R9: the plan has no such item"),
        ("goals.G1.colour=blue", "goal G1 colour: the plan format has no such field"),
        ("start=2026-13-01", "start must be a date written YYYY-MM-DD"),
        ("diversity.language=", "diversity language has an empty value; to remove it use --unset"),
        ("risks..level=low", "is not a place in a plan"),
    ],
)
def test_bad_assignments_are_usage_errors(
    runner: CliRunner, repo: Path, assignment: str, said: str
) -> None:
    import re

    before, commit = (repo / PLAN).read_bytes(), head(repo)
    code, out, err = invoke(runner, "set", "CP-000102", assignment)
    assert (code, out) == (2, "")
    assert re.search(said, err), err
    assert (repo / PLAN).read_bytes() == before and head(repo) == commit


def test_values_are_typed_by_the_schema(runner: CliRunner, repo: Path) -> None:
    code, _, err = invoke(
        runner,
        "set",
        "CP-000102",
        "diversity.interpreter_needed=yes",
        "extensions.ward=no",
        "--today",
        TODAY,
    )
    assert (code, err) == (0, "")
    text = (repo / PLAN).read_text()
    assert "  interpreter_needed: true\n" in text
    assert '  ward: "no"\n' in text  # text stays text, whatever YAML version reads it


def test_add_gives_the_next_id_and_links(repo: Path) -> None:
    code, _out, err = run(
        repo,
        "add",
        "CP-000102",
        "goal",
        "--description",
        "Find paid work",
        "--needs",
        "N5,N1",
        "--status=proposed",
        "--target-date",
        "2027-06-30",
        "--today",
        TODAY,
    )
    assert (code, err) == (0, "")
    assert last_commit(repo) == ("Update CP-000102: goal G4 added", ["plans/CP-000102.yaml"])
    assert (
        "  - id: G4\n    description: Find paid work\n    needs: [N5, N1]\n"
        "    status: proposed\n    target_date: 2027-06-30\n    added: 2026-11-22\n\ninterventions:"
    ) in (repo / PLAN).read_text()


def test_add_to_a_list_of_flow_items_keeps_its_style(runner: CliRunner, repo: Path) -> None:
    code, _, err = invoke(
        runner,
        "add",
        "CP-000102",
        "need",
        "--domain",
        "finances",
        "--description",
        "Debts",
        "--to-be-met",
        "true",
    )
    assert (code, err) == (0, "")
    assert (
        "  - {id: N6, domain: finances, description: Debts, to_be_met: true}\n\n"
        in (repo / PLAN).read_text()
    )


def test_add_from_file(runner: CliRunner, git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(git_repo)
    repo = make_v2_plan_repo(git_repo)
    (repo / "member.yaml").write_text(
        "name: Sam Okafor\nrole: physiotherapist\nsector: statutory\n"
    )
    code, _, err = invoke(runner, "add", "CP-000102", "member", "--from-file", "member.yaml")
    assert (code, err) == (0, "")
    assert last_commit(repo)[0] == "Update CP-000102: care team member T5 added"
    assert (
        "  - {id: T5, name: Sam Okafor, role: physiotherapist, sector: statutory}\n"
        in (repo / PLAN).read_text()
    )


def test_add_without_a_terminal_names_what_is_missing_and_never_waits(repo: Path) -> None:
    commit = head(repo)
    code, out, err = run(repo, "add", "CP-000102", "risk", "--category", "falls")
    assert (code, out) == (2, "")
    assert err == "error: a risk needs: --level (or run on a terminal to be asked)\n"
    assert head(repo) == commit


def test_add_asks_for_required_fields_with_the_schema_choices(
    runner: CliRunner, repo: Path
) -> None:
    code, out, err = invoke(
        runner,
        "add",
        "CP-000102",
        "risk",
        "--input",
        "--management",
        "Rails fitted",
        input="falls\nhuge\nlow\n",
    )
    assert code == 0, err
    assert "(self-harm/suicide/" in out and "(low/medium/high)" in out
    assert "choose one of: low, medium, high" in err
    assert last_commit(repo)[0] == "Update CP-000102: risk R4 added"


def test_unknown_item_fields_and_kinds(runner: CliRunner, repo: Path) -> None:
    code, _, err = invoke(runner, "add", "CP-000102", "goal", "--colour", "blue", "--no-input")
    assert code == 2 and "--colour is not a field of this item (--description" in err
    code, _, err = invoke(runner, "add", "CP-000102", "wish", "--no-input")
    assert code == 2 and "need, goal, intervention, risk, carer, member" in err


def test_a_goal_added_with_set_records_the_day_as_add_does(runner: CliRunner, repo: Path) -> None:
    code, _, err = invoke(
        runner,
        "set",
        "CP-000102",
        "goals+={description: Find paid work, needs: [N1], status: proposed}",
        "--today",
        TODAY,
    )
    assert (code, err) == (0, "")
    text = (repo / PLAN).read_text()
    assert "  - id: G4\n" in text
    goal = text.split("  - id: G4\n", 1)[1].split("\n\n", 1)[0]
    assert f"    added: {TODAY}" in goal
