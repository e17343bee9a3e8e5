"""Values written through the round-trip dumper read back as the same values."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from careplan_cli.plan.reference import load
from careplan_cli.plan.roundtrip import block_text, dump_text, load_text, to_yaml_value

# Text of every kind: controls, line breaks of every kind (CR, NEL, LS, PS), BOM, bidi.
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
SPECIAL = st.sampled_from(["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\ufeff", "\x1b",
                           "\x7f", "\x9b", "\t", " ", "\u202e", "\x00", "#", ": "])  # fmt: skip
VALUE = st.lists(st.one_of(TEXT, SPECIAL), max_size=8).map("".join)


def written(value: str) -> object:
    document = load_text("a: x\n")
    document["a"] = to_yaml_value(value, top=False)
    data, finding = load(dump_text(document))
    assert finding is None, (value, dump_text(document))
    assert isinstance(data, dict)
    return data["a"]


@given(VALUE)
def test_a_written_value_reads_back(value: str) -> None:
    """As it was; multi-line text written as a block ends in one newline, by design."""
    assert written(value) == (value.rstrip("\n") + "\n" if block_text(value) else value)


def test_multi_line_text_is_a_literal_block_unless_it_needs_escapes() -> None:
    document = load_text("a: x\nb: x\n")
    document["a"] = to_yaml_value("one\ntwo", top=False)
    document["b"] = to_yaml_value("one\n\x1b[2Jtwo", top=False)
    assert dump_text(document) == 'a: |\n  one\n  two\nb: "one\\n\\e[2Jtwo"\n'
