"""A plan as an HL7 FHIR R4 Bundle (docs/fhir-mapping.md): the same plan, the same bytes.

Nothing here reads the clock: statuses that depend on time are judged as of the plan's own
latest recorded date (:func:`as_of`). Ids are UUID v5 of the organisation's ODS code, the plan
id and the resource's place in the plan, so two organisations' CP-000101 never collide.
"""

from __future__ import annotations

import json
from typing import Any

from careplan_cli.report.fhir import codes as c
from careplan_cli.report.fhir import resources as res
from careplan_cli.report.fhir.remainder import difference


def to_bundle(plan: dict[str, Any], ods: str) -> dict[str, Any]:
    """The plan as a FHIR R4 Bundle of type collection, namespaced by ``ods``."""
    resources = mapped_resources(plan, ods)
    from careplan_cli.report.fhir.read import plan_from_resources

    rest = difference(plan, plan_from_resources(resources).plan)
    if rest is not None:
        careplan = next(r for r in resources if r["resourceType"] == "CarePlan")
        text = json.dumps(rest, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        careplan["extension"] = [{"url": c.REMAINDER, "valueString": text}]
    return {
        "resourceType": "Bundle",
        "id": c.resource_id(ods, str(plan["id"]), "bundle"),
        "type": "collection",
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }


def mapped_resources(plan: dict[str, Any], ods: str) -> list[dict[str, Any]]:
    """The resources of the bundle, before careplan's remainder extension is added."""
    plan_id = str(plan["id"])

    def rid(name: str) -> str:
        return c.resource_id(ods, plan_id, name)

    patient = rid("patient")
    goals = {g["id"]: rid(f"goal/{g['id']}") for g in plan.get("goals", [])}
    carers = [(rid(f"carer/{x.get('id', i)}"), x) for i, x in enumerate(plan.get("carers", []))]
    risks = [(rid(f"risk/{r['id']}"), r) for r in plan.get("risks", [])]
    flags = [
        (rid(f"flag/{i}"), f)
        for i, f in enumerate((plan.get("safeguarding") or {}).get("flags", []))
    ]
    consent = (plan.get("information_sharing") or {}).get("consent")
    consent_id = rid("consent") if consent else None
    supporting = [rid for rid, _ in risks + flags] + ([consent_id] if consent_id else [])
    resources = [_patient(plan, patient, ods)]
    resources.append(_careplan(plan, ods, patient, rid("careteam"), goals, supporting))
    resources += [_goal(plan, g, goals[g["id"]], patient, ods) for g in plan.get("goals", [])]
    resources.append(res.care_team(plan, rid("careteam"), patient, carers))
    resources += [res.related_person(plan, x, i, patient, ods) for i, x in carers]
    resources += [res.risk_assessment(plan, r, i, patient, ods) for i, r in risks]
    resources += [res.flag(f, i, patient) for i, f in flags]
    if consent and consent_id:
        resources.append(res.consent(consent, consent_id, patient))
    return resources


def _patient(plan: dict[str, Any], rid: str, ods: str) -> dict[str, Any]:
    person = plan["service_user"]
    patient: dict[str, Any] = {"resourceType": "Patient", "id": rid}
    identifiers = []
    if person.get("nhs_number"):
        identifiers.append({"system": c.NHS_NUMBER, "value": person["nhs_number"].replace(" ", "")})
    if person.get("local_id"):
        identifiers.append({"system": f"{c.BASE}/Id/{ods}/local-id", "value": person["local_id"]})
    if identifiers:
        patient["identifier"] = identifiers
    patient["name"] = [{"use": "official", "text": person["name"]}]
    if person.get("preferred_name"):
        patient["name"].append({"use": "usual", "text": person["preferred_name"]})
    if person.get("date_of_birth"):
        patient["birthDate"] = person["date_of_birth"]
    if person.get("address"):
        patient["address"] = [{"text": person["address"]}]
    return patient


def careplan_status(plan: dict[str, Any]) -> str:
    """CarePlan.status: a closed plan is revoked or completed by its closure reason."""
    if plan["status"] != "closed":
        return c.CAREPLAN_STATUS[plan["status"]]
    reason = (plan.get("closure") or {}).get("reason")
    return "revoked" if reason in c.REVOKED_REASONS else "completed"


def as_of(plan: dict[str, Any]) -> str:
    """The plan's latest recorded date: what time-dependent statuses are judged against."""
    dates = [plan.get("created"), plan.get("start"), (plan.get("closure") or {}).get("date")]
    dates += [r.get("date") for r in plan.get("reviews", [])]
    dates += [s.get("date") for s in plan.get("status_history", [])]
    return max(str(d) for d in dates if d)


def _activity_status(plan: dict[str, Any], item: dict[str, Any], status: str) -> str:
    if status in ("draft", "on-hold"):
        return "not-started" if status == "draft" else "on-hold"
    if status in ("completed", "revoked"):
        return "completed" if status == "completed" else "stopped"
    now = as_of(plan)
    if item.get("end") and str(item["end"]) <= now:
        return "completed"
    if item.get("start") and str(item["start"]) > now:
        return "not-started"
    return "in-progress"


def _intervention(plan: dict[str, Any], item: dict[str, Any], goals: dict[str, str]) -> Any:
    status = careplan_status(plan)
    detail: dict[str, Any] = {
        "status": _activity_status(plan, item, status),
        "description": item["description"],
    }
    bounds = {k: item[k] for k in ("start", "end") if item.get(k)}
    if bounds or item.get("frequency"):
        timing: dict[str, Any] = {}
        if bounds:
            timing["repeat"] = {"boundsPeriod": bounds}
        if item.get("frequency"):
            timing["code"] = {"text": item["frequency"]}
        detail["scheduledTiming"] = timing
    performers = [
        {"type": kind, "display": item[key]}
        for key, kind in (("professional", "Practitioner"), ("agency", "Organization"))
        if item.get(key)
    ]
    if performers:
        detail["performer"] = performers
    linked = [res.ref(goals[g]) for g in item.get("goals", []) if g in goals]
    if linked:
        detail["goal"] = linked
    return {"id": item["id"], "detail": detail}


def _careplan(
    plan: dict[str, Any],
    ods: str,
    patient: str,
    careteam: str,
    goals: dict[str, str],
    supporting: list[str],
) -> dict[str, Any]:
    activities = [_intervention(plan, item, goals) for item in plan.get("interventions", [])]
    if plan.get("next_review") and plan["status"] != "closed":
        code, display = c.REVIEW_OF_CARE_PLAN
        day = plan["next_review"]
        detail = {
            "code": {"coding": [{"system": c.SNOMED, "code": code, "display": display}]},
            "status": "scheduled",
            "scheduledPeriod": {"start": day, "end": day},
            "description": "Next review of the care plan",
        }
        activities.append({"id": "next-review", "detail": detail})
    system = c.plan_system(ods)
    assigner = {"identifier": {"system": c.ODS, "value": ods}}
    identifiers = [{"use": "official", "system": system, "value": plan["id"], "assigner": assigner}]
    identifiers += [
        {"use": "old", "system": system, "value": p} for p in plan.get("previous_ids", [])
    ]
    category = [res.coding(c.PLAN_TYPE, plan["type"])]
    if plan.get("level"):
        category.append(res.coding(c.PLAN_LEVEL, plan["level"]))
    if plan.get("client_group"):
        category.append(res.coding(c.CLIENT_GROUP, plan["client_group"]))
    level = f", {plan['level']}" if plan.get("level") else ""
    careplan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": c.resource_id(ods, str(plan["id"]), "careplan"),
        "identifier": identifiers,
        "status": careplan_status(plan),
        "intent": "plan",
        "category": category,
        "title": f"Care plan {plan['id']} ({plan['type']}{level})",
        "subject": res.ref(patient),
    }
    period = {k: plan[k] for k in ("start", "end") if plan.get(k)}
    if period:
        careplan["period"] = period
    careplan["created"] = plan["created"]
    careplan["author"] = {"display": plan["coordinator"]["name"]}
    careplan["careTeam"] = [res.ref(careteam)]
    if supporting:
        careplan["supportingInfo"] = [res.ref(s) for s in supporting]
    if goals:
        careplan["goal"] = [res.ref(g) for g in goals.values()]
    if activities:
        careplan["activity"] = activities
    return careplan


