"""The review schedule across a plan's life: a reopening starts it again; a review brought
forward (as on a change of level) is allowed, a review put back is not."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from careplan_cli.plan.policy import ReviewPolicy
from careplan_cli.plan.rules import PlanContext, all_rules

REVIEW = {"date": "2026-06-01", "kind": "scheduled", "next_review": "2026-09-01"}
REOPENED = {"date": "2026-11-01", "from": "closed", "to": "active", "reason": "Back"}


def codes(plan: dict[str, Any]) -> set[str]:
    ctx = PlanContext(
        {"type": "cpa", "level": "enhanced", "status": "active", "start": "2026-01-01", **plan},
        "X",
        date(2026, 11, 22),
        ReviewPolicy(),
    )
    wanted = {"CP202", "CP203", "CP204"}
    return {
        rule.code
        for rule in all_rules()
        if rule.code in wanted and rule.check is not None and list(rule.check(ctx))
    }


@pytest.mark.parametrize(
    ("plan", "found"),
    [
        ({"reviews": [REVIEW], "next_review": "2026-09-01"}, set()),
        ({"reviews": [REVIEW], "next_review": "2026-08-01"}, set()),  # brought forward
        ({"reviews": [REVIEW], "next_review": "2026-10-01"}, {"CP203", "CP204"}),  # put back
        # Reopened after the latest review: the schedule counts from the reopening.
        (
            {"reviews": [REVIEW], "next_review": "2027-02-01", "status_history": [REOPENED]},
            set(),
        ),
        (
            {"reviews": [REVIEW], "next_review": "2027-03-01", "status_history": [REOPENED]},
            {"CP204"},
        ),
        # A reopening before the latest review changes nothing.
        (
            {
                "reviews": [{**REVIEW, "date": "2026-11-10", "next_review": "2027-02-10"}],
                "next_review": "2027-02-01",
                "status_history": [REOPENED],
            },
            set(),
        ),
        (
            {
                "reviews": [{**REVIEW, "date": "2026-11-10", "next_review": "2027-02-10"}],
                "next_review": "2027-03-01",
                "status_history": [REOPENED],
            },
            {"CP203", "CP204"},
        ),
    ],
)
def test_schedule_rules(plan: dict[str, Any], found: set[str]) -> None:
    assert codes(plan) == found
