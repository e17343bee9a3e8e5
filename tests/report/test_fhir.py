"""The FHIR export and its reading back: valid R4 (the official JSON schema, the fhir.resources
models, the required code lists), deterministic, namespaced, and a round trip on every
example."""

from __future__ import annotations

import copy
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careplan_cli.plan.yamlload import read_plan_file
from careplan_cli.report.fhir import code_problems, from_bundle, to_bundle
from careplan_cli.report.fhir.remainder import apply, difference
from tests.conftest import DATA, EXAMPLES

FILES = sorted(EXAMPLES.glob("*.yaml"))
R4_SCHEMA = DATA / "fhir" / "fhir.schema.json"
R4_SHA256 = "92c2b35f7e2bb559b2a2580a2a99bb0f6a99cd51bc34f1bbf705baf1109e5e25"


@cache
def r4() -> Any:
    """The official schema, entered at its Bundle definition (errors then name the entry)."""
    schema = json.loads(R4_SCHEMA.read_text(encoding="utf-8"))
    schema.pop("oneOf"), schema.pop("discriminator")
    return jsonschema_rs.Draft6Validator({**schema, "$ref": "#/definitions/Bundle"})


def r4_errors(bundle: dict[str, Any]) -> list[str]:
    """Where the bundle breaks the R4 schema (paths only: messages would quote plan values)."""
    return ["/".join(map(str, e.instance_path)) for e in r4().iter_errors(bundle)]


def plan(path: Path) -> dict[str, Any]:
    data = read_plan_file(path).data
    assert data is not None
    return data


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_the_vendored_schema_is_the_one_described() -> None:
    assert hashlib.sha256(R4_SCHEMA.read_bytes()).hexdigest() == R4_SHA256
    assert R4_SHA256 in (R4_SCHEMA.parent / "README.md").read_text(encoding="utf-8")
    assert json.loads(R4_SCHEMA.read_text(encoding="utf-8"))["id"].endswith("json-schema/4.0")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_example_is_a_valid_r4_bundle(path: Path) -> None:
    from fhir.resources.R4B.bundle import Bundle

    bundle = to_bundle(plan(path), "RX4")
    assert r4_errors(bundle) == []  # the official R4 JSON schema
    Bundle.model_validate(bundle)  # the fhir.resources models
    assert code_problems(bundle) == []  # required code lists, which neither checks
    data = plan(path)
    assert len(resources(bundle, "Goal")) == len(data.get("goals", []))
    assert len(resources(bundle, "RelatedPerson")) == len(data.get("carers", []))
    assert len(resources(bundle, "RiskAssessment")) == len(data.get("risks", []))
    flags = (data.get("safeguarding") or {}).get("flags", [])
    assert len(resources(bundle, "Flag")) == len(flags)
    consent = (data.get("information_sharing") or {}).get("consent")
    assert len(resources(bundle, "Consent")) == (1 if consent else 0)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_example_reads_back_to_itself(path: Path) -> None:
    bundle = to_bundle(plan(path), "RX4")
    text = json.dumps(bundle, indent=2, ensure_ascii=False)
    read = from_bundle(json.loads(text))
    assert read.careplan_bundle and read.unmapped == []
    assert read.plan == plan(path)
    assert json.dumps(to_bundle(read.plan, "RX4"), indent=2, ensure_ascii=False) == text


def test_the_schema_check_can_fail() -> None:
    bundle = to_bundle(plan(EXAMPLES / "CP-000102.yaml"), "RX4")
    resources(bundle, "Goal")[0]["dueDate"] = "2026-01-01"  # not an element of Goal
    resources(bundle, "RiskAssessment")[0]["occurrenceDateTime"] = "2026-02-30x"
    resources(bundle, "CarePlan")[0]["status"] = "closed"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    wrong = [f"entry/{kinds.index(k)}/resource" for k in ("Goal", "RiskAssessment")]
    assert r4_errors(bundle) == wrong
    assert code_problems(bundle) == ["CarePlan.status: 'closed' is not in CarePlan.status"]


def test_no_clock_and_the_same_bytes() -> None:
    data = plan(EXAMPLES / "SC-000201.yaml")
    first = json.dumps(to_bundle(data, "RX4"))
    assert json.dumps(to_bundle(copy.deepcopy(data), "RX4")) == first
    for word in ("timestamp", "lastUpdated", "meta", "issued", "recorded"):
        assert f'"{word}"' not in first


