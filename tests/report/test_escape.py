"""The one escape path: controls shown, formulas neutralised, JSON and Markdown kept safe."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careplan_cli.report.escape import (
    UNSAFE,
    csv_cell,
    json_text,
    markdown,
    markdown_block,
    shown,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", "plain"),
        ("a\nb", "a\\nb"),
        ("bare\rcr", "bare\\rcr"),
        ("tab\there", "tab\\there"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("\x1b]8;;http://x\x1b\\link", "\\x1b]8;;http://x\\x1b\\link"),
        ("bell\x07", "bell\\x07"),
        ("c1\x9b", "c1\\x9b"),
        ("del\x7f", "del\\x7f"),
        ("rtl\u202eevil\u2066", "rtl\\u202eevil\\u2066"),
        ("line\u2028sep", "line\\u2028sep"),
        ("£ café — “quoted”", "£ café — “quoted”"),
        (42, "42"),
    ],
)
def test_shown(value: object, expected: str) -> None:
    assert shown(value) == expected


@given(st.text())
def test_shown_leaves_no_unsafe_character_and_is_idempotent(text: str) -> None:
    once = shown(text)
    assert UNSAFE.search(once) is None and "\n" not in once
    assert shown(once) == once


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+44 7700", "'+44 7700"),
        ("-2+3", "'-2+3"),
        ("=cmd|'/C calc'!A0", "'=cmd|'/C calc'!A0"),
        ("\tx", "\\tx"),  # shown first, so a tab or CR can no longer start a formula
        ("\r=1", "\\r=1"),
        ("-", "-"),
        ("-12", "-12"),
        ("+3.5", "+3.5"),
        (-11, "-11"),
        (None, ""),
        ("Tom Adeyemi", "Tom Adeyemi"),
    ],
)
def test_csv_cell(value: object, expected: str) -> None:
    assert csv_cell(value) == expected


@given(st.text())
def test_no_csv_cell_is_a_formula(text: str) -> None:
    cell = csv_cell(text)
    assert UNSAFE.search(cell) is None
    number = re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", cell)
    assert not cell.startswith(("=", "+", "-", "@")) or cell == "-" or number


@given(
    st.recursive(st.text() | st.integers(), lambda c: st.lists(c) | st.dictionaries(st.text(), c))
)
def test_json_text_round_trips_with_no_raw_unsafe_character(document: object) -> None:
    for ascii_only in (True, False):
        text = json_text(document, ensure_ascii=ascii_only)
        assert json.loads(text) == document
        assert UNSAFE.search(text.replace("\n", "")) is None


def test_markdown_escapes_metacharacters_and_block_markers() -> None:
    assert markdown("*a* _b_ `c` [d](e) <f> #g |h| ~i~") == (
        "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> \\#g \\|h\\| \\~i\\~"
    )
    # shown first, then the escape's backslash escaped: the reader sees \n and \x1b
    assert markdown("a\nb\x1b") == r"a\\nb\\x1b"  # shown, then its backslash escaped
    assert markdown_block("- not a list") == "\\- not a list"
    assert markdown_block("1. not a list") == "1\\. not a list"
    assert markdown_block("=== not a heading") == "\\=== not a heading"
    assert markdown_block("a - b") == "a - b"
