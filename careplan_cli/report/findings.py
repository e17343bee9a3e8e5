"""validate's output: findings as text, JSON or GitHub Actions annotations.

:data:`REPORTERS` maps each ``--format`` name to a :class:`Reporter`: what to show as each
file is checked, and what to show at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from careplan_cli.plan.findings import CheckResult, Finding, Severity
from careplan_cli.plan.words import finding_place
from careplan_cli.report.document import Document, Lines
from careplan_cli.report.escape import json_text, shown


def finding_text(finding: Finding) -> str:
    """Code, severity (for warnings), place in words and message, for people:
    ``CP020 status: must be ...``, ``CP311 warning: goal G3, status: ...`` (the JSON pointer
    is in the JSON format, for programs)."""
    prefix = "warning: " if finding.severity is Severity.WARNING else ""
    place = finding_place(finding)
    where = f"{place}: " if place else ""
    return shown(f"{finding.code} {prefix}{where}{finding.message}")


def finding_line(finding: Finding) -> str:
    return shown(f"{finding.file}:{finding.line}:{finding.column}: ") + finding_text(finding)


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
        "place": finding_place(finding),
        "message": finding.message,
    }


def validate_json(results: Sequence[CheckResult], strict: bool) -> str:
    document = {
        "files": len(results),
        "invalid": sum(r.failed(strict) for r in results),
        "findings": [finding_dict(f) for r in results for f in r.findings],
    }
    return json_text(document)


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = shown(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
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


def _text_each(result: CheckResult) -> Document:
    return Lines(
        [
            (finding_line(f), "red" if f.severity is Severity.ERROR else "yellow")
            for f in result.findings
        ]
    )


def _text_end(results: Sequence[CheckResult], strict: bool) -> Document:
    from careplan_cli.plan.validate import summarise

    return Lines([(validate_summary(*summarise(results, strict)), "bold")])


def _github_each(result: CheckResult) -> Document:
    return "\n".join(github_annotation(f) for f in result.findings)


def _nothing_each(result: CheckResult) -> Document:
    return ""


def _nothing_end(results: Sequence[CheckResult], strict: bool) -> Document:
    return ""


@dataclass(frozen=True)
class Reporter:
    """``each`` is shown as each file is checked (so a long run shows progress); ``end`` after."""

    each: Callable[[CheckResult], Document]
    end: Callable[[Sequence[CheckResult], bool], Document]


REPORTERS: dict[str, Reporter] = {
    "text": Reporter(_text_each, _text_end),
    "json": Reporter(_nothing_each, validate_json),
    "github": Reporter(_github_each, _nothing_end),
}
