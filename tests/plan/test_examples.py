"""The bundled examples: valid, realistic in shape, and round-trip safe byte for byte."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from careplan_cli.plan.nhs import nhs_number_is_valid
from careplan_cli.plan.yamlload import read_plan_file
from tests.conftest import EXAMPLES

FILES = sorted(EXAMPLES.glob("*.yaml"))


def test_at_least_one_example_of_each_kind() -> None:
    kinds = set()
    for path in FILES:
        data = read_plan_file(path).data
        assert data is not None
        kinds.add((data["type"], data.get("level")))
    assert {
        ("cpa", "non-cpa"),
        ("cpa", "enhanced"),
        ("social-care", None),
        ("substance-misuse", "tier-2"),
        ("substance-misuse", "tier-3"),
    } <= kinds


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_example_shape(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/careplan.schema.json\n")
    assert "\n---" not in text  # ruamel drops a comment standing before ---
    data = read_plan_file(path).data
    assert data is not None
    number = data["service_user"]["nhs_number"]
    assert number.replace(" ", "").startswith("999") and nhs_number_is_valid(number)
    assert len(data["reviews"]) >= 1
    assert len(re.findall(r"#", text)) >= 2  # commented where a person would comment


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_round_trip_is_byte_identical(path: Path) -> None:
    from careplan_cli.plan.roundtrip import dump_text, load_text

    text = path.read_text(encoding="utf-8")
    assert dump_text(load_text(text)) == text


def test_plain_ruamel_with_these_settings_also_round_trips() -> None:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        out = io.StringIO()
        yaml.dump(yaml.load(text), out)
        assert out.getvalue() == text
