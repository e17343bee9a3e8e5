"""Code systems, identifier namespaces and the FHIR R4 code lists the export writes.

Libraries that parse FHIR (fhir.resources) and the R4 JSON schema check structure, not the
codes of required bindings: :func:`code_problems` checks those.
"""

from __future__ import annotations

import uuid
from typing import Any

BASE = "https://careplan.dev/fhir"
NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number"
ODS = "https://fhir.nhs.uk/Id/ods-organization-code"
SNOMED = "http://snomed.info/sct"
REVIEW_OF_CARE_PLAN = ("425268008", "Review of care plan")
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
RISK_PROBABILITY = "http://terminology.hl7.org/CodeSystem/risk-probability"
FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
LOINC = "http://loinc.org"
REMAINDER = f"{BASE}/StructureDefinition/careplan-remainder"

# careplan's own code systems: the plan format's code lists, one system each.
PLAN_TYPE = f"{BASE}/CodeSystem/plan-type"
PLAN_LEVEL = f"{BASE}/CodeSystem/plan-level"
CLIENT_GROUP = f"{BASE}/CodeSystem/client-group"
COORDINATOR_ROLE = f"{BASE}/CodeSystem/coordinator-role"
RISK_CATEGORY = f"{BASE}/CodeSystem/risk-category"
SAFEGUARDING = f"{BASE}/CodeSystem/safeguarding-category"

# closure.reason -> CarePlan.status: "revoked" is a plan terminated before it reached
# completion (FHIR R4 request-status), "completed" one that is no longer needed.
REVOKED_REASONS = frozenset({"transferred", "moved-away", "declined-service", "disengaged", "died"})
CAREPLAN_STATUS = {"draft": "draft", "active": "active", "on-hold": "on-hold"}
# plan goal status -> (Goal.lifecycleStatus, goal-achievement code)
GOAL_STATUS: dict[str, tuple[str, str | None]] = {
    "proposed": ("proposed", None),
    "active": ("active", "in-progress"),
    "achieved": ("completed", "achieved"),
    "not-achieved": ("completed", "not-achieved"),
    "cancelled": ("cancelled", None),
}
RISK_LEVEL = {"low": "low", "medium": "moderate", "high": "high"}
CONSENT_RULE = {"given": "OPTIN", "refused": "OPTOUT"}
PROVISION = {"given": "permit", "refused": "deny"}

# FHIR R4 required bindings for the codes this export writes.
VALUE_SETS: dict[str, frozenset[str]] = {
    "CarePlan.status": frozenset(
        {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"}
    ),
    "CarePlan.intent": frozenset({"proposal", "plan", "order", "option"}),
    "CarePlan.activity.detail.status": frozenset(
        {
            "not-started",
            "scheduled",
            "in-progress",
            "on-hold",
            "completed",
            "cancelled",
            "stopped",
            "unknown",
            "entered-in-error",
        }
    ),
    "Goal.lifecycleStatus": frozenset(
        {
            "proposed",
            "planned",
            "accepted",
            "active",
            "on-hold",
            "completed",
            "cancelled",
            "entered-in-error",
            "rejected",
        }
    ),
    "goal-achievement": frozenset(
        {
            "in-progress",
            "improving",
            "worsening",
            "no-change",
            "achieved",
            "sustaining",
            "not-achieved",
            "no-progress",
            "not-attainable",
        }
    ),
    "CareTeam.status": frozenset(
        {"proposed", "active", "suspended", "inactive", "entered-in-error"}
    ),
    "RiskAssessment.status": frozenset(
        {
            "registered",
            "preliminary",
            "final",
            "amended",
            "corrected",
            "cancelled",
            "entered-in-error",
            "unknown",
        }
    ),
    "Flag.status": frozenset({"active", "inactive", "entered-in-error"}),
    "Consent.status": frozenset(
        {"draft", "proposed", "active", "rejected", "inactive", "entered-in-error"}
    ),
    "Consent.provision.type": frozenset({"deny", "permit"}),
    "Bundle.type": frozenset(
        {
            "document",
            "message",
            "transaction",
            "transaction-response",
            "batch",
            "batch-response",
            "history",
            "searchset",
            "collection",
        }
    ),
}

# Where each resource keeps the codes checked above: (value set, path of keys; "*" = a list).
_CODED: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "CarePlan": (
        ("CarePlan.status", ("status",)),
        ("CarePlan.intent", ("intent",)),
        ("CarePlan.activity.detail.status", ("activity", "*", "detail", "status")),
    ),
    "Goal": (
        ("Goal.lifecycleStatus", ("lifecycleStatus",)),
        ("goal-achievement", ("achievementStatus", "coding", "*", "code")),
    ),
    "CareTeam": (("CareTeam.status", ("status",)),),
    "RiskAssessment": (("RiskAssessment.status", ("status",)),),
    "Flag": (("Flag.status", ("status",)),),
    "Consent": (
        ("Consent.status", ("status",)),
        ("Consent.provision.type", ("provision", "type")),
    ),
}


def resource_id(ods: str, plan_id: str, name: str) -> str:
    """A stable UUID for one resource of one plan of one organisation."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{BASE}/{ods}/{plan_id}/{name}"))


def plan_system(ods: str) -> str:
    """The identifier system of the organisation's plan ids."""
    return f"{BASE}/Id/{ods}/care-plan"


def item_system(ods: str, plan_id: str, kind: str) -> str:
    """The identifier system of a plan's goals, risks or carers (G1, R1, C1)."""
    return f"{BASE}/Id/{ods}/care-plan/{plan_id}/{kind}"


def _values(node: Any, path: tuple[str, ...]) -> list[Any]:
    if not path:
        return [node]
    if path[0] == "*":
        return [v for item in node or [] for v in _values(item, path[1:])]
    if not isinstance(node, dict) or path[0] not in node:
        return []
    return _values(node[path[0]], path[1:])


def code_problems(bundle: dict[str, Any]) -> list[str]:
    """Codes in ``bundle`` outside FHIR R4's required value sets (empty when all are right)."""
    problems = []
    if bundle.get("type") not in VALUE_SETS["Bundle.type"]:
        problems.append(f"Bundle.type: {bundle.get('type')!r} is not in Bundle.type")
    for entry in bundle.get("entry", []):
        resource = entry["resource"]
        for value_set, path in _CODED.get(resource["resourceType"], ()):
            for code in _values(resource, path):
                if code not in VALUE_SETS[value_set]:
                    where = ".".join([resource["resourceType"], *(p for p in path if p != "*")])
                    problems.append(f"{where}: {code!r} is not in {value_set}")
    return problems
