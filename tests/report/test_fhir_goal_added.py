"""A goal's ``added`` date is the FHIR Goal's ``startDate``, and reads back as itself."""

from __future__ import annotations

import json

from careplan_cli.plan.yamlload import read_plan_file
from careplan_cli.report.fhir import from_bundle, to_bundle
from tests.conftest import EXAMPLES


def test_a_goal_added_date_is_its_start_date_and_reads_back() -> None:
    plan = read_plan_file(EXAMPLES / "CP-000102.yaml").data
    assert plan is not None
    plan["goals"][0]["added"] = "2026-08-01"
    bundle = to_bundle(plan, "RX4")
    goals = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Goal"]
    assert [g.get("startDate") for g in goals] == ["2026-08-01", None, None]
    assert "2026-08-01" not in json.dumps(bundle).replace('"startDate": "2026-08-01"', "")
    read = from_bundle(json.loads(json.dumps(bundle)))
    assert read.unmapped == [] and read.plan == plan
