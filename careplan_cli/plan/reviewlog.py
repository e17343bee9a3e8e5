"""The reviews each version of a plan holds, read fast enough for ``careplan log``.

A plan's history is many versions of one file, and each version mostly repeats the one before:
a review adds one item to ``reviews:`` and leaves the others byte for byte as they were. So the
``reviews:`` block of each version is cut into its items, and each distinct item is read once,
with the same loader as everything else; a plan reviewed 40 times costs about one plan's parse,
not 40. Whatever does not stand alone when cut that way (flow style, anchors shared between
items, a block that is not laid out one item per ``- `` line) is read whole, as before, so the
answer is always the loader's own.
"""

from __future__ import annotations

import re
from typing import Any

from careplan_cli.plan.yamlload import load_bytes

ReviewKey = tuple[str, str]  # (date, kind): how one review is told from another

_TOP_LEVEL = re.compile(rb"\n(?=[^\s#\-])")  # a line that starts a top-level key
_ITEM = re.compile(rb"^( *)- ", re.MULTILINE)  # a line that starts a sequence item


def review_key(review: dict[str, Any]) -> ReviewKey:
    return str(review.get("date", "")), str(review.get("kind", ""))


def reviews_block(raw: bytes) -> bytes | None:
    """The top-level ``reviews:`` block alone (from its key to the next top-level key), when
    the plan has exactly one."""
    start = raw.find(b"\nreviews:")
    if start < 0 or raw.find(b"\nreviews:", start + 1) >= 0:
        return None
    end = _TOP_LEVEL.search(raw, start + 1)
    return raw[start + 1 : end.start() + 1 if end else len(raw)]


def split_items(block: bytes) -> list[bytes] | None:
    """The block's sequence items, each as its own ``- `` chunk, or None when the block is
    not one block-style item per ``- `` line at one indentation."""
    header, newline, body = block.partition(b"\n")
    if header.rstrip() != b"reviews:" or not newline:
        return None
    first = _ITEM.search(body)
    if first is None:
        return None
    indent = first.group(1)
    if body[: first.start()].strip(b" \n"):  # something other than blank lines before it
        return None
    starts = [m.start() for m in _ITEM.finditer(body) if m.group(1) == indent]
    return [body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]


def _whole(raw: bytes) -> list[dict[str, Any]]:
    block = reviews_block(raw)
    data = load_bytes(block).data if block is not None else None
    if not (isinstance(data, dict) and isinstance(data.get("reviews"), list)):
        data = load_bytes(raw).data  # not laid out in blocks after all: read it all
    reviews = data.get("reviews") if data else None
    return [r for r in reviews if isinstance(r, dict)] if isinstance(reviews, list) else []


class ReviewReader:
    """Reads the review keys of successive versions of one plan, remembering each item read."""

    def __init__(self) -> None:
        self._items: dict[bytes, ReviewKey | None] = {}

    def _item(self, chunk: bytes) -> ReviewKey | None:
        if chunk not in self._items:
            data = load_bytes(b"reviews:\n" + chunk).data
            items = data.get("reviews") if isinstance(data, dict) else None
            one = isinstance(items, list) and len(items) == 1 and isinstance(items[0], dict)
            self._items[chunk] = review_key(items[0]) if one and items else None
        return self._items[chunk]

    def keys(self, raw: bytes | None) -> list[ReviewKey]:
        """The (date, kind) of every review in this version of the plan, in order."""
        if raw is None:
            return []
        block = reviews_block(raw)
        chunks = split_items(block) if block is not None else None
        if chunks is not None:
            keys = [self._item(chunk) for chunk in chunks]
            if all(key is not None for key in keys):
                return [key for key in keys if key is not None]
        return [review_key(review) for review in _whole(raw)]
