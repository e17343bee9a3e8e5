"""Which goals a review owes an outcome.

A review assesses progress on each active goal the plan had before the review (DOMAIN.md,
format v2; rule CP316). A goal added on the day of a review or after it is one that review, or
a later one, agreed: it is assessed at the next review. (Apart from :mod:`.reviewcontent`
because the rules import it, and the code lists that module reads import the rules.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from careplan_cli.plan.dates import as_date


def owes_outcome(goal: Any, review_date: Any) -> bool:
    """True when a review dated ``review_date`` owes ``goal`` an outcome: the goal is active,
    has an id, and the plan had it before that day (a goal without ``added`` always)."""
    if not isinstance(goal, dict) or not isinstance(goal.get("id"), str):
        return False
    if goal.get("status", "active") != "active":
        return False
    added, held = as_date(goal.get("added")), as_date(review_date)
    return added is None or held is None or added < held


def goals_owed(plan: dict[str, Any], review_date: Any) -> list[str]:
    """The ids of the goals a review of ``plan`` dated ``review_date`` owes an outcome."""
    goals = plan.get("goals")
    listed: Sequence[Any] = goals if isinstance(goals, list) else []
    return [g["id"] for g in listed if owes_outcome(g, review_date)]
