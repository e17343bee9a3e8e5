"""The ``careplan`` program: answers ``--version`` before anything else loads, then hands the
command line to the typer app in :mod:`careplan_cli.cli`.

Importing :mod:`careplan_cli.cli` builds the whole command line (typer, click and every
command module: about two thirds of a short run's start-up), so the one question that needs
none of it is answered here, as ``git --version`` is; and ``validate``, the pre-commit hook's
and CI's command, is run without typer when its command line is plainly well formed
(:mod:`careplan_cli.cli.quick`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from careplan_cli import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"careplan {__version__}\n")
        return
    if sys.argv[1:2] == ["validate"]:
        from careplan_cli.cli import quick

        code = _without_broken_pipes(quick.main, sys.argv[2:])
        if code is not None:
            sys.exit(code)
    from careplan_cli.cli import main as run_command_line

    run_command_line()


def _without_broken_pipes(run: Callable[[list[str]], int | None], argv: list[str]) -> int | None:
    """``run(argv)``; if the reader went away (``careplan validate | head``), stop quietly.

    With exit 1, as the typer command does: click ends any command whose output pipe closed
    that way (before ``cli._shared.main`` could say 141), and the two ways must agree.
    """
    try:
        return run(argv)
    except BrokenPipeError:
        from careplan_cli.cli.plain import quiet_stdout

        quiet_stdout()
        return 1
