"""The loader: YAML 1.2, plain data, and one located finding for every kind of bad file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careplan_cli.plan import fastload, reference, yamlload
from careplan_cli.plan.yamlload import load_bytes, locate, parse_text, read_plan_file
from tests.conftest import EXAMPLES


def codes(raw: bytes) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in load_bytes(raw).findings]


def test_the_c_parsers_are_in_use() -> None:
    # Without ruamel.yaml.clib ruamel.yaml silently falls back to pure Python, ~5x slower;
    # without libyaml PyYAML's CSafeLoader does not exist.
    import yaml

    assert reference._safe_yaml().Parser.__name__ == "CParser"
    assert yaml.__with_libyaml__ and issubclass(fastload._Composer, yaml.CSafeLoader)


def test_yaml_1_2_scalars() -> None:
    data, findings = parse_text("a: no\nb: on\nc: 010\nd: 1:30\ne: yes\nf: 0o10\n")
    assert findings == []
    assert data == {"a": "no", "b": "on", "c": 10, "d": "1:30", "e": "yes", "f": 8}


def test_quoted_and_unquoted_dates_load_the_same() -> None:
    data, _ = parse_text("a: 2026-03-02\nb: '2026-03-02'\nc: \"2026-03-02\"\n")
    assert data == {"a": "2026-03-02", "b": "2026-03-02", "c": "2026-03-02"}


def test_an_impossible_date_is_data_not_a_crash() -> None:
    # ruamel.yaml raises a bare ValueError constructing 2026-02-30 as a date; dates stay
    # strings here so that the schema's format check reports it at its line.
    data, findings = parse_text("created: 2026-02-30\n")
    assert findings == [] and data == {"created": "2026-02-30"}


def test_non_string_keys_become_strings() -> None:
    data, _ = parse_text("extensions: {1: a, 2.5: b, null: c}\n")
    assert data == {"extensions": {"1": "a", "2.5": "b", "null": "c"}}


def test_bom_and_crlf_are_accepted() -> None:
    raw = (EXAMPLES / "CP-000101.yaml").read_bytes()
    crlf = b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")
    assert load_bytes(crlf).findings == ()
    assert load_bytes(crlf).data == load_bytes(raw).data


def test_not_utf8_is_located() -> None:
    assert codes(b"a: 1\nb: caf\xe9\n") == [("CP003", 2, 7)]


def test_binary_file() -> None:
    assert codes(b"\x89PNG\r\n\x1a\n\x00\x00")[0][0] == "CP003"
    assert codes(b"a: 1\x00\n")[0][0] == "CP003"


def test_utf16_is_refused() -> None:
    assert codes("a: 1\n".encode("utf-16"))[0][0] == "CP003"


@pytest.mark.parametrize("raw", [b"", b"\n\n", b"# only a comment\n", b"---\n"])
def test_empty_files(raw: bytes) -> None:
    assert [c for c, _, _ in codes(raw)] == ["CP004"]


@pytest.mark.parametrize("raw", [b"just a string\n", b"42\n", b"- a\n- b\n", b"null\n"])
def test_root_must_be_a_mapping(raw: bytes) -> None:
    assert [c for c, _, _ in codes(raw)] in (["CP005"], ["CP004"])


def test_too_large_a_file_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * yamlload.MAX_BYTES + b"\n")
    assert [f.code for f in read_plan_file(big).findings] == ["CP009"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text("a: 1\n")
    locked.chmod(0)
    assert [f.code for f in read_plan_file(locked).findings] == ["CP010"]


def test_read_error_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("a: 1\n")

    def refuse(handle: int, size: int) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "read", refuse)
    [finding] = read_plan_file(plan).findings
    assert (finding.code, finding.message) == ("CP010", "cannot read file: Permission denied")


def test_directory_named_like_a_plan(tmp_path: Path) -> None:
    (tmp_path / "odd.yaml").mkdir()
    assert [f.code for f in read_plan_file(tmp_path / "odd.yaml").findings] == ["CP010"]


def test_dangling_symlink(tmp_path: Path) -> None:
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "missing.yaml")
    assert [f.code for f in read_plan_file(tmp_path / "gone.yaml").findings] == ["CP010"]


def test_deeply_nested_flow_collections_are_refused_before_parsing() -> None:
    # libyaml's composer recursion crashed the interpreter at ~30,000 levels when measured.
    depth = 300_000
    assert [c for c, _, _ in codes(b"a: " + b"[" * depth + b"]" * depth)] == ["CP012"]


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"])
def test_a_line_of_compact_nesting_is_refused_after_any_line_break(line_break: str) -> None:
    # libyaml (YAML 1.1) breaks lines at CR, NEL, LS and PS too: a line of 100,000 "- "
    # after one of them crashed it with a segmentation fault, unrefused. (Checked without
    # parsing, so that a failure here cannot crash the test run.)
    text = "- x" + line_break + "- " * 100_000 + "x\n"
    assert yamlload._too_deep_at(text) is not None


@pytest.mark.parametrize(
    "raw",
    [b'a: "\\ud800"\n', b'"x\\uDC80": 1\n', b'a: "\\ud83d\\ude00"\n', b'a: ["\\U0000d800"]\n'],
)
def test_an_escaped_surrogate_is_refused_where_it_is(raw: bytes) -> None:
    # No character: jsonschema-rs (and any UTF-8 output) raised UnicodeEncodeError on it, a
    # traceback from every command that read the plan.
    assert [(c, line) for c, line, _ in codes(raw)] == [("CP003", 1)]


def test_deep_block_nesting_within_the_size_limit() -> None:
    text = "".join(" " * i + "k:\n" for i in range(1000)) + " " * 1000 + "k: 1\n"
    assert [c for c, _, _ in codes(text.encode())] == ["CP012"]


def test_wide_mapping_is_fine() -> None:
    text = "extensions:\n" + "".join(f"  k{i}: {i}\n" for i in range(20_000))
    assert load_bytes(text.encode()).findings == ()


def test_locate_points_at_values_and_keys() -> None:
    text = "a: 1\nb:\n  c: [1, 2]\n  d: x\n"
    assert locate(text, "/b/c/1") == (3, 10)
    assert locate(text, "/b/d") == (4, 6)
    assert locate(text, "/b/d", key=True) == (4, 3)
    assert locate(text, "/b") == (2, 1)
    assert locate(text, "/b/missing") == (2, 1)
    assert locate(text, "") == (1, 1)


@given(st.text(max_size=300))
def test_any_text_gives_data_or_findings_never_an_exception(text: str) -> None:
    data, findings = parse_text(text)
    assert (data is None) != (findings == [])
    for finding in findings:
        assert finding.line >= 1 and finding.column >= 1


@given(st.binary(max_size=300))
def test_any_bytes_give_data_or_findings(raw: bytes) -> None:
    loaded = load_bytes(raw)
    assert (loaded.data is None) != (loaded.findings == ())
