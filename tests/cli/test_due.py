"""``careplan due`` and ``careplan list`` through the CLI, with golden output for every format."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, ROOT, TODAY, golden, invoke

NAMES = ("Daniel Okafor", "Marcus Reid", "Edith Wainwright", "Kerry Walsh", "Jamal Haddad")


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # so that file paths in output are examples/...


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "ics"])
def test_due_golden(runner: CliRunner, fmt: str) -> None:
    code, out, err = invoke(runner, "due", "--today", TODAY, "--format", fmt, "examples")
    assert (code, err) == (0, "")
    assert not any(name in out for name in NAMES)
    golden(f"due.{fmt}", out)


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_list_golden(runner: CliRunner, fmt: str) -> None:
    code, out, err = invoke(runner, "list", "--today", TODAY, "--format", fmt, "examples")
    assert (code, err) == (0, "")
    assert not any(name in out for name in NAMES)
    golden(f"list.{fmt}", out)


def test_due_overdue_only_and_within(runner: CliRunner) -> None:
    _, out, _ = invoke(runner, "due", "--today", TODAY, "--overdue", "-f", "json", "examples")
    assert [d["id"] for d in json.loads(out)["due"]] == ["CP-000102", "CP-000103", "DA-000302"]
    _, out, _ = invoke(runner, "due", "--today", TODAY, "--within", "5m", "-f", "json", "examples")
    assert len(json.loads(out)["due"]) == 8  # every active plan due by 2027-04-22
    _, out, _ = invoke(runner, "due", "--today", TODAY, "--within", "0d", "-f", "json", "examples")
    assert [d["days_overdue"] for d in json.loads(out)["due"]] == [45, 13, 4]


def test_due_is_silent_when_nothing_is_due(runner: CliRunner) -> None:
    assert invoke(runner, "due", "--today", "2026-08-01", "examples") == (0, "", "")
    assert invoke(runner, "due", "--today", "2026-08-01", "--exit-code", "examples") == (0, "", "")


def test_exit_code_when_something_is_listed(runner: CliRunner) -> None:
    assert invoke(runner, "due", "--today", TODAY, "--exit-code", "examples")[0] == 1
    assert invoke(runner, "due", "--today", TODAY, "examples")[0] == 0


def test_coordinator_caseload(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "due", "--today", TODAY, "-c", "rachel osei", "examples")
    assert code == 0 and "DA-000302" in out and "CP-000102" not in out


def test_names_only_when_asked(runner: CliRunner) -> None:
    _, out, _ = invoke(runner, "due", "--today", TODAY, "--show-names", "examples")
    assert "Marcus Reid" in out and "service user" in out
    _, out, _ = invoke(runner, "list", "--show-names", "-f", "csv", "examples")
    assert "Daniel Okafor" in out


def test_ics_is_a_valid_calendar(runner: CliRunner) -> None:
    _, out, _ = invoke(runner, "due", "--today", TODAY, "-f", "ics", "examples")
    assert "\r\n" in out and all(len(line.encode()) <= 75 for line in out.split("\r\n"))
    calendar = Calendar.from_ical(out)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [
        "careplan-review-CP-000102-2026-10-08@careplan",
        "careplan-review-CP-000103-2026-11-09@careplan",
        "careplan-review-DA-000302-2026-11-18@careplan",
        "careplan-review-SC-000201-2026-12-03@careplan",
        "careplan-review-DA-000301-2026-12-04@careplan",
        "careplan-hold-review-CP-000106-2026-11-30@careplan",  # a plan on hold
    ]
    assert events[0].decoded("DTSTART").isoformat() == "2026-10-08"
    assert str(events[0]["SUMMARY"]) == "Care plan review: CP-000102"


def test_ics_folds_long_lines(runner: CliRunner, tmp_path: Path) -> None:
    text = (EXAMPLES / "CP-000102.yaml").read_text()
    long_name = "Dr Alexandra Konstantinopoulou-Wetherington of Westbridge Early Intervention"
    changed = text.replace("name: Tom Adeyemi", f"name: {long_name}")
    (tmp_path / "CP-000102.yaml").write_text(changed)
    _, out, _ = invoke(runner, "due", "--today", TODAY, "-f", "ics", str(tmp_path))
    assert all(len(line.encode()) <= 75 for line in out.split("\r\n"))
    event = next(iter(Calendar.from_ical(out).walk("VEVENT")))
    assert long_name in str(event["DESCRIPTION"])


def test_broken_plan_is_reported_and_the_rest_listed(runner: CliRunner, tmp_path: Path) -> None:
    for name in ("CP-000102.yaml", "DA-000302.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path)
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n")
    bad = (
        (EXAMPLES / "DA-000301.yaml")
        .read_text()
        .replace("next_review: 2026-12-04\nreview", "next_review: someday\nreview")
    )
    (tmp_path / "DA-000301.yaml").write_text(bad)
    code, out, err = invoke(runner, "due", "--today", TODAY, str(tmp_path))
    assert code == 0
    assert "CP-000102" in out and "DA-000302" in out and "DA-000301" not in out
    assert f"{tmp_path}/broken.yaml:2:1: CP001" in err
    assert f"{tmp_path}/DA-000301.yaml:" in err and "CP020 /next_review" in err
    assert err.endswith("2 plans skipped: not a valid plan (see 'careplan validate').\n")
    assert "someday" not in err


@pytest.mark.parametrize(
    "args", [["--within", "fortnight"], ["--today", "tomorrow"], ["--format", "pdf"]]
)
def test_due_usage_errors(runner: CliRunner, args: list[str]) -> None:
    assert invoke(runner, "due", *args, "examples")[0] == 2


def test_list_filters(runner: CliRunner) -> None:
    _, out, _ = invoke(runner, "list", "--type", "substance-misuse", "-f", "json", "examples")
    assert [p["id"] for p in json.loads(out)] == ["DA-000301", "DA-000302", "DA-000303"]
    _, out, _ = invoke(runner, "list", "--status", "closed", "-f", "json", "examples")
    assert [p["id"] for p in json.loads(out)] == ["CP-000105"]
    assert invoke(runner, "list", "--status", "finished", "examples")[0] == 2


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "careplan_cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_due_in_a_real_subprocess_like_cron() -> None:
    quiet = _run("due", "--today", "2026-08-01", "examples")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    busy = _run("due", "--today", TODAY, "examples")
    assert busy.returncode == 0 and "\x1b[" not in busy.stdout + busy.stderr
    assert busy.stdout == (ROOT / "tests" / "golden" / "due.text").read_text()


# -- plans on hold, in every format ----------------------------------------------------------

HOLD_TODAY = "2026-12-05"  # CP-000106's hold review (2026-11-30) is 5 days past
EX = "examples"


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "ics"])
def test_a_plan_on_hold_past_its_hold_review_is_in_every_format(
    runner: CliRunner, fmt: str
) -> None:
    code, out, err = invoke(
        runner, "due", "--today", HOLD_TODAY, "-f", fmt, "--overdue", "examples"
    )
    assert (code, err) == (0, "")
    assert "CP-000106" in out and "Eleanor" not in out and "Ellie" not in out
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        held = [r for r in rows if r["id"] == "CP-000106"]
        assert held == [
            {
                "id": "CP-000106",
                "file": "examples/CP-000106.yaml",
                "type": "cpa",
                "level": "enhanced",
                "status": "on-hold",
                "coordinator": "Sunita Rao",
                "next_review": "",
                "days_overdue": "5",
                "last_review": "",
                "due_for": "hold review",
                "hold_review_by": "2026-11-30",
            }
        ]
        assert {r["due_for"] for r in rows if r["id"] != "CP-000106"} == {"review"}
    if fmt == "ics":
        events = list(Calendar.from_ical(out).walk("VEVENT"))
        on_hold = [e for e in events if "CP-000106" in str(e["UID"])]
        assert [str(e["SUMMARY"]) for e in on_hold] == ["Care plan hold review: CP-000106"]
        assert on_hold[0].decoded("DTSTART").isoformat() == "2026-11-30"


def test_what_a_plan_on_hold_shows_is_what_text_shows(runner: CliRunner) -> None:
    """No plan value beyond due's own: the csv row and the ics event of a plan on hold hold
    what its text and json say, the service user only with --show-names."""
    _, text, _ = invoke(runner, "due", "--today", HOLD_TODAY, EX)
    row = ["CP-000106", "cpa/enhanced", "Sunita", "Rao", "2026-11-30", "overdue", "5d"]
    assert text.splitlines()[-1].split() == row
    named = ["due", "--today", HOLD_TODAY, "--show-names", EX]
    _, names, _ = invoke(runner, *named, "-f", "csv")
    assert names.splitlines()[-1].endswith(",hold review,2026-11-30,Eleanor Fairbairn")
    _, ics, _ = invoke(runner, *named, "-f", "ics")
    assert "SUMMARY:Care plan hold review: CP-000106 (Eleanor Fairbairn)" in ics


def test_only_plans_on_hold_due_start_with_their_heading(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "due", "--today", TODAY, "-c", "Sunita Rao", "examples")
    assert code == 0 and out.startswith("On hold, hold review due (1):\n")
    assert invoke(runner, "due", "--today", "2026-08-01", "-f", "csv", "examples")[1] == (
        "id,file,type,level,status,coordinator,next_review,days_overdue,last_review,due_for,"
        "hold_review_by\n"
    )


def test_plans_on_hold_in_the_rich_table_on_a_terminal() -> None:
    """On a real terminal (a pty: colour and rich tables) the plans on hold have their table."""
    main, secondary = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "careplan_cli", "due", "--today", TODAY, "examples"],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        cwd=ROOT,
        env=env,
        close_fds=True,
    )
    os.close(secondary)
    seen = b""
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        try:
            chunk = os.read(main, 65536) if ready else b""
        except OSError:  # the child has gone and closed its side
            chunk = b""
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=60)
    os.close(main)
    shown = re.sub(r"\x1b\[[0-9;]*m", "", seen.decode())
    assert process.returncode == 0 and "\x1b[" in seen.decode()  # rich, in colour
    assert "On hold, hold review due (1):" in shown
    header = next(line for line in shown.splitlines() if "hold review by" in line)
    row = next(line for line in shown.splitlines() if "CP-000106" in line)
    assert header.startswith("\u2503") and row.startswith("\u2502")  # rich's box drawing
    assert [c.strip() for c in row.strip("\u2502 \r").split("\u2502")] == [
        "CP-000106", "cpa/enhanced", "Sunita Rao", "2026-11-30", "in 8d",
    ]  # fmt: skip
