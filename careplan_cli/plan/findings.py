"""Findings: what a check reports, located by file, line, column and JSON pointer.

A finding's message never contains a value taken from a plan; it names the field (by its
JSON pointer, for programs, and in words, for people: ``place``) and says what is wrong and
what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from careplan_cli.plan.due import PlanSummary


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    path: str = ""  # JSON pointer into the plan ("" is the whole document)
    line: int = 1  # 1-based
    column: int = 1  # 1-based
    file: str = ""
    # ``path`` in words ("goal G3, status"), made where the plan is at hand (ids name items of
    # id-bearing lists); "" when the finding is about the whole file or was made without it.
    place: str = ""

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


@dataclass(frozen=True)
class FileResult:
    """The one result of checking a file, for every command (validate, due, list) and the cache.

    ``summary`` is what ``due`` and ``list`` show, set when the plan loaded and matched the
    schema. ``data`` (the loaded plan) is for the caller in this process only: it is left out
    of comparisons and never crosses a process boundary or reaches the cache (see
    :meth:`__reduce__`).
    """

    file: str
    findings: tuple[Finding, ...] = ()
    summary: PlanSummary | None = None
    data: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def errors(self) -> int:
        if not self.findings:  # most files: counted for every file of a run, twice
            return 0
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        if not self.findings:
            return 0
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    def __reduce__(self) -> tuple[type[FileResult], tuple[object, ...]]:
        # Pickled for the worker pool without the plan's data: it is large, and personal.
        return (FileResult, (self.file, self.findings, self.summary))


# The name report/ imports; one type now, not a Protocol over two.
CheckResult = FileResult


def pointer(*parts: str | int) -> str:
    """Build a JSON pointer (RFC 6901) from path parts."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def pointer_parts(ptr: str) -> list[str]:
    """Split a JSON pointer into its unescaped parts."""
    if not ptr:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in ptr.split("/")[1:]]
