"""The quick path (yaml-rs behind careplan's screen) reads every text as the full path does.

The full path (libyaml's composer, or ruamel.yaml, and careplan's constructor) is the
reference: for any text, the quick path either gives the same data or steps aside
(:class:`Fallback`). A text it steps aside for is only read more slowly; a text it reads
differently would be a wrong result, so the differences found while building it are kept
here as cases, and generated texts look for more.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careplan_cli.plan import quickload, reference, yamlload
from careplan_cli.plan.build import Fallback, LoadProblem
from careplan_cli.plan.fastload import fast_load
from careplan_cli.plan.yamlload import parse_text
from tests.conftest import DATA, EXAMPLES
from tests.plan.test_fastload import same as same_data

SUITE = json.loads((DATA / "yaml-test-suite" / "cases.json").read_text(encoding="utf-8"))
EXAMPLE_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.yaml"))}
DATA_FILES = sorted(p for p in DATA.rglob("*.y*ml") if p.is_file())


def full(text: str) -> tuple[str, Any]:
    """The full path's outcome: ("data", data) or ("problem", code), whatever the top level."""
    try:
        return ("data", fast_load(text))
    except Fallback:
        data, finding = reference.load(text)
        return ("data", data) if finding is None else ("problem", finding.code)
    except LoadProblem as exc:
        return ("problem", exc.code)


def quick(text: str) -> tuple[str, Any] | None:
    """The quick path's outcome, or None if it steps aside."""
    try:
        return ("data", quickload.quick_load(text))
    except Fallback:
        return None


def same(a: Any, b: Any) -> bool:
    """The same outcome, data compared with types (1 is not 1.0 or True) and NaN equal to itself.

    (Not ``==`` or JSON: ``"\\ud83d\\ude00"`` and ``"😀"`` are unequal strings that JSON
    writes alike.)
    """
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    return same_data(a, b)


def assert_agrees(text: str) -> bool:
    """The quick path agrees with the full one on ``text``; True if it did not step aside."""
    outcome = quick(text)
    if outcome is None:
        return False
    assert same(outcome, full(text)), text
    return True


def test_yaml_rs_is_installed_here() -> None:
    # The speed this module exists for depends on it; an install without it is still correct.
    assert quickload.available()


@pytest.mark.parametrize("name", sorted(SUITE["cases"]))
def test_the_yaml_test_suite_reads_alike(name: str) -> None:
    assert_agrees(SUITE["cases"][name]["yaml"])


@pytest.mark.parametrize("name", sorted(EXAMPLE_TEXTS))
def test_every_example_takes_the_quick_path_and_reads_alike(name: str) -> None:
    # The bundled plans are what real plans look like: if the screen stopped letting them
    # through, careplan would silently lose its speed.
    assert assert_agrees(EXAMPLE_TEXTS[name]), f"{name} no longer takes the quick path"
    crlf = EXAMPLE_TEXTS[name].replace("\n", "\r\n")  # as some editors on Windows save it
    assert assert_agrees(crlf), f"{name} with CRLF line ends no longer takes the quick path"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(DATA).as_posix())
def test_every_test_plan_reads_alike(path: Path) -> None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: refused before loading")
    assert_agrees(text)


