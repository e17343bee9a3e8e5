"""Commands that share a plan: render (a copy for people) and export (FHIR for systems)."""

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from careplan_cli.cli._shared import NoCommitOption, TodayOption, _reports_errors, _settings, app
from careplan_cli.errors import RefusedError, UsageError


class CopyFormat(StrEnum):
    html = "html"
    md = "md"


class ExportFormat(StrEnum):
    fhir = "fhir"


def _valid_plan(path: Path) -> dict[str, Any]:
    """The plan's data, refused unless it loads and matches the schema."""
    from careplan_cli.plan.schema import schema_problems
    from careplan_cli.plan.yamlload import read_plan_file

    loaded = read_plan_file(path)
    if loaded.data is None:
        first = loaded.findings[0]
        raise RefusedError(
            f"{path}:{first.line}:{first.column}: the plan cannot be read: "
            f"{first.code} {first.message}"
        )
    if schema_problems(loaded.data):
        raise RefusedError(f"{path} does not match the plan format; run careplan validate")
    return loaded.data


def _write_out(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    from careplan_cli.adapters.files import atomic_write

    atomic_write(out, text)


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
    from careplan_cli.adapters.files import plan_lock
    from careplan_cli.commands import editing
    from careplan_cli.plan.review import add_copy
    from careplan_cli.report.render import (
        ALL_SECTIONS,
        build_copy,
        sections_for,
        to_html,
        to_markdown,
    )

    if override_consent and not reason:
        raise UsageError("--override-consent needs --reason TEXT: the reason is recorded")
    settings = _settings(today)
    path = editing.resolve_plan(plan, Path.cwd())
    data = _valid_plan(path)
    try:
        sections = sections_for(data, recipient)
        overridden = None
    except RefusedError as refusal:
        if not override_consent:
            raise RefusedError(
                f"{refusal.message}; no copy made (--override-consent --reason "
                "TEXT to make one anyway, recorded in the plan)"
            ) from None
        sections, overridden = list(ALL_SECTIONS), reason
    copy = build_copy(data, sections, recipient)
    text = to_html(copy, large_print) if output_format is CopyFormat.html else to_markdown(copy)
    if record_copy or overridden:
        entry: dict[str, Any] = {
            "recipient": recipient or "service-user",
            "date": settings.today.isoformat(),
            "format": "large print" if large_print else output_format.value,
        }
        if recipient and sections != list(ALL_SECTIONS):
            entry["sections"] = [s for s in sections if s != "about"]
        if overridden:
            entry["override_reason"] = overridden
        with plan_lock(path):
            commit = editing.prepare_commit(path, no_commit=no_commit, must_be_clean=True)
            stem = path.name.rsplit(".", 1)[0]
            new_text = add_copy(editing.read_plan_text(path), stem, entry, settings)
            from careplan_cli.adapters.files import atomic_write

            atomic_write(path, new_text)
            said = editing.finish_commit(
                commit, path, f"Record copy of {stem} for {entry['recipient']}"
            )
        sys.stderr.write(f"Recorded the copy in {os.path.relpath(path)}; {said}.\n")
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
    from careplan_cli.adapters.config import ODS_CODE, organisation_code
    from careplan_cli.commands import editing
    from careplan_cli.report.fhir import code_problems, to_bundle

    ods = ods_code or organisation_code(Path.cwd())
    if not ods:
        raise UsageError(
            "no organisation code: set ods_code in careplan.toml (or give --ods-code), so that "
            "exported ids cannot collide with another organisation's"
        )
    if not ODS_CODE.fullmatch(ods):
        raise UsageError("--ods-code must be 3 to 10 capital letters and digits, such as RX4")
    path = editing.resolve_plan(plan, Path.cwd())
    bundle = to_bundle(_valid_plan(path), ods)
    problems = code_problems(bundle)
    if problems:
        raise RefusedError("the bundle would not be valid FHIR: " + "; ".join(problems))
    _write_out(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n", out)
