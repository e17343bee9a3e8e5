"""due's and list's output: a table, JSON, CSV, or (for due) an iCalendar file.

:data:`LIST_WRITERS` maps each of list's ``--format`` names to its writer; due's formats, with
its plans on hold, are :data:`careplan_cli.report.holds.DUE_WITH_HOLDS`. Every
plan value goes through :mod:`careplan_cli.report.escape` (CSV through ``csv_text``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from careplan_cli.report.document import Document, Table
from careplan_cli.report.escape import csv_text, json_text, shown

if TYPE_CHECKING:
    from careplan_cli.plan.due import PlanSummary

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


# -- due --------------------------------------------------------------------------------------


def due_headers(show_names: bool) -> list[str]:
    return [*DUE_HEADERS, "service user"] if show_names else DUE_HEADERS


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
        rows.append([shown(cell) for cell in ([*row, plan.service_user] if show_names else row)])
    return rows


def due_summary(plans: Sequence[PlanSummary], today: date) -> str:
    overdue = sum(1 for p in plans if (p.days_overdue(today) or 0) > 0)
    undated = sum(1 for p in plans if p.next_review is None)
    parts = [f"{len(plans)} review{'s' * (len(plans) != 1)} due", f"{overdue} overdue"]
    if undated:
        parts.append(f"{undated} with no date")
    return ", ".join(parts) + f" (as of {today.isoformat()})."


def due_text(plans: Sequence[PlanSummary], today: date, show_names: bool) -> Document:
    """Nothing at all when nothing is due: cron mails only non-empty output."""
    if not plans:
        return ""
    styles = ["red" if (p.days_overdue(today) or 1) > 0 else None for p in plans]
    rows = due_rows(plans, today, show_names)
    return Table(due_headers(show_names), rows, styles, [(due_summary(plans, today), "bold")])


def due_record(plan: PlanSummary, today: date, show_names: bool) -> dict[str, object]:
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


def due_json(plans: Sequence[PlanSummary], today: date, show_names: bool) -> str:
    records = [due_record(p, today, show_names) for p in plans]
    return json_text({"today": today.isoformat(), "due": records})


# -- list -------------------------------------------------------------------------------------


def list_headers(show_names: bool) -> list[str]:
    return [*LIST_HEADERS, "service user"] if show_names else LIST_HEADERS


def list_rows(plans: Sequence[PlanSummary], show_names: bool) -> list[list[str]]:
    rows = []
    for p in plans:
        row = [p.id, p.type, p.level or "", p.status, p.coordinator, _iso(p.next_review) or "-"]
        rows.append([shown(cell) for cell in ([*row, p.service_user] if show_names else row)])
    return rows


def list_summary(plans: Sequence[PlanSummary], today: date) -> str:
    counts: dict[str, int] = {}
    for p in plans:
        counts[p.status] = counts.get(p.status, 0) + 1
    overdue = sum(1 for p in plans if p.status == "active" and (p.days_overdue(today) or 0) > 0)
    by_status = ", ".join(f"{counts[s]} {shown(s)}" for s in sorted(counts))
    noun = "plan" if len(plans) == 1 else "plans"
    return f"{len(plans)} {noun}: {by_status or 'none'}; {overdue} overdue for review."


def list_text(plans: Sequence[PlanSummary], today: date, show_names: bool) -> Document:
    """The table; the summary line only on a terminal (piped output stays one row per plan)."""
    return Table(
        list_headers(show_names),
        list_rows(plans, show_names),
        after=[(list_summary(plans, today), "bold")],
        after_on_terminal_only=True,
    )


def list_json(plans: Sequence[PlanSummary], today: date, show_names: bool) -> str:
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
    return json_text(records)


def list_csv(plans: Sequence[PlanSummary], today: date, show_names: bool) -> str:
    return csv_text(list_headers(show_names), list_rows(plans, show_names))


ListWriter = Callable[["Sequence[PlanSummary]", date, bool], Document]
LIST_WRITERS: dict[str, ListWriter] = {"text": list_text, "json": list_json, "csv": list_csv}
