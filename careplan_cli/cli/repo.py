"""Commands for a plan repository: init and config."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from careplan_cli.cli._shared import (
    ListFormat,
    _reports_errors,
    app,
)


@app.command()
@_reports_errors
def init(
    directory: Annotated[Path, typer.Argument(help="Where (default: here).")] = Path(),
    upgrade: Annotated[
        bool, typer.Option("--upgrade", help="Refresh the schema copy after upgrading careplan.")
    ] = False,
) -> None:
    """Set up a plan repository: plans/, careplan.toml, pre-commit, CI, diff driver.

    Makes what is missing and never overwrites anything (but the schema copy, with
    --upgrade), so it is safe to run again; commits what it made. Inside an existing
    git repository it sets up there; in a sub-folder of one, the pre-commit and CI
    files go to the repository root (where they are read) unless it has its own.

    \b
    Examples:
      careplan init
      careplan init ~/plans/north-team
      careplan init --upgrade
    """
    from careplan_cli.commands.init import init_repository

    for step in init_repository(directory, upgrade=upgrade):
        note = f"  ({step.note})" if step.note else ""
        sys.stdout.write(f"{step.action:>10}  {step.path}{note}\n")


@app.command()
@_reports_errors
def maintenance() -> None:
    """Make the repository's history fast to read as it grows (git's commit-graph).

    Turns on git's commit-graph with changed-path Bloom filters, which answer
    'which commits changed this plan' for careplan log; careplan init does the
    same. Run it once in an existing repository; git keeps it up to date.

    \b
    Example:
      careplan maintenance
    """
    from careplan_cli.commands.maintenance import maintain

    failed = False
    for step, done in maintain(Path.cwd()):
        sys.stdout.write(f"{'done' if done else 'failed':>10}  {step}\n")
        failed = failed or not done
    raise typer.Exit(1 if failed else 0)


@app.command("config")
@_reports_errors
def show_config(
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
) -> None:
    """Print the configuration in force and where each value came from.

    careplan.toml is found by walking up from the working directory. Keys:
    plan_dir, id_prefix, id_digits, due_within, review_policy.max_months,
    review_policy.social_care_first_review_weeks, rules.disable,
    rules.severity, required.fields (see the README).

    \b
    Examples:
      careplan config
      careplan config --format json
    """
    from careplan_cli.cli import output
    from careplan_cli.commands.config import configuration
    from careplan_cli.report.settings import WRITERS

    shown = configuration()
    writer = WRITERS[output_format.value]
    output.Out().show(writer(shown.values, shown.sources, shown.descriptions, shown.config_file))
