"""``careplan report`` on real repositories: as of a date, as recorded, formats, privacy."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from careplan_cli.plan.schema import is_valid
from careplan_cli.plan.yamlload import read_plan_file
from tests.conftest import AUTHOR, EXAMPLES, TODAY, git, invoke

TEMPLATE = read_plan_file(EXAMPLES / "CP-000101.yaml").data
PRIYA = "Priya Raman"


def built(pid: str, **fields: Any) -> dict[str, Any]:
    """A schema-valid v2 plan from example CP-000101 with ``fields`` replaced."""
    assert TEMPLATE is not None
    data = copy.deepcopy(TEMPLATE)
    data.update({"id": pid, "created": "2026-01-01", "start": "2026-01-05", "reviews": []})
    data.update(fields)
    data["agreement"] = fields.get("agreement", {"agreed": True, "date": "2026-01-05"})
    return {k: v for k, v in data.items() if v is not None}


def review(day: str, next_review: str) -> dict[str, Any]:
    assert TEMPLATE is not None
    return {**TEMPLATE["reviews"][0], "date": day, "next_review": next_review}


def write(repo: Path, plan: dict[str, Any]) -> None:
    assert is_valid(plan), plan["id"]
    (repo / "plans" / f"{plan['id']}.yaml").write_text(yaml.safe_dump(plan, sort_keys=False))


def commit(repo: Path, when: str, message: str) -> None:
    stamp = f"{when}T12:00:00+00:00"
    env = {**os.environ, **AUTHOR, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    import subprocess

    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, check=True, env=env)


LATE = built(
    "LATE",
    reviews=[review("2026-04-01", "2026-06-25")],
    next_review="2026-06-25",
    status_history=[{"date": "2026-01-05", "to": "active"}],
)
HOLD = built(
    "HOLD",
    status="on-hold",
    status_history=[
        {"date": "2026-01-05", "to": "active"},
        {"date": "2026-03-01", "from": "active", "to": "on-hold", "reason": "in prison"},
    ],
    hold_review_by="2026-06-01",
    next_review="2026-07-05",
)
REOPENED = built(
    "REOPENED",
    status_history=[
        {"date": "2026-01-05", "to": "active"},
        {"date": "2026-02-01", "from": "active", "to": "closed"},
        {"date": "2026-03-01", "from": "closed", "to": "active"},
    ],
    next_review="2026-05-01",
)
NOT_AGREED = built(
    "NOTAGREED",
    agreement={"agreed": False, "reason_not_agreed": "He disagrees with the diagnosis."},
    next_review="2026-12-01",
)
HANDED = built(
    "HANDED",
    coordinator={**TEMPLATE["coordinator"], "name": "Sam Ward"},  # type: ignore[index]
    coordinator_history=[{"name": PRIYA, "from": "2026-01-05", "to": "2026-06-15"}],
    next_review="2026-12-01",
)


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Committed on 1 May; the late plan's review of 28 June committed on 3 July."""
    for plan in (LATE, HOLD, REOPENED, NOT_AGREED, HANDED):
        write(git_repo, plan)
    commit(git_repo, "2026-05-01", "Plans")
    reviewed = {
        **LATE,
        "reviews": [*LATE["reviews"], review("2026-06-28", "2026-09-28")],
        "next_review": "2026-09-28",
    }
    write(git_repo, reviewed)
    commit(git_repo, "2026-07-03", "Review LATE 2026-06-28")
    monkeypatch.chdir(git_repo)
    return git_repo


def report(runner: CliRunner, *args: str) -> dict[str, Any]:
    code, out, err = invoke(runner, "report", "--today", "2026-11-22", "-f", "json", *args)
    assert (code, err) == (0, ""), err
    result: dict[str, Any] = json.loads(out)
    return result


def test_figures_as_of_a_date_counted_by_hand(runner: CliRunner, repo: Path) -> None:
    figures = report(runner, "--as-of", "2026-06-30", "--months", "0")["figures"]
    assert figures["active_plans"] == 4  # all but HOLD
    assert figures["reviews_overdue"] == 1  # REOPENED, since 1 May: 60 days
    assert figures["overdue_31_90"] == 1
    assert figures["on_hold_past_review"] == 1
    assert figures["in_force_not_agreed_without_reason"] == 0  # NOTAGREED has its reason
    assert (figures["reviews_in_period"], figures["reviews_within_interval"]) == (1, 0)
    closed = report(runner, "--as-of", "2026-02-15", "--months", "0")["figures"]
    assert closed["active_plans"] == 4  # REOPENED closed, HOLD not yet on hold


