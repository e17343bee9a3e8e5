"""Commands that share a plan: render (a copy for people) and export (FHIR for systems)."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from careplan_cli.cli._shared import NoCommitOption, TodayOption, _reports_errors, app
from careplan_cli.cli.plain import settings_of
from careplan_cli.errors import UsageError


class CopyFormat(StrEnum):
    html = "html"
    md = "md"


class ExportFormat(StrEnum):
    fhir = "fhir"


def _write_out(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    from careplan_cli.commands.share import write_out

    write_out(text, out)


@app.command()
@_reports_errors
def render(
    plan: Annotated[str, typer.Argument(help="The plan: a path, or an id in plans/.")],
    output_format: Annotated[CopyFormat, typer.Option("--format", "-f")] = CopyFormat.html,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
    recipient: Annotated[
        str | None,
        typer.Option("--for", help="Only the sections agreed for this recipient (e.g. GP)."),
    ] = None,
    large_print: Annotated[bool, typer.Option("--large-print", help="HTML in 18 point.")] = False,
    override_consent: Annotated[
        bool, typer.Option("--override-consent", help="Make the copy without an agreement.")
    ] = False,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why consent is overridden (recorded).")
    ] = None,
    record_copy: Annotated[
        bool, typer.Option("--record-copy", help="Add the copy to the plan's copies; commit.")
    ] = False,
    no_commit: NoCommitOption = False,
    today: TodayOption = None,
) -> None:
    """Write a copy of a plan for people: plain language, their own words first.

    This copy SHOWS names, contact details and everything else in the plan:
    that is its purpose. With --for RECIPIENT it holds only the sections an
    information-sharing agreement names for that recipient, and it is refused
    when there is none or consent was refused, unless --override-consent
    --reason TEXT (the override is recorded in the plan's copies).

    \b
    Examples:
      careplan render CP-000102 --out CP-000102.html
      careplan render CP-000101 --for GP --format md --record-copy
      careplan render CP-000102 --large-print --out large.html
    """
    from careplan_cli.commands.share import CopyRequest, make_copy

    if override_consent and not reason:
        raise UsageError("--override-consent needs --reason TEXT: the reason is recorded")
    request = CopyRequest(
        plan,
        output_format.value,
        recipient=recipient,
        large_print=large_print,
        override_reason=reason if override_consent else None,
        record=record_copy,
        no_commit=no_commit,
    )
    text, recorded = make_copy(settings_of(today), request)
    if recorded is not None:
        sys.stderr.write(f"Recorded the copy in {recorded.written[0]}; {recorded.committed}.\n")
    _write_out(text, out)


@app.command()
@_reports_errors
def export(
    plan: Annotated[str, typer.Argument(help="The plan: a path, or an id in plans/.")],
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="fhir: an HL7 FHIR R4 Bundle (JSON).")
    ] = ExportFormat.fhir,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
    ods_code: Annotated[
        str | None,
        typer.Option(
            "--ods-code", help="The organisation's ODS code (else ods_code in careplan.toml)."
        ),
    ] = None,
) -> None:
    """Export a plan for other systems: an HL7 FHIR R4 Bundle (Patient, CarePlan, Goal,
    CareTeam, RelatedPerson, RiskAssessment, Flag, Consent). The same plan always gives the
    same bytes; ids are namespaced by the organisation's ODS code. The bundle holds the
    plan's personal data.

    \b
    Examples:
      careplan export CP-000102 --format fhir --out CP-000102.fhir.json
      careplan export CP-000102 --ods-code RX4
    """
    from careplan_cli.commands.share import export_bundle

    bundle = export_bundle(settings_of(None), plan, ods_code)
    from careplan_cli.report.escape import json_text

    _write_out(json_text(bundle, ensure_ascii=False), out)
