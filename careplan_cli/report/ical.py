"""due --format ics: reviews as an iCalendar (RFC 5545) file, written by the icalendar library.

Imported only when that format is asked for: icalendar costs start-up time no other command
should pay.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from careplan_cli.report.escape import shown

if TYPE_CHECKING:
    from careplan_cli.plan.due import PlanSummary


def reviews_calendar(plans: Sequence[PlanSummary], today: date, show_names: bool) -> str:
    """One all-day VEVENT per review that has a date; UIDs stable across runs."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//careplan//careplan due//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Care plan reviews")
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    for plan in plans:
        if plan.next_review is None:
            continue
        day = plan.next_review
        summary = f"Care plan review: {plan.id}"
        if show_names:
            summary += f" ({plan.service_user})"
        event = Event()
        event.add("uid", shown(f"careplan-review-{plan.id}-{day.isoformat()}@careplan"))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", shown(summary))
        event.add("description", shown(f"{plan.kind}; coordinator {plan.coordinator}"))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    ics: bytes = calendar.to_ical(sorted=False)
    return ics.decode("utf-8")
