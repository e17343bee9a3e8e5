"""Positions found in the text agree with libyaml's composer wherever the text locator answers.

The composing locator (:class:`careplan_cli.plan.yamlload.Locator` without the data) is the
reference. For every node of every example and test plan, and of generated and damaged
documents, the text locator either gives the same line and column or none (then the caller
composes). It must also answer for most nodes of real plans, or it would save nothing.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careplan_cli.plan import quickload
from careplan_cli.plan.build import Fallback
from careplan_cli.plan.findings import pointer, pointer_parts
from careplan_cli.plan.quicklocate import TextLocator, text_locator
from careplan_cli.plan.yamlload import Locator, parse_text
from tests.conftest import DATA, EXAMPLES
from tests.plan.test_quickload import DATA_FILES

TEXTS = {
    p.name: p.read_text(encoding="utf-8") for p in [*sorted(EXAMPLES.glob("*.yaml")), *DATA_FILES]
}


def pointers(data: Any, *parts: str | int) -> Iterator[str]:
    """Every node's pointer, and pointers to children that are not there."""
    yield pointer(*parts)
    if isinstance(data, dict):
        yield pointer(*parts, "no-such-field")
        for key, value in data.items():
            yield from pointers(value, *parts, key)
    elif isinstance(data, list):
        yield pointer(*parts, len(data))
        for index, value in enumerate(data):
            yield from pointers(value, *parts, index)


def compare(text: str) -> tuple[int, int]:
    """(answered, asked) over every pointer of ``text``'s data; fails where the two differ."""
    try:
        data = quickload.quick_load(text)
    except Fallback:
        return 0, 0
    located, composed = TextLocator(text, data), Locator(text)
    answered = asked = 0
    for ptr in pointers(data):
        for key in (False, True):
            asked += 1
            found = located.find(pointer_parts(ptr), key)
            if found is not None:
                answered += 1
                assert found == composed(ptr, key=key), (ptr, key, text)
    return answered, asked


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_every_node_of_every_plan(name: str) -> None:
    compare(TEXTS[name])


def test_it_answers_for_nearly_every_node_of_the_examples() -> None:
    answered = asked = 0
    for path in sorted(EXAMPLES.glob("*.yaml")):
        done, total = compare(path.read_text(encoding="utf-8"))
        answered, asked = answered + done, asked + total
    assert asked > 2000 and answered >= 0.95 * asked


def test_a_text_the_screen_steps_aside_for_is_left_to_the_composer() -> None:
    assert text_locator("a: &x 1\nb: *x\n", {"a": 1, "b": 1}) is None
    assert text_locator("a: 1\n", None) is None
    assert text_locator("a: 1\n", {"a": 1}) is not None


@pytest.mark.parametrize(
    ("text", "ptr", "key", "expected"),
    [
        ("a:\nb: 1\n", "/a", False, (1, 3)),  # an empty value: just after the ":"
        ("a: # note\nb: 1\n", "/a", False, (1, 3)),
        ("a:  |\n  x\nb: 1\n", "/a", False, (1, 5)),  # a block scalar: its indicator
        ("a:\n-\n- x\n", "/a/0", False, (2, 2)),  # an empty entry: just after the "-"
        ("a: [x,  y ,z]\n", "/a/2", False, (1, 12)),
        ("a: [x,  y ,z]\n", "/a", False, (1, 1)),  # a collection: its key
        ("# c\n\n  a: 1\n", "", False, (3, 3)),
        ("---\na: 1\n", "/a", True, (2, 1)),
        ("a:\n- b: 1\n  c: 2\n", "/a/0/c", False, (3, 6)),
        ("a:\n  - - x\n    - y\n", "/a/0/1", False, (3, 7)),
        ("a:\n  ~\n", "/a", False, (2, 3)),
        ("a: x\nb:\n  c: 1\n", "/b/d", False, (2, 1)),  # not there: its parent
        ("a: 1\r\nb: 2\r\n", "/b", False, (2, 4)),
    ],
)
def test_positions_as_libyaml_gives_them(
    text: str, ptr: str, key: bool, expected: tuple[int, int]
) -> None:
    data = quickload.quick_load(text)
    assert TextLocator(text, data).find(pointer_parts(ptr), key) == expected
    assert Locator(text)(ptr, key=key) == expected


@pytest.mark.parametrize(
    "text",
    [
        'a: "x\n  b: 1"\nb: 2\n',  # a quoted scalar's line that looks like a key
        "a: [x, 'y, z']\n",  # a quoted flow item
        '"a": 1\nb: 2\n',  # a quoted key
        "a: {b: 1}\n",  # a flow mapping
        "a: |\n  b: 1\nb: 2\n",
    ],
)
def test_what_it_cannot_prove_it_leaves(text: str) -> None:
    compare(text)  # (whatever it answers agrees with the composer)


