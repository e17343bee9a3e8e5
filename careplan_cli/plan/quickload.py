"""The quickest read path: yaml-rs (Rust) for the plain block YAML that plans are written in.

Checking thousands of plans is bound by parsing: libyaml's composer builds a Python object
for every node and mark, and careplan's constructor walks them (about 1 ms a plan here);
yaml-rs parses straight to Python data in about a fifth of that
(benchmarks/RESULTS.md, "The parse floor").

yaml-rs reads some things differently from careplan's loader: numbers with ``_`` or ``0b``
(``1_000`` is an integer to it, a string to YAML 1.2's core schema), merge keys (it keeps
``<<`` as a key), tags, its own alias limits, YAML 1.1's line breaks (NEL, LS, PS) and keys
that are not strings. So it is used only where it cannot differ: a text holding anything
:data:`_SCREEN` matches, or data that is not plain JSON-like data within the depth limit, or
anything yaml-rs refuses, raises :class:`~careplan_cli.plan.build.Fallback`, and the
text goes the way it always went (:mod:`careplan_cli.plan.fastload`, then
:mod:`careplan_cli.plan.reference`), whose findings are the canonical ones. The screen is
deliberately wider than the differences: a plan that trips it is only read more slowly.

``tests/plan/test_quickload.py`` holds the two paths to the same data over the
yaml-test-suite copy, every example and test plan, and generated documents and scalars.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from careplan_cli.plan.build import MAX_DEPTH, Fallback

try:
    import yaml_rs
except ImportError:  # an install without yaml-rs's wheel still reads every plan, more slowly
    yaml_rs = None  # type: ignore[assignment]

# What the quick path steps aside for, searched one pattern at a time: each starts with a
# literal or a character class, so that re skips straight to candidates (alternatives, or a
# look-behind first, cost ten times as much here).
# A directive, a second document, an end marker. (Searching for "\n%" and the others with
# "in" first costs three times as much: every line break is a candidate for each.)
_MARKER = re.compile(r"\n(?:%|---(?!\S)|\.\.\.(?!\S))")
# Only in a text that is not all printable ASCII characters and line feeds (what is left
# once bytes.translate has deleted those is empty for most plans): a bare CR line break
# (yaml-rs folds it inside flow collections), tabs (libyaml refuses some valid uses), YAML
# 1.1's line breaks (NEL, LS, PS), and characters YAML does not allow.
_UNPRINTABLE = (
    re.compile(r"\r(?!\n)"),
    re.compile(
        "[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
    ),
)
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"
# Where a token starts, & and * followed by a character begin an anchor or alias (careplan's
# budget), ! a tag (careplan's tag rules; "! 12" is the string "12" to yaml-rs, a number to
# careplan's loader), and "?" a complex key (or "?foo" in a flow mapping). And
# what yaml-rs reads as a number and YAML 1.2's core schema as a string: a token that
# starts like a number and holds "_" (1_000, _1, 1.0_0) or a base prefix (0b1, 0X1F, +0x1).
_NUMBERISH = (re.compile(r"_(?:(?=[0-9._])|(?<=[0-9._]_))"), re.compile(r"0[bBoOxX]"))
# A line indented this far may open thousands of levels by indentation. yaml-rs crashes the
# process some 12,000 levels down; such texts go to libyaml, which holds past 50,000 (the
# loader refuses lines of compact indicators that nest deeper than a plan may, whatever the
# path: yamlload._too_deep_at).
_DEEP_INDENT = "\n" + " " * 1000
_LONG_NUMBER = re.compile(r"[0-9][0-9]{99}")  # past careplan's limit on a number's digits
_BIG = 10**4000
_NO_KEYS = itertools.repeat("")  # a list's items, walked as a mapping's are
_COLON = re.compile(r":[,\]}]")  # ":" before a flow indicator (YAML 1.1 and 1.2 differ)
_FLOW_INDICATOR = re.compile(r"[\s\[{,][|>:]")  # (or at the start of the line)
# .nan and .inf in a case the core schema does not list (.Nan, -.inF: strings here, numbers to
# yaml-rs); the six it lists read alike.
_FLOAT_WORD = re.compile(r"\.[iInN][nNaA][fFnN]")
_FLOAT_WORDS = frozenset((".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"))
# An escaped UTF-16 surrogate ("\ud83d\ude00"): yaml-rs joins a pair into one character,
# careplan's loader keeps two.
_SURROGATE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F]")
_DEEPEST = MAX_DEPTH - 2  # careplan refuses past MAX_DEPTH; near it, the full path decides


def available() -> bool:
    """Whether yaml-rs is installed (without it every text takes the libyaml path)."""
    return yaml_rs is not None


def quick_load(text: str) -> Any:
    """The document's data, exactly as :func:`careplan_cli.plan.fastload.fast_load` gives it.

    Raises :class:`Fallback` wherever yaml-rs might read the text differently or not at all.
    """
    if yaml_rs is None or screened(text):
        raise Fallback("screen")
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # yaml-rs's errors (and any it did not foresee) go the full way
        raise Fallback("yaml-rs") from None
    floats: list[float] = []
    if not _plain(data, 0, floats) or (floats and _LONG_NUMBER.search(text)):
        raise Fallback("data")
    return data


def screened(text: str) -> bool:
    """Whether ``text`` holds anything yaml-rs might read differently from careplan's loader."""
    if not text.endswith("\n") or text.startswith(("%", "...")):
        return True  # (a block scalar on a last line without a break keeps its spaces)
    if holds(text, "<<"):
        return True
    if _DEEP_INDENT in text:  # yaml-rs recurses without a guard: see _DEEP_INDENT
        return True
    if _MARKER.search(text) or _flow_unsure(text) or _unprintable(text):
        return True
    if _ends_in_a_block_header(text) or ("\\" in text and _SURROGATE.search(text)):
        return True
    if any(word.group() not in _FLOAT_WORDS for word in _FLOAT_WORD.finditer(text)):
        return True
    for char in "&*!?":  # str.find is many times quicker than one pattern for the four
        at = text.find(char)
        while at != -1:
            before, after = text[at - 1 : at], text[at + 1 : at + 2]
            if not (before.isalnum() or before == "_") and (char in "?!" or after.strip()):
                return True
            at = text.find(char, at + 1)
    return any(
        _starts_a_number(text, match.start())
        for pattern in _NUMBERISH
        for match in pattern.finditer(text)
    )


