"""Commands that move plans between formats: import (from FHIR) and migrate (v1 to v2)."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from careplan_cli.cli._shared import NoCommitOption, TodayOption, _reports_errors, _settings, app


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

    done = import_bundle(_settings(today), bundle, no_commit=no_commit)
    for item in done.unmapped:
        sys.stderr.write(f"not imported: {item}\n")
    written = ", ".join(done.outcome.written)
    sys.stderr.write(f"Imported {done.plan_id} into {written}; {done.outcome.committed}.\n")
