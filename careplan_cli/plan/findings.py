"""Findings: what a check reports, located by file, line, column and JSON pointer.

A finding's message never contains a value taken from a plan; it names the field (by its
JSON pointer) and says what is wrong and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


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

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


class CheckResult(Protocol):
    """What output needs of a checked file (FileResult, or engine.Checked for batches)."""

    @property
    def file(self) -> str: ...
    @property
    def findings(self) -> tuple[Finding, ...]: ...
    @property
    def errors(self) -> int: ...
    @property
    def warnings(self) -> int: ...
    def failed(self, strict: bool = False) -> bool: ...


@dataclass(frozen=True)
class FileResult:
    """The outcome of checking one file: its findings, and its data if it could be loaded."""

    file: str
    findings: tuple[Finding, ...] = ()
    data: dict[str, object] | None = field(default=None, compare=False, repr=False)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


def pointer(*parts: str | int) -> str:
    """Build a JSON pointer (RFC 6901) from path parts."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def pointer_parts(ptr: str) -> list[str]:
    """Split a JSON pointer into its unescaped parts."""
    if not ptr:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in ptr.split("/")[1:]]
