"""Commands for a caseload: due (for cron and key workers) and list."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from careplan_cli.cli._shared import (
    CoordinatorOption,
    DueFormat,
    NoCacheOption,
    PathsArgument,
    ShowNamesOption,
    TableFormat,
    TodayOption,
    _check_choice,
    _reports_errors,
    app,
)
from careplan_cli.cli.plain import plan_paths, settings_of
from careplan_cli.errors import EXIT_FOUND, EXIT_OK, UsageError


def _summaries(
    paths: list[Path] | None, settings: Any, no_cache: bool
) -> tuple[list[Any], list[Any]]:
    """Summaries of the plans that load and match the schema; the results of those that don't.

    A broken plan is returned as a problem rather than raised, so it never hides the others.
    """
    from careplan_cli.commands.engine import check_many
    from careplan_cli.plan.validate import discover

    files = discover(plan_paths(paths, settings))
    checked = check_many(files, settings, use_cache=not no_cache)
    return [c.summary for c in checked if c.summary], [c for c in checked if not c.summary]


def _report_unreadable(problems: list[Any]) -> None:
    """Plans that could not be read go to stderr, by file, so that the rest are still listed."""
    from careplan_cli.report.findings import finding_line

    if not problems:
        return
    for result in problems:
        for finding in result.findings:
            sys.stderr.write(finding_line(finding) + "\n")
    noun = "plan" if len(problems) == 1 else "plans"
    sys.stderr.write(
        f"{len(problems)} {noun} skipped: not a valid plan (see 'careplan validate').\n"
    )


@app.command()
@_reports_errors
def due(
    paths: PathsArgument = None,
    within: Annotated[
        str | None,
        typer.Option(
            "--within", "-w", help="Also list reviews due within Nd, Nw or Nm (default 14d)."
        ),
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only reviews already past.")] = False,
    coordinator: CoordinatorOption = None,
    output_format: Annotated[
        DueFormat, typer.Option("--format", "-f", help="text, json, csv or ics (iCalendar).")
    ] = DueFormat.text,
    show_names: ShowNamesOption = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when anything is listed.")
    ] = False,
    today: TodayOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List active plans whose review is overdue or due soon, most overdue first.

    Quiet when nothing is due (text format): made for cron, which mails only
    non-empty output. Plans with no next review date are listed too. Plans on hold
    follow in their own section when their hold_review_by is within --within or past
    (csv: rows with due_for "hold review"; ics: "Care plan hold review" events).

    \b
    Examples:
      careplan due
      careplan due --overdue --exit-code plans/
      careplan due --coordinator "Tom Adeyemi" --within 4w
      careplan due --format ics > reviews.ics
    """
    from careplan_cli.cli import output
    from careplan_cli.plan.dates import add_period
    from careplan_cli.plan.due import due_reviews, holds_due
    from careplan_cli.report.holds import DUE_WITH_HOLDS

    settings = settings_of(today)
    horizon = add_period(settings.today, within or settings.due_within)
    plans, problems = _summaries(paths, settings, no_cache)
    _known_coordinator(coordinator, plans)
    listed = due_reviews(
        plans, settings.today, horizon, overdue_only=overdue, coordinator=coordinator
    )
    holds = holds_due(plans, settings.today, horizon, overdue_only=overdue, coordinator=coordinator)
    _report_unreadable(problems)
    out = output.Out()
    for part in DUE_WITH_HOLDS[output_format.value](listed, holds, settings.today, show_names):
        out.show(part)
    found = bool(listed or holds or problems)
    raise typer.Exit(EXIT_FOUND if exit_code and found else EXIT_OK)


def _known_coordinator(wanted: str | None, plans: Any) -> None:
    """A --coordinator that names no one is a mistake to point out, with the nearest names."""
    if wanted is None:
        return
    names = [p.coordinator for p in plans]
    if not any(name.casefold() == wanted.casefold() for name in names):
        from careplan_cli.plan.names import no_one_called

        raise UsageError(no_one_called("--coordinator", wanted, names))


@app.command("list")
@_reports_errors
def list_plans(
    paths: PathsArgument = None,
    status: Annotated[
        str | None, typer.Option("--status", help="draft, active, on-hold or closed.")
    ] = None,
    plan_type: Annotated[
        str | None, typer.Option("--type", help="cpa, social-care or substance-misuse.")
    ] = None,
    coordinator: CoordinatorOption = None,
    output_format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.text,
    show_names: ShowNamesOption = False,
    today: TodayOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List plans with their type, level, status, coordinator and next review.

    \b
    Examples:
      careplan list
      careplan list --status active --type cpa
      careplan list --coordinator "Priya Raman" --format csv > caseload.csv
    """
    from careplan_cli.cli import output
    from careplan_cli.plan.due import select_plans
    from careplan_cli.plan.vocabulary import choices
    from careplan_cli.report.caseload import LIST_WRITERS

    _check_choice("--status", status, choices("status"))
    _check_choice("--type", plan_type, choices("type"))
    settings = settings_of(today)
    plans, problems = _summaries(paths, settings, no_cache)
    _known_coordinator(coordinator, plans)
    chosen = select_plans(plans, status=status, plan_type=plan_type, coordinator=coordinator)
    _report_unreadable(problems)
    output.Out().show(LIST_WRITERS[output_format.value](chosen, settings.today, show_names))
