"""One-line flow collections (``{id: I1, goals: [G1, G2]}``), read for their positions.

Part of :mod:`careplan_cli.plan.quicklocate`: a flow collection the quick screen let through
is on one line, so its nodes' positions are found by reading that line. Only plain keys are
read; anything unsure (a quoted key, a one-pair mapping in a sequence, an empty value) gives
None, and the caller composes the text instead.
"""

from __future__ import annotations

from typing import Any

Position = tuple[int, int]  # 0-based line and column


class Flow:
    """A node of a one-line flow collection: where it starts, and its items or entries."""

    def __init__(self, at: Position, kind: type) -> None:
        self.at, self.kind = at, kind
        self.items: list[Flow] = []
        self.entries: list[tuple[str, Position, Flow]] = []  # key, its position, value
        self._verdict: bool | None = None

    def holds(self, value: Any) -> bool:
        """Whether the data agrees with what was read here (a mapping, a sequence or not).

        A node is always compared with the same part of the data: the verdict is kept."""
        if self._verdict is None:
            kind = type(value) if isinstance(value, dict | list) else str
            self._verdict = kind is self.kind and (
                kind is str
                or (kind is list and len(self.items) == len(value))
                or (kind is dict and [name for name, _, _ in self.entries] == list(value))
            )
        return self._verdict


_PLAIN_END = ",[]{}"


def read_flow(
    line: str, start: int, number: int, seen: dict[Position, Flow | None]
) -> tuple[Flow, int] | None:
    """The node at ``line[start]`` and where it ends; None where the reading is not sure."""
    opening = line[start : start + 1]
    if opening in ("[", "{"):
        node = Flow((number, start), list if opening == "[" else dict)
        seen[node.at] = node
        closing = "]" if opening == "[" else "}"
        at = _skip(line, start + 1)
        while line[at : at + 1] != closing:
            if opening == "{":
                key = _plain(line, at)
                if key is None or line[key[1] : key[1] + 2] != ": ":
                    return None
                value = read_flow(line, _skip(line, key[1] + 1), number, seen)
                if value is None:
                    return None
                node.entries.append((key[0], (number, at), value[0]))
            else:
                value = read_flow(line, at, number, seen)
                if value is None or line[value[1] : value[1] + 2] == ": ":
                    return None  # (a one-pair mapping in a sequence: not read here)
                node.items.append(value[0])
            at = _skip(line, value[1])
            if line[at : at + 1] == ",":
                at = _skip(line, at + 1)
            elif line[at : at + 1] != closing:
                return None
        return node, at + 1
    if opening in ('"', "'"):
        end = _quoted_end(line, start)
        return None if end is None else (Flow((number, start), str), end)
    plain = _plain(line, start)
    return None if plain is None else (Flow((number, start), str), plain[1])


def _skip(line: str, at: int) -> int:
    """Past the spaces at ``at`` (without copying the rest of a long line each time)."""
    while line[at : at + 1] == " ":
        at += 1
    return at


def _plain(line: str, start: int) -> tuple[str, int] | None:
    """A plain scalar in a flow collection (its text, and where it ends), or None."""
    if not line[start : start + 1] or line[start] in _PLAIN_END + "#&*!|>%@`\"'?:-":
        return None
    at = start
    while at < len(line) and line[at] not in _PLAIN_END:
        if line.startswith((": ", " #"), at):
            break
        at += 1
    text = line[start:at].rstrip(" ")
    return text, start + len(text)


def _quoted_end(line: str, start: int) -> int | None:
    """Just after the quoted scalar at ``line[start]``, if it closes on this line."""
    quote, at = line[start], start + 1
    while at < len(line):
        char = line[at]
        escaped = char == "\\" if quote == '"' else line.startswith("''", at)
        if escaped:  # a backslash escape, or a doubled single quote
            at += 2
        elif char == quote:
            return at + 1
        else:
            at += 1
    return None
