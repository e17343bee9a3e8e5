"""The export's resources beside the CarePlan: CareTeam, RelatedPerson (carers),
RiskAssessment (risks), Flag (safeguarding flags) and Consent (information sharing)."""

from __future__ import annotations

from typing import Any

from careplan_cli.report.fhir import codes as c


def ref(resource_id: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource_id}"}


def coding(system: str, code: str) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code}]}


def care_team(
    plan: dict[str, Any], rid: str, patient: str, carers: list[tuple[str, dict[str, Any]]]
) -> dict[str, Any]:
    lead = plan["coordinator"]
    first: dict[str, Any] = {
        "role": [{**coding(c.COORDINATOR_ROLE, lead["role"]), "text": lead["role"]}],
        "member": {"display": lead["name"]},
    }
    if lead.get("organisation"):
        first["onBehalfOf"] = {"display": lead["organisation"]}
    participants = [first]
    for member in plan.get("care_team", []):
        entry: dict[str, Any] = {"id": member["id"]} if member.get("id") else {}
        entry["role"] = [{"text": member["role"]}]
        entry["member"] = {"display": member["name"]}
        if member.get("organisation"):
            entry["onBehalfOf"] = {"display": member["organisation"]}
        participants.append(entry)
    participants += [{"role": [{"text": "carer"}], "member": ref(r)} for r, _ in carers]
    return {
        "resourceType": "CareTeam",
        "id": rid,
        "status": "active" if plan["status"] in ("active", "on-hold") else "inactive",
        "subject": ref(patient),
        "participant": participants,
    }


def related_person(plan: dict[str, Any], carer: Any, rid: str, patient: str, ods: str) -> Any:
    person: dict[str, Any] = {"resourceType": "RelatedPerson", "id": rid}
    if carer.get("id"):
        system = c.item_system(ods, str(plan["id"]), "carer")
        person["identifier"] = [{"system": system, "value": carer["id"]}]
    person["patient"] = ref(patient)
    if carer.get("relationship"):
        person["relationship"] = [{"text": carer["relationship"]}]
    person["name"] = [{"text": carer["name"]}]
    return person


def risk_assessment(
    plan: dict[str, Any], risk: dict[str, Any], rid: str, patient: str, ods: str
) -> Any:
    resource: dict[str, Any] = {
        "resourceType": "RiskAssessment",
        "id": rid,
        "identifier": [
            {"system": c.item_system(ods, str(plan["id"]), "risk"), "value": risk["id"]}
        ],
        "status": "final",
        "subject": ref(patient),
    }
    if risk.get("last_assessed"):
        resource["occurrenceDateTime"] = risk["last_assessed"]
    prediction: dict[str, Any] = {"outcome": coding(c.RISK_CATEGORY, risk["category"])}
    if risk.get("level"):
        prediction["qualitativeRisk"] = coding(c.RISK_PROBABILITY, c.RISK_LEVEL[risk["level"]])
    resource["prediction"] = [prediction]
    if risk.get("management"):
        resource["mitigation"] = risk["management"]
    if risk.get("description"):
        resource["note"] = [{"text": risk["description"]}]
    return resource


def flag(flag: dict[str, Any], rid: str, patient: str) -> dict[str, Any]:
    code = coding(c.SAFEGUARDING, flag["category"])
    if flag.get("description"):
        code["text"] = flag["description"]
    resource: dict[str, Any] = {
        "resourceType": "Flag",
        "id": rid,
        "status": "active",
        "category": [coding(c.FLAG_CATEGORY, "safety")],
        "code": code,
        "subject": ref(patient),
    }
    if flag.get("since"):
        resource["period"] = {"start": flag["since"]}
    return resource


def consent(consent: dict[str, Any], rid: str, patient: str) -> dict[str, Any]:
    status = consent["status"]
    resource: dict[str, Any] = {
        "resourceType": "Consent",
        "id": rid,
        "status": "active",
        "scope": coding(c.CONSENT_SCOPE, "patient-privacy"),
        "category": [coding(c.LOINC, "59284-0")],
        "patient": ref(patient),
    }
    if consent.get("date"):
        resource["dateTime"] = consent["date"]
    proxy = consent.get("proxy")
    if status == "lacks-capacity" and proxy:
        resource["performer"] = [{"display": proxy["name"]}]
    if status in c.CONSENT_RULE:
        resource["policyRule"] = coding(c.ACT_CODE, c.CONSENT_RULE[status])
        resource["provision"] = {"type": c.PROVISION[status]}
    else:
        resource["policyRule"] = {
            "text": "lacks capacity: a best-interests decision (Mental Capacity Act 2005)"
        }
    return resource
