"""A plan on hold in due's every format: its values (a coordinator's or person's name holding
escape sequences, a newline, a bidi override or a formula) are escaped like due's own rows."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, invoke
from tests.security.crafted import NASTY, assert_safe


@pytest.fixture
def held(tmp_path: Path) -> Path:
    text = (EXAMPLES / "CP-000106.yaml").read_text(encoding="utf-8")
    for name, value in (("Sunita Rao", "=cmd|'/C calc'!A0 "), ("Eleanor Fairbairn", "@SUM(1) ")):
        text = text.replace(f"  name: {name}\n", f"  name: {json.dumps(value + NASTY)}\n")
    (tmp_path / "CP-000106.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("names", [[], ["--show-names"]], ids=["default", "names"])
@pytest.mark.parametrize("fmt", ["text", "json", "csv", "ics"])
def test_a_plan_on_hold_is_shown_safely(
    runner: CliRunner, held: Path, fmt: str, names: list[str]
) -> None:
    code, out, err = invoke(runner, "due", "--today", "2026-11-22", "-f", fmt, *names, str(held))
    assert (code, err) == (0, "")
    assert "CP-000106" in out
    assert_safe(out, fmt)
    if fmt == "csv":
        (row,) = list(csv.DictReader(io.StringIO(out)))
        assert row["coordinator"].startswith("'=cmd|")
        assert row["due_for"] == "hold review"
        assert ("service_user" in row) is bool(names)
        assert row.get("service_user", "'@SUM(1)").startswith("'@SUM(1)")
    if fmt == "text":
        assert "\\x1b[31mred" in out and "\\u202eevil" in out
    if fmt == "ics":
        (event,) = Calendar.from_ical(out).walk("VEVENT")
        assert "coordinator =cmd|'/C calc'!A0 \\x1b[31mred" in str(event["DESCRIPTION"])