def test_two_organisations_never_share_an_id() -> None:
    data = plan(EXAMPLES / "CP-000101.yaml")
    one, two = to_bundle(data, "RX4"), to_bundle(data, "RWK")
    ids = {e["resource"]["id"] for e in one["entry"]} | {one["id"]}
    assert ids.isdisjoint({e["resource"]["id"] for e in two["entry"]} | {two["id"]})
    identifier = resources(one, "CarePlan")[0]["identifier"][0]
    assert identifier["value"] == "CP-000101"
    assert "/RX4/" in identifier["system"]
    assert identifier["assigner"]["identifier"]["value"] == "RX4"


CLOSED = {
    "treatment-completed": "completed",
    "discharged-to-gp": "completed",
    "other": "completed",
    "transferred": "revoked",
    "moved-away": "revoked",
    "declined-service": "revoked",
    "disengaged": "revoked",
    "died": "revoked",
}


@pytest.mark.parametrize("reason", sorted(CLOSED))
def test_a_closed_plan_is_completed_or_revoked_by_its_reason(reason: str) -> None:
    data = plan(EXAMPLES / "CP-000101.yaml")
    data.update(status="closed", end="2026-12-01")
    data["closure"] = {"date": "2026-12-01", "reason": reason}
    bundle = to_bundle(data, "RX4")
    careplan = resources(bundle, "CarePlan")[0]
    assert careplan["status"] == CLOSED[reason]
    statuses = {a["detail"]["status"] for a in careplan.get("activity", [])}
    assert statuses <= {"completed" if CLOSED[reason] == "completed" else "stopped"}
    assert r4_errors(bundle) == [] and code_problems(bundle) == []
    assert from_bundle(bundle).plan == data


def test_ended_interventions_are_not_in_progress() -> None:
    data = plan(EXAMPLES / "CP-000101.yaml")
    latest = max(r["date"] for r in data["reviews"])
    data["interventions"][0]["end"] = latest
    data["interventions"][1].pop("end", None)
    activities = resources(to_bundle(data, "RX4"), "CarePlan")[0]["activity"]
    assert activities[0]["detail"]["status"] == "completed"
    assert activities[1]["detail"]["status"] == "in-progress"
    assert activities[0]["detail"]["scheduledTiming"]["repeat"]["boundsPeriod"]["end"] == latest


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_next_review_is_a_scheduled_activity(path: Path) -> None:
    data = plan(path)
    activities = resources(to_bundle(data, "RX4"), "CarePlan")[0].get("activity", [])
    reviews = [a["detail"] for a in activities if a.get("id") == "next-review"]
    if not data.get("next_review") or data["status"] == "closed":
        assert reviews == []
        return
    (review,) = reviews
    assert review["code"]["coding"][0]["code"] == "425268008"
    assert review["status"] == "scheduled"
    assert review["scheduledPeriod"] == {"start": data["next_review"], "end": data["next_review"]}


def test_a_foreign_bundle_lists_what_was_not_read() -> None:
    bundle = to_bundle(plan(EXAMPLES / "CP-000104.yaml"), "RX4")
    careplan = resources(bundle, "CarePlan")[0]
    careplan.pop("extension")
    careplan["extension"] = [{"url": "https://example.org/x", "valueString": "x"}]
    resources(bundle, "Patient")[0]["telecom"] = [{"system": "phone", "value": "01632 960000"}]
    bundle["entry"].append({"resource": {"resourceType": "Observation", "status": "final"}})
    read = from_bundle(bundle)
    assert not read.careplan_bundle
    assert "Patient.telecom" in read.unmapped
    assert "Observation (a resource careplan does not read)" in read.unmapped
    assert "CarePlan.extension (https://example.org/x)" in read.unmapped
    assert read.plan["goals"][0]["id"] == "G1" and read.plan["coordinator"]["role"]
    assert "mha" not in read.plan  # only careplan's own extension carries it


@pytest.mark.parametrize(
    "bundle",
    [
        [],
        {"resourceType": "Patient"},
        {"resourceType": "Bundle"},
        {"resourceType": "Bundle", "entry": []},
    ],
)
def test_not_a_careplan_bundle(bundle: Any) -> None:
    with pytest.raises(ValueError):
        from_bundle(bundle)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(JSON, JSON)
def test_the_remainder_turns_what_was_read_into_the_plan(mine: Any, theirs: Any) -> None:
    diff = difference(mine, theirs)
    assert apply(theirs, json.loads(json.dumps(diff))) == mine
