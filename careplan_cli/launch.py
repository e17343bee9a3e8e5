"""The ``careplan`` program: answers ``--version`` before anything else loads, then hands the
command line to the typer app in :mod:`careplan_cli.cli`.

Importing :mod:`careplan_cli.cli` builds the whole command line (typer, click and every
command module: about two thirds of a short run's start-up), so the one question that needs
none of it is answered here, as ``git --version`` is.
"""

from __future__ import annotations

import sys

from careplan_cli import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"careplan {__version__}\n")
        return
    from careplan_cli.cli import main as run_command_line

    run_command_line()
