"""The team's figures: careplan report."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from careplan_cli.cli._shared import (
    CoordinatorOption,
    PathsArgument,
    TodayOption,
    _reports_errors,
    app,
)
from careplan_cli.cli.plain import plan_paths, settings_of
from careplan_cli.errors import EXIT_FOUND, EXIT_OK


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    html = "html"


@app.command()
@_reports_errors
def report(
    paths: PathsArgument = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", metavar="YYYY-MM-DD", help="Figures as of this date (default today)."
        ),
    ] = None,
    as_recorded: Annotated[
        bool,
        typer.Option(
            "--as-recorded", help="Count only what had been committed by the end of that date."
        ),
    ] = False,
    months: Annotated[
        int, typer.Option("--months", "-m", help="Month ends in the trend (0: none).")
    ] = 12,
    by: Annotated[
        list[str] | None,
        typer.Option("--by", help="Group by coordinator, team, type or level (repeatable)."),
    ] = None,
    coordinator: CoordinatorOption = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text, json, csv or html.")
    ] = ReportFormat.text,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file (mode 0600).")
    ] = None,
    no_suppress: Annotated[
        bool, typer.Option("--no-suppress", help="csv and html: show counts of 1-4.")
    ] = False,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Exit 1 when a figure breaches a careplan.toml threshold."
        ),
    ] = False,
    today: TodayOption = None,
) -> None:
    """Team figures as of a date, by group, and month by month: for boards and managers.

    Aggregates only: no service user's name or id. csv and html hide counts of 1-4
    (and any count that would reveal them) unless --no-suppress. Each figure is defined in
    docs/report.md.

    \b
    Examples:
      careplan report
      careplan report --as-of 2026-10-31 --by team --format json
      careplan report --as-of 2026-10-31 --as-recorded --months 12 --format html --out board.html
      careplan report --coordinator "Tom Adeyemi" --months 0
    """
    from careplan_cli.cli import output
    from careplan_cli.commands.report import build_report, rendered
    from careplan_cli.plan.dates import date_option

    settings = settings_of(today)
    day = date_option(as_of, "--as-of") or settings.today
    result = build_report(
        plan_paths(paths, settings),
        settings,
        day=day,
        months=months,
        by=tuple(by or ["coordinator"]),
        coordinator=coordinator,
        as_recorded=as_recorded,
    )
    for note in result.report.notes:
        sys.stderr.write(f"note: {note}\n")
    if result.report.skipped:
        sys.stderr.write(
            f"{result.report.skipped} plan(s) skipped: not valid plans (see 'careplan validate').\n"
        )
    if output_format is ReportFormat.text and out is None:
        sink = output.Out()
        for title, headers, rows in result.tables():
            sink.line(title, "bold")
            sink.table(headers, rows)
    else:
        text = rendered(result.report, output_format.value, suppress=not no_suppress)
        if out is None:
            sys.stdout.write(text)
        else:
            from careplan_cli.commands.report import write_private

            write_private(out, text)
    for breach in result.breaches:
        sys.stderr.write(f"threshold not met: {breach}\n")
    raise typer.Exit(EXIT_FOUND if exit_code and result.breaches else EXIT_OK)
