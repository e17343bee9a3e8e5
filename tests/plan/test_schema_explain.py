"""A failing plan is explained from jsonschema-rs's errors exactly as from jsonschema's: the
same problems (pointer, message, whether about a key, where), in the same order."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from careplan_cli.plan.schema import (
    MAX_UNKNOWN,
    Problem,
    _explained,
    _part_schema,
    _part_verdict,
    _verdict,
    may_hold_year_zero,
    part_problems,
    part_validator,
    schema,
    schema_problems,
    validator,
    version_of,
)
from careplan_cli.plan.schema_explain import rs_errors
from careplan_cli.plan.yamlload import parse_text, read_plan_file
from tests.conftest import DATA, EXAMPLES, EXAMPLES_V1, ROOT

UNBOUNDED = {"cp008-alias-bomb", "cp008-alias-refers-to-parent", "cp012-deep-nesting"}
CASES = [
    p
    for p in sorted(EXAMPLES.glob("*.yaml")) + sorted(DATA.glob("*/*.yaml"))
    if p.stem not in UNBOUNDED
]


def _python(data: Any) -> list[Problem]:
    return schema_problems(data, validator(version_of(data)))


def _rs(data: Any) -> list[Problem]:
    errors = rs_errors(_verdict(version_of(data)), schema(version_of(data)), data)
    assert errors is not None, "every keyword of the plan format is mapped"
    return _explained(errors)


def _agree(data: Any) -> None:
    python = _python(data)
    if not may_hold_year_zero(data):  # that goes to jsonschema, whose verdict differs
        assert _rs(data) == python
    assert schema_problems(data) == python


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_case_is_explained_the_same_by_both(path: Path) -> None:
    data = read_plan_file(path).data
    if data is not None:
        _agree(data)


WRONG: st.SearchStrategy[Any] = st.sampled_from(
    [
        "",
        " ",
        "not-a-value",
        "2026-02-30",
        "2026-2-3",
        "20260228",
        "2026-02-28\n",
        "0000-01-01",
        "CP 1\n",
        "x" * 70,
        "999 000 0018",
        0,
        -1,
        1.0,
        1.5,
        99,
        2**70,
        True,
        None,
        [],
        {},
        ["G1", "G1"],
        {"a": 1},
    ]
)
NEW_KEYS = st.sampled_from(["statu", "goalz", "extra", "a b", "Zebedee Quartz", "id", "date"])


def _places(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in ``node``."""
    if isinstance(node, dict):
        items: Any = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return []
    return [(node, key) for key, _ in items] + [p for _, child in items for p in _places(child)]


def _damage(data: dict[str, Any], draw: st.DrawFn) -> None:
    container, key = draw(st.sampled_from(_places(data)))
    edit = draw(st.sampled_from(["delete", "wrong", "wrap", "unknown", "many", "version"]))
    if edit == "delete":
        del container[key]
    elif edit == "wrong":
        container[key] = copy.deepcopy(draw(WRONG))
    elif edit == "wrap":
        container[key] = [container[key]]
    elif edit == "version":
        data["schema_version"] = draw(st.sampled_from([1, 2]))
    else:
        target = container[key] if isinstance(container[key], dict) else container
        if not isinstance(target, dict):
            return
        if edit == "unknown":
            target[draw(NEW_KEYS)] = copy.deepcopy(draw(WRONG))
        else:  # around the count of unknown keys reported one by one
            for index in range(draw(st.integers(MAX_UNKNOWN - 5, MAX_UNKNOWN + 5))):
                target[f"stray_{index}"] = index


@st.composite
def damaged_plans(draw: st.DrawFn) -> dict[str, Any]:
    path = draw(
        st.sampled_from(sorted(EXAMPLES.glob("*.yaml")) + sorted(EXAMPLES_V1.glob("*.yaml")))
    )
    data, _ = parse_text(path.read_text(encoding="utf-8"))
    assert data is not None
    for _ in range(draw(st.integers(1, 5))):
        _damage(data, draw)
    return data


@settings(deadline=None, max_examples=150)
@given(damaged_plans())
def test_damaged_plans_are_explained_the_same_by_both(data: dict[str, Any]) -> None:
    _agree(data)
    for review in data.get("reviews") or []:
        python = schema_problems(review, part_validator("review"))
        if not may_hold_year_zero(review):
            errors = rs_errors(_part_verdict("review"), _part_schema("review"), review)
            assert errors is not None
            assert _explained(errors) == python
        assert part_problems("review", review) == python


