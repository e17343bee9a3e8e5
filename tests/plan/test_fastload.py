"""The two composers (libyaml through PyYAML, ruamel.yaml) give the same data through the
one constructor, or the fast one steps aside."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careplan_cli.plan import reference
from careplan_cli.plan.build import LoadProblem
from careplan_cli.plan.fastload import Fallback, fast_load
from tests.conftest import DATA, EXAMPLES

FILES = sorted(EXAMPLES.glob("*.yaml")) + sorted(DATA.glob("*/*.yaml"))


def same(a: Any, b: Any) -> bool:
    """Equal, with NaN equal to NaN and types compared too (1 is not 1.0 or True)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def outcome(load: Any, text: str) -> Any:
    """The data, or the code and place of the problem."""
    try:
        return load(text)
    except LoadProblem as exc:
        return (exc.code, exc.line, exc.column)


def reference_data(text: str) -> Any:
    data, finding = reference.load(text)
    return data if finding is None else (finding.code,)


def agree(text: str) -> None:
    try:
        fast = outcome(fast_load, text)
    except Fallback:
        return  # libyaml could not read it: ruamel.yaml decides, nothing to compare
    assert same(fast, outcome(reference_data, text)), text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_example_and_case_loads_the_same(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    if len(text) < 100_000 and not path.name.startswith("cp012"):  # too deep for ruamel
        agree(text)


def test_examples_take_the_fast_path() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        assert isinstance(fast_load(path.read_text()), dict)


SCALARS = st.sampled_from(
    [
        "no",
        "No",
        "NO",
        "yes",
        "on",
        "off",
        "y",
        "n",
        "true",
        "True",
        "TRUE",
        "false",
        "tRUE",
        "null",
        "Null",
        "~",
        "",
        "010",
        "0o10",
        "0x1F",
        "0b101",
        "1_000",
        "+12",
        "-0",
        "0",
        "1:30",
        "1:30:00",
        "1e3",
        "1.5e-3",
        ".5",
        "5.",
        "-.inf",
        ".NaN",
        ".nan",
        "+.inf",
        "2026-03-02",
        "2026-02-30",
        "2026-3-2",
        "2026-03-02 10:00",
        "2026-03-02T10:00:00Z",
        "=",
        "<<",
        "'quoted'",
        '"dq"',
        "0.1",
        "1__2",
        "٣",
        "0777",
        "12e",
        "-",
        "a: b",
    ]
) | st.text(alphabet="0123456789.+-eE_xobn:", max_size=8)


@st.composite
def documents(draw: st.DrawFn) -> str:
    keys = draw(
        st.lists(
            st.sampled_from(["a", "b", "c", "1", "true", "null", "on", "010"]),
            min_size=1,
            max_size=5,
        )
    )
    lines = []
    for key in keys:
        shape = draw(st.sampled_from(["scalar", "flow", "block", "nested"]))
        if shape == "scalar":
            lines.append(f"{key}: {draw(SCALARS)}")
        elif shape == "flow":
            items = draw(st.lists(SCALARS, max_size=4))
            lines.append(f"{key}: [{', '.join(items)}]")
        elif shape == "block":
            lines.append(f"{key}:")
            lines.extend(f"  - {item}" for item in draw(st.lists(SCALARS, min_size=1, max_size=3)))
        else:
            lines.append(f"{key}:")
            lines.extend(
                f"  {k}: {draw(SCALARS)}"
                for k in draw(
                    st.lists(st.sampled_from(["x", "y", "no", "2"]), min_size=1, max_size=3)
                )
            )
    return "\n".join(lines) + "\n"


@settings(max_examples=200)
@given(documents())
def test_generated_documents_load_the_same(text: str) -> None:
    agree(text)
