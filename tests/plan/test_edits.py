"""The change functions behind ``careplan set`` and ``add``: places, typing, layout kept."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careplan_cli.errors import UsageError
from careplan_cli.plan.address import parse_assignment, schema_at, typed_value
from careplan_cli.plan.edits import add_item, apply_assignments, place_words
from careplan_cli.plan.yamlload import parse_text
from tests.conftest import EXAMPLES

EXAMPLE_PATHS = sorted(EXAMPLES.glob("*.yaml"))


def load(path: Path) -> tuple[str, dict[str, object]]:
    text = path.read_text()
    data, _ = parse_text(text)
    assert isinstance(data, dict)
    return text, data


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [d for d in diff if d[:1] in "+-"]


@pytest.mark.parametrize(
    ("steps", "words"),
    [
        (("risks", "R2", "level"), "risk R2 level"),
        (("coordinator", "phone"), "coordinator phone"),
        (("strengths", "2"), "strengths 2"),
        (("crisis_plan", "contacts", "1", "when"), "crisis plan contact 1 when"),
        (("care_team", "T1", "sector"), "care team member T1 sector"),
    ],
)
def test_places_in_words(steps: tuple[str, ...], words: str) -> None:
    assert place_words(steps) == words


@pytest.mark.parametrize(
    ("steps", "raw", "expected"),
    [
        (("start",), "2026-03-01", date(2026, 3, 1)),
        (("agreement", "agreed"), "yes", True),
        (("risks", "R1", "level"), "high", "high"),
        (("personal_budget", "amount"), "180.50", 180.5),
        (("coordinator", "phone"), "01632 960999", "01632 960999"),
        (("strengths", "1"), "no", "no"),
        (("crisis_plan", "contacts", "1"), "{name: A, phone: '1'}", {"name": "A", "phone": "1"}),
    ],
)
def test_values_are_typed_by_the_schema(steps: tuple[str, ...], raw: str, expected: object) -> None:
    plan = {"type": "social-care"} if steps[0] == "personal_budget" else {"type": "cpa"}
    assert typed_value(raw, schema_at(steps, plan), "here") == expected


def test_the_level_allowed_follows_the_plan_type() -> None:
    with pytest.raises(UsageError, match="one of: tier-2, tier-3, tier-4"):
        typed_value("enhanced", schema_at(("level",), {"type": "substance-misuse"}), "level")


@pytest.mark.parametrize("text", ["risks.R2.level", "=x", "a b=c", "goals..status=x"])
def test_assignments_that_are_not_one(text: str) -> None:
    with pytest.raises(UsageError):
        parse_assignment(text)


@pytest.mark.parametrize("path", EXAMPLE_PATHS, ids=lambda p: p.stem)
@settings(max_examples=15, deadline=None)
@given(level=st.sampled_from(["low", "medium", "high"]), pick=st.integers(0, 20))
def test_setting_a_risk_level_changes_that_line_alone(path: Path, level: str, pick: int) -> None:
    text, data = load(path)
    risks = data.get("risks") or []
    assert isinstance(risks, list) and risks
    risk = risks[pick % len(risks)]
    new, said = apply_assignments(
        text, data, [parse_assignment(f"risks.{risk['id']}.level={level}")]
    )
    if risk["level"] == level:
        assert new == text or changed_lines(text, new) == []
        return
    lines = changed_lines(text, new)
    assert len(lines) == 2, lines
    assert lines[0].startswith("- ") and lines[1].startswith("+ ")
    assert lines[0].replace(risk["level"], level) == lines[1].replace("+ ", "- ", 1)
    assert said == [f"risk {risk['id']} level {risk['level']} -> {level}"]


@pytest.mark.parametrize("path", EXAMPLE_PATHS, ids=lambda p: p.stem)
def test_adding_a_goal_only_adds_lines(path: Path) -> None:
    text, data = load(path)
    new, said = add_item(text, data, "goal", {"description": "Something new", "status": "proposed"})
    lines = changed_lines(text, new)
    assert all(line.startswith("+ ") for line in lines), lines
    assert said.startswith("goal G") and said.endswith(" added")
    reparsed, _ = parse_text(new)
    assert isinstance(reparsed, dict)
    assert reparsed["goals"][-1]["description"] == "Something new"


def test_removing_the_last_field_of_a_block_keeps_the_blank_line_after_it() -> None:
    text, data = load(EXAMPLES / "CP-000102.yaml")
    new, said = apply_assignments(text, data, [], ["risks.R3.last_assessed"])
    assert said == ["risk R3 last assessed removed"]
    assert changed_lines(text, new) == ["-     last_assessed: 2026-07-09"]
