"""A year in the life of one plan, at the terminal: every step one commit, the plan valid after
each, and ``careplan log`` listing them all (issue 16's acceptance)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.plan_repo import last_commit, run
from tests.conftest import git, invoke

P = "CP-000001"
REVIEW = """\
kind: scheduled
attendees:
  - {name: Alex Example, role: service user}
  - {name: Priya Raman, role: care co-ordinator}
relevance: Still relevant.
effectiveness: Fewer crises; visits kept.
outcomes:
  - {goal: G1, progress: improving}
unmet_needs: []
satisfaction: {rating: satisfied}
changes: None.
"""
# (today, command line, the commit message's first line)
YEAR: list[tuple[str, list[str], str]] = [
    ("2026-01-05", ["new", "--type", "cpa", "--level", "non-cpa", "--name", "Alex Example",
                    "--coordinator", "Tom Adeyemi", "--start", "2026-01-12"],
     f"Create care plan {P}"),
    ("2026-01-06", ["add", P, "need", "--domain", "mental-health", "--description",
                    "Stay well at home", "--to-be-met", "true"], f"Update {P}: need N1 added"),
    ("2026-01-06", ["add", P, "goal", "--description", "Stay out of hospital", "--needs", "N1",
                    "--status", "active"], f"Update {P}: goal G1 added"),
    ("2026-01-06", ["add", P, "intervention", "--description", "Home visits", "--goals", "G1",
                    "--agency", "Westbridge CMHT", "--professional", "Tom Adeyemi",
                    "--frequency", "weekly"], f"Update {P}: intervention I1 added"),
    ("2026-01-06", ["add", P, "risk", "--category", "self-harm", "--level", "high",
                    "--description", "Cuts when distressed", "--management",
                    "Daily contact when early signs show"], f"Update {P}: risk R1 added"),
    ("2026-01-08", ["set", P, "crisis_plan.responds_best_to=Their sister",
                    "crisis_plan.what_has_worked=Home treatment team visits",
                    'crisis_plan.contacts+={name: Crisis team, phone: "01632 960999", '
                    "when: any time}",
                    "contingency_plan=The duty worker covers visits",
                    "information_sharing.consent.status=given",
                    "information_sharing.consent.date=2026-01-08",
                    "review_triggers+=Admission to hospital"],
     f"Update {P}: crisis plan responds best to set; crisis plan what has worked set; crisis "
     "plan contact added; contingency plan set; information sharing consent status set to "
     "given; information sharing consent date set to 2026-01-08; review trigger added"),
    ("2026-01-12", ["status", P, "active", "--reason", "Agreed at the first meeting",
                    "--agreed-on", "2026-01-12"], f"Update {P}: status draft -> active"),
    ("2026-02-01", ["set", P, "risks.R1.level=medium"],
     f"Update {P}: risk R1 level high -> medium"),
    ("2026-02-10", ["level", P, "enhanced", "--reason", "A second admission", "--reschedule"],
     f"Update {P}: level non-cpa -> enhanced; next review 2027-01-12 -> 2026-04-12"),
    ("2026-03-01", ["status", P, "on-hold", "--reason", "Admitted", "--review-by", "2026-03-15"],
     f"Update {P}: status active -> on-hold until review by 2026-03-15"),
    ("2026-03-10", ["status", P, "active", "--reason", "Discharged home"],
     f"Update {P}: status on-hold -> active"),
    ("2026-03-20", ["handover", P, "--from", "Tom Adeyemi", "--to", "Priya Raman", "--reason",
                    "Tom is leaving"],
     f"Hand over {P}: coordinator Tom Adeyemi -> Priya Raman from 2026-03-20"),
    ("2026-04-01", ["review", P, "--from-file", "review.yaml", "--date", "2026-04-01",
                    "--next-review", "2026-07-01"], f"Review {P} 2026-04-01"),
    ("2026-07-01", ["review", P, "--from-file", "review.yaml", "--date", "2026-07-01",
                    "--next-review", "2026-10-01"], f"Review {P} 2026-07-01"),
    ("2026-10-01", ["review", P, "--from-file", "review.yaml", "--date", "2026-10-01",
                    "--next-review", "2026-12-20"], f"Review {P} 2026-10-01"),
    ("2026-12-18", ["review", P, "--from-file", "review.yaml", "--date", "2026-12-18",
                    "--next-review", "2027-03-18"], f"Review {P} 2026-12-18"),
    ("2026-12-20", ["status", P, "closed", "--closure", "discharged-to-gp", "--reason",
                    "Well for a year"], f"Update {P}: status active -> closed (discharged-to-gp)"),
    ("2027-01-15", ["status", P, "active", "--reason", "Re-referred by the GP"],
     f"Update {P}: reopened (status closed -> active)"),
]  # fmt: skip


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(git_repo)
    (git_repo / "review.yaml").write_text(REVIEW)
    return git_repo


def test_a_year_in_the_life_of_a_plan(runner: CliRunner, repo: Path) -> None:
    for today, command, message in YEAR:
        code, out, err = run(repo, *command, "--no-input", "--today", today)
        assert (code, err) == (0, ""), (command, out)
        subject, files = last_commit(repo)
        assert (subject.split("\n")[0], files) == (message, [f"plans/{P}.yaml"])
        checked, shown, _ = invoke(runner, "validate", "--today", today, "plans")
        assert checked == 0, (command, shown)
        assert not git(repo, "status", "--porcelain", "plans")  # nothing left uncommitted
    code, out, _ = invoke(runner, "log", P, "--format", "json")
    assert code == 0
    assert [entry["message"] for entry in json.loads(out)] == [m for _, _, m in reversed(YEAR)]
    from careplan_cli.plan.yamlload import parse_text

    plan, _ = parse_text((repo / "plans" / f"{P}.yaml").read_text())
    assert isinstance(plan, dict)
    assert [(h["from"], h["to"]) for h in plan["status_history"]] == [
        ("draft", "active"), ("active", "on-hold"), ("on-hold", "active"),
        ("active", "closed"), ("closed", "active"),
    ]  # fmt: skip
    assert {h["by"] for h in plan["status_history"]} == {"Kim Worker"}
    assert plan["coordinator"]["name"] == "Priya Raman"
    assert plan["coordinator_history"] == [
        {"name": "Tom Adeyemi", "role": "care-coordinator", "from": "2026-01-12",
         "to": "2026-03-20"}
    ]  # fmt: skip
    assert len(plan["reviews"]) == 4 and plan["next_review"] == "2027-04-15"
