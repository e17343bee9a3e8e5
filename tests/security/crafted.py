"""A repository crafted to steer a terminal or a spreadsheet, and the check that it did not.

Plan values, a commit message and a file name carry escape sequences (CSI, OSC 8 links), BEL,
C0/C1 controls, bare CR, newlines, bidi overrides, rich markup and spreadsheet formulas.
``tests/security/test_terminal.py`` and ``test_sweep.py`` run commands on it and pass what
they print to :func:`assert_safe`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from careplan_cli.report.escape import FORMULA_START
from tests.conftest import EXAMPLES, git

NASTY = (
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\ bell\x07 "
    "c1\x9b2J nel\x85 cr\rover\nforged row\u202eevil\u2066 tab\tx [bold red]markup[/] \x00\x7f"
)
BAD_NAME = "plans/CP-000999\x1b[2J\x07\u202e\x1b]8;;x\x1b\\\r\n.yaml"
COMMIT_MESSAGE = ("Plan \x1b[31m\x07\u202e", "body\x1b]8;;x\x1b\\")
# What must never reach output raw: controls other than the newline, bidi and separators.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
CSV_FORMATS = {"csv"}


def yaml_string(text: str) -> str:
    return json.dumps(text)  # JSON's escapes are YAML's double-quoted escapes


def crafted_plan(text: str) -> str:
    """An example plan (SC-000201, either format) with formulas and :data:`NASTY` in its
    people's names: the service user's, the coordinator's and a carer's."""
    for name, value in (
        ("Edith Wainwright", "@SUM(1) "),
        ("Angela Booth", "=cmd|'/C calc'!A0 "),
        ("Susan Hollis", "-2+3 "),
    ):
        text = text.replace(f"  name: {name}", "  name: " + yaml_string(value + NASTY))
    return text


def changed_plan(text: str) -> str:
    """The crafted plan with a formula and :data:`NASTY` in a goal: a change to show."""
    return text.replace(
        "description: Stay living safely in her own home",
        "description: " + yaml_string("+1 " + NASTY),
    )


def craft(repo: Path) -> Path:
    """``repo`` (a fresh git repository) holding the crafted SC-000201, committed with a
    crafted message and then changed in the working tree, a plan file with a crafted name,
    and ``old.yaml`` (the committed plan, for ``diff --no-index``). Returns the plan's path."""
    plan = crafted_plan((EXAMPLES / "SC-000201.yaml").read_text(encoding="utf-8"))
    path = repo / "plans" / "SC-000201.yaml"
    path.write_text(plan, encoding="utf-8")
    (repo / "old.yaml").write_text(plan, encoding="utf-8")
    (repo / BAD_NAME).write_text("schema_version: 1\nid: [\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", COMMIT_MESSAGE[0], "-m", COMMIT_MESSAGE[1])
    path.write_text(changed_plan(plan), encoding="utf-8")
    return path


def assert_safe(text: str, fmt: str) -> None:
    """No raw control or bidi character in ``text`` (iCalendar's CRLF aside), and in CSV no
    cell a spreadsheet would take for a formula."""
    body = text.replace("\r\n", "\n") if fmt == "ics" else text
    raw = RAW.search(body)
    assert raw is None, f"raw {raw.group()!r} in {text[max(raw.start() - 40, 0) :][:80]!r}"
    if fmt in CSV_FORMATS:
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                number = re.fullmatch(r"-?\d+", cell) or cell == "-"
                assert number or not cell.startswith(FORMULA_START), cell
