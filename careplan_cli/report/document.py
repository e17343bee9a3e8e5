"""What a writer returns: plain text, styled lines, or a table; :mod:`careplan_cli.cli.output`
decides how each reaches the terminal (colour and rich tables only on a terminal)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Lines:
    """Lines of text, each with an optional style (``"bold"``, ``"red"``...)."""

    lines: Sequence[tuple[str, str | None]]


@dataclass(frozen=True)
class Table:
    """Rows under headers (each row optionally styled), then styled lines after the table.

    ``after_on_terminal_only``: the lines after are a summary for people, left out when piped.
    """

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    styles: Sequence[str | None] = ()
    after: Sequence[tuple[str, str | None]] = field(default_factory=tuple)
    after_on_terminal_only: bool = False


# A writer's result: text written as it is (JSON, CSV, iCalendar...), or lines, or a table.
Document = str | Lines | Table
