"""What the commands share that needs no typer: the run's settings, the default plan paths,
and quieting a closed output.

:mod:`careplan_cli.cli.quick` runs ``validate`` without loading typer, so what it needs from
the command line's shared code lives here rather than in :mod:`careplan_cli.cli._shared`.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from careplan_cli.errors import UsageError


def today_of(value: str | None) -> date:
    """``--today`` as a date (a usage error if it is not one), or today."""
    from careplan_cli.plan.dates import date_option

    return date_option(value, "--today") or date.today()


def settings_of(today: str | None) -> Any:
    """The effective settings: careplan.toml around the working directory, and --today."""
    from careplan_cli.commands.config import settings_for

    return settings_for(today_of(today))


def plan_paths(paths: list[Path] | None, settings: Any) -> list[Path]:
    """The paths given, or the repository's plan directory when none are."""
    if paths:
        return paths
    plan_dir = settings.plan_dir
    if not plan_dir.is_dir():
        raise UsageError(
            f"no plan directory at {plan_dir}; give the files or directories "
            "to check, e.g. careplan validate examples/"
        )
    return [Path(os.path.relpath(plan_dir))]


def quiet_stdout() -> None:
    """The reader of standard output went away (``careplan list | head``): send what is left
    to /dev/null, so that closing the stream at exit raises nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