def test_as_recorded_gives_what_was_committed_by_the_end_of_the_day(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    recorded = report(runner, "--as-of", "2026-06-30", "--as-recorded", "--months", "0")
    # the review of 28 June was not in the repository on 30 June: LATE was 5 days overdue
    assert recorded["figures"]["reviews_overdue"] == 2
    assert recorded["figures"]["overdue_0_30"] == 1
    assert recorded["figures"]["reviews_in_period"] == 0
    checkout = tmp_path / "checkout"
    git(repo, "clone", "-q", str(repo), str(checkout))
    last = git(checkout, "rev-list", "-1", "--before=2026-06-30T23:59:59+00:00", "HEAD").strip()
    git(checkout, "checkout", "-q", last)
    os.chdir(checkout)
    there = report(runner, "--as-of", "2026-06-30", "--months", "0")
    assert there == recorded


def test_handover_moves_the_plan_between_caseloads(runner: CliRunner, repo: Path) -> None:
    before = report(runner, "--as-of", "2026-05-31", "--months", "0")["by"]["coordinator"]
    after = report(runner, "--as-of", "2026-06-30", "--months", "0")["by"]["coordinator"]
    assert before[PRIYA]["active_plans"] == 4 and "Sam Ward" not in before
    assert (after[PRIYA]["active_plans"], after["Sam Ward"]["active_plans"]) == (3, 1)
    mine = report(runner, "--as-of", "2026-06-30", "--months", "0", "--coordinator", "Sam Ward")
    assert mine["figures"]["active_plans"] == 1


def test_trend_at_month_ends(runner: CliRunner, repo: Path) -> None:
    trend = report(runner, "--as-of", "2026-07-15", "--months", "3")["trend"]
    assert [m["month"] for m in trend] == ["2026-04", "2026-05", "2026-06"]
    assert [m["figures"]["reviews_overdue"] for m in trend] == [0, 1, 1]
    assert [m["figures"]["on_hold_past_review"] for m in trend] == [0, 0, 1]


@pytest.fixture
def examples(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        shutil.copy(path, git_repo / "plans")
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Plans")
    monkeypatch.chdir(git_repo)
    return git_repo


@pytest.mark.parametrize("day", [TODAY, "2027-01-31", "2027-06-30", "2028-02-29"])
def test_overdue_and_active_agree_with_due_and_list(
    runner: CliRunner, examples: Path, day: str
) -> None:
    figures = report(runner, "--as-of", day, "--today", day, "--months", "0")["figures"]
    _, due, _ = invoke(runner, "due", "--overdue", "--today", day, "-f", "json")
    _, listed, _ = invoke(runner, "list", "--status", "active", "--today", day, "-f", "json")
    assert figures["reviews_overdue"] == len(json.loads(due)["due"])
    assert figures["active_plans"] == len(json.loads(listed))


def test_json_is_deterministic_and_holds_no_plan_values(runner: CliRunner, examples: Path) -> None:
    code, first, _ = invoke(runner, "report", "--today", TODAY, "-f", "json", "--by", "team")
    _, second, _ = invoke(runner, "report", "--today", TODAY, "-f", "json", "--by", "team")
    assert code == 0 and first == second
    shown = json.loads(first)
    assert list(shown) == ["as_of", "policy", "figures", "by", "trend"]
    assert shown["policy"] == "cpa-2008" and len(shown["trend"]) == 12
    for path in EXAMPLES.glob("*.yaml"):
        data = read_plan_file(path).data
        assert data is not None
        assert data["id"] not in first and data["service_user"]["name"] not in first


def test_csv_suppresses_small_counts(runner: CliRunner, examples: Path) -> None:
    _, out, _ = invoke(runner, "report", "--today", TODAY, "-f", "csv", "--months", "2")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["value"] for r in rows if r["value"].isdigit()}.isdisjoint({"1", "2", "3", "4"})
    assert any(r["value"] == "<5" for r in rows)
    _, raw, _ = invoke(runner, "report", "--today", TODAY, "-f", "csv", "--no-suppress")
    assert "<5" not in raw


def test_out_file_is_private_and_never_written_through_a_link(
    runner: CliRunner, examples: Path, tmp_path: Path
) -> None:
    target = tmp_path / "board.html"
    code, out, _ = invoke(runner, "report", "--today", TODAY, "-f", "html", "-o", str(target))
    assert (code, out) == (0, "") and target.stat().st_mode & 0o777 == 0o600
    victim = tmp_path / "victim"
    victim.write_text("keep")
    link = tmp_path / "link.html"
    link.symlink_to(victim)
    code, _, err = invoke(runner, "report", "--today", TODAY, "-f", "csv", "-o", str(link))
    assert code == 1 and "symbolic link" in err and victim.read_text() == "keep"


def test_exit_code_when_a_threshold_is_broken(runner: CliRunner, examples: Path) -> None:
    (examples / "careplan.toml").write_text(
        '[report]\nthresholds = ["reviews_overdue <= 0", "active_plans >= 1"]\n'
    )
    code, _, err = invoke(runner, "report", "--today", TODAY, "--months", "0", "--exit-code")
    assert code == 1 and "threshold not met: reviews_overdue <= 0" in err
    assert "active_plans" not in err
    (examples / "careplan.toml").write_text('[report]\nthresholds = ["nonsense >= 1"]\n')
    code, _, err = invoke(runner, "report", "--today", TODAY)
    assert code == 2 and "report.thresholds" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "postcode"], "--by must be one of"),
        (["--as-of", "2026-13-01"], "--as-of must be a date"),
        (["--months", "-1"], "--months must be between"),
    ],
)
def test_usage_errors_exit_2(
    runner: CliRunner, examples: Path, args: list[str], message: str
) -> None:
    code, _, err = invoke(runner, "report", "--today", TODAY, *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_text_lists_every_figure_and_no_plan_id(runner: CliRunner, examples: Path) -> None:
    code, out, err = invoke(runner, "report", "--today", TODAY, "--months", "1")
    assert (code, err) == (0, "")
    assert out.startswith("Figures as of 2026-11-22 (cpa-2008)\n") and "By coordinator" in out
    assert "CP-000102" not in out and "Month ends" in out
