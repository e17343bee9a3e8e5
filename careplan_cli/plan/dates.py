"""ISO dates and periods: parsing, month arithmetic."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from careplan_cli.errors import UsageError

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_PERIOD = re.compile(r"(\d{1,4})([dwm])", re.ASCII)


def parse_iso_date(text: str) -> date | None:
    """The date in a strict ISO ``YYYY-MM-DD`` string, or None if it is not one."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def as_date(value: object) -> date | None:
    """A plan field's value as a date (plans hold dates as ISO strings), or None."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_iso_date(value)
    return None


def date_option(text: str | None, option: str) -> date | None:
    """Parse a command-line date option; a bad one is a usage error naming the option."""
    if text is None:
        return None
    parsed = parse_iso_date(text)
    if parsed is None:
        raise UsageError(f"{option} must be a date in the form YYYY-MM-DD")
    return parsed


def add_days(start: date, days: int) -> date:
    """``days`` after ``start``, held at the calendar's ends (9999-12-31 + 1 day is itself):
    an extreme date is reported as a finding about the plan, never a crash."""
    try:
        return start + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day (31 Jan + 1m = 28/29 Feb)
    and held at the calendar's ends."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if not date.min.year <= year <= date.max.year:
        return date.max if months > 0 else date.min
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_period(start: date, period: str) -> date:
    """Add a period written ``Nd``, ``Nw`` or ``Nm`` (days, weeks, months) to a date."""
    match = _PERIOD.fullmatch(period)
    if match is None:
        raise UsageError(f"period {period!r} must be a number followed by d, w or m (e.g. 14d)")
    count, unit = int(match.group(1)), match.group(2)
    if unit == "m":
        return add_months(start, count)
    return add_days(start, count * (7 if unit == "w" else 1))
