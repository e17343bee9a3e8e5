"""Outcome measures (HoNOS, ReQoL, TOP) in plain words for a copy: totals, what is high, and
which way is better, as the tools define them (DOMAIN.md, "Outcome measures")."""

from __future__ import annotations

from typing import Any

from careplan_cli.report.copytext import joined, text

# HoNOS's 12 scales, in order, in plain words; each rated 0-4, 9 for not known.
HONOS_ITEMS = (
    "aggressive or agitated behaviour", "self-injury", "drinking or drug-taking",
    "memory and thinking", "physical illness or disability", "hallucinations and delusions",
    "depressed mood", "other mental and behavioural problems", "relationships",
    "activities of daily living", "living conditions", "occupation and activities",
)  # fmt: skip
HONOS_RATINGS = ("no problem", "minor", "mild", "moderately severe", "severe")
NOT_KNOWN = 9

ABOUT = {
    "honos": "HoNOS (Health of the Nation Outcome Scales) is rated by staff: 12 areas, each "
    "from 0 (no problem) to 4 (a severe problem), so a lower total is better.",
    "reqol": "ReQoL (Recovering Quality of Life) is my own rating of my quality of life: "
    "each question scores 0 to 4, so a higher total is better.",
    "top": "TOP (Treatment Outcomes Profile) is about the last 28 days; health and quality "
    "of life are rated from 0 (poor) to 20 (good).",
}


def _numbers(values: Any) -> list[int]:
    if not isinstance(values, list):
        return []
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def honos(entry: dict[str, Any]) -> str:
    scores = _numbers(entry.get("items"))
    known = [v for v in scores if v != NOT_KNOWN]
    words = f"HoNOS total {sum(known)} out of {4 * len(known)}"
    unknown = len(scores) - len(known)
    if unknown:
        words += f" ({unknown} not known)"
    high = [
        f"{HONOS_ITEMS[i]} {v} ({HONOS_RATINGS[v]})"
        for i, v in enumerate(scores[: len(HONOS_ITEMS)])
        if 2 <= v <= 4
    ]
    if high:
        words += f"; rated 2 or more: {joined(high)}"
    if entry.get("rated_by"):
        words += f"; rated by {text(entry['rated_by'])}"
    return words


def reqol(entry: dict[str, Any]) -> str:
    scores = _numbers(entry.get("items"))
    name = f"ReQoL-{text(entry.get('version'))}" if entry.get("version") else "ReQoL"
    words = f"{name} total {sum(scores)} out of {4 * len(scores)}"
    physical = entry.get("physical_health")
    if isinstance(physical, int):
        words += f"; physical health question {physical} (0 to 4)"
    return words


def _offending(offending: Any) -> str:
    if not isinstance(offending, dict):
        return ""
    done = [
        f"shoplifting on {offending['shoplifting_days']} days"
        if offending.get("shoplifting_days")
        else "",
        f"selling drugs on {offending['drug_selling_days']} days"
        if offending.get("drug_selling_days")
        else "",
        "other theft" if offending.get("other_theft") else "",
        "assault or violence" if offending.get("assault_violence") else "",
    ]
    return f"offending: {joined(done)}" if any(done) else "no offending"


def _housing(entry: dict[str, Any]) -> str:
    problems = [
        "an acute housing problem" if entry.get("acute_housing_problem") else "",
        "at risk of eviction" if entry.get("at_risk_of_eviction") else "",
    ]
    if any(problems):
        return joined(problems)
    known = ("acute_housing_problem" in entry) or ("at_risk_of_eviction" in entry)
    return "no housing problem" if known else ""


def top(entry: dict[str, Any]) -> str:
    parts = [
        f"{text(s.get('substance'))} on {s.get('days')} of 28 days"
        for s in entry.get("substances") or []
        if isinstance(s, dict)
    ]
    if isinstance(entry.get("injecting_days"), int):
        parts.append(f"injecting on {entry['injecting_days']} days")
    if entry.get("shared_equipment"):
        parts.append("shared injecting equipment")
    parts.append(_offending(entry.get("offending")))
    ratings = [
        f"{name} {entry[key]}"
        for key, name in (
            ("psychological_health", "psychological health"),
            ("physical_health", "physical health"),
            ("quality_of_life", "quality of life"),
        )
        if isinstance(entry.get(key), int)
    ]
    if ratings:
        parts.append(f"{joined(ratings)} (out of 20)")
    parts.append(_housing(entry))
    return "TOP: " + "; ".join(p for p in parts if p)


WRITERS = {"honos": honos, "reqol": reqol, "top": top}


def measures_text(measures: Any) -> str:
    """The measures taken on one occasion, one clause each, in the schema's order."""
    if not isinstance(measures, dict):
        return ""
    return ". ".join(
        write(measures[tool])
        for tool, write in WRITERS.items()
        if isinstance(measures.get(tool), dict)
    )