def holds(text: str, needle: str) -> bool:
    """``needle in text``, quicker where the needle's first character is rare: CPython finds
    one character with memchr, many times faster than it searches for several."""
    return needle[0] in text and needle in text


def _unprintable(text: str) -> bool:
    """Whether ``text`` holds any of the characters :data:`_UNPRINTABLE` stands aside for."""
    rest = text.encode("utf-8", "surrogatepass").translate(None, _PRINTABLE_ASCII)
    if not rest:
        return False
    return not text.replace("\n", " ").isprintable() and any(p.search(text) for p in _UNPRINTABLE)


def _ends_in_a_block_header(text: str) -> bool:
    """Whether the last line that is not blank or a comment holds ``|`` or ``>``.

    A block scalar with no content at the end of the text (``a: |``, blank lines or comments
    after it) is "" to careplan's loader and a line break (or the comment) to yaml-rs.
    """
    end = len(text)
    while end > 0:
        start = text.rfind("\n", 0, end - 1) + 1
        line = text[start:end].strip()
        if line and line[0] != "#":
            return "|" in line or ">" in line
        end = start
    return False


def _starts_a_number(text: str, at: int) -> bool:
    """Whether the word-like token around ``at`` does not start with a letter."""
    start = at
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_."):
        start -= 1
    return not text[start].isalpha()


def _flow_unsure(text: str) -> bool:
    """Whether a flow collection spans lines, holds ``|``, ``>`` or ``:`` where a value starts,
    or ``:`` right before ``,``, ``]`` or ``}``.

    libyaml refuses some multi-line flow collections that yaml-rs reads, and yaml-rs reads
    ``[|x]`` as a string where YAML (and libyaml) refuse it; plans keep flow collections to
    one line.
    """
    return _unsure_from(text, "[") or _unsure_from(text, "{")


def _unsure_from(text: str, opening: str) -> bool:
    """:func:`_flow_unsure` for the lines holding ``opening`` (``text`` ends with a break)."""
    at = text.find(opening)
    while at != -1:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        line = text[start:end]
        opened = line.count("[") + line.count("{")
        if opened != line.count("]") + line.count("}"):
            return True
        if line[:1] in ("|", ">", ":") or _FLOW_INDICATOR.search(line) or _COLON.search(line):
            return True
        at = text.find(opening, end)
    return False


def _plain(value: Any, depth: int, floats: list[float]) -> bool:
    """Whether ``value`` is JSON-like data with string keys, nested no deeper than allowed.

    Floats are collected (their text may have been past careplan's limit on digits).
    """
    kind = type(value)
    if kind is not dict and kind is not list:
        return _plain_scalar(value, floats)
    if depth > _DEEPEST:
        return False
    for key, item in value.items() if kind is dict else zip(_NO_KEYS, value, strict=False):
        if type(key) is not str:
            return False
        kind = type(item)
        if kind is str:
            continue
        if kind is dict or kind is list:
            if not _plain(item, depth + 1, floats):
                return False
        elif not _plain_scalar(item, floats):
            return False
    return True


def _plain_scalar(value: Any, floats: list[float]) -> bool:
    kind = type(value)
    if kind is int:
        return bool(-_BIG < value < _BIG)
    if kind is float:
        floats.append(value)
        return True
    return kind is str or kind is bool or value is None
