"""The command line: parse arguments, call the core, print through :mod:`careplan_cli.cli.output`.

This package is the only place that imports typer. Each module holds a few commands whose
bodies turn options into plain arguments, call the library, and turn its results into output
and an exit code. :mod:`careplan_cli.cli.commandline` registers every command on the typer
app; it is imported when ``app`` or ``main`` is first asked of this package, so that
:mod:`careplan_cli.cli.quick` (validate without typer) can live here without loading it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careplan_cli.cli.commandline import app, main

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from careplan_cli.cli import commandline

        return getattr(commandline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
