"""The command line: parse arguments, call the core, print through :mod:`careplan_cli.cli.output`.

This package is the only place that imports typer. Each module holds a few commands whose
bodies turn options into plain arguments, call the library, and turn its results into output
and an exit code. Importing the package registers every command on :data:`app`, in the order
``careplan --help`` lists them (hence the unsorted imports).
"""

from careplan_cli.cli._shared import app, main

# isort: off
from careplan_cli.cli import check, caseload, team, write, edits, lifecycle, history, share
from careplan_cli.cli import interop, repo
# isort: on

__all__ = [
    "app",
    "caseload",
    "check",
    "edits",
    "history",
    "interop",
    "lifecycle",
    "main",
    "repo",
    "share",
    "team",
    "write",
]
