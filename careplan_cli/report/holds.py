"""``careplan due``'s own section for plans on hold whose hold review is near or past, in
every format due has: :data:`DUE_WITH_HOLDS` maps each ``--format`` to a writer of due's
reviews followed by that section. It shows of a plan on hold what the text table always
has: id, file (json, csv), type and level, coordinator, the hold review date and how far
past it is; the service user only with ``--show-names``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from careplan_cli.report.caseload import due_json, due_record, due_text, when_text
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


def hold_text(
    plans: Sequence[PlanSummary], today: date, show_names: bool, *, after: bool = True
) -> list[Document]:
    """A heading, then the table; a blank line first when it comes ``after`` due's own table."""
    styles = ["red" if (p.days_past_hold_review(today) or 1) > 0 else None for p in plans]
    heading: list[tuple[str, str | None]] = [("", None)] if after else []
    heading.append((f"On hold, hold review due ({len(plans)}):", "bold"))
    table = Table(hold_headers(show_names), hold_rows(plans, today, show_names), styles)
    return [Lines(heading), table]


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


# -- every format: due's reviews, then the plans on hold ----------------------------------------

HoldWriter = Callable[
    ["Sequence[PlanSummary]", "Sequence[PlanSummary]", date, bool], "list[Document]"
]


def _text(
    plans: Sequence[PlanSummary], holds: Sequence[PlanSummary], today: date, show_names: bool
) -> list[Document]:
    """Nothing at all when nothing is due or on hold past its review: cron stays quiet."""
    parts = [due_text(plans, today, show_names)] if plans else []
    return parts + (hold_text(holds, today, show_names, after=bool(plans)) if holds else [])


def _json(
    plans: Sequence[PlanSummary], holds: Sequence[PlanSummary], today: date, show_names: bool
) -> list[Document]:
    return [due_json_with_holds(plans, holds, today, show_names)]


def _csv(
    plans: Sequence[PlanSummary], holds: Sequence[PlanSummary], today: date, show_names: bool
) -> list[Document]:
    """One table: a row per review due, then a row per hold review due (``due_for``)."""
    from careplan_cli.plan.due import PlanSummary
    from careplan_cli.report.escape import csv_text

    rows = [_csv_record(due_record(p, today, show_names), "review", None) for p in plans]
    rows += [_csv_record(_hold_csv(p, today, show_names), "hold review", p) for p in holds]
    headers = list(_csv_record(due_record(PlanSummary.empty(), today, show_names), "", None))
    return [csv_text(headers, [list(row.values()) for row in rows])]


def _hold_csv(plan: PlanSummary, today: date, show_names: bool) -> dict[str, object]:
    """due's CSV columns for a plan on hold: its review dates left empty (not shown for it)."""
    record = due_record(plan, today, show_names)
    record.update(next_review=None, last_review=None)
    record["days_overdue"] = plan.days_past_hold_review(today)
    return record


def _csv_record(
    record: dict[str, object], due_for: str, hold: PlanSummary | None
) -> dict[str, object]:
    """``record`` with what is due and the hold review date, before the service user."""
    names = {"service_user": record.pop("service_user")} if "service_user" in record else {}
    held = hold.hold_review_by if hold else None
    return record | {"due_for": due_for, "hold_review_by": held} | names


def _ics(
    plans: Sequence[PlanSummary], holds: Sequence[PlanSummary], today: date, show_names: bool
) -> list[Document]:
    from careplan_cli.report.ical import reviews_calendar

    return [reviews_calendar(plans, today, show_names, holds=holds)]


DUE_WITH_HOLDS: dict[str, HoldWriter] = {"text": _text, "json": _json, "csv": _csv, "ics": _ics}
