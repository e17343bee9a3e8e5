"""Fuzzing the loader and every read command with hypothesis.

The default run is short (a few dozen examples each). ``fuzz/hypothesis_for.py SECONDS``
(run by .ci/run) calls these same tests again and again with fresh random data until the
time is up. Every test here takes no fixtures so that it can be called that way.

Properties: the loader gives data or findings for any text or bytes, never an exception,
and every finding is located inside the text; the two composers (libyaml, ruamel.yaml) give
the same outcome through the one constructor; anchors, aliases and merge keys in any
arrangement stay within the expansion budget; every read command ends with exit 0, 1 or 2
on any plan, with no traceback.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from careplan_cli.cli import app
from careplan_cli.plan.build import MAX_EXPANSION
from careplan_cli.plan.yamlload import load_bytes, parse_text
from tests.conftest import EXAMPLES, TODAY
from tests.plan.test_fastload import agree

EXAMPLES_TEXT = [path.read_text() for path in sorted(EXAMPLES.glob("*.yaml"))]
EXAMPLES_EACH = int(os.environ.get("CAREPLAN_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES_EACH,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW_FUZZ = settings(FUZZ, max_examples=max(1, EXAMPLES_EACH // 4))  # nine commands each
# Every command that reads plans, with the exit codes it may end with on any input.
READ_COMMANDS: list[tuple[list[str], set[int]]] = [
    (["validate", "--today", TODAY, "{plan}"], {0, 1}),
    (["validate", "--today", TODAY, "-f", "json", "{plan}"], {0, 1}),
    (["validate", "--today", TODAY, "-f", "github", "{plan}"], {0, 1}),
    (["due", "--today", TODAY, "-f", "ics", "{dir}"], {0}),
    (["due", "--today", TODAY, "-f", "csv", "{dir}"], {0}),
    (["list", "-f", "json", "{dir}"], {0}),
    (["diff", "--no-index", str(EXAMPLES / "CP-000101.yaml"), "{plan}", "-f", "json"], {0, 1, 2}),
    (["diff", "--no-index", "{plan}", str(EXAMPLES / "CP-000101.yaml"), "--paths-only"], {0, 1, 2}),
    (["render", "{plan}", "--for", "GP", "-f", "md"], {0, 1, 2}),
]


_LINE_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def check_loaded(text: str) -> None:
    data, findings = parse_text(text)
    assert (data is None) == bool(findings)
    # Lines as libyaml counts them, which places findings: CR, NEL, LS and PS end one too.
    lines = len(_LINE_BREAKS.split(text)) + 1
    for finding in findings:
        assert 1 <= finding.line <= lines and finding.column >= 1


@FUZZ
@given(st.text())
def test_any_text_loads_or_gives_findings(text: str) -> None:
    check_loaded(text)


@FUZZ
@given(st.binary())
def test_any_bytes_load_or_give_findings(raw: bytes) -> None:
    loaded = load_bytes(raw)
    assert (loaded.data is None) == bool(loaded.findings)


YAML_BITS = st.sampled_from(
    ["a", "b", ": ", "- ", "[", "]", "{", "}", ", ", "\n", "  ", "&a ", "*a", "&b ", "*b",
     "<<: ", "? ", "!", "!!str ", "'", '"', "#", "|", ">", "---", "...", "%YAML 1.2\n",
     "0x1", "0b1", ".nan", "1_0", "~", "true", "2026-02-30", "\t", "\r\n", "\ufeff", "é"]
)  # fmt: skip


@FUZZ
@given(st.lists(YAML_BITS, max_size=40).map("".join))
def test_yaml_shaped_text_loads_alike_in_both_composers(text: str) -> None:
    check_loaded(text)
    agree(text)


@st.composite
def alias_documents(draw: st.DrawFn) -> str:
    """Anchors, aliases and merge keys nested at random: every bomb shape in small."""
    lines = [f"a0: &a0 {{x: [{', '.join(['1'] * draw(st.integers(1, 10)))}]}}"]
    for level in range(1, draw(st.integers(1, 8))):
        refs = ", ".join(
            f"*a{draw(st.integers(0, level - 1))}" for _ in range(draw(st.integers(1, 12)))
        )
        shape = draw(st.sampled_from(["seq", "merge", "both"]))
        if shape == "seq":
            lines.append(f"a{level}: &a{level} [{refs}]")
        elif shape == "merge":
            lines.append(f"a{level}: &a{level} {{<<: [{refs}], k{level}: 1}}")
        else:
            lines.append(f"a{level}: &a{level} {{<<: [{refs}], l: [{refs}]}}")
    return "\n".join(lines) + "\n"


@FUZZ
@given(alias_documents())
def test_aliases_and_merges_stay_within_the_budget(text: str) -> None:
    data, findings = parse_text(text)
    if data is not None:
        assert nodes(data) <= MAX_EXPANSION * 2  # the document itself, plus the budget
    else:
        assert findings[0].code in ("CP008", "CP001"), findings  # CP001: a merge of a list


def nodes(value: object) -> int:
    if isinstance(value, dict):
        return 1 + sum(nodes(v) for v in value.values())
    if isinstance(value, list):
        return 1 + sum(nodes(v) for v in value)
    return 1


@st.composite
def mutated_plans(draw: st.DrawFn) -> str:
    """An example with lines deleted, duplicated, re-indented or overwritten at random."""
    lines = draw(st.sampled_from(EXAMPLES_TEXT)).splitlines()
    for _ in range(draw(st.integers(1, 6))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "indent", "replace", "bits"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "replace":
            lines[index] = draw(st.text(max_size=30))
        else:
            lines[index] += draw(st.lists(YAML_BITS, max_size=6).map("".join))
    return "\n".join(lines) + "\n"


@SLOW_FUZZ
@given(mutated_plans())
def test_every_read_command_on_a_mutated_plan(text: str) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as directory:
        plan = Path(directory, "CP-000101.yaml")
        plan.write_bytes(text.encode("utf-8", "surrogatepass"))
        for args, codes in READ_COMMANDS:
            filled = [a.replace("{plan}", str(plan)).replace("{dir}", directory) for a in args]
            result = runner.invoke(app, filled, catch_exceptions=False)
            assert result.exit_code in codes, (filled, result.output)
