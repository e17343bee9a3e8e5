"""Plan values and file names cannot steer the terminal, forge rows, or become formulas.

Every command that prints plan values or file names runs on a repository crafted with escape
sequences (CSI, OSC 8 links), BEL, C0/C1 controls, bare CR, newlines, bidi overrides, rich
markup and spreadsheet formulas, in its values, a commit and a file name. A new command is
covered by adding it to :data:`COMMANDS`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.report.escape import FORMULA_START
from tests.conftest import EXAMPLES, TODAY, git, invoke
from tests.security.surface import COMMANDS as SURFACE

NASTY = (
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\ bell\x07 "
    "c1\x9b2J nel\x85 cr\rover\nforged row\u202eevil\u2066 tab\tx [bold red]markup[/] \x00\x7f"
)
BAD_NAME = "plans/CP-000999\x1b[2J\x07\u202e\x1b]8;;x\x1b\\\r\n.yaml"
# What must never reach output raw: controls other than the newline, bidi and separators.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
CSV_FORMATS = {"csv"}

# (id, arguments, output format): one entry per command and format that shows plan values.
COMMANDS: list[tuple[str, list[str], str]] = [
    *(
        (f"validate-{fmt}", ["validate", "--today", TODAY, "-f", fmt, "plans"], fmt)
        for fmt in ("text", "json", "github")
    ),
    *(
        (f"due-{fmt}{names}", ["due", "--today", TODAY, "--within", "6m", "-f", fmt, *n], fmt)
        for fmt in ("text", "json", "csv", "ics")
        for names, n in (("", []), ("-names", ["--show-names"]))
    ),
    *(
        (f"list-{fmt}{names}", ["list", "--today", TODAY, "-f", fmt, *n], fmt)
        for fmt in ("text", "json", "csv")
        for names, n in (("", []), ("-names", ["--show-names"]))
    ),
    *((f"log-{fmt}", ["log", "SC-000201", "-f", fmt], fmt) for fmt in ("text", "json")),
    *(
        (f"diff-{fmt}{p}", ["diff", "SC-000201", "-f", fmt, *([p] if p else [])], fmt)
        for fmt in ("text", "json")
        for p in ("", "--paths-only")
    ),
    ("diff-no-index", ["diff", "--no-index", "old.yaml", "plans/SC-000201.yaml"], "text"),
    ("render-md", ["render", "SC-000201", "--format", "md"], "md"),
    ("render-md-gp", ["render", "SC-000201", "--format", "md", "--for", "Daughter"], "md"),
    ("render-html", ["render", "SC-000201"], "html"),
    ("export", ["export", "SC-000201", "--ods-code", "RX4"], "json"),
    # ... and every command of the attack surface's one list, as it runs there.
    *(
        (f"surface-{c.name}", c.args("plans/SC-000201.yaml"), "csv" if "csv" in c.argv else "text")
        for c in SURFACE
    ),
]


def _yaml_string(text: str) -> str:
    return json.dumps(text)  # JSON's escapes are YAML's double-quoted escapes


@pytest.fixture
def crafted(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    plan = (EXAMPLES / "SC-000201.yaml").read_text(encoding="utf-8")
    for name, value in (
        ("Edith Wainwright", "@SUM(1) "),
        ("Angela Booth", "=cmd|'/C calc'!A0 "),
        ("Susan Hollis", "-2+3 "),
    ):
        plan = plan.replace(f"  name: {name}", "  name: " + _yaml_string(value + NASTY))
    path = git_repo / "plans" / "SC-000201.yaml"
    path.write_text(plan, encoding="utf-8")
    (git_repo / "old.yaml").write_text(plan, encoding="utf-8")
    (git_repo / BAD_NAME).write_text("schema_version: 1\nid: [\n", encoding="utf-8")
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Plan \x1b[31m\x07\u202e", "-m", "body\x1b]8;;x\x1b\\")
    changed = plan.replace(
        "description: Stay living safely in her own home",
        "description: " + _yaml_string("+1 " + NASTY),
    )
    path.write_text(changed, encoding="utf-8")
    monkeypatch.chdir(git_repo)
    return git_repo


def _assert_safe(text: str, fmt: str) -> None:
    body = text.replace("\r\n", "\n") if fmt == "ics" else text
    raw = RAW.search(body)
    assert raw is None, f"raw {raw.group()!r} in {text[max(raw.start() - 40, 0) :][:80]!r}"
    if fmt in CSV_FORMATS:
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                number = re.fullmatch(r"-?\d+", cell) or cell == "-"
                assert number or not cell.startswith(FORMULA_START), cell


@pytest.mark.parametrize(("args", "fmt"), [c[1:] for c in COMMANDS], ids=[c[0] for c in COMMANDS])
def test_no_control_character_or_formula_reaches_output(
    runner: CliRunner, crafted: Path, args: list[str], fmt: str
) -> None:
    code, out, err = invoke(runner, *args)
    assert code in (0, 1), err
    _assert_safe(out, fmt)
    _assert_safe(err, "text")


def test_the_crafted_values_are_shown_escaped(runner: CliRunner, crafted: Path) -> None:
    """The values are there, escaped: the test above would pass vacuously otherwise."""
    _, out, _ = invoke(runner, "list", "--show-names", "--today", TODAY)
    assert "\\x1b[31mred\\x1b[0m" in out and "cr\\rover\\nforged row\\u202eevil" in out
    assert len(out.splitlines()) == 2  # the header and one row: no forged row
    _, out, _ = invoke(runner, "list", "--show-names", "-f", "csv", "--today", TODAY)
    assert "'=cmd|" in out and "'@SUM(1)" in out
    _, out, _ = invoke(runner, "validate", "--today", TODAY, "plans")
    assert "CP-000999\\x1b[2J\\x07\\u202e" in out
    _, out, _ = invoke(runner, "render", "SC-000201", "--format", "md")
    assert "\\[bold red\\]markup\\[/\\]" in out and "\\x07" in out


def test_every_command_is_listed() -> None:
    """A command added to careplan is run here (through tests/security/surface.py, or with a
    line per format above) unless it is one that never prints a plan value or file name."""
    from typer.main import get_command

    from careplan_cli.cli import app

    shows_none = {"init", "new", "git-diff-driver"}  # write a file, prompt, or run under git
    listed = {c[1][0] for c in COMMANDS}
    names = set(get_command(app).commands)  # type: ignore[attr-defined]
    assert names - shows_none <= listed
