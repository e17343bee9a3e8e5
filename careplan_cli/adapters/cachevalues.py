"""What the result cache stores for a file: its findings and its summary, as JSON.

:func:`decode` takes anything that is not what :func:`encode` writes for a miss, so that an
entry of another shape is never believed, even when its MAC verifies
(:mod:`careplan_cli.adapters.cache` checks that).
"""

from __future__ import annotations

import dataclasses
import functools
import json
from datetime import date
from typing import Any

from careplan_cli.plan.due import PlanSummary
from careplan_cli.plan.findings import FileResult, Finding, Severity


def encode(result: FileResult) -> bytes:
    findings = [
        [f.code, f.severity.value, f.message, f.path, f.line, f.column, f.place]
        for f in result.findings
    ]
    summary = None
    if result.summary is not None:
        summary = [_day(getattr(result.summary, name)) for name in _summary_fields()]
    return json.dumps({"f": findings, "s": summary}, separators=(",", ":")).encode()


@functools.cache
def _summary_fields() -> tuple[str, ...]:
    """PlanSummary's fields but the file (each stored entry is found by its file)."""
    return tuple(f.name for f in dataclasses.fields(PlanSummary) if f.name != "file")


_TEXT_OR_NONE = frozenset((str, type(None)))
DATE_FIELDS = ("next_review", "last_review")  # PlanSummary's dates; its other fields are text


def _day(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def decode(value: bytes, file: str, summary_wanted: bool = True) -> FileResult | None:
    """A stored result, or None when it is not what :func:`encode` writes (the summary is
    left out, unread, when it is not wanted)."""
    try:
        stored = json.loads(value)
        findings = []
        for code, severity, message, ptr, line, column, place in stored["f"]:
            if not all(isinstance(x, str) for x in (code, message, ptr, place)):
                return None
            if not (type(line) is int and type(column) is int):
                return None
            finding = Finding(code, Severity(severity), message, ptr, line, column, file, place)
            findings.append(finding)
        summary = None
        if stored["s"] is not None and summary_wanted:
            names, values = _summary_fields(), stored["s"]
            if not isinstance(values, list) or len(values) != len(names):
                return None
            if not _TEXT_OR_NONE.issuperset(map(type, values)):
                return None
            pairs = zip(names, values, strict=True)
            fields: dict[str, Any] = {n: _date(v) if n in DATE_FIELDS else v for n, v in pairs}
            summary = PlanSummary(file=file, **fields)
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
        return None
    return FileResult(file, tuple(findings), summary)
