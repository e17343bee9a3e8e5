"""The semantic diff: golden pairs, and properties that hold for every plan."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careplan_cli.plan.diff import apply_changes, diff_plans
from careplan_cli.plan.yamlload import read_plan_file
from tests.conftest import DATA, EXAMPLES, ROOT

PAIRS = sorted((DATA / "diff").glob("*.new.yaml"))
PLANS = [read_plan_file(p).data for p in sorted(EXAMPLES.glob("*.yaml"))]
KEYED = ("needs", "goals", "interventions", "risks", "reviews")


def normalised(plan: dict[str, Any]) -> str:
    """The plan with every list in a canonical order: what the diff calls 'no change'."""

    def norm(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: norm(v) for k, v in value.items()}
        if isinstance(value, list):
            items = [norm(v) for v in value]
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
        return value

    return json.dumps(norm(plan), sort_keys=True)


def old_of(pair: Path) -> Path:
    first_lines = pair.read_text().splitlines()[:3]
    return ROOT / next(line[len("# old: ") :] for line in first_lines if line.startswith("# old: "))


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.name.split(".")[0])
def test_golden_pairs_round_trip_through_apply(pair: Path) -> None:
    old, new = read_plan_file(old_of(pair)).data, read_plan_file(pair).data
    assert old is not None and new is not None
    assert normalised(apply_changes(old, diff_plans(old, new))) == normalised(new)


def test_care_changes_are_named_in_care_planning_terms() -> None:
    pair = DATA / "diff" / "care-changes.new.yaml"
    old, new = read_plan_file(old_of(pair)).data, read_plan_file(pair).data
    assert old is not None and new is not None
    assert [(c.op, c.path, c.label) for c in diff_plans(old, new)] == [
        ("added", "/goals/G4", "goal G4"),
        ("changed", "/interventions/I5/agency", "intervention I5: agency"),
        ("changed", "/interventions/I5/professional", "intervention I5: professional"),
        ("changed", "/risks/R1/level", "risk R1: level"),
        ("removed", "/crisis_plan/contacts/2", "crisis plan: contacts"),
    ]


def test_reordering_and_reformatting_is_no_change() -> None:
    pair = DATA / "diff" / "reordered-only.new.yaml"
    assert (
        diff_plans(read_plan_file(old_of(pair)).data or {}, read_plan_file(pair).data or {}) == []
    )


@given(st.sampled_from(PLANS))
def test_diff_of_a_plan_with_itself_is_empty(plan: dict[str, Any]) -> None:
    assert diff_plans(plan, copy.deepcopy(plan)) == []


@given(st.sampled_from(PLANS), st.randoms(use_true_random=False))
def test_any_permutation_of_keyed_lists_is_no_change(
    plan: dict[str, Any], rng: random.Random
) -> None:
    shuffled = copy.deepcopy(plan)
    for section in (*KEYED, "strengths", "review_triggers", "copies", "care_team"):
        if isinstance(shuffled.get(section), list):
            rng.shuffle(shuffled[section])
    assert diff_plans(plan, shuffled) == []


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """An example plan and a copy changed in random places (fields, items, sections)."""
    plan = draw(st.sampled_from(PLANS))
    new = copy.deepcopy(plan)
    for _ in range(draw(st.integers(1, 6))):
        section = draw(st.sampled_from(sorted(new)))
        action = draw(st.sampled_from(["set", "delete", "add-item", "drop-item", "edit-item"]))
        value = new[section]
        if action == "set":
            new[section] = draw(JSONISH)
        elif action == "delete":
            del new[section]
        elif isinstance(value, list) and action == "add-item":
            item = draw(JSONISH)
            if section in KEYED:
                item = {
                    "id": draw(st.text("GXYZ0123", min_size=1, max_size=3)),
                    "date": draw(st.sampled_from(["2027-01-01", "2027-02-02"])),
                    "note": item,
                }
            value.append(item)
        elif isinstance(value, list) and value and action == "drop-item":
            value.pop(draw(st.integers(0, len(value) - 1)))
        elif isinstance(value, list) and value and action == "edit-item":
            target = value[draw(st.integers(0, len(value) - 1))]
            if isinstance(target, dict) and target:
                target[draw(st.sampled_from(sorted(target)))] = draw(JSONISH)
    return plan, new


@settings(max_examples=300)
@given(mutated())
def test_applying_the_reported_changes_gives_the_new_version(
    pair: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    old, new = pair
    changes = diff_plans(old, new)
    assert normalised(apply_changes(old, changes)) == normalised(new)
    assert (changes == []) == (normalised(old) == normalised(new))
