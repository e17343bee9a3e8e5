"""Plan values and file names cannot steer the terminal, forge rows, or become formulas.

Every command that prints plan values or file names runs on a repository crafted with escape
sequences (CSI, OSC 8 links), BEL, C0/C1 controls, bare CR, newlines, bidi overrides, rich
markup and spreadsheet formulas, in its values, a commit and a file name. A new command is
covered by adding it to :data:`COMMANDS`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import TODAY, invoke
from tests.security.crafted import assert_safe, craft
from tests.security.surface import COMMANDS as SURFACE

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


@pytest.fixture
def crafted(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    craft(git_repo)
    monkeypatch.chdir(git_repo)
    return git_repo


@pytest.mark.parametrize(("args", "fmt"), [c[1:] for c in COMMANDS], ids=[c[0] for c in COMMANDS])
def test_no_control_character_or_formula_reaches_output(
    runner: CliRunner, crafted: Path, args: list[str], fmt: str
) -> None:
    code, out, err = invoke(runner, *args)
    assert code in (0, 1), err
    assert_safe(out, fmt)
    assert_safe(err, "text")


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
