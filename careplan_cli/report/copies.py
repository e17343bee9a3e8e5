"""render's output: a copy for people as HTML or Markdown.

:data:`WRITERS` maps each ``--format`` name to its writer. Each takes the copy, whether large
print was asked for, and an organisation's letterhead template ``(source, name)`` or None
(Markdown has no letterhead).
"""

from __future__ import annotations

from collections.abc import Callable

from careplan_cli.report.copytext import Copy

Letterhead = tuple[str, str] | None


def _html(copy: Copy, large_print: bool, letterhead: Letterhead) -> str:
    from careplan_cli.report.html import to_html

    if letterhead is None:
        return to_html(copy, large_print)
    return to_html(copy, large_print, template=letterhead[0], name=letterhead[1])


def _markdown(copy: Copy, large_print: bool, letterhead: Letterhead) -> str:
    from careplan_cli.report.markdown import to_markdown

    return to_markdown(copy)


WRITERS: dict[str, Callable[[Copy, bool, Letterhead], str]] = {"html": _html, "md": _markdown}
