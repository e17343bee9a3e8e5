"""Plain scalars by the YAML 1.2 core schema: the one place both loaders resolve them.

YAML 1.2's core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution) is what
yaml-language-server and other YAML 1.2 tools read: ``0b1``, ``1_000``, ``+0x1`` and ``yes``
are strings, ``0o17`` and ``0x1F`` are integers, ``.inf`` and ``.nan`` are floats. Dates are
not a core type, so ``2026-03-09`` stays a string (the schema's ``format: date`` checks it).

A plain scalar is resolved by :func:`resolve`; a scalar's text is turned into a value by
:func:`construct`, which also serves explicit tags (``!!int 0x1F``).
"""

from __future__ import annotations

import re

TAG = "tag:yaml.org,2002:"
STR, NULL, BOOL, INT, FLOAT = (TAG + name for name in ("str", "null", "bool", "int", "float"))
# Python refuses to turn more digits than this into an int (CVE-2020-10735); no plan needs
# a number anywhere near it.
MAX_DIGITS = 4300

_NULL = re.compile(r"null|Null|NULL|~|")
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN)"
)
# The first characters each type can start with, to skip the patterns for most strings.
_STARTS = frozenset("-+.0123456789")


class ScalarError(ValueError):
    """A scalar that cannot be the value its tag says (``!!int abc``), or one too large."""


def resolve(text: str) -> str:
    """The core-schema tag of a plain (unquoted, untagged) scalar."""
    first = text[:1]
    if first in _STARTS:
        if _INT.fullmatch(text):
            return INT
        if _FLOAT.fullmatch(text):
            return FLOAT
        return STR
    if first in "nN~" or not text:
        return NULL if _NULL.fullmatch(text) else STR
    if first in "tTfF":
        return BOOL if _BOOL.fullmatch(text) else STR
    return STR


def construct(tag: str, text: str) -> str | int | float | bool | None:
    """The value of a scalar whose tag is one of the core schema's (see :data:`CORE`)."""
    if tag == STR:
        return text
    if tag == NULL:
        if not _NULL.fullmatch(text):
            raise ScalarError("not a null")
        return None
    if tag == BOOL:
        if not _BOOL.fullmatch(text):
            raise ScalarError("not a boolean")
        return text.lower() == "true"
    if tag == INT:
        return _int(text)
    if tag == FLOAT:
        return _float(text)
    raise ScalarError(f"not a core schema tag: {tag}")


CORE = frozenset((STR, NULL, BOOL, INT, FLOAT))


def _int(text: str) -> int:
    if not _INT.fullmatch(text):
        raise ScalarError("not an integer")
    if len(text) > MAX_DIGITS:
        raise ScalarError(f"a number of more than {MAX_DIGITS} digits")
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text)


def _float(text: str) -> float:
    if not _FLOAT.fullmatch(text):
        raise ScalarError("not a number")
    if len(text) > MAX_DIGITS:
        raise ScalarError(f"a number of more than {MAX_DIGITS} digits")
    lowered = text.lower()
    if lowered.endswith(".nan"):
        return float("nan")
    if lowered.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    return float(text)


def key_text(value: object) -> str:
    """A mapping key as JSON has it: a string (``1`` -> "1", ``true`` -> "true")."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)