SCALARS = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from(["", "x: y", "- z", "# h", "a #b", "[c]", "'q'", "long " * 20]),
    st.integers(-5, 5),
    st.booleans(),
    st.none(),
)
KEYS = st.text(st.characters(codec="ascii", categories=("L", "N", "Pd", "Zs")), max_size=8)
DOCUMENTS = st.dictionaries(
    KEYS,
    st.recursive(
        SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
        max_leaves=12,
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    document=DOCUMENTS,
    flow=st.sampled_from([False, None]),
    indent=st.integers(2, 5),
    width=st.sampled_from([20, 80]),
    style=st.sampled_from([None, "'", '"', "|"]),
)
def test_generated_documents(
    document: dict[str, Any], flow: bool | None, indent: int, width: int, style: str | None
) -> None:
    text = yaml.safe_dump(
        document,
        default_flow_style=flow,
        indent=indent,
        width=width,
        default_style=style,
        allow_unicode=True,
        sort_keys=False,
    )
    compare(text)


def test_damaged_plans() -> None:
    """Lines moved, indented, cut and doubled: wherever the quick path still reads the text."""
    rng = random.Random(18)
    texts = [TEXTS[name] for name in sorted(TEXTS) if name.endswith(".yaml")][:20]
    pieces = ["  ", "- ", "-\n", "\n", "# c\n", ": ", ":\n", "'", '"', "|\n", "[x, y]", "\n  "]
    compared = 0
    for _ in range(1500):
        lines = rng.choice(texts).split("\n")
        for _change in range(rng.randint(1, 3)):
            at = rng.randrange(len(lines))
            action = rng.random()
            if action < 0.3:
                lines[at] = rng.choice(pieces) + lines[at]
            elif action < 0.5:
                lines.insert(at, lines[rng.randrange(len(lines))])
            elif action < 0.7:
                del lines[at]
            else:
                column = rng.randrange(len(lines[at]) + 1)
                lines[at] = lines[at][:column] + rng.choice(pieces) + lines[at][column:]
        compared += compare("\n".join(lines))[1] > 0
    assert compared > 300  # enough of them still read to have been compared


def test_the_test_data_is_there() -> None:
    assert (DATA / "valid").is_dir() and len(TEXTS) > 30


@pytest.mark.parametrize("style", ["block", "flow"])
def test_many_findings_read_each_line_a_bounded_number_of_times(
    style: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan with a finding on each of thousands of entries (hostile, or just large) costs
    each lookup its depth, not a fresh read of the text: lines read are counted, not timed."""
    n = 2000
    if style == "block":
        text = "id: x\ngoals:\n" + "".join(f"  - id: G{i}\n    title: t{i}\n" for i in range(n))
        ptrs = [f"/goals/{i}/title" for i in range(n)]
    else:
        entries = ", ".join(f"k{i}: v" for i in range(n))
        text = f"id: x\ngoals: [{', '.join(f'G{i}' for i in range(n))}]\nm: {{{entries}}}\n"
        ptrs = [f"/goals/{i}" for i in range(n)] + [f"/m/k{i}" for i in range(n)]
    located = TextLocator(text, quickload.quick_load(text))
    reads = 0
    content = TextLocator._content

    def counted(self: TextLocator, number: int) -> tuple[int, str] | None:
        nonlocal reads
        reads += 1
        return content(self, number)

    monkeypatch.setattr(TextLocator, "_content", counted)
    values = 0  # each node's value read once: a long line is not copied for every finding
    read_value = TextLocator._read_value

    def counted_value(self: TextLocator, *args: Any) -> Any:
        nonlocal values
        values += 1
        return read_value(self, *args)

    monkeypatch.setattr(TextLocator, "_read_value", counted_value)
    found = [located.find(pointer_parts(ptr), False) for ptr in ptrs]
    assert None not in found
    assert reads <= 4 * len(located.lines) + 2 * len(ptrs)
    assert values <= 2 * n + 2


@pytest.mark.parametrize(
    "text",
    [
        'a: "x\nb: 1"\nb: 2\n',  # libyaml reads a quoted scalar's unindented line; yaml-rs refuses
        'a: "x\nb: 1"\n',
        "a:\n  - 'x\n  - y'\n  - z\n",
    ],
)
def test_data_from_the_libyaml_path_is_checked_as_strictly(text: str) -> None:
    """The screen may pass a text yaml-rs then refuses; its data comes from libyaml, and a line
    of a quoted scalar that looks like a key or an entry must not be taken for one."""
    data, findings = parse_text(text)
    assert not findings and data is not None
    with pytest.raises(Fallback):
        quickload.quick_load(text)
    located, composed = Locator(text, data), Locator(text)
    for ptr in pointers(data):
        for key in (False, True):
            assert located(ptr, key=key) == composed(ptr, key=key), (ptr, key)
