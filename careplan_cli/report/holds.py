"""``careplan due``'s own section for plans on hold whose hold review is near or past."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from careplan_cli.report.caseload import due_json, when_text
from careplan_cli.report.document import Document, Lines, Table
from careplan_cli.report.escape import json_text, shown

if TYPE_CHECKING:
    from careplan_cli.plan.due import PlanSummary

HOLD_HEADERS = ["id", "type/level", "coordinator", "hold review by", "when"]


def hold_headers(show_names: bool) -> list[str]:
    return [*HOLD_HEADERS, "service user"] if show_names else HOLD_HEADERS


def hold_rows(plans: Sequence[PlanSummary], today: date, show_names: bool) -> list[list[str]]:
    rows = []
    for plan in plans:
        when = when_text(plan.days_past_hold_review(today))
        row = [plan.id, plan.kind, plan.coordinator, plan.hold_review_by or "-", when]
        rows.append([shown(cell) for cell in ([*row, plan.service_user] if show_names else row)])
    return rows


def hold_text(plans: Sequence[PlanSummary], today: date, show_names: bool) -> list[Document]:
    """A blank line and a heading, then the table: after due's own table, or alone."""
    styles = ["red" if (p.days_past_hold_review(today) or 1) > 0 else None for p in plans]
    heading = Lines([("", None), (f"On hold, hold review due ({len(plans)}):", "bold")])
    return [heading, Table(hold_headers(show_names), hold_rows(plans, today, show_names), styles)]


def hold_record(plan: PlanSummary, today: date, show_names: bool) -> dict[str, object]:
    record: dict[str, object] = {
        "id": plan.id,
        "file": plan.file,
        "type": plan.type,
        "level": plan.level,
        "coordinator": plan.coordinator,
        "hold_review_by": plan.hold_review_by,
        "days_overdue": plan.days_past_hold_review(today),
    }
    if show_names:
        record["service_user"] = plan.service_user
    return record


def due_json_with_holds(
    plans: Sequence[PlanSummary], holds: Sequence[PlanSummary], today: date, show_names: bool
) -> str:
    """due's JSON with an ``on_hold`` list beside ``due`` (empty when no hold review is due)."""
    import json

    document = json.loads(due_json(plans, today, show_names))
    document["on_hold"] = [hold_record(p, today, show_names) for p in holds]
    return json_text(document)