# Keywords the plan format does not use today, each with jsonschema-rs's errors mapped.
OTHER: dict[str, Any] = {
    "$defs": {"short": {"type": "string", "maxLength": 3}},
    "type": "object",
    "properties": {
        "a": {
            "anyOf": [
                {"type": "string", "minLength": 3},
                {"type": "object", "properties": {"b": {"enum": [1, 2]}}, "required": ["c"]},
                {"anyOf": [{"type": "array", "minItems": 2}, {"type": "boolean"}]},
            ]
        },
        "o": {"oneOf": [{"type": "string"}, {"type": "integer", "minimum": 0}, {"const": "x"}]},
        "n": {"not": {"type": "string"}},
        "u": {
            "type": "array",
            "uniqueItems": True,
            "maxItems": 2,
            "items": {"$ref": "#/$defs/short"},
        },
        "x": {"exclusiveMinimum": 0, "exclusiveMaximum": 10, "multipleOf": 2, "maximum": 8},
        "m": {"type": "object", "minProperties": 1, "maxProperties": 2},
        "c": {"const": "yes"},
        "t": {"type": ["string", "null"]},
    },
    "if": {"properties": {"c": {"const": "yes"}}, "required": ["c"]},
    "minProperties": 2,  # jsonschema yields "then"'s errors where it meets "if": before this
    "then": {"required": ["t"]},
    "else": {"properties": {"n": {"not": {}}}},
    "additionalProperties": False,
}
VALUES: st.SearchStrategy[Any] = st.recursive(
    st.sampled_from(["", "ab", "abcd", "x", "yes", 0, 2, 4.0, 1.5, 12, -3, True, False, None]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("bcd"), inner),
    max_leaves=6,
)


OTHER_CASES: list[dict[str, Any]] = [
    {"x": 0},
    {"x": -3},
    {"x": 12},
    {"a": []},
    {"a": {"b": 5}},
    {"a": "ab", "o": 1.5},
    {"o": "x"},  # valid under two branches of oneOf
    {"n": "s", "m": {}},
    {"u": ["abcd", "abcd", "a"], "m": {"b": 1, "c": 2, "d": 3}},
    {"c": "yes", "t": 5},
    {"c": "no", "n": 1},
    {"zz": 1, "a b": 2},
]


@settings(deadline=None, max_examples=300)
@given(st.dictionaries(st.sampled_from([*OTHER["properties"], "zz", "a b"]), VALUES))
def test_other_keywords_are_explained_the_same_by_both(data: dict[str, Any]) -> None:
    python = Draft202012Validator(OTHER)
    errors = rs_errors(jsonschema_rs.validator_for(OTHER), OTHER, data)
    assert errors is not None
    assert _explained(errors) == _explained(python.iter_errors(data))


@pytest.mark.parametrize("data", OTHER_CASES)
def test_each_other_keyword_is_explained_the_same_by_both(data: dict[str, Any]) -> None:
    test_other_keywords_are_explained_the_same_by_both.hypothesis.inner_test(data)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("keywords", "data"),
    [
        (
            {"patternProperties": {"^x": {"type": "string"}}, "additionalProperties": False},
            {"y": 1},
        ),
        ({"prefixItems": [{"type": "string"}], "items": {"type": "string"}}, [1, 2]),
        ({"unevaluatedProperties": False}, {"y": 1}),
        ({"propertyNames": {"maxLength": 1}}, {"yy": 1}),
        ({"contains": {"type": "string"}}, [1]),
        ({"dependentRequired": {"a": ["b"]}}, {"a": 1}),
        ({"properties": {"a": False}}, {"a": 1}),
        ({"additionalProperties": {"type": "string"}}, {"a": 1}),
        ({"$ref": "#anchor", "$defs": {"s": {"$anchor": "anchor", "type": "string"}}}, 1),
    ],
)
def test_what_is_not_mapped_goes_to_jsonschema(keywords: dict[str, Any], data: Any) -> None:
    assert rs_errors(jsonschema_rs.validator_for(keywords), keywords, data) is None


def _imports_jsonschema(plan: str) -> bool:
    """Whether explaining ``plan`` (a plan's text) imports jsonschema, in a fresh process."""
    program = (
        "import sys\n"
        "from careplan_cli.plan.schema import schema_problems\n"
        "from careplan_cli.plan.yamlload import parse_text\n"
        "text = sys.stdin.read()\n"
        "assert schema_problems(parse_text(text)[0], text=text)\n"
        "print('jsonschema' in sys.modules)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", program],
        input=plan,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return run.stdout.strip() == "True"


def test_explaining_a_plan_does_not_import_jsonschema() -> None:
    text = (EXAMPLES / "CP-000101.yaml").read_text(encoding="utf-8")
    assert not _imports_jsonschema(text.replace("status: active", "status: current", 1))
    # year 0000: jsonschema-rs takes it as a date, so jsonschema judges and explains
    assert _imports_jsonschema(text.replace("status: active", "status: 0000-01-01", 1))


@pytest.mark.parametrize("created", ["0000-09-29", '"\\x300\\x300-09-29"'])
@pytest.mark.parametrize("status", ["active", "current"])
def test_a_plan_that_may_hold_year_zero_is_judged_and_explained_by_jsonschema(
    created: str, status: str
) -> None:
    text = (EXAMPLES / "CP-000101.yaml").read_text(encoding="utf-8")
    text = text.replace("created: 2025-09-29", f"created: {created}", 1)
    text = text.replace("status: active", f"status: {status}", 1)
    data, _ = parse_text(text)
    assert data is not None and data["created"] == "0000-09-29"
    problems = schema_problems(data, text=text)
    assert problems == _python(data) == schema_problems(data)
    assert {problem.where for problem in problems} >= {"/created"}
