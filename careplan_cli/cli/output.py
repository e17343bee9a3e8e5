"""Printing: the one module that knows about rich.

:class:`Out` uses rich (colour, tables, progress) only on a terminal with colour allowed,
and plain text with no ANSI codes when piped, under ``NO_COLOR`` or ``TERM=dumb``. What
the text says is made by the writers in :mod:`careplan_cli.report`. Rich markup is never
interpreted: every value reaches rich as a :class:`rich.text.Text`, after
:func:`careplan_cli.report.escape.shown` has made its control characters visible.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from careplan_cli.report.document import Document, Lines, Table
from careplan_cli.report.escape import shown
from careplan_cli.report.tables import plain_table


def colour_allowed(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _console(stream: TextIO, **options: Any) -> Any:
    from rich.console import Console

    return Console(file=stream, highlight=False, markup=False, emoji=False, **options)


class Out:
    """Where text goes: stdout or stderr, coloured with rich only on a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.colour = colour_allowed(self.stream)

    def line(self, text: str = "", style: str | None = None) -> None:
        if self.colour and style:
            from rich.text import Text

            _console(self.stream, soft_wrap=True).print(Text(shown(text), style=style))
        else:
            self.stream.write(shown(text) + "\n")

    def text(self, text: str) -> None:
        """Text written as it is: a writer's JSON, CSV or iCalendar, already made safe."""
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
            from rich.table import Column
            from rich.table import Table as RichTable
            from rich.text import Text

            columns = [Column(header=Text(shown(h))) for h in headers]
            table = RichTable(*columns, header_style="bold")
            for column in table.columns:
                column.overflow = "fold"  # wrap a long value on a narrow terminal, never cut it
            for index, row in enumerate(rows):
                style = styles[index] if index < len(styles) else None
                table.add_row(*(Text(shown(cell)) for cell in row), style=style)
            _console(self.stream).print(table)
        else:
            self.text(plain_table(headers, rows))

    def show(self, document: Document) -> None:
        """Whatever a writer returned: text as it is, styled lines, or a table."""
        if isinstance(document, Table):
            self.table(document.headers, document.rows, document.styles)
            if self.colour or not document.after_on_terminal_only:
                for text, style in document.after:
                    self.line(text, style)
        elif isinstance(document, Lines):
            for text, style in document.lines:
                self.line(text, style)
        else:
            self.text(document)


@contextmanager
def progress(total: int, label: str, threshold: int = 50) -> Iterator[Any]:
    """A progress bar on a terminal's stderr for long runs; a no-op otherwise."""
    if total < threshold or not colour_allowed(sys.stderr):
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(console=_console(sys.stderr), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)
