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


def _code(concept: Any, system: str) -> str | None:
    for coding in (concept or {}).get("coding", []) if isinstance(concept, dict) else []:
        if isinstance(coding, dict) and coding.get("system") == system:
            return str(coding.get("code"))
    return None


def _text(value: Any) -> Any:
    return value.get("text") if isinstance(value, dict) else None


def _ident(resource: dict[str, Any], suffix: str = "") -> str | None:
    for identifier in resource.get("identifier", []):
        if str(identifier.get("system", "")).endswith(suffix) and identifier.get("use") != "old":
            value = identifier.get("value")
            return str(value) if value is not None else None
    return None


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, "", [], {}):
        target[key] = value


def _team(team: dict[str, Any], refs: dict[str, Any]) -> tuple[Any, list[Any]]:
    coordinator: dict[str, Any] | None = None
    members = []
    for participant in team.get("participant", []):
        role = (participant.get("role") or [{}])[0]
        member = participant.get("member") or {}
        target = refs.get(str(member.get("reference")), {})
        if target.get("resourceType") == "RelatedPerson":
            continue
        entry: dict[str, Any] = {}
        code = _code(role, c.COORDINATOR_ROLE)
        if code and coordinator is None:
            _put(entry, "name", member.get("display"))
            _put(entry, "role", code)
            _put(entry, "organisation", (participant.get("onBehalfOf") or {}).get("display"))
            coordinator = entry
            continue
        _put(entry, "id", participant.get("id"))
        _put(entry, "name", member.get("display"))
        _put(entry, "role", _text(role))
        _put(entry, "organisation", (participant.get("onBehalfOf") or {}).get("display"))
        members.append(entry)
    return coordinator, members


def _carer(person: dict[str, Any]) -> dict[str, Any]:
    carer: dict[str, Any] = {}
    _put(carer, "id", _ident(person, "/carer"))
    _put(carer, "name", _text((person.get("name") or [None])[0]))
    _put(carer, "relationship", _text((person.get("relationship") or [None])[0]))
    return carer


def _goal(resource: dict[str, Any]) -> dict[str, Any]:
    goal: dict[str, Any] = {}
    _put(goal, "id", _ident(resource, "/goal"))
    _put(goal, "description", _text(resource.get("description")))
    note = _text((resource.get("note") or [None])[0]) or ""
    _put(goal, "in_own_words", note[len(WORDS) :] if note.startswith(WORDS) else None)
    lifecycle = resource.get("lifecycleStatus")
    achieved = _code(resource.get("achievementStatus"), c.GOAL_ACHIEVEMENT)
    key = (lifecycle, achieved if lifecycle == "completed" else None)
    _put(goal, "status", GOAL_STATUS.get(key))
    _put(goal, "target_date", ((resource.get("target") or [{}])[0]).get("dueDate"))
    return goal


def _activities(careplan: dict[str, Any], goal_ids: dict[str, Any]) -> tuple[list[Any], Any]:
    interventions, next_review = [], None
    code, _ = c.REVIEW_OF_CARE_PLAN
    for activity in careplan.get("activity", []):
        detail = activity.get("detail") or {}
        if _code(detail.get("code"), c.SNOMED) == code:
            period = detail.get("scheduledPeriod") or {}
            next_review = period.get("start") or detail.get("scheduledString")
            continue
        item: dict[str, Any] = {}
        _put(item, "id", activity.get("id"))
        _put(item, "description", detail.get("description"))
        goals = [goal_ids.get(g.get("reference")) for g in detail.get("goal", [])]
        _put(item, "goals", [g for g in goals if g])
        performers = {p.get("type"): p.get("display") for p in detail.get("performer", [])}
        _put(item, "agency", performers.get("Organization"))
        _put(item, "professional", performers.get("Practitioner"))
        timing = detail.get("scheduledTiming") or {}
        _put(item, "frequency", _text(timing.get("code")))
        bounds = (timing.get("repeat") or {}).get("boundsPeriod") or {}
        _put(item, "start", bounds.get("start"))
        _put(item, "end", bounds.get("end"))
        interventions.append(item)
    return interventions, next_review


def _risk(resource: dict[str, Any]) -> dict[str, Any]:
    risk: dict[str, Any] = {}
    prediction = (resource.get("prediction") or [{}])[0]
    _put(risk, "id", _ident(resource, "/risk"))
    _put(risk, "category", _code(prediction.get("outcome"), c.RISK_CATEGORY))
    level = _code(prediction.get("qualitativeRisk"), c.RISK_PROBABILITY)
    _put(risk, "level", RISK_LEVEL.get(level or ""))
    _put(risk, "description", _text((resource.get("note") or [None])[0]))
    _put(risk, "management", resource.get("mitigation"))
    _put(risk, "last_assessed", resource.get("occurrenceDateTime"))
    return risk


def _flag(resource: dict[str, Any]) -> dict[str, Any]:
    flag: dict[str, Any] = {}
    _put(flag, "category", _code(resource.get("code"), c.SAFEGUARDING))
    _put(flag, "description", _text(resource.get("code")))
    _put(flag, "since", (resource.get("period") or {}).get("start"))
    return flag


def _consent(resource: dict[str, Any]) -> dict[str, Any]:
    consent: dict[str, Any] = {}
    provision = (resource.get("provision") or {}).get("type")
    proxy = (resource.get("performer") or [{}])[0].get("display")
    status = {"permit": "given", "deny": "refused"}.get(provision or "")
    _put(consent, "status", "lacks-capacity" if proxy and not status else status)
    _put(consent, "date", resource.get("dateTime"))
    _put(consent, "proxy", {"name": proxy} if proxy and not status else None)
    return consent
