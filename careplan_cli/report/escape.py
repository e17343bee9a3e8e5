"""The one path every writer sends plan values and file names through before they are shown.

A plan value may hold anything a YAML string can: terminal escape sequences (ESC, CSI, OSC 8
links), BEL, other C0 and C1 controls, a bare CR that rewrites the line, a newline that forges
a row, Unicode bidi overrides that reorder what is read. :func:`shown` makes each of them
visible as an escape (``\\x1b``, ``\\n``, ``\\u202e``); :func:`csv_cell` also neutralises
spreadsheet formulas (OWASP's CSV injection guidance) and :func:`csv_text` writes every cell
through it; :func:`json_text` keeps JSON free of raw C1 and bidi characters that
``json.dumps`` leaves alone; :func:`html_text` escapes for HTML as well. Every writer of a
format (the ``WRITERS`` registries of this package) builds its output with these.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence

# C0 controls, DEL, C1 controls; the Arabic letter mark, LRM/RLM, line and paragraph
# separators, bidi embeddings/overrides (U+202A-E) and isolates (U+2066-9).
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
# What json.dumps leaves raw inside strings (it escapes C0 itself; newlines outside strings
# are JSON's own layout).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# A cell starting with one of these is a formula to a spreadsheet (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?")
# Markdown characters that start emphasis, code, links, HTML, headings or table cells.
MARKDOWN_SPECIAL = "\\`*_[]#<>|~"
_MARKDOWN_BLOCK = re.compile(r"^(\s*)([-+=]|[0-9]+(?=[.)]))")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(value: object) -> str:
    """``value`` as text with every control and bidi character shown as an escape.

    Idempotent (backslashes are left alone), so a writer and the terminal layer may both apply it.
    """
    return UNSAFE.sub(_escape, value if isinstance(value, str) else str(value))


def shown_lines(value: str) -> str:
    """As :func:`shown`, but the newlines of ``value`` stay line breaks: text made of lines,
    such as a commit message's subject and body."""
    return "\n".join(shown(line) for line in value.split("\n"))


def csv_cell(value: object) -> str:
    """A CSV cell: numbers as they are; text shown safely, a formula prefixed with ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)
    text = shown(value)
    if text.startswith(FORMULA_START) and text != "-" and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV with every cell through :func:`csv_cell` (no formula, no control character)."""
    import csv  # here, not above: start-up time matters to pre-commit

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in headers])
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def html_text(value: object) -> str:
    """Text for HTML, in an element or a quoted attribute: controls shown, ``<&>"'`` escaped."""
    from html import escape

    return escape(shown(value))


def json_text(document: object, *, ensure_ascii: bool = True) -> str:
    """``document`` as indented JSON with no raw control or bidi character, newline-terminated."""
    text = json.dumps(document, indent=2, ensure_ascii=ensure_ascii, default=str)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def markdown(value: object) -> str:
    """Inline Markdown for a plan value: controls shown, metacharacters backslash-escaped."""
    text = shown(value)
    for char in MARKDOWN_SPECIAL:
        text = text.replace(char, "\\" + char)
    return text


def markdown_block(value: object) -> str:
    """A Markdown paragraph for a plan value: as :func:`markdown`, and a leading list, heading
    or ordered-list marker escaped so that the value cannot start a block of its own."""

    def escape(match: re.Match[str]) -> str:
        indent, marker = match.groups()
        # "\-" for a bullet or heading underline; "1\." for an ordered list (escape the dot)
        return indent + ("\\" + marker if not marker.isdigit() else marker + "\\")

    return _MARKDOWN_BLOCK.sub(escape, markdown(value), 1)
