"""``careplan due``'s own section for plans on hold whose hold review is near or past."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from careplan_cli.plan.due import PlanSummary
from careplan_cli.report.formats import when_text

HOLD_HEADERS = ["id", "type/level", "coordinator", "hold review by", "when"]


def hold_heading(plans: Sequence[PlanSummary]) -> str:
    return f"On hold, hold review due ({len(plans)}):"


def hold_rows(plans: Sequence[PlanSummary], today: date, show_names: bool) -> list[list[str]]:
    rows = []
    for plan in plans:
        when = plan.hold_review_by or "-"
        row = [
            plan.id,
            plan.kind,
            plan.coordinator,
            when,
            when_text(plan.days_past_hold_review(today)),
        ]
        rows.append([*row, plan.service_user] if show_names else row)
    return rows


def hold_headers(show_names: bool) -> list[str]:
    return [*HOLD_HEADERS, "service user"] if show_names else HOLD_HEADERS


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
