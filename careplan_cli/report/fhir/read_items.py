"""Reading the parts of a plan from the resources of a Bundle (used by :mod:`.read`)."""

from __future__ import annotations

from typing import Any

from careplan_cli.report.fhir import codes as c

GOAL_STATUS: dict[tuple[Any, Any], str] = {
    ("proposed", None): "proposed",
    ("active", None): "active",
    ("cancelled", None): "cancelled",
    ("completed", "achieved"): "achieved",
    ("completed", "not-achieved"): "not-achieved",
}
RISK_LEVEL = {v: k for k, v in c.RISK_LEVEL.items()}
WORDS = "In the service user's words: "


def code_in(concept: Any, system: str) -> str | None:
    for coding in (concept or {}).get("coding", []) if isinstance(concept, dict) else []:
        if isinstance(coding, dict) and coding.get("system") == system:
            return str(coding.get("code"))
    return None


def text_of(value: Any) -> Any:
    return value.get("text") if isinstance(value, dict) else None


def identifier(resource: dict[str, Any], suffix: str = "") -> str | None:
    for identifier in resource.get("identifier", []):
        if str(identifier.get("system", "")).endswith(suffix) and identifier.get("use") != "old":
            value = identifier.get("value")
            return str(value) if value is not None else None
    return None


def put(target: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, "", [], {}):
        target[key] = value


def team(team: dict[str, Any], refs: dict[str, Any]) -> tuple[Any, list[Any]]:
    coordinator: dict[str, Any] | None = None
    members = []
    for participant in team.get("participant", []):
        role = (participant.get("role") or [{}])[0]
        member = participant.get("member") or {}
        target = refs.get(str(member.get("reference")), {})
        if target.get("resourceType") == "RelatedPerson":
            continue
        entry: dict[str, Any] = {}
        code = code_in(role, c.COORDINATOR_ROLE)
        if code and coordinator is None:
            put(entry, "name", member.get("display"))
            put(entry, "role", code)
            put(entry, "organisation", (participant.get("onBehalfOf") or {}).get("display"))
            coordinator = entry
            continue
        put(entry, "id", participant.get("id"))
        put(entry, "name", member.get("display"))
        put(entry, "role", text_of(role))
        put(entry, "organisation", (participant.get("onBehalfOf") or {}).get("display"))
        members.append(entry)
    return coordinator, members


def carer(person: dict[str, Any]) -> dict[str, Any]:
    carer: dict[str, Any] = {}
    put(carer, "id", identifier(person, "/carer"))
    put(carer, "name", text_of((person.get("name") or [None])[0]))
    put(carer, "relationship", text_of((person.get("relationship") or [None])[0]))
    return carer


def goal(resource: dict[str, Any]) -> dict[str, Any]:
    goal: dict[str, Any] = {}
    put(goal, "id", identifier(resource, "/goal"))
    put(goal, "description", text_of(resource.get("description")))
    note = text_of((resource.get("note") or [None])[0]) or ""
    put(goal, "in_own_words", note[len(WORDS) :] if note.startswith(WORDS) else None)
    lifecycle = resource.get("lifecycleStatus")
    achieved = code_in(resource.get("achievementStatus"), c.GOAL_ACHIEVEMENT)
    key = (lifecycle, achieved if lifecycle == "completed" else None)
    put(goal, "status", GOAL_STATUS.get(key))
    put(goal, "target_date", ((resource.get("target") or [{}])[0]).get("dueDate"))
    put(goal, "added", resource.get("startDate"))
    return goal


def activities(careplan: dict[str, Any], goal_ids: dict[str, Any]) -> tuple[list[Any], Any]:
    interventions, next_review = [], None
    code, _ = c.REVIEW_OF_CARE_PLAN
    for activity in careplan.get("activity", []):
        detail = activity.get("detail") or {}
        if code_in(detail.get("code"), c.SNOMED) == code:
            period = detail.get("scheduledPeriod") or {}
            next_review = period.get("start") or detail.get("scheduledString")
            continue
        item: dict[str, Any] = {}
        put(item, "id", activity.get("id"))
        put(item, "description", detail.get("description"))
        goals = [goal_ids.get(g.get("reference")) for g in detail.get("goal", [])]
        put(item, "goals", [g for g in goals if g])
        performers = {p.get("type"): p.get("display") for p in detail.get("performer", [])}
        put(item, "agency", performers.get("Organization"))
        put(item, "professional", performers.get("Practitioner"))
        timing = detail.get("scheduledTiming") or {}
        put(item, "frequency", text_of(timing.get("code")))
        bounds = (timing.get("repeat") or {}).get("boundsPeriod") or {}
        put(item, "start", bounds.get("start"))
        put(item, "end", bounds.get("end"))
        interventions.append(item)
    return interventions, next_review


def risk(resource: dict[str, Any]) -> dict[str, Any]:
    risk: dict[str, Any] = {}
    prediction = (resource.get("prediction") or [{}])[0]
    put(risk, "id", identifier(resource, "/risk"))
    put(risk, "category", code_in(prediction.get("outcome"), c.RISK_CATEGORY))
    level = code_in(prediction.get("qualitativeRisk"), c.RISK_PROBABILITY)
    put(risk, "level", RISK_LEVEL.get(level or ""))
    put(risk, "description", text_of((resource.get("note") or [None])[0]))
    put(risk, "management", resource.get("mitigation"))
    put(risk, "last_assessed", resource.get("occurrenceDateTime"))
    return risk


def flag(resource: dict[str, Any]) -> dict[str, Any]:
    flag: dict[str, Any] = {}
    put(flag, "category", code_in(resource.get("code"), c.SAFEGUARDING))
    put(flag, "description", text_of(resource.get("code")))
    put(flag, "since", (resource.get("period") or {}).get("start"))
    return flag


def consent(resource: dict[str, Any]) -> dict[str, Any]:
    consent: dict[str, Any] = {}
    provision = (resource.get("provision") or {}).get("type")
    proxy = (resource.get("performer") or [{}])[0].get("display")
    status = {"permit": "given", "deny": "refused"}.get(provision or "")
    put(consent, "status", "lacks-capacity" if proxy and not status else status)
    put(consent, "date", resource.get("dateTime"))
    put(consent, "proxy", {"name": proxy} if proxy and not status else None)
    return consent
