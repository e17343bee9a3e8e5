"""``careplan render`` and ``careplan export``: a copy of a plan for people, a FHIR Bundle
for systems; a copy given may be recorded in the plan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careplan_cli.commands.locate import repository_root, resolve_plan
from careplan_cli.commands.session import Outcome, PlanSession
from careplan_cli.errors import RefusedError, UsageError
from careplan_cli.plan.readable import readable
from careplan_cli.plan.review import add_copy
from careplan_cli.plan.schema import schema_problems
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.yamlload import read_plan_file


@dataclass(frozen=True)
class CopyRequest:
    plan: str
    output_format: str  # html | md
    recipient: str | None = None
    large_print: bool = False
    override_reason: str | None = None  # --override-consent --reason
    record: bool = False  # --record-copy
    no_commit: bool = False


def valid_plan(settings: Settings, ref: str, cwd: Path) -> tuple[Path, dict[str, Any]]:
    """The plan's path and data, refused unless it loads and matches the schema."""
    path = resolve_plan(ref, cwd)
    text, data = readable(read_plan_file(path, repository_root(settings, cwd)), str(path))
    if schema_problems(data, text=text):
        raise RefusedError(f"{path} does not match the plan format; run careplan validate")
    return path, data


def make_copy(settings: Settings, request: CopyRequest) -> tuple[str, Outcome | None]:
    """The copy's text, and what recording it did (when it was recorded)."""
    from careplan_cli.adapters.letterhead import letterhead
    from careplan_cli.plan.consent import ALL_SECTIONS, sections_for
    from careplan_cli.report.copies import WRITERS
    from careplan_cli.report.sections import build_copy

    cwd = Path.cwd()
    _, data = valid_plan(settings, request.plan, cwd)
    try:
        sections = sections_for(data, request.recipient)
        overridden = None
    except RefusedError as refusal:
        if request.override_reason is None:
            raise RefusedError(
                f"{refusal.message}; no copy made (--override-consent --reason "
                "TEXT to make one anyway, recorded in the plan)"
            ) from None
        sections, overridden = list(ALL_SECTIONS), request.override_reason
    copy = build_copy(data, sections, request.recipient)
    # An organisation's letterhead, from its plan repository (HTML only; untrusted, sandboxed).
    html = request.output_format == "html"
    template = letterhead(repository_root(settings, cwd)) if html else None
    text = WRITERS[request.output_format](copy, request.large_print, template)
    if not (request.record or overridden):
        return text, None
    entry: dict[str, Any] = {
        "recipient": request.recipient or "service-user",
        "date": settings.today.isoformat(),
        "format": "large print" if request.large_print else request.output_format,
    }
    if request.recipient and sections != list(ALL_SECTIONS):
        entry["sections"] = [s for s in sections if s != "about"]
    if overridden:
        entry["override_reason"] = overridden
    return text, record_copy(settings, request.plan, entry, no_commit=request.no_commit)


def record_copy(settings: Settings, ref: str, entry: dict[str, Any], *, no_commit: bool) -> Outcome:
    with PlanSession(settings, no_commit=no_commit) as session:
        plan = session.open(ref)
        session.stage(plan, add_copy(plan.text, entry), records_event=True)
        return session.commit(f"Record copy of {plan.plan_id} for {entry['recipient']}")


def write_out(text: str, out: Path) -> None:
    """Write a copy or a bundle where the user said: 0600, atomic, never through a link."""
    from careplan_cli.adapters.outfile import write_private

    write_private(out.absolute(), text)


def export_bundle(settings: Settings, ref: str, ods_code: str | None = None) -> dict[str, Any]:
    """The plan as a FHIR R4 Bundle namespaced by the organisation's ODS code (``--ods-code``,
    else ``ods_code`` in careplan.toml); refused if its codes would not be valid FHIR."""
    from careplan_cli.adapters.config import organisation_code
    from careplan_cli.adapters.configkeys import ODS_CODE
    from careplan_cli.report.fhir import code_problems, to_bundle

    ods = ods_code or organisation_code(Path.cwd())
    if not ods:
        raise UsageError(
            "no organisation code: set ods_code in careplan.toml (or give --ods-code), so that "
            "exported ids cannot collide with another organisation's"
        )
    if not ODS_CODE.fullmatch(ods):
        raise UsageError("--ods-code must be 3 to 10 capital letters and digits, such as RX4")
    _, data = valid_plan(settings, ref, Path.cwd())
    bundle = to_bundle(data, ods)
    problems = code_problems(bundle)
    if problems:
        raise RefusedError("the bundle would not be valid FHIR: " + "; ".join(problems))
    return bundle
