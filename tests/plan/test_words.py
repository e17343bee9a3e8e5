"""plain_path: a JSON pointer in words, items named by id or by position, never a value."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careplan_cli.plan.words import plain_path

PLAN = {
    "goals": [{"id": "G1"}, {"id": "G7", "status": "active"}, {"id": "Grace 07700"}],
    "interventions": [{"id": "I1", "goals": ["G1", "G9"]}],
    "strengths": ["Grace plays piano", "07700 900512"],
    "service_user": {"nhs_number": "999 000 0018"},
    "crisis_plan": {"contacts": [{"name": "Grace"}]},
    "numbered": {"1": "a key that is a number"},
}


@pytest.mark.parametrize(
    ("ptr", "with_plan", "without"),
    [
        ("", "the plan", "the plan"),
        ("/status", "status", "status"),
        ("/service_user/nhs_number", "service user, NHS number", "service user, NHS number"),
        ("/goals/1", "goal G7", "goal 2"),
        ("/goals/1/status", "goal G7, status", "goal 2, status"),
        ("/goals/2", "goal 3", "goal 3"),  # an id not shaped like one: by position
        ("/strengths/1", "strengths, item 2", "strengths, item 2"),
        ("/interventions/0/goals/1", "intervention I1, goals, item 2", "intervention 1, goal 2"),
        (
            "/crisis_plan/contacts/0/phone",
            "crisis plan, contact 1, phone",
            "crisis plan, contact 1, phone",
        ),
        ("/numbered/1", "numbered, an unknown key", "numbered, item 2"),
        ("/strengths/\u00b2", "strengths, an unknown key", "strengths, an unknown key"),
        ("/strengths/" + "9" * 5000, "strengths, an unknown key", "strengths, an unknown key"),
    ],
)
def test_places_in_words(ptr: str, with_plan: str, without: str) -> None:
    assert plain_path(ptr, PLAN) == with_plan
    assert plain_path(ptr) == without


@given(st.lists(st.integers(0, 5), max_size=6))
def test_no_plan_value_is_ever_repeated(indices: list[int]) -> None:
    for field in ("goals", "strengths", "crisis_plan/contacts", "interventions/0/goals"):
        words = plain_path("/" + "/".join([field, *map(str, indices)]), PLAN)
        for value in ("Grace", "07700", "900512", "G9", "piano"):
            assert value not in words
