"""The fast loader gives exactly ruamel.yaml's YAML 1.2 data, or steps aside."""

from __future__ import annotations

import contextlib
import math
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.error import YAMLError

from careplan_cli.plan import fastload
from careplan_cli.plan.fastload import Fallback, fast_load
from careplan_cli.plan.reference import ruamel_load
from tests.conftest import DATA, EXAMPLES

# Cases refused before parsing (alias bombs, deep nesting) are left out: comparing their
# expanded data would never finish, and neither loader's data is used for them.
FILES = [
    p
    for p in sorted(EXAMPLES.glob("*.yaml")) + sorted(DATA.glob("*/*.yaml"))
    if not p.name.startswith(("cp008", "cp012"))
]


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


def agree(text: str) -> None:
    try:
        fast = fast_load(text)[0]
    except Fallback:
        return  # ruamel.yaml decides; nothing to compare
    reference = ruamel_load(text)
    assert same(fast, reference), text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_example_and_case_loads_the_same(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    if len(text) < 100_000:
        # Where ruamel.yaml rejects the text, there is no data to compare.
        with contextlib.suppress(YAMLError, ValueError, RecursionError):
            agree(text)


def test_the_resolver_table_is_ruamel_yamls() -> None:
    from ruamel.yaml import resolver

    original = [
        (tag.rsplit(":", 1)[-1], regexp.pattern, regexp.flags & re.X, sorted(first or []))
        for versions, tag, regexp, first in resolver.implicit_resolvers
        if (1, 2) in versions
    ]
    copied = [
        (name, pattern, flags, sorted(first))
        for name, pattern, flags, first in fastload.RESOLVERS_1_2
    ]
    assert copied == original


def test_examples_take_the_fast_path() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        assert isinstance(fast_load(path.read_text())[0], dict)


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


@settings(max_examples=400)
@given(documents())
def test_generated_documents_load_the_same(text: str) -> None:
    try:
        reference = ruamel_load(text)
    except (YAMLError, ValueError):
        with pytest.raises(Fallback):
            fast_load(text)
        return
    try:
        fast = fast_load(text)[0]
    except Fallback:
        return
    assert same(fast, reference), text
