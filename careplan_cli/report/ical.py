"""due --format ics: reviews (and hold reviews of plans on hold) as an iCalendar (RFC 5545)
file, written by the icalendar library.

Imported only when that format is asked for: icalendar costs start-up time no other command
should pay.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from careplan_cli.plan.dates import add_days
from careplan_cli.report.escape import shown

if TYPE_CHECKING:
    from careplan_cli.plan.due import PlanSummary


def reviews_calendar(
    plans: Sequence[PlanSummary],
    today: date,
    show_names: bool,
    holds: Sequence[PlanSummary] = (),
) -> str:
    """One all-day VEVENT per review that has a date, then one per hold review (plans on
    hold); UIDs stable across runs."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//careplan//careplan due//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Care plan reviews")
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    for plan in plans:
        if plan.next_review is not None:
            calendar.add_component(_event(plan, plan.next_review, stamp, show_names))
    for plan in holds:
        if plan.hold_date is not None:
            calendar.add_component(_event(plan, plan.hold_date, stamp, show_names, hold=True))
    ics: bytes = calendar.to_ical(sorted=False)
    return ics.decode("utf-8")


def _event(
    plan: PlanSummary, day: date, stamp: datetime, show_names: bool, *, hold: bool = False
) -> Any:
    from icalendar import Event

    what = "hold-review" if hold else "review"
    summary = f"Care plan {what.replace('-', ' ')}: {plan.id}"
    if show_names:
        summary += f" ({plan.service_user})"
    description = f"{plan.kind}; coordinator {plan.coordinator}" + ("; on hold" if hold else "")
    event = Event()
    event.add("uid", shown(f"careplan-{what}-{plan.id}-{day.isoformat()}@careplan"))
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", add_days(day, 1))  # held at 9999-12-31
    event.add("summary", shown(summary))
    event.add("description", shown(description))
    event.add("transp", "TRANSPARENT")
    return event
