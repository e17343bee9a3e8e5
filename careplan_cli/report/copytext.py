"""The parts of a copy for people, and plan values put into plain words for them.

A :class:`Copy` is headed :class:`Section` s of paragraphs, a list and name/value rows; the
builders in :mod:`careplan_cli.report.sections` and its companions fill them with text made
here: dates as "3 December 2026", codes as the schema's labels, amounts in pounds. The text is
plain: the writers (:mod:`careplan_cli.report.markdown`, :mod:`careplan_cli.report.html`)
escape every part of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from careplan_cli.plan.dates import as_date

DRAFT_MARK = "DRAFT"
DRAFT_NOTE = "DRAFT: this plan is not yet agreed and may change."

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?(Z|[+-]\d{2}:\d{2})?")


@dataclass
class Section:
    key: str
    heading: str
    lead: list[str] = field(default_factory=list)  # paragraphs
    items: list[str] = field(default_factory=list)  # a bulleted list
    rows: list[tuple[str, str]] = field(default_factory=list)  # label: value
    prominent: bool = False  # shown boxed: the crisis contacts


@dataclass
class Copy:
    title: str
    recipient: str | None
    sections: list[Section]
    draft: bool = False  # the plan is a draft: every page says so


def text(value: Any) -> str:
    """A value as one line of text ("" for nothing); runs of white space become one space."""
    return " ".join(str(value).split()) if value not in (None, "") else ""


def aside(value: Any) -> str:
    """A value to go inside brackets or before a full stop: as :func:`text`, without a full
    stop of its own."""
    return text(value).rstrip(". ")


def long_date(value: Any) -> str:
    """A plan date as people write it, "3 December 2026"; anything else as it is."""
    day = as_date(value)
    if not isinstance(day, date):
        return text(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"  # not %B: that follows the locale


def long_datetime(value: Any) -> str:
    """A plan date and time, "24 August 2026 at 14:00" (its offset, if any, after it)."""
    match = _DATE_TIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return long_date(value)
    day, clock, offset = match.groups()
    zone = "" if offset is None else " UTC" if offset == "Z" else f" (UTC{offset})"
    return f"{long_date(day)} at {clock}{zone}"


def money(amount: Any) -> str:
    """An amount in pounds sterling, "£1,234.50"."""
    return f"\u00a3{amount:,.2f}" if isinstance(amount, int | float) else text(amount)


def label(path: str, code: Any) -> str:
    """The schema's label for ``code`` at ``path``, in plain words (see
    :func:`careplan_cli.plan.vocabulary.labels`)."""
    from careplan_cli.plan.vocabulary import labels

    return labels(path).get(str(code), text(code).replace("-", " "))


def in_sentence(words: str) -> str:
    """A label inside a sentence: its first letter small, unless the word is an abbreviation."""
    if len(words) > 1 and words[0].isupper() and not words[1].isupper():
        return words[0].lower() + words[1:]
    return words


def person(entry: Mapping[str, Any] | None) -> str:
    """A person and their role, "Dr Irene Blake, consultant old-age psychiatrist"."""
    if not isinstance(entry, Mapping):
        return ""
    return ", ".join(text(entry.get(k)) for k in ("name", "role") if entry.get(k))


def joined(parts: Iterable[str], last: str = "and") -> str:
    """ "a, b and c"."""
    words = [p for p in parts if p]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def sentence(*parts: str) -> str:
    """The non-empty parts, each ending with a full stop, as one paragraph."""
    return " ".join(p if _ended(p) else p + "." for p in parts if p)


def _ended(words: str) -> bool:
    """Whether ``words`` end a sentence, inside a closing quote or not (a bracket closes
    only what it opened: the sentence goes on)."""
    return words.rstrip("\u201d\u2019\"'").endswith((".", "!", "?"))
