"""Commands that move plans between formats: import (from FHIR) and migrate (v1 to v2)."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from careplan_cli.cli._shared import NoCommitOption, TodayOption, _reports_errors, app
from careplan_cli.cli.plain import settings_of


class ImportFormat(StrEnum):
    fhir = "fhir"


@app.command("import")
@_reports_errors
def import_plan(
    bundle: Annotated[Path, typer.Argument(help="The bundle: a JSON file.", show_default=False)],
    source: Annotated[
        ImportFormat, typer.Option("--from", help="fhir: an HL7 FHIR R4 Bundle (JSON).")
    ] = ImportFormat.fhir,
    no_commit: NoCommitOption = False,
    today: TodayOption = None,
) -> None:
    """Import a plan from a FHIR Bundle into plans/<id>.yaml, validated and committed (written
    without a commit outside a repository). A bundle careplan exported comes back whole; from
    another system's bundle, what could not be mapped is listed on stderr (exit 0), and
    nothing usable is exit 1.

    \b
    Examples:
      careplan import --from fhir CP-000102.fhir.json
    """
    from careplan_cli.commands.importing import import_bundle

    done = import_bundle(settings_of(today), bundle, no_commit=no_commit)
    for item in done.unmapped:
        sys.stderr.write(f"not imported: {item}\n")
    written = ", ".join(done.outcome.written)
    sys.stderr.write(f"Imported {done.plan_id} into {written}; {done.outcome.committed}.\n")


@app.command()
@_reports_errors
def migrate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Plan files or directories. Default: the plan directory."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the diff; write nothing.")
    ] = False,
    no_commit: NoCommitOption = False,
    today: TodayOption = None,
) -> None:
    """Rewrite format v1 plans as v2 (comments and order kept), all in one commit. Nothing is
    made up: what v2 asks that the plan does not say is listed (file, field, what to supply)
    on stderr, and the exit code is 1 until a person supplies it.

    \b
    Examples:
      careplan migrate --dry-run        # the diff, nothing written
      careplan migrate                  # every v1 plan in plans/, one commit
    """
    from careplan_cli.commands.migrate import migrate_plans

    done = migrate_plans(settings_of(today), paths, dry_run=dry_run, no_commit=no_commit)
    if dry_run:
        sys.stdout.write(done.diff)
    for need in done.needs:
        sys.stderr.write(f"{need.plan}: {need.field}: to supply: {need.what}\n")
    count = len(done.plans)
    if not count:
        sys.stderr.write("No format v1 plans found; nothing to migrate.\n")
    elif done.outcome is None:
        sys.stderr.write(f"Would migrate {count} plan(s) (dry run: nothing written).\n")
    else:
        sys.stderr.write(f"Migrated {count} plan(s); {done.outcome.committed}.\n")
    if done.needs:
        sys.stderr.write(f"{len(done.needs)} thing(s) only a person can supply (above).\n")
        raise typer.Exit(1)
