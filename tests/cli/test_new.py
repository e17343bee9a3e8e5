"""``careplan new``: from flags, from a partial plan, from prompts and in a real terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.plan.create import next_id
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.validate import check_file
from tests.conftest import AUTHOR, TODAY, NewPlan, git, invoke

PARTIAL = """\
type: substance-misuse
level: tier-2
service_user: {name: Sam Example, date_of_birth: 1990-01-31, nhs_number: "999 000 0069"}
coordinator: {name: Lewis Grant, organisation: Westbridge Drug and Alcohol Service}
needs:
  - {id: N1, domain: substance-use, description: Drinking most days, to_be_met: true}
goals:
  - id: G1
    description: Cut down
    needs: [N1]
    milestones: [{description: Drink diary for 4 weeks, due: 2026-12-31}]
"""


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(git_repo)
    return git_repo


def test_new_from_flags_commits_a_valid_draft(runner: CliRunner, repo: Path) -> None:
    code, out, err = invoke(
        runner,
        "new",
        "--no-input",
        "--type",
        "cpa",
        "--level",
        "enhanced",
        "--name",
        "Alex Example",
        "--coordinator",
        "Tom Adeyemi",
        "--today",
        TODAY,
    )
    assert (code, err) == (0, "")
    assert out.startswith("Created plans/CP-000001.yaml (draft); committed ")
    assert out.endswith(": Create care plan CP-000001.\n")
    assert (
        git(repo, "show", "--name-only", "--format=%s", "HEAD")
        == "Create care plan CP-000001\n\nplans/CP-000001.yaml\n"
    )
    result = check_file(repo / "plans" / "CP-000001.yaml", Settings(today=date(2026, 11, 22)))
    assert result.findings == ()
    text = (repo / "plans" / "CP-000001.yaml").read_text()
    assert "\nstatus: draft" in text and "\nnext_review: 2027-02-22\n" in text  # enhanced: 3m
    assert '\n# "The goals of treatment and milestones to be achieved' in text


def test_new_from_a_partial_file_validates_with_no_errors(runner: CliRunner, repo: Path) -> None:
    (repo / "intake.yaml").write_text(PARTIAL)
    code, _, err = invoke(
        runner,
        "new",
        "--no-input",
        "--from-file",
        "intake.yaml",
        "--id",
        "DA-000900",
        "--start",
        "2026-11-23",
        "--today",
        TODAY,
    )
    assert (code, err) == (0, "")
    path = repo / "plans" / "DA-000900.yaml"
    text = path.read_text()
    assert "\nstart: 2026-11-23\n" in text and "\nnext_review: 2027-02-23\n" in text
    assert '  nhs_number: "999 000 0069"\n' in text and "  role: key-worker\n" in text
    assert "  - id: G1\n    description: Cut down\n" in text
    assert invoke(runner, "validate", "--strict", "--today", TODAY, str(path)) == (
        0,
        "1 file checked: all valid.\n",
        "",
    )


def test_missing_values_are_all_named(runner: CliRunner, repo: Path) -> None:
    assert invoke(runner, "new", "--no-input", "--type", "social-care") == (
        2,
        "",
        "error: missing: client_group, service_user.name, coordinator.name (give them "
        "as options or in --from-file, or run on a terminal to be asked)\n",
    )
    assert not list((repo / "plans").iterdir())


@pytest.mark.parametrize("bad_id", ["../x", "a/b", "-rf", ".hidden", "x" * 65, "CP 1"])
def test_bad_ids_are_refused(new_plan: NewPlan, repo: Path, bad_id: str) -> None:
    code, _, err = new_plan("--id", bad_id)
    assert code == 2 and err.startswith("error: a plan id is a letter or digit")
    assert not (repo / "x").exists() and not list((repo / "plans").iterdir())


def test_an_existing_plan_is_never_overwritten(new_plan: NewPlan, repo: Path) -> None:
    (repo / "plans" / "CP-000007.yaml").write_text("precious\n")
    code, _, err = new_plan("--id", "CP-000007")
    assert code == 2 and "already exists" in err
    assert (repo / "plans" / "CP-000007.yaml").read_text() == "precious\n"


def test_generated_ids_follow_the_highest(tmp_path: Path) -> None:
    for name in ("CP-000003.yaml", "CP-000041.yaml", "SC-000100.yaml", "notes.txt"):
        (tmp_path / name).write_text("")
    assert next_id(tmp_path) == "CP-000042"
    assert next_id(tmp_path / "missing") == "CP-000001"


def test_invalid_nhs_number_is_refused(new_plan: NewPlan, repo: Path) -> None:
    code, _, err = new_plan("--nhs-number", "987 654 4321")
    assert code == 1
    assert "the new plan would not be valid, so nothing was written" in err
    assert "CP401 service user, NHS number: fails the NHS number check digit" in err
    assert "987" not in err


def test_no_commit_and_outside_a_repository(
    new_plan: NewPlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert new_plan() == (
        0,
        "Created plans/CP-000001.yaml (draft); not committed (not in a git repository).\n",
        "",
    )


def test_prompts_with_validation_as_you_type(runner: CliRunner, repo: Path) -> None:
    answers = (
        "\n".join(
            [
                "tier-9",
                "tier-3",
                "Jo Example",
                "1990-02-30",
                "1990-02-28",
                "987 654 4321",
                "999 000 0077",
                "Rachel Osei",
                "",
                "",
            ]
        )
        + "\n"
    )
    code, out, err = invoke(
        runner, "new", "--input", "--type", "substance-misuse", "--today", TODAY, input=answers
    )
    assert code == 0, out + err
    assert "choose one of: tier-2, tier-3, tier-4" in err
    assert "write the date as YYYY-MM-DD" in err
    assert "not a valid NHS number" in err
    text = (repo / "plans" / "CP-000001.yaml").read_text()
    assert "\nlevel: tier-3 " in text and "  date_of_birth: 1990-02-28\n" in text


def test_prompts_in_a_real_pseudo_terminal(repo: Path) -> None:
    """The tool, in a real pty, asks on its own (no --input) and takes typed answers."""
    main, secondary = pty.openpty()
    env = {**os.environ, **AUTHOR, "TERM": "dumb"}
    process = subprocess.Popen(
        [sys.executable, "-m", "careplan_cli", "new", "--today", TODAY],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        cwd=repo,
        env=env,
        close_fds=True,
    )
    os.close(secondary)
    answers = iter(["cpa", "standard", "Pat Example", "", "", "Priya Raman", "", ""])
    seen = b""
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        seen += chunk
        if chunk.rstrip().endswith((b":", b"]:")):
            os.write(main, (next(answers, "") + "\n").encode())
    process.wait(timeout=30)
    os.close(main)
    assert process.returncode == 0, seen.decode(errors="replace")
    assert b"Plan type (cpa/social-care/substance-misuse) [cpa]:" in seen
    assert (repo / "plans" / "CP-000001.yaml").exists()
    assert git(repo, "log", "-1", "--format=%s") == "Create care plan CP-000001\n"
