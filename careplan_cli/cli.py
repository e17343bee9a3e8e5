"""The command line: parse arguments, call the core, print through :mod:`careplan_cli.output`.

This is the only module that imports typer. Command bodies stay short: they turn options into
plain arguments, call the library, and turn its results into output and an exit code.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from careplan_cli import __version__
from careplan_cli.errors import EXIT_FOUND, EXIT_OK, CareplanError, UsageError

app = typer.Typer(
    name="careplan",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # a bug report must never dump a plan
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


def _reports_errors(command: F) -> F:
    """Turn a CareplanError into ``error: ...`` on stderr and its exit code; no traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CareplanError as exc:
            sys.stderr.write(f"error: {exc.message}\n")
            raise typer.Exit(exc.exit_code) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"careplan {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Care plans as schema-validated YAML files in git.

    \b
    Examples:
      careplan validate examples/
      careplan rules CP204
    """


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _today(value: str | None) -> date:
    from careplan_cli.dates import date_option

    return date_option(value, "--today") or date.today()


def _plan_paths(paths: list[Path] | None) -> list[Path]:
    if paths:
        return paths
    from careplan_cli.config import default_plan_dir

    plan_dir = default_plan_dir(Path.cwd())
    if not plan_dir.is_dir():
        raise UsageError(
            f"no plan directory at {plan_dir}; give the files or directories "
            "to check, e.g. careplan validate examples/"
        )
    return [Path(os.path.relpath(plan_dir))]


TodayOption = Annotated[
    str | None,
    typer.Option("--today", metavar="YYYY-MM-DD", help="Check as of this date instead of today."),
]


@app.command()
@_reports_errors
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan files or directories (searched for *.yaml, *.yml). Default: plans/.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ValidateFormat,
        typer.Option("--format", "-f", help="text, json, or github (Actions annotations)."),
    ] = ValidateFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings as well as errors.")
    ] = False,
    today: TodayOption = None,
) -> None:
    """Check plans against the schema and the care-planning rules.

    Exits 0 when every plan is valid, 1 when any has an error (or a warning,
    with --strict), 2 on a usage error. Messages never show values from a plan.

    \b
    Examples:
      careplan validate examples/
      careplan validate --format github plans/
      careplan validate --strict --today 2026-06-01 plans/CP-000123.yaml
    """
    from careplan_cli import formats, output
    from careplan_cli.config import Settings
    from careplan_cli.validate import check_file, discover, summarise

    settings = Settings(today=_today(today))
    files = discover(_plan_paths(paths))
    out = output.Out()
    results = []
    with output.progress(len(files), "Validating") as advance:
        for path in files:
            result = check_file(path, settings)
            results.append(result)
            advance()
            if output_format is ValidateFormat.text:
                for finding in result.findings:
                    style = "red" if finding.severity.value == "error" else "yellow"
                    out.line(formats.finding_line(finding), style)
            elif output_format is ValidateFormat.github:
                out.text("\n".join(formats.github_annotation(f) for f in result.findings))
    counts = summarise(results, strict)
    if output_format is ValidateFormat.json:
        out.text(formats.validate_json(results, strict))
    elif output_format is ValidateFormat.text:
        out.line(formats.validate_summary(*counts), "bold")
    raise typer.Exit(EXIT_FOUND if counts[1] else EXIT_OK)


class DueFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    ics = "ics"


class TableFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


CoordinatorOption = Annotated[
    str | None,
    typer.Option("--coordinator", "-c", help="Only this coordinator's caseload (their name)."),
]
ShowNamesOption = Annotated[
    bool, typer.Option("--show-names", help="Show service users' names (personal data).")
]
PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Plan files or directories. Default: plans/ of this repository.", show_default=False
    ),
]


def _report_unreadable(problems: list[Any]) -> None:
    """Plans that could not be read go to stderr, by file, so that the rest are still listed."""
    from careplan_cli import formats

    if not problems:
        return
    for result in problems:
        for finding in result.findings:
            sys.stderr.write(formats.finding_line(finding) + "\n")
    noun = "plan" if len(problems) == 1 else "plans"
    sys.stderr.write(
        f"{len(problems)} {noun} skipped: not a valid plan (see 'careplan validate').\n"
    )


@app.command()
@_reports_errors
def due(
    paths: PathsArgument = None,
    within: Annotated[
        str, typer.Option("--within", "-w", help="Also list reviews due within Nd, Nw or Nm.")
    ] = "14d",
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
) -> None:
    """List active plans whose review is overdue or due soon, most overdue first.

    Quiet when nothing is due (text format): made for cron, which mails only
    non-empty output. Plans with no next review date are listed too.

    \b
    Examples:
      careplan due
      careplan due --overdue --exit-code plans/
      careplan due --coordinator "Tom Adeyemi" --within 4w
      careplan due --format ics > reviews.ics
    """
    from careplan_cli import formats, output
    from careplan_cli.config import Settings
    from careplan_cli.dates import add_period
    from careplan_cli.due import due_reviews, load_summaries

    settings = Settings(today=_today(today))
    horizon = add_period(settings.today, within)
    plans, problems = load_summaries(_plan_paths(paths), settings)
    listed = due_reviews(
        plans, settings.today, horizon, overdue_only=overdue, coordinator=coordinator
    )
    _report_unreadable(problems)
    out = output.Out()
    if output_format is DueFormat.json:
        out.text(formats.due_json(listed, settings.today, show_names))
    elif output_format is DueFormat.csv:
        out.text(formats.due_csv(listed, settings.today, show_names))
    elif output_format is DueFormat.ics:
        out.stream.write(formats.due_ics(listed, settings.today, show_names))
    elif listed:
        styles = ["red" if (p.days_overdue(settings.today) or 1) > 0 else None for p in listed]
        out.table(
            formats.due_headers(show_names),
            formats.due_rows(listed, settings.today, show_names),
            styles,
        )
        out.line(formats.due_summary(listed, settings.today), "bold")
    found = bool(listed or problems)
    raise typer.Exit(EXIT_FOUND if exit_code and found else EXIT_OK)


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
) -> None:
    """List plans with their type, level, status, coordinator and next review.

    \b
    Examples:
      careplan list
      careplan list --status active --type cpa
      careplan list --coordinator "Priya Raman" --format csv > caseload.csv
    """
    from careplan_cli import formats, output
    from careplan_cli.config import Settings
    from careplan_cli.due import load_summaries, select_plans

    _check_choice("--status", status, ("draft", "active", "on-hold", "closed"))
    _check_choice("--type", plan_type, ("cpa", "social-care", "substance-misuse"))
    settings = Settings(today=_today(today))
    plans, problems = load_summaries(_plan_paths(paths), settings)
    chosen = select_plans(plans, status=status, plan_type=plan_type, coordinator=coordinator)
    _report_unreadable(problems)
    out = output.Out()
    if output_format is TableFormat.json:
        out.text(formats.list_json(chosen, show_names))
    elif output_format is TableFormat.csv:
        out.text(formats.list_csv(chosen, show_names))
    else:
        out.table(formats.list_headers(show_names), formats.list_rows(chosen, show_names))
        if out.colour:
            out.line(formats.list_summary(chosen, settings.today), "bold")


def _check_choice(option: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise UsageError(f"{option} must be one of: {', '.join(choices)}")


class ListFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
@_reports_errors
def rules(
    code: Annotated[str | None, typer.Argument(help="A rule code, e.g. CP204.")] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
) -> None:
    """List the checks careplan makes, or explain one.

    \b
    Examples:
      careplan rules
      careplan rules CP204
      careplan rules --format json
    """
    from careplan_cli import formats, output
    from careplan_cli.rules import REGISTRY, all_rules

    out = output.Out()
    if code is None:
        if output_format is ListFormat.json:
            out.text(formats.rules_json(all_rules()))
        else:
            out.table(["code", "severity", "name", "title"], formats.rules_rows(all_rules()))
        return
    rule = REGISTRY.get(code.upper())
    if rule is None:
        raise UsageError(f"no rule {code}; 'careplan rules' lists them")
    out.text(
        formats.rules_json([rule])
        if output_format is ListFormat.json
        else formats.rule_explanation(rule)
    )


@app.command()
def schema() -> None:
    """Print the plan format's JSON Schema (draft 2020-12), for editors and other tools.

    \b
    Example:
      careplan schema > careplan.schema.json
    """
    from careplan_cli.schema import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))


def main() -> None:
    app(prog_name="careplan")
