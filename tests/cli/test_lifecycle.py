"""``careplan status``, ``level``, ``handover`` and ``renumber`` on real repositories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.plan_repo import head, last_commit, make_plan_repo, run
from tests.conftest import TODAY, git, invoke

STAFF = """\
[[staff]]
name = "Priya Raman"
role = "care-coordinator"
team = "Westbridge Early Intervention in Psychosis"
phone = "01632 960231"
email = "priya.raman@westbridge.nhs.example"
"""


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(git_repo)
    return make_plan_repo(git_repo)


def plan(repo: Path, plan_id: str) -> dict[str, object]:
    from careplan_cli.plan.yamlload import parse_text

    data, _ = parse_text((repo / "plans" / f"{plan_id}.yaml").read_text())
    assert isinstance(data, dict)
    return data


def valid(runner: CliRunner) -> bool:
    return invoke(runner, "validate", "--today", TODAY, "plans")[0] == 0


def test_on_hold_and_resume_each_one_commit_recorded_in_the_history(
    runner: CliRunner, repo: Path
) -> None:
    code, out, err = run(
        repo, "status", "CP-000102", "on-hold", "--reason", "Admitted to hospital",
        "--review-by", "2026-12-15", "--date", "2026-11-20", "--today", TODAY,
    )  # fmt: skip
    assert (code, err) == (0, "")
    message = "Update CP-000102: status active -> on-hold until review by 2026-12-15"
    assert out.startswith("Updated plans/CP-000102.yaml; committed ")
    assert out.endswith(f": {message}.\n")
    assert last_commit(repo) == (f"{message}\n\nAdmitted to hospital", ["plans/CP-000102.yaml"])
    data = plan(repo, "CP-000102")
    assert data["hold_review_by"] == "2026-12-15"
    assert data["status_history"] == [
        {"date": "2026-11-20", "from": "active", "to": "on-hold",
         "reason": "Admitted to hospital", "by": "Kim Worker"}
    ]  # fmt: skip
    assert valid(runner)
    code, _, err = invoke(runner, "status", "CP-000102", "active", "--reason", "Discharged")
    assert (code, err) == (0, "")
    assert "hold_review_by" not in plan(repo, "CP-000102") and valid(runner)


def test_on_hold_without_a_review_date_and_no_terminal_never_waits(repo: Path) -> None:
    commit = head(repo)
    code, out, err = run(repo, "status", "CP-000102", "on-hold", "--reason", "Admitted")
    assert (code, out) == (2, "")
    assert err == (
        "error: putting a plan on hold needs --review-by DATE: when the hold is reviewed\n"
    )
    assert head(repo) == commit


def test_on_a_terminal_the_missing_values_are_asked_for(runner: CliRunner, repo: Path) -> None:
    code, out, err = invoke(
        runner, "status", "CP-000102", "closed", "--input", "--today", TODAY,
        input="gone\nmoved-away\nMoved to Leeds\n",
    )  # fmt: skip
    assert code == 0, err
    assert "Closure reason (treatment-completed/discharged-to-gp/" in out
    assert "choose one of:" in err
    data = plan(repo, "CP-000102")
    assert data["closure"] == {"date": TODAY, "reason": "moved-away"}
    assert data["end"] == TODAY and data["status"] == "closed"


def test_close_and_reopen(runner: CliRunner, repo: Path) -> None:
    code, _, err = invoke(
        runner, "status", "CP-000102", "closed", "--closure", "discharged-to-gp",
        "--destination", "GP", "--reason", "Well for a year", "--today", TODAY,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert plan(repo, "CP-000102")["closure"] == {
        "date": TODAY, "reason": "discharged-to-gp", "destination": "GP"
    }  # fmt: skip
    assert valid(runner)
    code, _, err = invoke(
        runner, "status", "CP-000102", "active", "--reason", "Re-referred by GP",
        "--date", "2026-12-01", "--today", "2026-12-01",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert last_commit(repo)[0].startswith("Update CP-000102: reopened (status closed -> active)")
    data = plan(repo, "CP-000102")
    assert "end" not in data and "closure" not in data
    assert data["next_review"] == "2027-03-01"
    assert invoke(runner, "validate", "--today", "2026-12-01", "plans")[0] == 0


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["draft", "--reason", "x"], 1, "cannot go from active to draft"),
        (["closed", "--reason", "x", "--closure", "bored"], 2, "--closure must be one of"),
        (["on-hold", "--reason", "x", "--review-by", "2026-01-01"], 2, "must be after"),
        (["paused", "--reason", "x"], 2, "must be one of: draft, active, on-hold, closed"),
    ],
)
def test_refused_status_changes_write_nothing(
    runner: CliRunner, repo: Path, args: list[str], code: int, said: str
) -> None:
    before, commit = (repo / "plans" / "CP-000102.yaml").read_bytes(), head(repo)
    result = invoke(runner, "status", "CP-000102", *args, "--no-input", "--today", TODAY)
    assert result[0] == code and said in result[2]
    assert (repo / "plans" / "CP-000102.yaml").read_bytes() == before and head(repo) == commit


def test_a_level_that_needs_a_crisis_plan_is_refused_naming_it(repo: Path) -> None:
    commit = head(repo)
    code, out, err = run(
        repo, "level", "DA-000301", "tier-3", "--reason", "Relapse", "--today", TODAY
    )
    assert (code, out) == (1, "")
    assert err.startswith("error: at level tier-3 the plan needs more than it has")
    assert "crisis" in err and "--from-file FILE" in err
    assert head(repo) == commit


def test_a_level_change_with_what_it_needs(runner: CliRunner, repo: Path) -> None:
    (repo / "crisis.yaml").write_text(
        "crisis_plan:\n"
        "  responds_best_to: Her sister\n"
        "  what_has_worked: A same-day appointment with the prescriber\n"
        "  contacts:\n"
        '    - {name: Duty worker, phone: "01632 960400", when: office hours}\n'
    )
    code, out, err = invoke(
        runner, "level", "DA-000301", "tier-3", "--reason", "Relapse", "--from-file",
        "crisis.yaml", "--reschedule", "--no-input", "--today", TODAY,
    )  # fmt: skip
    assert (code, err) == (0, ""), out
    message = last_commit(repo)[0]
    assert message.startswith("Update DA-000301: level tier-2 -> tier-3; crisis plan added")
    assert message.endswith("\n\nRelapse")
    assert valid(runner)


def test_a_comment_beside_the_level_stays(runner: CliRunner, repo: Path) -> None:
    code, _, err = invoke(
        runner, "level", "CP-000101", "enhanced", "--reason", "Two admissions", "--reschedule",
        "--no-input", "--today", TODAY,
    )  # fmt: skip
    assert (code, err) == (0, "")
    text = (repo / "plans" / "CP-000101.yaml").read_text()
    assert "\nlevel: enhanced            # one agency, able to self-manage" in text
    assert last_commit(repo)[1] == ["plans/CP-000101.yaml"]


def handover_repo(repo: Path) -> None:
    """Tom Adeyemi coordinates two plans; careplan.toml lists Priya Raman."""
    path = repo / "plans" / "CP-000103.yaml"
    path.write_text(path.read_text().replace("  name: Ruth Adebayo\n", "  name: Tom Adeyemi\n", 1))
    (repo / "careplan.toml").write_text(STAFF)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Tom takes CP-000103; staff list")


def test_handover_of_a_caseload_is_one_commit(runner: CliRunner, repo: Path) -> None:
    handover_repo(repo)
    code, _out, err = run(
        repo, "handover", "--from", "Tom Adeyemi", "--to", "Priya Raman", "--all",
        "--date", "2026-11-20", "--reason", "Tom is leaving", "--today", TODAY,
    )  # fmt: skip
    assert (code, err) == (0, "")
    message, files = last_commit(repo)
    assert files == ["plans/CP-000102.yaml", "plans/CP-000103.yaml"]
    assert message == (
        "Hand over CP-000102, CP-000103: coordinator Tom Adeyemi -> Priya Raman from "
        "2026-11-20\n\nTom is leaving"
    )
    for plan_id, organisation in (
        ("CP-000102", "Westbridge NHS Foundation Trust"),
        ("CP-000103", "Westbridge NHS Foundation Trust"),
    ):
        data = plan(repo, plan_id)
        coordinator = data["coordinator"]
        assert isinstance(coordinator, dict)
        assert coordinator["phone"] == "01632 960231"  # from [[staff]], never Tom's
        assert coordinator["organisation"] == organisation  # the post's, kept
        assert "profession" not in coordinator
        history = data["coordinator_history"]
        assert isinstance(history, list) and history[-1]["name"] == "Tom Adeyemi"
        assert history[-1]["to"] == "2026-11-20"
    assert valid(runner)


def test_handover_dry_run_lists_and_changes_nothing(runner: CliRunner, repo: Path) -> None:
    handover_repo(repo)
    commit = head(repo)
    code, out, _ = invoke(
        runner, "handover", "--from", "tom adeyemi", "--to", "Priya Raman", "--all", "--dry-run"
    )
    assert (code, out) == (
        0,
        "Would hand over 2 plan(s) from tom adeyemi to Priya Raman:\n  CP-000102\n  CP-000103\n",
    )
    assert head(repo) == commit


def test_handover_is_all_or_nothing(runner: CliRunner, repo: Path) -> None:
    handover_repo(repo)
    before = {p: p.read_bytes() for p in (repo / "plans").glob("*.yaml")}
    commit = head(repo)
    code, _, err = invoke(
        runner, "handover", "CP-000102", "CP-000104", "--from", "Tom Adeyemi", "--to",
        "Priya Raman", "--reason", "Leaving", "--no-input",
    )  # fmt: skip
    assert code == 1 and "plans/CP-000104.yaml: the plan's coordinator is not" in err
    assert {p: p.read_bytes() for p in (repo / "plans").glob("*.yaml")} == before
    assert head(repo) == commit


def test_handover_without_staff_details_leaves_out_phone_and_email(
    runner: CliRunner, repo: Path
) -> None:
    code, _, err = invoke(
        runner, "handover", "CP-000102", "--from", "Tom Adeyemi", "--to", "Sam Hill",
        "--reason", "Leaving", "--no-input", "--today", TODAY,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert plan(repo, "CP-000102")["coordinator"] == {
        "name": "Sam Hill",
        "role": "care-coordinator",
        "organisation": "Westbridge NHS Foundation Trust",
        "team": "Westbridge Early Intervention in Psychosis",
    }


def test_renumber_renames_in_one_commit_and_log_follows(runner: CliRunner, repo: Path) -> None:
    code, out, err = run(repo, "renumber", "CP-000102", "CP-000110", "--today", TODAY)
    assert (code, err) == (0, "")
    subject, _, change = git(repo, "show", "--name-status", "--format=%s", "HEAD").split("\n")[:3]
    assert subject == "Renumber CP-000102 as CP-000110"
    assert change.startswith("R") and change.endswith(
        "\tplans/CP-000102.yaml\tplans/CP-000110.yaml"
    )
    data = plan(repo, "CP-000110")
    assert data["id"] == "CP-000110" and data["previous_ids"] == ["CP-000102"]
    assert not (repo / "plans" / "CP-000102.yaml").exists()
    code, out, _ = invoke(runner, "log", "CP-000110", "--format", "json")
    assert [h["message"] for h in json.loads(out)] == [
        "Renumber CP-000102 as CP-000110",
        "Add plans",
    ]
    assert valid(runner)


def test_renumber_onto_an_existing_plan_is_refused(runner: CliRunner, repo: Path) -> None:
    code, _, err = invoke(runner, "renumber", "CP-000102", "CP-000103")
    assert code == 2 and "plans/CP-000103.yaml already exists" in err


def test_on_a_terminal_a_level_change_asks_for_what_it_needs(runner: CliRunner, repo: Path) -> None:
    answers = "Her sister\nA same-day prescriber appointment\nDuty worker\n01632 960400\n"
    answers += "office hours\ny\n"
    code, out, err = invoke(
        runner, "level", "DA-000301", "tier-3", "--reason", "Relapse", "--input",
        "--today", TODAY, input=answers,
    )  # fmt: skip
    assert code == 0, err
    assert "The new level needs more:" in err
    assert "In a crisis, who they respond best to" in out
    crisis = plan(repo, "DA-000301")["crisis_plan"]
    assert isinstance(crisis, dict) and crisis["responds_best_to"] == "Her sister"
    assert last_commit(repo)[0].startswith("Update DA-000301: level tier-2 -> tier-3")
    assert valid(runner)
