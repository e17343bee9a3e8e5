"""Format v1 to v2: the pure part of ``careplan migrate``.

Turns a v1 plan's text into v2 text in ruamel round-trip mode, so that comments, order and
quoting stay as the person wrote them. It never invents a value: it renames what v1 recorded
under another name (a carer's ``assessment_offered`` becomes ``assessment``), numbers carers and
care-team members (``C1``, ``T1``) as needs and goals are numbered, and marks the reviews it
carries over (``recorded_under_v1``). What only a person can supply — a closure reason, the
date to review a hold, eligibility, capacity assessments — is returned as a list, taken from
the v2 rules' findings on the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from careplan_cli.plan.findings import Finding
from careplan_cli.plan.roundtrip import dump_text, load_text
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.validate import check_data


@dataclass(frozen=True)
class ToSupply:
    """One thing only a person can supply: which plan, which field (JSON pointer), what."""

    plan: str
    field: str
    what: str


class NotV1Error(ValueError):
    """The text is not a format v1 plan (already v2, or not a plan that loads)."""


def migrate_text(text: str, file_stem: str, settings: Settings) -> tuple[str, list[ToSupply]]:
    """The plan's text as format v2, and what a person must supply to complete it."""
    document = load_text(text)
    if not hasattr(document, "get") or document.get("schema_version") != 1:
        raise NotV1Error(f"{file_stem}: not a format v1 plan")
    document["schema_version"] = 2
    _number(document.get("care_team"), "T")
    _number(document.get("carers"), "C")
    for carer in _entries(document.get("carers")):
        _carer_assessment(carer)
    for review in _entries(document.get("reviews")):
        review["recorded_under_v1"] = True
    migrated = dump_text(document)
    return migrated, _to_supply(text, migrated, file_stem, settings)


def _entries(section: Any) -> list[Any]:
    if not isinstance(section, list):
        return []
    return [item for item in section if hasattr(item, "insert") and hasattr(item, "get")]


def _number(section: Any, prefix: str) -> None:
    """Give each entry without an id the next free ``<prefix>N``, as its first key."""
    entries = _entries(section)
    taken = {str(e.get("id")) for e in entries if e.get("id") is not None}
    counter = 0
    for entry in entries:
        if entry.get("id") is not None:
            continue
        counter += 1
        while f"{prefix}{counter}" in taken:
            counter += 1
        entry.insert(0, "id", f"{prefix}{counter}")


def _carer_assessment(carer: Any) -> None:
    """v1's ``assessment_offered`` (a date) and ``assessment_declined`` (true) as v2's
    ``assessment: {status, date}``; the comments on the old keys move with them."""
    offered = carer.get("assessment_offered")
    declined = carer.get("assessment_declined") is True
    if offered is None and not declined:
        return
    from ruamel.yaml.comments import CommentedMap

    assessment = CommentedMap()
    assessment["status"] = "declined" if declined else "offered"
    if offered is not None:
        assessment["date"] = offered
    assessment.fa.set_flow_style()
    keys = list(carer.keys())
    position = keys.index("assessment_offered" if offered is not None else "assessment_declined")
    # The comment (and blank lines) after the last old key stay after the new one.
    last = "assessment_declined" if "assessment_declined" in carer else "assessment_offered"
    comment = carer.ca.items.get(last) if hasattr(carer, "ca") else None
    for old in ("assessment_offered", "assessment_declined"):
        if old in carer:
            del carer[old]
    carer.insert(position, "assessment", assessment)
    if comment is not None:
        carer.ca.items["assessment"] = comment


def _to_supply(old: str, new: str, file_stem: str, settings: Settings) -> list[ToSupply]:
    """The v2 plan's findings that the v1 plan did not have: what v2 asks for and v1 did not
    record, which only a person can supply."""
    before = {(f.code, f.path) for f in _findings(old, file_stem, settings)}
    return [
        ToSupply(file_stem, f.path or "/", f.message)
        for f in _findings(new, file_stem, settings)
        if (f.code, f.path) not in before
    ]


def _findings(text: str, file_stem: str, settings: Settings) -> list[Finding]:
    from careplan_cli.plan.yamlload import parse_text

    data, _ = parse_text(text)
    return [] if data is None else check_data(data, text, file_stem, settings)
