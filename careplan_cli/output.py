"""Every output format careplan prints, and the one place that knows about rich.

Formatting functions are pure: they take results and return text (golden-tested). Printing
goes through :class:`Out`, which uses rich (colour, tables) only on a terminal with colour
allowed, and plain text with no ANSI codes when piped or under ``NO_COLOR``.
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from careplan_cli.findings import FileResult, Finding, Severity
from careplan_cli.rules import Rule


def colour_allowed(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


class Out:
    """Where text goes: stdout or stderr, coloured with rich markup only on a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.colour = colour_allowed(self.stream)

    def line(self, text: str = "", style: str | None = None) -> None:
        if self.colour and style:
            from rich.console import Console
            from rich.text import Text

            Console(file=self.stream, soft_wrap=True, highlight=False).print(
                Text(text, style=style)
            )
        else:
            self.stream.write(text + "\n")

    def text(self, text: str) -> None:
        if text:
            self.stream.write(text if text.endswith("\n") else text + "\n")

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], title: str | None = None
    ) -> None:
        if self.colour:
            from rich.console import Console
            from rich.table import Table

            table = Table(*headers, title=title, header_style="bold")
            for row in rows:
                table.add_row(*row)
            Console(file=self.stream, highlight=False).print(table)
        else:
            self.text(plain_table(headers, rows))


def plain_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns aligned with spaces, headers first; no colour, no box drawing."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [
        "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [headers, *rows]
    ]
    return "\n".join(lines) + "\n"


@contextmanager
def progress(total: int, label: str, threshold: int = 50) -> Iterator[Any]:
    """A progress bar on a terminal's stderr for long runs; a no-op otherwise."""
    if total < threshold or not colour_allowed(sys.stderr):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(file=sys.stderr), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


# -- validate ---------------------------------------------------------------------------------


def finding_text(finding: Finding) -> str:
    """Code, severity (for warnings), JSON pointer and message: ``CP020 /status: must be ...``."""
    prefix = "warning: " if finding.severity is Severity.WARNING else ""
    where = f"{finding.path}: " if finding.path else ""
    return f"{finding.code} {prefix}{where}{finding.message}"


def finding_line(finding: Finding) -> str:
    return f"{finding.file}:{finding.line}:{finding.column}: {finding_text(finding)}"


def validate_summary(files: int, invalid: int, errors: int, warnings: int) -> str:
    if files == 0:
        return "No plan files found."
    noun = "file" if files == 1 else "files"
    if not invalid and not errors and not warnings:
        return f"{files} {noun} checked: all valid."
    return (
        f"{files} {noun} checked: {invalid} invalid, {errors} "
        f"error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}."
    )


def finding_dict(finding: Finding) -> dict[str, object]:
    return {
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "code": finding.code,
        "severity": finding.severity.value,
        "path": finding.path,
        "message": finding.message,
    }


def validate_json(results: Sequence[FileResult], strict: bool) -> str:
    document = {
        "files": len(results),
        "invalid": sum(r.failed(strict) for r in results),
        "findings": [finding_dict(f) for r in results for f in r.findings],
    }
    return json.dumps(document, indent=2) + "\n"


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github_annotation(finding: Finding) -> str:
    """A GitHub Actions workflow command that annotates the file at the finding's line."""
    level = "error" if finding.severity is Severity.ERROR else "warning"
    props = ",".join(
        [
            f"file={_github_escape(finding.file, prop=True)}",
            f"line={finding.line}",
            f"col={finding.column}",
            f"title={finding.code}",
        ]
    )
    return f"::{level} {props}::{_github_escape(finding_text(finding))}"


# -- rules ------------------------------------------------------------------------------------


def rules_rows(rules: Sequence[Rule]) -> list[list[str]]:
    return [[r.code, r.severity.value, r.name, r.title] for r in rules]


def rules_json(rules: Sequence[Rule]) -> str:
    return (
        json.dumps(
            [
                {
                    "code": r.code,
                    "name": r.name,
                    "severity": r.severity.value,
                    "stage": r.stage,
                    "title": r.title,
                    "rationale": r.doc,
                }
                for r in rules
            ],
            indent=2,
        )
        + "\n"
    )


def rule_explanation(rule: Rule) -> str:
    return (
        f"{rule.code} {rule.name} ({rule.severity.value}, {rule.stage} stage)\n"
        f"{rule.title}.\n\n{textwrap.fill(rule.doc, 88)}\n"
    )
