"""Printing: the one module that knows about rich.

:class:`Out` uses rich (colour, tables, progress) only on a terminal with colour allowed,
and plain text with no ANSI codes when piped, under ``NO_COLOR`` or ``TERM=dumb``. What
the text says is made by :mod:`careplan_cli.report.formats`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from careplan_cli.report.formats import plain_table


def colour_allowed(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


class Out:
    """Where text goes: stdout or stderr, coloured with rich markup only on a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.colour = colour_allowed(self.stream)

    def line(self, text: str = "", style: str | None = None) -> None:
        if self.colour and style:
            from rich.console import Console
            from rich.text import Text

            Console(file=self.stream, soft_wrap=True, highlight=False).print(
                Text(text, style=style)
            )
        else:
            self.stream.write(text + "\n")

    def text(self, text: str) -> None:
        if text:
            self.stream.write(text if text.endswith("\n") else text + "\n")

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        styles: Sequence[str | None] = (),
    ) -> None:
        """A rich table on a terminal (rows styled by ``styles``), aligned plain text otherwise."""
        if self.colour:
            from rich.console import Console
            from rich.table import Table

            table = Table(*headers, header_style="bold")
            for column in table.columns:
                column.overflow = "fold"  # wrap a long value on a narrow terminal, never cut it
            for index, row in enumerate(rows):
                table.add_row(*row, style=styles[index] if index < len(styles) else None)
            Console(file=self.stream, highlight=False).print(table)
        else:
            self.text(plain_table(headers, rows))


@contextmanager
def progress(total: int, label: str, threshold: int = 50) -> Iterator[Any]:
    """A progress bar on a terminal's stderr for long runs; a no-op otherwise."""
    if total < threshold or not colour_allowed(sys.stderr):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(file=sys.stderr), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)
