"""Every output format careplan writes: pure functions from results to text (golden-tested).

No colour here; :mod:`careplan_cli.cli.output` decides how text reaches the terminal.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from careplan_cli.plan.findings import CheckResult, Finding, Severity

if TYPE_CHECKING:
    from careplan_cli.plan.diff import Change
    from careplan_cli.plan.due import PlanSummary
    from careplan_cli.plan.history import HistoryEntry
    from careplan_cli.plan.rules import Rule


def plain_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns aligned with spaces, headers first; no colour, no box drawing."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [
        "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [headers, *rows]
    ]
    return "\n".join(lines) + "\n"


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


def validate_json(results: Sequence[CheckResult], strict: bool) -> str:
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


def _fill(text: str) -> str:
    import textwrap

    return textwrap.fill(text, 88)


def rule_explanation(rule: Rule) -> str:
    return (
        f"{rule.code} {rule.name} ({rule.severity.value}, {rule.stage} stage)\n"
        f"{rule.title}.\n\n{_fill(rule.doc)}\n"
    )


# -- due and list -----------------------------------------------------------------------------

DUE_HEADERS = ["id", "type/level", "coordinator", "next review", "when", "last review"]
LIST_HEADERS = ["id", "type", "level", "status", "coordinator", "next review"]


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def when_text(days_overdue: int | None) -> str:
    """``overdue 3d``, ``today``, ``in 5d``, or ``no date``."""
    if days_overdue is None:
        return "no date"
    if days_overdue > 0:
        return f"overdue {days_overdue}d"
    return "today" if days_overdue == 0 else f"in {-days_overdue}d"


def due_rows(plans: Sequence[PlanSummary], today: date, show_names: bool) -> list[list[str]]:
    rows = []
    for plan in plans:
        row = [
            plan.id,
            plan.kind,
            plan.coordinator,
            _iso(plan.next_review) or "-",
            when_text(plan.days_overdue(today)),
            _iso(plan.last_review) or "-",
        ]
        rows.append([*row, plan.service_user] if show_names else row)
    return rows


def due_headers(show_names: bool) -> list[str]:
    return [*DUE_HEADERS, "service user"] if show_names else DUE_HEADERS


def _due_record(plan: PlanSummary, today: date, show_names: bool) -> dict[str, object]:
    record: dict[str, object] = {
        "id": plan.id,
        "file": plan.file,
        "type": plan.type,
        "level": plan.level,
        "status": plan.status,
        "coordinator": plan.coordinator,
        "next_review": _iso(plan.next_review) or None,
        "days_overdue": plan.days_overdue(today),
        "last_review": _iso(plan.last_review) or None,
    }
    if show_names:
        record["service_user"] = plan.service_user
    return record


def due_json(
    plans: Sequence[PlanSummary],
    today: date,
    show_names: bool,
    holds: Sequence[PlanSummary] = (),
) -> str:
    from careplan_cli.report.holds import hold_record

    records = [_due_record(p, today, show_names) for p in plans]
    on_hold = [hold_record(p, today, show_names) for p in holds]
    document = {"today": today.isoformat(), "due": records, "on_hold": on_hold}
    return json.dumps(document, indent=2) + "\n"


def _csv(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    import csv  # here, not above: start-up time matters to pre-commit

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def due_csv(plans: Sequence[PlanSummary], today: date, show_names: bool) -> str:
    records = [_due_record(p, today, show_names) for p in plans]
    from careplan_cli.plan.due import PlanSummary

    headers = list(_due_record(PlanSummary.empty(), today, show_names))
    return _csv(headers, [["" if v is None else v for v in r.values()] for r in records])


def due_summary(plans: Sequence[PlanSummary], today: date) -> str:
    overdue = sum(1 for p in plans if (p.days_overdue(today) or 0) > 0)
    undated = sum(1 for p in plans if p.next_review is None)
    parts = [f"{len(plans)} review{'s' * (len(plans) != 1)} due", f"{overdue} overdue"]
    if undated:
        parts.append(f"{undated} with no date")
    return ", ".join(parts) + f" (as of {today.isoformat()})."


def list_rows(plans: Sequence[PlanSummary], show_names: bool) -> list[list[str]]:
    rows = []
    for p in plans:
        row = [p.id, p.type, p.level or "", p.status, p.coordinator, _iso(p.next_review) or "-"]
        rows.append([*row, p.service_user] if show_names else row)
    return rows


def list_headers(show_names: bool) -> list[str]:
    return [*LIST_HEADERS, "service user"] if show_names else LIST_HEADERS


def list_json(plans: Sequence[PlanSummary], show_names: bool) -> str:
    records = []
    for p in plans:
        record: dict[str, object] = {
            "id": p.id,
            "file": p.file,
            "type": p.type,
            "level": p.level,
            "status": p.status,
            "coordinator": p.coordinator,
            "next_review": _iso(p.next_review) or None,
            "last_review": _iso(p.last_review) or None,
        }
        if show_names:
            record["service_user"] = p.service_user
        records.append(record)
    return json.dumps(records, indent=2) + "\n"


def list_csv(plans: Sequence[PlanSummary], show_names: bool) -> str:
    return _csv(list_headers(show_names), list_rows(plans, show_names))


def list_summary(plans: Sequence[PlanSummary], today: date) -> str:
    counts: dict[str, int] = {}
    for p in plans:
        counts[p.status] = counts.get(p.status, 0) + 1
    overdue = sum(1 for p in plans if p.status == "active" and (p.days_overdue(today) or 0) > 0)
    by_status = ", ".join(f"{counts[s]} {s}" for s in sorted(counts))
    noun = "plan" if len(plans) == 1 else "plans"
    return f"{len(plans)} {noun}: {by_status or 'none'}; {overdue} overdue for review."


# -- iCalendar (RFC 5545) ---------------------------------------------------------------------


def _ics_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_fold(line: str) -> list[str]:
    """Split a content line into lines of at most 75 octets, continuations starting with a space."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def due_ics(plans: Sequence[PlanSummary], today: date, show_names: bool) -> str:
    """One all-day VEVENT per listed review that has a date; UIDs stable across runs."""
    stamp = today.strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//careplan//careplan due//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Care plan reviews",
    ]
    for plan in plans:
        if plan.next_review is None:
            continue
        day = plan.next_review
        summary = f"Care plan review: {plan.id}"
        if show_names:
            summary += f" ({plan.service_user})"
        description = f"{plan.kind}; coordinator {plan.coordinator}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:careplan-review-{plan.id}-{day.isoformat()}@careplan",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_escape(summary)}",
            f"DESCRIPTION:{_ics_escape(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _ics_fold(line))


