"""cli/output.py on a terminal: rich tables, styled lines and the progress bar, run for real.

The stream pretends to be a terminal, so rich draws; what a plan value says must still print
literally (rich markup too) and never as a control sequence of its own.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.cli import output
from careplan_cli.report.document import Lines, Table
from tests.conftest import EXAMPLES, TODAY, invoke

SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own colour codes
VALUE = "[bold red]markup[/] \x1b]8;;https://evil.example\x07link\x1b[2J\nrow"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _terminal_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("NO_COLOR", raising=False)


def _plain(text: str) -> str:
    """``text`` without rich's colour codes; no other control character may be left."""
    plain = SGR.sub("", text)
    assert re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", plain) is None, repr(plain)
    return plain


def test_table_on_a_terminal_is_drawn_by_rich_and_values_print_literally() -> None:
    stream = Terminal()
    out = output.Out(stream)
    assert out.colour
    out.table(["id", "name"], [["CP-1", VALUE], ["CP-2", "x"]], ["red", None])
    text = stream.getvalue()
    assert (SGR.search(text) and "┃" in text) or "│" in text  # rich's box and colour
    plain = _plain(text)
    assert "[bold red]markup[/]" in plain and "\\x1b]8;;https://evil.example\\x07link" in plain
    assert "\\x1b[2J\\nrow" in plain


def test_styled_lines_and_documents_on_a_terminal() -> None:
    stream = Terminal()
    out = output.Out(stream)
    out.line(VALUE, "bold")
    out.line("unstyled")
    out.show(Lines([("heading", "bold"), ("  + added", "green")]))
    out.show(Table(["a"], [["1"]], after=[("summary", "bold")], after_on_terminal_only=True))
    out.show('{"json": true}')
    plain = _plain(stream.getvalue())
    assert "[bold red]markup[/]" in plain and "unstyled\n" in plain
    assert "heading" in plain and "summary" in plain and plain.endswith('{"json": true}\n')


def test_a_summary_for_people_is_left_out_when_piped() -> None:
    stream = io.StringIO()
    output.Out(stream).show(
        Table(["a"], [["1"]], after=[("summary", "bold")], after_on_terminal_only=True)
    )
    assert stream.getvalue() == "a\n1\n"


def test_no_colour_under_no_color_or_dumb_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert not output.Out(Terminal()).colour
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not output.Out(Terminal()).colour


def test_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = Terminal()
    monkeypatch.setattr("sys.stderr", stderr)
    with output.progress(60, "Validating") as advance:
        for _ in range(60):
            advance()
    assert stderr.getvalue()  # rich drew (and cleared) the bar
    with output.progress(3, "Validating") as advance:  # too short to bother
        advance()


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--today", TODAY, "examples"],
        ["list", "--today", TODAY, "examples"],
        ["validate", "--today", TODAY, "examples", "tests/data/invalid"],
        ["rules"],
        ["diff", "--no-index", "examples/DA-000302.yaml", "tests/data/diff/care-changes.new.yaml"],
    ],
    ids=lambda a: a[0],
)
def test_commands_on_a_terminal(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setattr(output, "colour_allowed", lambda stream: True)
    monkeypatch.setenv("FORCE_COLOR", "1")  # CliRunner's stream is no terminal to rich either
    monkeypatch.chdir(EXAMPLES.parent)
    code, out, _ = invoke(runner, *args)
    assert code in (0, 1) and SGR.search(out)
    _plain(out)


def test_validate_shows_progress_for_many_files(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for n in range(60):
        shutil.copy(EXAMPLES / "CP-000101.yaml", tmp_path / f"CP-{n:06}.yaml")
    monkeypatch.setattr(output, "colour_allowed", lambda stream: True)
    code, out, _ = invoke(runner, "validate", "--today", TODAY, str(tmp_path))
    assert code in (0, 1) and "60 files checked" in SGR.sub("", out)
