"""A plan as an HL7 FHIR R4 Bundle: Patient, CarePlan, Goal, CareTeam, RelatedPerson.

The mapping is documented in docs/fhir-mapping.md. Resources are plain dicts in FHIR's JSON
form; ids are stable (derived from the plan id) so that exporting twice gives the same
bundle. :func:`code_problems` checks the codes used against FHIR's required value sets,
which libraries that parse FHIR (fhir.resources) do not.
"""

from __future__ import annotations

import uuid
from typing import Any

NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number"
SNOMED = "http://snomed.info/sct"
REVIEW_OF_CARE_PLAN = ("425268008", "Review of care plan")
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"

CAREPLAN_STATUS = {
    "draft": "draft",
    "active": "active",
    "on-hold": "on-hold",
    "closed": "completed",
}
# plan goal status -> (Goal.lifecycleStatus, goal-achievement code)
GOAL_STATUS = {
    "proposed": ("proposed", None),
    "active": ("active", "in-progress"),
    "achieved": ("completed", "achieved"),
    "not-achieved": ("completed", "not-achieved"),
    "cancelled": ("cancelled", None),
}
PROGRESS = {
    "achieved": "achieved",
    "improving": "improving",
    "no-change": "no-change",
    "worsening": "worsening",
    "not-achieved": "not-achieved",
}

# FHIR R4 required bindings for the codes this export writes.
VALUE_SETS = {
    "CarePlan.status": {
        "draft",
        "active",
        "on-hold",
        "revoked",
        "completed",
        "entered-in-error",
        "unknown",
    },
    "CarePlan.intent": {"proposal", "plan", "order", "option"},
    "CarePlan.activity.detail.status": {
        "not-started",
        "scheduled",
        "in-progress",
        "on-hold",
        "completed",
        "cancelled",
        "stopped",
        "unknown",
        "entered-in-error",
    },
    "Goal.lifecycleStatus": {
        "proposed",
        "planned",
        "accepted",
        "active",
        "on-hold",
        "completed",
        "cancelled",
        "entered-in-error",
        "rejected",
    },
    "goal-achievement": {
        "in-progress",
        "improving",
        "worsening",
        "no-change",
        "achieved",
        "sustaining",
        "not-achieved",
        "no-progress",
        "not-attainable",
    },
    "CareTeam.status": {"proposed", "active", "suspended", "inactive", "entered-in-error"},
    "Bundle.type": {
        "document",
        "message",
        "transaction",
        "transaction-response",
        "batch",
        "batch-response",
        "history",
        "searchset",
        "collection",
    },
}


def _uuid(plan_id: str, name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"careplan:{plan_id}:{name}"))


