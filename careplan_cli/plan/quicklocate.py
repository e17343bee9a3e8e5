"""Finding lines and columns from the text alone, for the block YAML plans are written in.

:class:`careplan_cli.plan.yamlload.Locator` composes a plan with libyaml to place its findings:
about 0.7 ms a plan, and PyYAML's import (12 ms) in every process that places one. For a text
the quick screen accepted (:mod:`careplan_cli.plan.quickload`: no tabs, anchors, tags,
directives, complex keys or multi-line flow collections), this module finds the same
positions by reading lines and indentation, guided by the plan's data.

It answers only where the data bears its reading out: the keys it finds at a block
mapping's indentation must be the data's keys, in order; a block sequence's entries as many
as the data's items; a one-line flow collection's keys and items likewise, and every node a
mapping, a sequence or a scalar as the data says. Anything else (a quoted key, a line it
cannot read as a key, an entry too many or too few, which a multi-line quoted scalar could
cause) gives None, and the caller composes the text as before.

Positions are libyaml's: a key's or node's first character; a block scalar's ``|`` or
``>``; an empty value just after its ``:`` or ``-``.
``tests/plan/test_quicklocate.py`` holds it to the composing locator for every node of every
example and test plan, and of generated and damaged documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from careplan_cli.plan.quickflow import Flow, Position, read_flow

Entry = tuple[Position, Position, Position | None]  # key, just after its ":", value if on the line


def text_locator(text: str, data: Any) -> TextLocator | None:
    """A locator for ``text`` (its byte-order mark removed), if the quick screen accepts it."""
    from careplan_cli.plan.quickload import screened

    return None if data is None or screened(text) else TextLocator(text, data)


class TextLocator:
    """Positions of JSON pointers' nodes in one screened text, given its data."""

    def __init__(self, text: str, data: Any) -> None:
        self.lines = [line.removesuffix("\r") for line in text.split("\n")]
        self.data = data
        # What was read, by position: each lookup costs its depth, however many are made.
        self._mappings: dict[Position, list[Entry] | None] = {}
        self._flows: dict[Position, Flow | None] = {}
        self._sequences: dict[Position, list[Position]] = {}
        self._indexes: dict[Position, dict[str, int]] = {}
        self._values: dict[Position, Position | None] = {}
        self._root = self._find_root()

    def _find_root(self) -> tuple[Position, int] | None:
        """Where the root mapping starts, and the line its region ends before."""
        for number, line in enumerate(self.lines):
            body = line.lstrip(" ")
            if not body or body[0] == "#":
                continue
            if number == 0 and line.startswith("---") and line[3:4] in ("", " "):
                after = line[3:].lstrip(" ")
                if after and after[0] != "#":
                    return None  # a document on the marker's line
                continue
            if body[0] in "{[-\"'" or not isinstance(self.data, dict):
                return None
            return (number, len(line) - len(body)), len(self.lines)
        return None

    def find(self, parts: list[str], key: bool) -> tuple[int, int] | None:
        """1-based line and column as the composing locator gives them, or None if unsure."""
        start = self._root
        if start is None:
            return None
        (at, end), value = start, self.data
        mark = at
        for part in parts:
            step = self._step(value, at, end, part)
            if step is None:
                return None
            if step == ():
                break
            value, at, end, key_at = step
            scalar = not isinstance(value, dict | list)
            mark = key_at if key_at is not None and (key or not scalar) else at
        return mark[0] + 1, mark[1] + 1

    def _step(self, value: Any, at: Position, end: int, part: str) -> Any:
        """(child's value, its position, its region's end, its key's position); () when the
        child does not exist (the parent's position stands); None when unsure."""
        if isinstance(value, dict):
            if part not in value:
                return ()
            index, child = self._index(at, value)[part], value[part]
            if self._char(at) == "{":
                flow = self._flow(at)
                if flow is None or not flow.holds(value):
                    return None
                _, key_at, node = flow.entries[index]
                return (child, node.at, end, key_at) if node.holds(child) else None
            entries = self._entries(at, end, value)
            if entries is None:
                return None
            key_at, after_colon, value_at = entries[index]
            region_end = entries[index + 1][0][0] if index + 1 < len(entries) else end
            found = self._value(child, key_at, value_at, region_end, after_colon)
            return None if found is None else (child, found, region_end, key_at)
        if isinstance(value, list):
            if not (part.isdigit() and int(part) < len(value)):
                return ()
            index = int(part)
            child = value[index]
            if self._char(at) == "[":
                flow = self._flow(at)
                if flow is None or not flow.holds(value):
                    return None
                node = flow.items[index]
                return (child, node.at, end, None) if node.holds(child) else None
            items = self._items(at, end, len(value))
            if items is None:
                return None
            region_end = items[index + 1][0] if index + 1 < len(items) else end
            line, column = dash = items[index]
            found = self._value(child, dash, None, region_end, (line, column + 1))
            return None if found is None else (child, found, region_end, None)
        return ()

    def _index(self, at: Position, mapping: dict[str, Any]) -> dict[str, int]:
        """Where each key of the mapping at ``at`` is among its keys."""
        if at not in self._indexes:
            self._indexes[at] = {name: index for index, name in enumerate(mapping)}
        return self._indexes[at]

    def _flow(self, at: Position) -> Flow | None:
        """The flow collection starting at ``at`` (on one line: the screen sees to that)."""
        if at not in self._flows:
            line = self.lines[at[0]]
            read = read_flow(line, at[1], at[0], self._flows)
            if read is None or line[read[1] :].lstrip(" ")[:1] not in ("", "#"):
                self._flows[at] = None
        return self._flows.get(at)

    def _char(self, at: Position) -> str:
        line = self.lines[at[0]]
        return line[at[1]] if at[1] < len(line) else ""

    def _content(self, number: int) -> tuple[int, str] | None:
        """(indentation, the rest) of a line that holds more than spaces or a comment."""
        line = self.lines[number]
        body = line.lstrip(" ")
        if not body or body[0] == "#":
            return None
        return len(line) - len(body), body

    def _entries(self, at: Position, end: int, mapping: dict[str, Any]) -> list[Entry] | None:
        """Each entry's key position, its ":" and (when on the key's line) its value's."""
        if at not in self._mappings:
            self._mappings[at] = self._read_entries(at, end, mapping)
        return self._mappings[at]

    def _read_entries(self, at: Position, end: int, mapping: dict[str, Any]) -> list[Entry] | None:
        found: list[Entry] = []
        keys: list[str] = []
        column = at[1]
        first = [(at[0], self.lines[at[0]][column:])]  # (a mapping may start after a "- ")
        for number, body in [*first, *self._lines_at(column, at[0] + 1, end)]:
            if _an_entry(body):
                continue  # an item of a sequence at the key's indentation
            entry = _key(body)
            if entry is None:
                return None
            name, colon, value_column = entry
            keys.append(name)
            value_at = None if value_column is None else (number, column + value_column)
            found.append(((number, column), (number, column + colon + 1), value_at))
        return found if keys == list(mapping) else None

    def _items(self, at: Position, end: int, count: int) -> list[Position] | None:
        """Each block sequence entry's ``-`` position."""
        if at not in self._sequences:
            found = [at]
            for number, body in self._lines_at(at[1], at[0] + 1, end):
                if not _an_entry(body):
                    found = []
                    break
                found.append((number, at[1]))
            self._sequences[at] = found
        found = self._sequences[at]
        return found if len(found) == count else None

    def _lines_at(self, column: int, start: int, end: int) -> Iterator[tuple[int, str]]:
        """(number, text from ``column``) of the lines in ``start:end`` indented to ``column``,
        up to the first that is indented less (blank lines and comments left out)."""
        for number in range(start, end):
            content = self._content(number)
            if content is None or content[0] > column:
                continue
            if content[0] < column:
                return
            yield number, content[1]

    def _value(
        self, child: Any, key_at: Position, value_at: Position | None, end: int, own_end: Position
    ) -> Position | None:
        """Where the node after a key (or, when ``key_at`` is a sequence entry's ``-``, after
        it) starts; ``own_end`` is just after the ":" or "-", where libyaml places an empty
        value. (Kept by key: a long line is not copied again for each finding in it.)"""
        if key_at not in self._values:
            self._values[key_at] = self._read_value(child, key_at, value_at, end, own_end)
        return self._values[key_at]

    def _read_value(
        self, child: Any, key_at: Position, value_at: Position | None, end: int, own_end: Position
    ) -> Position | None:
        line_number, column = key_at
        after_dash = own_end == (line_number, column + 1) and self._char(key_at) == "-"
        if after_dash:
            rest = self.lines[line_number][column + 1 :]
            body = rest.lstrip(" ")
            if body and body[0] != "#":
                value_at = (line_number, column + 1 + len(rest) - len(body))
        if value_at is None:  # on a later line, or empty
            for number in range(line_number + 1, end):
                content = self._content(number)
                if content is None:
                    continue
                indent, body = content
                if indent > column or (not after_dash and indent == column and _an_entry(body)):
                    value_at = (number, indent)
                break
        if value_at is None:
            return own_end if child is None else None
        first = self._char(value_at)
        if isinstance(child, dict) and first != "{":
            if value_at[0] == line_number and not after_dash:
                return None  # a block mapping cannot start on its key's line
            return value_at if self._entries(value_at, end, child) is not None else None
        if isinstance(child, list) and first not in "[-":
            return None
        if not isinstance(child, dict | list) and first in "{[":
            return None
        return value_at


def _an_entry(body: str) -> bool:
    """Whether a line (from its indentation) starts a block sequence's entry."""
    return body == "-" or body.startswith("- ")


def _key(body: str) -> tuple[str, int, int | None] | None:
    """(key, where its ":" is, where its value starts on the line or None) for a line that
    starts with a plain key; None for any other line."""
    if not body or body[0] in "\"'-#{[?&*!|>%@`,]}":
        return None
    colon = body.find(": ")
    if colon == -1:
        if not body.endswith(":"):
            return None
        colon = len(body) - 1
    name = body[:colon].rstrip(" ")
    if not name or " #" in name:
        return None
    rest = body[colon + 1 :]
    value = rest.lstrip(" ")
    if not value or value[0] == "#":
        return name, colon, None
    return name, colon, colon + 1 + len(rest) - len(value)
