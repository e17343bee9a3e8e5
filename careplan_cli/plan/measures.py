"""Outcome measures recorded at reviews (HoNOS, ReQoL, TOP): one score each, and its change.

A score is compared between the first and the latest review that recorded the measure.
HoNOS counts problems (lower is better; item value 9, "not known", is left out); ReQoL and
TOP's wellbeing ratings count quality of life (higher is better).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

LOWER_IS_BETTER = {"honos"}
TOP_RATINGS = ("psychological_health", "physical_health", "quality_of_life")


def _entries(review: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(tool, entry) for each measure a review records, as a list or a mapping by tool."""
    measures = review.get("outcome_measures", review.get("measures"))
    if isinstance(measures, dict):
        for tool, entry in measures.items():
            if isinstance(entry, dict):
                yield str(tool), entry
    elif isinstance(measures, list):
        for entry in measures:
            if isinstance(entry, dict):
                yield str(entry.get("tool") or entry.get("measure") or ""), entry


def score(tool: str, entry: dict[str, Any]) -> float | None:
    """One number for a recorded measure, or None when it has none."""
    total = entry.get("total", entry.get("score"))
    if isinstance(total, int | float) and not isinstance(total, bool):
        return float(total)
    if tool.startswith("top"):
        ratings = [entry.get(name) for name in TOP_RATINGS]
        known = [float(r) for r in ratings if isinstance(r, int | float)]
        return sum(known) if known else None
    items = entry.get("items")
    if isinstance(items, dict):
        items = list(items.values())
    if not isinstance(items, list):
        return None
    known = [float(v) for v in items if isinstance(v, int | float) and v != 9]
    return sum(known) if known else None


def family(tool: str) -> str:
    """The measure a tool name belongs to: honos, reqol or top."""
    name = tool.casefold().replace("-", "").replace("_", "")
    for known in ("honos", "reqol", "top"):
        if name.startswith(known):
            return known
    return name


def first_and_latest(reviews: Iterable[dict[str, Any]]) -> list[tuple[str, int]]:
    """(measure, change) for each measure scored at two or more of ``reviews`` (in date
    order): 1 better, 0 the same, -1 worse, first score against the latest."""
    scores: dict[str, list[float]] = {}
    for review in reviews:
        for tool, entry in _entries(review):
            value = score(family(tool), entry)
            if value is not None:
                scores.setdefault(family(tool), []).append(value)
    changes = []
    for tool in sorted(scores):
        values = scores[tool]
        if len(values) < 2:
            continue
        delta = values[-1] - values[0]
        if tool in LOWER_IS_BETTER:
            delta = -delta
        changes.append((tool, (delta > 0) - (delta < 0)))
    return changes