# -- log --------------------------------------------------------------------------------------

HISTORY_HEADERS = ["date", "commit", "author", "message", "reviews recorded"]


def history_rows(entries: Sequence[HistoryEntry]) -> list[list[str]]:
    return [
        [
            e.date[:10],
            e.commit[:8],
            e.author,
            e.message,
            ", ".join(f"{r['date']} ({r['kind']})" for r in e.reviews_added) or "-",
        ]
        for e in entries
    ]


def history_json(entries: Sequence[HistoryEntry]) -> str:
    records = [
        {
            "commit": e.commit,
            "date": e.date,
            "author": e.author,
            "message": e.message,
            "reviews_added": e.reviews_added,
        }
        for e in entries
    ]
    return json.dumps(records, indent=2) + "\n"


# -- diff -------------------------------------------------------------------------------------

DIFF_SIGNS = {"added": "+", "removed": "-", "changed": "~"}


def _compact(value: object) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def diff_lines(changes: Sequence[Change], paths_only: bool) -> list[tuple[str, str]]:
    """``(op, line)`` pairs: a heading per plan section, then one line per change."""
    lines: list[tuple[str, str]] = []
    section = None
    for change in changes:
        heading = change.path.split("/")[1].replace("_", " ") if change.path else "plan"
        if heading != section:
            section = heading
            lines.append(("heading", heading))
        sign = DIFF_SIGNS[change.op]
        if paths_only:
            text = f"{change.label} ({change.path})"
        elif change.op == "changed":
            text = f"{change.label}: {_compact(change.old)} -> {_compact(change.new)}"
        elif change.op == "added":
            text = f"{change.label} added: {_compact(change.new)}"
        else:
            text = f"{change.label} removed: {_compact(change.old)}"
        lines.append((change.op, f"  {sign} {text}"))
    return lines


def diff_json(changes: Sequence[Change], paths_only: bool) -> str:
    records = [
        {
            "op": c.op,
            "path": c.path,
            "label": c.label,
            "old": None if paths_only else c.old,
            "new": None if paths_only else c.new,
        }
        for c in changes
    ]
    return json.dumps(records, indent=2, ensure_ascii=False, default=str) + "\n"


# -- config -----------------------------------------------------------------------------------


def toml_value(value: object) -> str:
    """A value written as TOML (JSON's strings and numbers are TOML's too)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(value)


def config_text(
    values: dict[str, object],
    sources: dict[str, str],
    descriptions: dict[str, str],
    config_file: str | None,
) -> str:
    lines = [f"# careplan.toml: {config_file or 'none found (all defaults)'}"]
    for key, value in values.items():
        lines.append(f"# {descriptions[key]}")
        lines.append(f"{key} = {toml_value(value)}  # from {sources[key]}")
    return "\n".join(lines) + "\n"


def config_json(values: dict[str, object], sources: dict[str, str]) -> str:
    return (
        json.dumps({k: {"value": v, "source": sources[k]} for k, v in values.items()}, indent=2)
        + "\n"
    )
