"""The whole command line: importing this module registers every command on :data:`app`, in
the order ``careplan --help`` lists them (hence the unsorted imports).
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