def to_bundle(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan as a FHIR R4 Bundle of type collection."""
    plan_id = str(plan["id"])
    ids = {
        "patient": _uuid(plan_id, "patient"),
        "careplan": _uuid(plan_id, "careplan"),
        "careteam": _uuid(plan_id, "careteam"),
    }
    goals = {g["id"]: _uuid(plan_id, f"goal/{g['id']}") for g in plan.get("goals", [])}
    carers = [(_uuid(plan_id, f"carer/{i}"), c) for i, c in enumerate(plan.get("carers", []))]
    resources = [_patient(plan, ids["patient"])]
    resources.append(_careplan(plan, ids, goals))
    resources += [
        _goal(plan, goal, goals[goal["id"]], ids["patient"]) for goal in plan.get("goals", [])
    ]
    resources += [_related_person(carer, rid, ids["patient"]) for rid, carer in carers]
    resources.append(_careteam(plan, ids, carers))
    return {
        "resourceType": "Bundle",
        "id": _uuid(plan_id, "bundle"),
        "type": "collection",
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }


def _ref(resource_id: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource_id}"}


def _patient(plan: dict[str, Any], rid: str) -> dict[str, Any]:
    person = plan["service_user"]
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "id": rid,
        "name": [{"text": person["name"]}],
    }
    if person.get("nhs_number"):
        patient["identifier"] = [
            {"system": NHS_NUMBER, "value": person["nhs_number"].replace(" ", "")}
        ]
    if person.get("date_of_birth"):
        patient["birthDate"] = person["date_of_birth"]
    return patient


def _careplan(plan: dict[str, Any], ids: dict[str, str], goals: dict[str, str]) -> dict[str, Any]:
    period = {k: plan[f] for k, f in (("start", "start"), ("end", "end")) if plan.get(f)}
    activities = []
    for item in plan.get("interventions", []):
        detail: dict[str, Any] = {
            "status": "in-progress" if plan["status"] == "active" else "not-started",
            "description": item["description"],
        }
        performer = " \u2014 ".join(item[k] for k in ("professional", "agency") if item.get(k))
        if performer:
            detail["performer"] = [{"display": performer}]
        linked = [_ref(goals[g]) for g in item.get("goals", []) if g in goals]
        if linked:
            detail["goal"] = linked
        activities.append({"detail": detail})
    if plan.get("next_review"):
        code, display = REVIEW_OF_CARE_PLAN
        activities.append(
            {
                "detail": {
                    "code": {"coding": [{"system": SNOMED, "code": code, "display": display}]},
                    "status": "scheduled",
                    "scheduledString": plan["next_review"],
                    "description": "Next review of the care plan",
                }
            }
        )
    careplan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": ids["careplan"],
        "identifier": [{"system": "urn:careplan:id", "value": plan["id"]}],
        "status": CAREPLAN_STATUS[plan["status"]],
        "intent": "plan",
        "title": f"Care plan {plan['id']} ({plan['type']}"
        + (f", {plan['level']})" if plan.get("level") else ")"),
        "subject": _ref(ids["patient"]),
        "created": plan["created"],
        "careTeam": [_ref(ids["careteam"])],
        "goal": [_ref(g) for g in goals.values()],
        "activity": activities,
    }
    if period:
        careplan["period"] = period
    return careplan


def _goal(plan: dict[str, Any], goal: dict[str, Any], rid: str, patient: str) -> dict[str, Any]:
    lifecycle, achievement = GOAL_STATUS[goal.get("status", "active")]
    latest = _latest_progress(plan, goal["id"])
    if latest and lifecycle == "active":
        achievement = PROGRESS[latest]
    resource: dict[str, Any] = {
        "resourceType": "Goal",
        "id": rid,
        "lifecycleStatus": lifecycle,
        "description": {"text": goal["description"]},
        "subject": _ref(patient),
    }
    if achievement:
        resource["achievementStatus"] = {
            "coding": [{"system": GOAL_ACHIEVEMENT, "code": achievement}]
        }
    if goal.get("target_date"):
        resource["target"] = [{"dueDate": goal["target_date"]}]
    if goal.get("in_own_words"):
        resource["note"] = [{"text": f"In the service user's words: {goal['in_own_words']}"}]
    return resource


def _latest_progress(plan: dict[str, Any], goal_id: str) -> str | None:
    for review in reversed(plan.get("reviews", [])):
        for outcome in review.get("outcomes", []):
            if outcome.get("goal") == goal_id:
                return str(outcome["progress"])
    return None


def _related_person(carer: dict[str, Any], rid: str, patient: str) -> dict[str, Any]:
    person: dict[str, Any] = {
        "resourceType": "RelatedPerson",
        "id": rid,
        "patient": _ref(patient),
        "name": [{"text": carer["name"]}],
    }
    if carer.get("relationship"):
        person["relationship"] = [{"text": carer["relationship"]}]
    return person


def _careteam(
    plan: dict[str, Any], ids: dict[str, str], carers: list[tuple[str, dict[str, Any]]]
) -> dict[str, Any]:
    coordinator = plan["coordinator"]
    participants = [
        {"role": [{"text": coordinator["role"]}], "member": {"display": coordinator["name"]}}
    ]
    participants += [
        {"role": [{"text": m["role"]}], "member": {"display": m["name"]}}
        for m in plan.get("care_team", [])
    ]
    participants += [{"role": [{"text": "carer"}], "member": _ref(rid)} for rid, _ in carers]
    return {
        "resourceType": "CareTeam",
        "id": ids["careteam"],
        "status": "active" if plan["status"] in ("active", "on-hold") else "inactive",
        "subject": _ref(ids["patient"]),
        "participant": participants,
    }


def code_problems(bundle: dict[str, Any]) -> list[str]:
    """Codes in ``bundle`` outside FHIR R4's required value sets (empty when all are right)."""
    problems = []

    def check(value_set: str, code: Any, where: str) -> None:
        if code not in VALUE_SETS[value_set]:
            problems.append(f"{where}: {code!r} is not in {value_set}")

    check("Bundle.type", bundle.get("type"), "Bundle.type")
    for entry in bundle["entry"]:
        resource = entry["resource"]
        kind = resource["resourceType"]
        if kind == "CarePlan":
            check("CarePlan.status", resource["status"], "CarePlan.status")
            check("CarePlan.intent", resource["intent"], "CarePlan.intent")
            for activity in resource.get("activity", []):
                check(
                    "CarePlan.activity.detail.status",
                    activity["detail"]["status"],
                    "CarePlan.activity.detail.status",
                )
        elif kind == "Goal":
            check("Goal.lifecycleStatus", resource["lifecycleStatus"], "Goal.lifecycleStatus")
            for coding in resource.get("achievementStatus", {}).get("coding", []):
                check("goal-achievement", coding["code"], "Goal.achievementStatus")
        elif kind == "CareTeam":
            check("CareTeam.status", resource["status"], "CareTeam.status")
    return problems
