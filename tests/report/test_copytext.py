"""Plain words for copies: dates as people write them, labels inside sentences, sentences;
and a property: whatever text a v2 field holds, a copy's layout is its own."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careplan_cli.report.copytext import (
    in_sentence,
    joined,
    long_date,
    long_datetime,
    money,
    sentence,
)
from careplan_cli.report.html import to_html
from careplan_cli.report.markdown import to_markdown
from careplan_cli.report.sections import build_copy


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2026-12-03", "3 December 2026"),
        ("2027-01-31", "31 January 2027"),
        (date(2026, 2, 1), "1 February 2026"),
        ("2026-02-30", "2026-02-30"),  # not a date: as it is
        (None, ""),
    ],
)
def test_long_date(value: object, words: str) -> None:
    assert long_date(value) == words


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2026-09-14T21:40", "14 September 2026 at 21:40"),
        ("2026-09-14T21:40:30Z", "14 September 2026 at 21:40 UTC"),
        ("2026-09-14T08:05+01:00", "14 September 2026 at 08:05 (UTC+01:00)"),
        ("2026-09-14", "14 September 2026"),
    ],
)
def test_long_datetime(value: str, words: str) -> None:
    assert long_datetime(value) == words


def test_words() -> None:
    assert in_sentence("Discharged to the care of the GP") == "discharged to the care of the GP"
    assert in_sentence("GP practice") == "GP practice"
    assert joined(["a", "", "b", "c"]) == "a, b and c" and joined([]) == ""
    assert sentence("One", "", "Two.", "\u201cThree.\u201d", "(four.)") == (
        "One. Two. \u201cThree.\u201d (four.)."
    )
    assert money(1234.5) == "\u00a31,234.50" and money(0) == "\u00a30.00"


def _plan(value: str) -> dict[str, Any]:
    return {
        "id": "CP-000001",
        "status": "closed",
        "service_user": {"name": "A B"},
        "agreement": {"agreed": False, "reason_not_agreed": value},
        "coordinator_history": [{"name": value, "from": "2026-01-01"}],
        "closure": {"date": "2026-02-01", "reason": "other", "notes": value},
        "admissions": [{"admitted": "2026-01-05T10:00", "hospital": value}],
    }


# Controls other than the newline, bidi and separators: never raw in a copy.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
BLOCK = re.compile(r"#+ |- |\*\*|")


def _shape(markdown: str) -> list[str]:
    """What starts each line: a heading, an item, a row, or text."""
    return [m.group() if (m := BLOCK.match(line)) else "" for line in markdown.splitlines()]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_any_value_keeps_the_layout_of_a_copy(value: str) -> None:
    sections = ["about", "agreement", "coordinator_history", "status", "admissions"]
    baseline = to_markdown(build_copy(_plan("x"), sections, None))
    out = to_markdown(build_copy(_plan(value), sections, None))
    assert RAW.search(out) is None
    assert _shape(out) == _shape(baseline)
    page = to_html(build_copy(_plan(value), sections, None))
    assert page.count("<section") == 5 and page.count("<li>") == 2 and "<script" not in page
