"""Plain, aligned tables for when output is not a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from careplan_cli.report.escape import shown


def plain_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns aligned with spaces, headers first; no colour, no box drawing. Every cell goes
    through :func:`shown`, so a value can never add a line or steer the terminal."""
    table = [[shown(cell) for cell in row] for row in [headers, *rows]]
    widths = [max(len(cell) for cell in column) for column in zip(*table, strict=True)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in table
    ]
    return "\n".join(lines) + "\n"
