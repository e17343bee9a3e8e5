"""Commands over a plan's git history: log, diff and git's diff driver."""

from pathlib import Path
from typing import Annotated, Any

import typer

from careplan_cli.cli._shared import (
    ListFormat,
    _reports_errors,
    app,
)
from careplan_cli.errors import EXIT_FOUND, EXIT_OK, UsageError


@app.command()
@_reports_errors
def log(
    plan: Annotated[str, typer.Argument(help="The plan: a path, or an id in plans/.")],
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
) -> None:
    """Show a plan's history from git: each commit, and the reviews it recorded.

    \b
    Examples:
      careplan log CP-000102
      careplan log plans/CP-000102.yaml --format json
    """
    from careplan_cli.cli import output
    from careplan_cli.commands.history import plan_log
    from careplan_cli.report.history import WRITERS

    entries = plan_log(plan)
    output.Out().show(WRITERS[output_format.value](entries))


@app.command()
@_reports_errors
def diff(
    plan: Annotated[str, typer.Argument(help="The plan (path or id); with --no-index, OLD.")],
    rev_a: Annotated[str | None, typer.Argument(help="Old revision (default HEAD).")] = None,
    rev_b: Annotated[
        str | None, typer.Argument(help="New revision (default: the working tree).")
    ] = None,
    no_index: Annotated[
        bool, typer.Option("--no-index", help="Compare two files: --no-index OLD NEW.")
    ] = False,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
    paths_only: Annotated[
        bool, typer.Option("--paths-only", help="Say what changed, not the values.")
    ] = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when there are differences.")
    ] = False,
) -> None:
    """Show what changed in a plan, in care-planning terms, across git history.

    Lists are matched by meaning (goals, needs, interventions and risks by id,
    reviews by date), so reordering, comments and formatting are no change.
    Without revisions it compares HEAD with the working tree; with one, that
    revision with the working tree; with two, the two revisions.

    \b
    Examples:
      careplan diff CP-000102
      careplan diff CP-000102 HEAD~1 HEAD --format json
      careplan diff --no-index old.yaml new.yaml --paths-only
    """
    from careplan_cli.commands.history import revisions_of
    from careplan_cli.plan.diff import diff_plans, plan_data

    if no_index:
        if rev_a is None or rev_b is not None:
            raise UsageError("--no-index takes two files: careplan diff --no-index OLD NEW")
        old_path, new_path = Path(plan), Path(rev_a)
        for path in (old_path, new_path):
            if not path.is_file():
                raise UsageError(f"{path}: no such file")
        old = plan_data(old_path.read_bytes(), str(old_path))
        new = plan_data(new_path.read_bytes(), str(new_path))
        title = f"{old_path} -> {new_path}"
    else:
        (old_raw, old_name), (new_raw, new_name), title = revisions_of(plan, rev_a, rev_b)
        old, new = plan_data(old_raw, old_name), plan_data(new_raw, new_name)
    changes = diff_plans(old, new)
    _print_diff(changes, title, output_format, paths_only)
    raise typer.Exit(EXIT_FOUND if exit_code and changes else EXIT_OK)


def _print_diff(changes: list[Any], title: str, output_format: Any, paths_only: bool) -> None:
    from careplan_cli.cli import output
    from careplan_cli.report.changes import WRITERS

    output.Out().show(WRITERS[output_format.value](changes, title, paths_only))


@app.command("git-diff-driver", hidden=True)
@_reports_errors
def git_diff_driver(
    args: Annotated[list[str], typer.Argument(help="What git passes to an external diff.")],
) -> None:
    """git's external diff driver for plans (git runs it; see the README).

    \b
    Example:
      careplan git-diff-driver PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE
    set up with:
      git config diff.careplan.command "careplan git-diff-driver"
      echo 'plans/*.yaml diff=careplan' >> .gitattributes
    """
    from careplan_cli.plan.diff import diff_plans, plan_data

    if len(args) < 7:
        raise UsageError("git-diff-driver is run by git with 7 arguments; see careplan diff")
    name, old_file, new_file = args[0], Path(args[1]), Path(args[4])
    old = plan_data(old_file.read_bytes() if old_file.is_file() else None, f"a/{name}")
    new = plan_data(new_file.read_bytes() if new_file.is_file() else None, f"b/{name}")
    _print_diff(diff_plans(old, new), f"careplan diff {name}", ListFormat.text, False)
