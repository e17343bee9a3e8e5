"""A FHIR R4 Bundle read back into a plan (the inverse of :mod:`.export`).

What the resources hold is read from their standard elements; careplan's own bundles carry
the rest in one extension (:mod:`.remainder`). Anything else in a bundle from another system
is listed, never guessed: :class:`ReadBack` names each element it did not read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from careplan_cli.report.fhir import codes as c
from careplan_cli.report.fhir import read_items as items
from careplan_cli.report.fhir.remainder import apply

# Elements of each resource type that the importer reads; others are listed as not mapped.
READS: dict[str, frozenset[str]] = {
    "Patient": frozenset({"identifier", "name", "birthDate", "address"}),
    "CarePlan": frozenset(
        {
            "identifier",
            "status",
            "intent",
            "category",
            "title",
            "subject",
            "period",
            "created",
            "author",
            "careTeam",
            "supportingInfo",
            "goal",
            "activity",
            "extension",
        }
    ),
    "Goal": frozenset(
        {
            "identifier",
            "lifecycleStatus",
            "achievementStatus",
            "description",
            "subject",
            "startDate",
            "target",
            "note",
        }
    ),
    "CareTeam": frozenset({"status", "subject", "participant"}),
    "RelatedPerson": frozenset({"identifier", "patient", "relationship", "name"}),
    "RiskAssessment": frozenset(
        {
            "identifier",
            "status",
            "subject",
            "occurrenceDateTime",
            "prediction",
            "mitigation",
            "note",
        }
    ),
    "Flag": frozenset({"status", "category", "code", "subject", "period"}),
    "Consent": frozenset(
        {
            "status",
            "scope",
            "category",
            "patient",
            "dateTime",
            "performer",
            "policyRule",
            "provision",
        }
    ),
}
SAFE = re.compile(r"[A-Za-z0-9._:/#-]{1,120}")
ALWAYS = frozenset({"resourceType", "id", "meta", "text"})
CAREPLAN_STATUS = {"draft": "draft", "active": "active", "on-hold": "on-hold"}
CAREPLAN_STATUS |= {"completed": "closed", "revoked": "closed"}


@dataclass
class ReadBack:
    plan: dict[str, Any]
    unmapped: list[str] = field(default_factory=list)  # what was not read, by FHIR path
    careplan_bundle: bool = False  # carried careplan's remainder extension


def safe(name: Any) -> str:
    """A name taken from the bundle, fit to print: element names and URLs are plain ASCII;
    anything else (a terminal escape, a very long string) is not echoed."""
    text = str(name)
    return text if SAFE.fullmatch(text) else "(a name that is not shown)"


def plan_from_resources(resources: list[dict[str, Any]]) -> ReadBack:
    """The plan the standard elements of ``resources`` describe (no remainder applied)."""
    by_type: dict[str, list[dict[str, Any]]] = {}
    unmapped: list[str] = []
    for resource in resources:
        kind = str(resource.get("resourceType"))
        if kind not in READS:
            unmapped.append(f"{safe(kind)} (a resource careplan does not read)")
            continue
        by_type.setdefault(kind, []).append(resource)
        extra = sorted(set(resource) - READS[kind] - ALWAYS)
        unmapped += [f"{kind}.{safe(key)}" for key in extra]
    for kind in ("Patient", "CarePlan", "CareTeam", "Consent"):
        unmapped += [f"{kind} (only the first is read)" for _ in by_type.get(kind, [])[1:]]
    careplan = (by_type.get("CarePlan") or [{}])[0]
    refs = {f"urn:uuid:{r.get('id')}": r for r in resources}
    goal_ids = {
        f"urn:uuid:{g.get('id')}": items.identifier(g, "/goal") for g in by_type.get("Goal", [])
    }
    plan: dict[str, Any] = {"schema_version": 2}
    items.put(plan, "id", items.identifier(careplan, "/care-plan") or items.identifier(careplan))
    for key, system in (
        ("type", c.PLAN_TYPE),
        ("level", c.PLAN_LEVEL),
        ("client_group", c.CLIENT_GROUP),
    ):
        found = (items.code_in(concept, system) for concept in careplan.get("category", []))
        items.put(plan, key, next(filter(None, found), None))
    items.put(plan, "status", CAREPLAN_STATUS.get(str(careplan.get("status"))))
    items.put(plan, "created", careplan.get("created"))
    for key in ("start", "end"):
        items.put(plan, key, (careplan.get("period") or {}).get(key))
    old = [i.get("value") for i in careplan.get("identifier", []) if i.get("use") == "old"]
    items.put(plan, "previous_ids", old)
    items.put(plan, "service_user", service_user((by_type.get("Patient") or [{}])[0]))
    care_team = (by_type.get("CareTeam") or [{}])[0]
    coordinator, members = items.team(care_team, refs)
    items.put(plan, "coordinator", coordinator)
    items.put(plan, "care_team", members)
    items.put(plan, "carers", [items.carer(r) for r in by_type.get("RelatedPerson", [])])
    items.put(plan, "goals", [items.goal(g) for g in by_type.get("Goal", [])])
    interventions, next_review = items.activities(careplan, goal_ids)
    items.put(plan, "interventions", interventions)
    items.put(plan, "risks", [items.risk(r) for r in by_type.get("RiskAssessment", [])])
    flags = [items.flag(f) for f in by_type.get("Flag", [])]
    items.put(plan, "safeguarding", {"flags": flags} if flags else None)
    consents = by_type.get("Consent", [])
    sharing = {"consent": items.consent(consents[0])} if consents else None
    items.put(plan, "information_sharing", sharing)
    items.put(plan, "next_review", next_review)
    return ReadBack(plan, unmapped)


def service_user(patient: dict[str, Any]) -> dict[str, Any]:
    person: dict[str, Any] = {}
    names = {n.get("use"): n for n in patient.get("name", []) if isinstance(n, dict)}
    official = names.get("official") or next(iter(names.values()), {})
    full = (
        official.get("text")
        or " ".join([*official.get("given", []), official.get("family", "")]).strip()
    )
    items.put(person, "name", full)
    items.put(person, "preferred_name", (names.get("usual") or {}).get("text"))
    items.put(person, "date_of_birth", patient.get("birthDate"))
    for identifier in patient.get("identifier", []):
        if identifier.get("system") == c.NHS_NUMBER:
            items.put(person, "nhs_number", identifier.get("value"))
        elif str(identifier.get("system", "")).endswith("/local-id"):
            items.put(person, "local_id", identifier.get("value"))
    items.put(person, "address", items.text_of((patient.get("address") or [None])[0]))
    return person


def from_bundle(bundle: Any) -> ReadBack:
    """The plan a Bundle describes; ValueError when it is not a Bundle with a CarePlan."""
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise ValueError("not a FHIR Bundle")
    entries = bundle.get("entry")
    if not isinstance(entries, list):
        raise ValueError("the Bundle has no entries")
    resources = [
        e["resource"]
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("resource"), dict)
    ]
    careplans = [r for r in resources if r.get("resourceType") == "CarePlan"]
    if not careplans:
        raise ValueError("the Bundle holds no CarePlan")
    read = plan_from_resources(resources)
    for extension in careplans[0].get("extension", []):
        if isinstance(extension, dict) and extension.get("url") == c.REMAINDER:
            try:
                read.plan = apply(read.plan, json.loads(str(extension.get("valueString"))))
            except (ValueError, TypeError, AttributeError, IndexError, RecursionError):
                read.unmapped.append("CarePlan.extension (careplan's remainder is damaged)")
                continue
            read.careplan_bundle = True
        else:
            url = extension.get("url") if isinstance(extension, dict) else None
            read.unmapped.append(f"CarePlan.extension ({safe(url)})")
    return read
