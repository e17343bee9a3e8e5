"""YAML 1.2 core schema, in one place, for both loaders; held to the yaml-test-suite.

``tests/data/yaml-test-suite/cases.json`` is a copy of the suite's cases (MIT, see LICENSE
there) with one document or an error: each must load to the suite's JSON, or be refused
when the suite says it is an error, by both loaders alike. Where careplan departs from the
suite on purpose or by its parsers' limits, the case says so (``careplan``: the outcome and
why), and the test holds it to that outcome.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careplan_cli.plan import reference, scalars
from careplan_cli.plan.build import LoadProblem
from careplan_cli.plan.fastload import Fallback, fast_load
from careplan_cli.plan.yamlload import parse_text
from tests.conftest import DATA

SUITE = json.loads((DATA / "yaml-test-suite" / "cases.json").read_text(encoding="utf-8"))
CASES = SUITE["cases"]


def fast(text: str) -> tuple[str, Any]:
    try:
        return ("data", fast_load(text))
    except Fallback:
        return ref(text)
    except LoadProblem as exc:
        return ("problem", exc.code)


def ref(text: str) -> tuple[str, Any]:
    try:
        data, finding = reference.load(text)
    except LoadProblem as exc:
        return ("problem", exc.code)
    return ("data", data) if finding is None else ("problem", finding.code)


@pytest.mark.parametrize("name", sorted(CASES))
def test_both_loaders_read_the_suite_alike(name: str) -> None:
    case = CASES[name]
    fast_outcome, ref_outcome = fast(case["yaml"]), ref(case["yaml"])
    assert fast_outcome == ref_outcome
    kind, value = ref_outcome
    if "careplan" in case:
        wanted = case["careplan"]["outcome"]
        assert (kind if kind == "data" else value) == wanted, case["careplan"]["why"]
    elif case["error"]:
        assert kind == "problem"
    else:
        assert kind == "data" and value == case["json"]


def test_the_suite_copy_is_mostly_conformance() -> None:
    departures = [name for name, case in CASES.items() if "careplan" in case]
    assert len(CASES) > 300 and len(departures) < len(CASES) // 6


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0b1", "0b1"),
        ("1_000", "1_000"),
        ("1_", "1_"),
        ("+0x1", "+0x1"),
        ("0x1F", 31),
        ("0o17", 15),
        ("010", 10),
        ("-0", 0),
        ("+12", 12),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("5.", 5.0),
        ("-.inf", -math.inf),
        ("+.inf", math.inf),
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("True", True),
        ("tRUE", "tRUE"),
        ("NULL", None),
        ("~", None),
        ("", None),
        ("1:30", "1:30"),
        ("2026-03-02", "2026-03-02"),
        ("0o8", "0o8"),
        ("0x", "0x"),
        (".", "."),
        ("-x", "-x"),
        ("1__2", "1__2"),
        ("٣", "٣"),
    ],
)
def test_plain_scalars_by_the_core_schema(text: str, value: Any) -> None:
    resolved = scalars.construct(scalars.resolve(text), text)
    assert resolved == value and type(resolved) is type(value)
    document = f"a: {text}\n" if text else "a:\n"
    assert fast(document) == ref(document) == ("data", {"a": value})


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("{1: a, true: b}", ["1", "true"]),
        ("{1: a, 1.0: b}", ["1", "1.0"]),
        ("{0b1: a, 1: b}", ["0b1", "1"]),
        ("{null: a, ~x: b}", ["null", "~x"]),
    ],
)
def test_keys_equal_only_by_yaml_equality_are_distinct(text: str, keys: list[str]) -> None:
    data, findings = parse_text(f"m: {text}\n")
    assert findings == [] and data is not None and list(data["m"]) == keys
    assert fast(f"m: {text}\n") == ref(f"m: {text}\n")


@pytest.mark.parametrize("text", ["{1: a, 01: b}", "{1: a, '1': b}", "{true: a, True: b}"])
def test_keys_equal_in_yaml_or_in_json_are_duplicates(text: str) -> None:
    _, findings = parse_text(f"m: {text}\n")
    assert [f.code for f in findings] == ["CP002"]


@given(st.text(alphabet="0123456789.+-eE_xobXOBinfatu~lN", max_size=8))
def test_resolution_is_total_and_agrees_with_construction(text: str) -> None:
    tag = scalars.resolve(text)
    value = scalars.construct(tag, text)
    if tag == scalars.STR:
        assert value == text
    else:
        assert isinstance(value, int | float | bool) or value is None