# Every way found while building the quick path in which yaml-rs reads a text differently
# from careplan's loader (or accepts what the loader refuses): each must step aside.
DIFFERENCES = [
    ("a: 0b1\n", "binary numbers are core-schema strings"),
    ("a: 1_000\n", "digits with _ are core-schema strings"),
    ("a: _1\n", "a leading _"),
    ("a: 0X1F\n", "an upper-case base prefix"),
    ("a: +0x1\n", "a signed hex number"),
    ("a: 1.0_0\n", "a float with _"),
    ("a: {version:, b: 1}\n", "':' before a flow indicator"),
    ("a: [x:, y]\n", "':' before a flow indicator in a sequence"),
    ("a: {b: x,> c}\n", "'>' starting a flow value"),
    ("a: [|x]\n", "'|' starting a flow value"),
    ("a: {:status: given}\n", "':' starting a flow key"),
    ("a: {b: c,\n  d: e}\n", "a flow mapping over two lines"),
    ('{"foo"\n: "bar"}\n', "a flow key and its ':' on two lines"),
    ("a: {s\rtatus: given}\n", "a bare CR inside a flow mapping"),
    ("foo:\n \tbar\n", "a tab in indentation"),
    ("foo: |\n  x\n   ", "a block scalar whose last line has no line break"),
    ("{ ?foo: bar }\n", "'?' starting a flow key"),
    ("a: &x 1\nb: *x\n", "anchors and aliases (careplan's expansion budget)"),
    ("a: !secret x\n", "a tag"),
    ("- ! 12\n", "the non-specific tag: a string to yaml-rs, a number to careplan's loader"),
    ("c:\n  <<: {x: 1}\n  y: 2\n", "a merge key"),
    ("%YAML 1.2\n---\na: 1\n", "a directive"),
    ("a: 1\n---\nb: 2\n", "a second document"),
    ("a: x\x85y\n", "NEL, a line break to YAML 1.1"),
    ("a: x\u2028y\n", "LS, a line break to YAML 1.1"),
    ("a: x\x07y\n", "a control character"),
    ("a: " + "9" * 5000 + "\n", "a number longer than careplan's limit"),
    ("1: x\n", "a key that is not a string"),
    ("a: .Nan\n", "a mixed-case .nan: a string to the core schema, NaN to yaml-rs"),
    ("a: -.inF\n", "a mixed-case .inf"),
    ('a: "\\ud83d\\ude00"\n', "an escaped surrogate pair: one character to yaml-rs, two here"),
    ('"\\uD83D\\uDE00": x\n', "an escaped surrogate pair in a key"),
    ("a: |\n", "an empty block scalar ending the text: a line break to yaml-rs"),
    ("- x\n- >2+ # c\n\n  \n", "an empty block scalar, indicators and blank lines"),
    ("k:\n  - |-\n  # c\n", "an empty block scalar, then a comment"),
    ("|\n# c\n", "a comment after an empty top-level block scalar: its text to yaml-rs"),
    ("a:\n" + "".join(" " * i + "- b:\n" for i in range(0, 140, 2)), "nesting past the limit"),
]


@pytest.mark.parametrize(("text", "why"), DIFFERENCES, ids=[w for _, w in DIFFERENCES])
def test_quick_path_steps_aside_where_yaml_rs_differs(text: str, why: str) -> None:
    with pytest.raises(Fallback):
        quickload.quick_load(text)
    with patch.object(quickload, "yaml_rs", None):
        alone = parse_text(text)
    assert same(parse_text(text), alone)


def test_without_yaml_rs_every_text_still_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quickload, "yaml_rs", None)
    assert not quickload.available()
    for text in EXAMPLE_TEXTS.values():
        with pytest.raises(Fallback):
            quickload.quick_load(text)
        data, findings = yamlload.parse_text(text)
        assert findings == [] and data is not None


PLAIN_ALPHABET = "0123456789.+-eE_xobXOBinfatuINlN~:_ "


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=PLAIN_ALPHABET, max_size=10))
def test_any_plain_scalar_reads_alike(scalar: str) -> None:
    for text in (f"a: {scalar}\n", f"- [{scalar}]\n", f"{scalar}: a\n"):
        assert_agrees(text)


# Characters that matter to YAML's grammar, and pieces of it, for mutating real plans.
PIECES = [
    *" '\"\n:{}[],-#?|>&*!%@`\\.0123456789_+~\r\t",
    "\x85",
    "\u2028",
    "\xa0",
    "\ufeff",
    "- ",
    ": ",
    "\n  ",
    "\n- ",
    "|-\n",
    ">+\n",
    '"\\x41"',
    "'a''b'",
    "null",
    ".inf",
    "1e3",
    "0x1F",
    "---",
    "...",
    "{a: b}",
    "[a, b]",
    "  # c\n",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(EXAMPLE_TEXTS)),
    edits=st.lists(
        st.tuples(
            st.floats(min_value=0, max_value=1),
            st.one_of(st.sampled_from(PIECES), st.characters(min_codepoint=0x20)),
            st.integers(min_value=0, max_value=3),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_a_damaged_plan_reads_alike(name: str, edits: list[tuple[float, str, int]]) -> None:
    text = EXAMPLE_TEXTS[name]
    for where, piece, cut in edits:
        at = math.floor(where * len(text))
        text = text[:at] + piece + text[at + cut :]
    assert_agrees(text)
