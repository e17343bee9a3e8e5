"""``careplan log`` reads each version's reviews item by item, remembering items it has read;
whatever way a plan lays its reviews out, the answer is the loader's own reading of it."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from careplan_cli.plan.reviewlog import ReviewReader, review_key, split_items
from careplan_cli.plan.yamlload import load_bytes
from tests.conftest import EXAMPLES, EXAMPLES_V1

HEAD = b"schema_version: 2\nid: CP-000001\n"
TAIL = b"next_review: 2027-01-01\n"


def whole(raw: bytes) -> list[tuple[str, str]]:
    data = load_bytes(raw).data or {}
    reviews = data.get("reviews") if isinstance(data, dict) else None
    if not isinstance(reviews, list):
        return []
    return [review_key(r) for r in reviews if isinstance(r, dict)]


def test_every_example_reads_as_the_whole_plan_does() -> None:
    plans = [*EXAMPLES.glob("*.yaml"), *EXAMPLES_V1.glob("*.yaml")]
    assert len(plans) >= 12
    for plan in plans:
        raw = plan.read_bytes()
        assert ReviewReader().keys(raw) == whole(raw), plan.name


def test_an_item_read_once_is_not_read_again() -> None:
    reader = ReviewReader()
    one = HEAD + b"reviews:\n- date: 2026-01-02\n  kind: scheduled\n" + TAIL
    two = one.replace(TAIL, b"- date: 2026-04-02\n  kind: triggered\n" + TAIL)
    assert reader.keys(one) == [("2026-01-02", "scheduled")]
    assert reader.keys(two) == [("2026-01-02", "scheduled"), ("2026-04-02", "triggered")]
    assert len(reader._items) == 2


LAYOUTS = {
    "flow sequence": b"reviews: [{date: 2026-01-02, kind: scheduled}]\n",
    "flow items": b"reviews:\n  - {date: 2026-01-02, kind: scheduled}\n  - {date: 2026-02-02}\n",
    "comments between": (
        b"reviews:\n# first\n- date: 2026-01-02\n  # note\n  kind: x\n\n- date: 2026-03-01\n"
    ),
    "nested list": b"reviews:\n- date: 2026-01-02\n  present:\n  - a\n  - b\n  kind: x\n",
    "indented": b"reviews:\n    - date: 2026-01-02\n      kind: x\n    - date: 2026-05-02\n",
    "shared anchor": b"reviews:\n- &r {date: 2026-01-02, kind: x}\n- *r\n",
    "merge key": b"reviews:\n- &r {date: 2026-01-02, kind: x}\n- <<: *r\n  date: 2026-02-02\n",
    "quoted across a split": (
        b'reviews:\n- date: 2026-01-02\n  kind: "a\n- date: 2027-01-01\n  b"\n'
    ),
    "block scalar": (
        b"reviews:\n- date: 2026-01-02\n  notes: |\n    - date: 1999-01-01\n  kind: x\n"
    ),
    "not a mapping": b"reviews:\n- just text\n- date: 2026-01-02\n",
    "empty": b"reviews: []\n",
    "null": b"reviews:\n",
    "twice": b"reviews:\n- date: 2026-01-02\nreviews:\n- date: 2026-01-03\n",
    "text before the first item": b"reviews: !!seq\n- date: 2026-01-02\n",
}


def test_every_layout_reads_as_the_whole_plan_does() -> None:
    for name, block in LAYOUTS.items():
        raw = HEAD + block + TAIL
        assert ReviewReader().keys(raw) == whole(raw), name


def test_a_split_inside_a_quoted_value_is_not_trusted() -> None:
    block = LAYOUTS["quoted across a split"]
    assert split_items(block) is not None  # the cut is made, and then found not to stand
    raw = HEAD + block + TAIL
    assert ReviewReader().keys(raw) == [("2026-01-02", "a - date: 2027-01-01 b")]


scalar = st.one_of(
    st.dates().map(str),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
    st.integers(),
    st.none(),
)
review = st.fixed_dictionaries(
    {"date": scalar}, optional={"kind": scalar, "notes": scalar, "present": st.lists(scalar)}
)


@given(
    st.lists(review, max_size=6),
    st.sampled_from([False, None]),
    st.sampled_from([2, 4]),
    st.booleans(),
)
@settings(max_examples=150, deadline=None)
def test_any_dumped_reviews_read_as_the_whole_plan_does(
    reviews: list[dict[str, Any]], flow: bool | None, indent: int, block_indent: bool
) -> None:
    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False if block_indent else indentless)

    text = yaml.dump(
        {"reviews": reviews}, Dumper=Dumper, default_flow_style=flow, indent=indent, width=30
    )
    raw = HEAD + text.encode() + TAIL
    reader = ReviewReader()
    assert reader.keys(raw) == whole(raw)
    assert reader.keys(raw) == whole(raw)  # and again, from what it remembers
