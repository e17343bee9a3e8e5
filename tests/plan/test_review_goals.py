"""CP316 asks the latest review for an outcome only for the goals the plan had at that review."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

from careplan_cli.plan.findings import Finding
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.validate import check_data
from careplan_cli.plan.yamlload import read_plan_file
from tests.conftest import DATA

BASE = read_plan_file(DATA / "valid" / "v2-active-non-cpa.yaml").data
SETTINGS = Settings(today=date(2026, 11, 22))  # the latest review is dated 2026-04-01


def _with_goal(**fields: Any) -> dict[str, Any]:
    assert BASE is not None
    plan = copy.deepcopy(BASE)
    plan["id"] = "X"
    plan["goals"].append({"id": "G2", "description": "Find work", "status": "active", **fields})
    return plan


def _findings(plan: dict[str, Any]) -> list[Finding]:
    return check_data(plan, json.dumps(plan, indent=1), "X", SETTINGS)


def _cp316(plan: dict[str, Any]) -> list[Finding]:
    return [f for f in _findings(plan) if f.code == "CP316"]


def test_a_goal_added_after_the_latest_review_needs_no_outcome_in_it() -> None:
    # The schema takes the date; the one finding left is the new goal's want of an intervention.
    assert {f.code for f in _findings(_with_goal(added="2026-05-10"))} == {"CP311"}


def test_a_goal_added_on_the_day_of_the_review_is_one_the_review_agreed() -> None:
    assert {f.code for f in _findings(_with_goal(added="2026-04-01"))} == {"CP311"}


def test_a_goal_the_plan_had_at_the_review_still_needs_its_outcome() -> None:
    for plan in (_with_goal(), _with_goal(added="2026-03-01")):
        (finding,) = _cp316(plan)
        assert finding.path == "/goals/1"
        assert finding.message == "the latest review (review 1) has no outcome for this active goal"