def _goal(plan: dict[str, Any], goal: dict[str, Any], rid: str, patient: str, ods: str) -> Any:
    lifecycle, achievement = c.GOAL_STATUS[goal.get("status", "active")]
    latest = _latest_progress(plan, goal["id"])
    if latest and lifecycle == "active":
        achievement = latest
    resource: dict[str, Any] = {
        "resourceType": "Goal",
        "id": rid,
        "identifier": [
            {"system": c.item_system(ods, str(plan["id"]), "goal"), "value": goal["id"]}
        ],
        "lifecycleStatus": lifecycle,
    }
    if achievement:
        resource["achievementStatus"] = res.coding(c.GOAL_ACHIEVEMENT, achievement)
    resource["description"] = {"text": goal["description"]}
    resource["subject"] = res.ref(patient)
    if goal.get("added"):
        resource["startDate"] = goal["added"]
    if goal.get("target_date"):
        resource["target"] = [{"dueDate": goal["target_date"]}]
    if goal.get("in_own_words"):
        resource["note"] = [{"text": f"In the service user's words: {goal['in_own_words']}"}]
    return resource


def _latest_progress(plan: dict[str, Any], goal_id: str) -> str | None:
    for review in reversed(plan.get("reviews", [])):
        for outcome in review.get("outcomes", []):
            if outcome.get("goal") == goal_id and outcome.get("progress"):
                return str(outcome["progress"])
    return None
