"""Commands that check plans and explain the checks: validate, rules, schema."""

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from careplan_cli.cli._shared import (
    ListFormat,
    NoCacheOption,
    TodayOption,
    ValidateFormat,
    _reports_errors,
    app,
)
from careplan_cli.cli.plain import settings_of
from careplan_cli.errors import UsageError


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
    no_cache: NoCacheOption = False,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REV",
            help="Only plans changed since REV (all of them if careplan.toml or the schema "
            "changed).",
        ),
    ] = None,
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
    from careplan_cli.cli.quick import ValidateArgs, run

    fields = (output_format.value, strict, today, no_cache, changed_since)
    raise typer.Exit(run(ValidateArgs(list(paths or []), *fields)))


@app.command()
@_reports_errors
def rules(
    code: Annotated[str | None, typer.Argument(help="A rule code, e.g. CP204.")] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
) -> None:
    """List the checks careplan makes, or explain one.

    Severities are those in force here: the policy profile of careplan.toml (cpa-2008 when
    none is set) with its [rules] overrides; "off" marks a rule switched off.

    \b
    Examples:
      careplan rules
      careplan rules CP204
      careplan rules --format json
    """
    from careplan_cli.cli import output
    from careplan_cli.plan.rules import REGISTRY, all_rules
    from careplan_cli.report import rules as report

    out = output.Out()
    settings = settings_of(None)
    in_force = [replace(r, severity=settings.severity(r.code, r.severity)) for r in all_rules()]
    if code is None:
        if output_format is ListFormat.json:
            out.show(report.LIST_WRITERS[output_format.value](in_force))
        else:
            from careplan_cli.report.document import Table

            rows = report.rules_rows(in_force)
            for row in rows:
                row[1] = "off" if row[0] in settings.disabled else row[1]
            out.show(Table(report.RULES_HEADERS, rows))
        return
    rule = REGISTRY.get(code.upper())
    if rule is None:
        raise UsageError(f"no rule {code}; 'careplan rules' lists them")
    out.show(report.ONE_WRITERS[output_format.value](rule))


@app.command()
@_reports_errors
def schema() -> None:
    """Print the plan format's JSON Schema (draft 2020-12), for editors and other tools.

    \b
    Example:
      careplan schema > careplan.schema.json
    """
    from careplan_cli.plan.schema import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))
