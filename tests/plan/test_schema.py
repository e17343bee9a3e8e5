"""The schema itself: a valid 2020-12 schema, documented, shipped, and agreed with by others."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from careplan_cli.plan.rules import REGISTRY
from careplan_cli.plan.schema import schema, schema_path, schema_problems
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.validate import check_file
from tests.conftest import DATA, EXAMPLES, ROOT

ALL_CASES = sorted(EXAMPLES.glob("*.yaml")) + sorted(DATA.glob("*/*.yaml"))
# Files check-jsonschema cannot be run on: it has no bound on alias expansion or nesting,
# so it would not finish; careplan refuses them by design (CP008, CP012).
UNBOUNDED = {"cp008-alias-bomb", "cp008-alias-refers-to-parent", "cp012-deep-nesting"}


def test_schema_passes_the_2020_12_metaschema() -> None:
    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema()["$id"].startswith("https://")


def test_the_schema_file_is_the_one_in_schemas() -> None:
    assert json.loads((ROOT / "schemas" / "careplan.schema.json").read_text()) == schema()
    assert schema_path().is_file()


def _properties(node: Any, where: str) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{where}/{name}", sub
        for key, sub in node.items():
            if key != "if":  # a condition on a property, not a property of its own
                yield from _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from _properties(sub, f"{where}/{index}")


def test_every_property_has_a_description() -> None:
    undocumented = [
        where
        for where, sub in _properties(schema(), "")
        if not isinstance(sub, dict) or not sub.get("description")
    ]
    assert undocumented == []


def test_dates_use_format_date() -> None:
    assert schema()["$defs"]["date"] == {
        "description": "A date written YYYY-MM-DD.",
        "type": "string",
        "format": "date",
    }


def _schema_stage_passes(path: Path) -> bool:
    result = check_file(path, Settings(today=date(2026, 11, 22)))
    stage = {code: REGISTRY[code].stage for code in REGISTRY}
    return not any(stage[f.code] in ("load", "schema") for f in result.findings)


def _format_version(path: Path) -> int:
    text = path.read_text(encoding="utf-8", errors="replace")
    return 1 if re.search(r"^schema_version: 1\b", text, re.MULTILINE) else 2


@pytest.mark.parametrize("version", [1, 2])
def test_check_jsonschema_agrees_on_every_case(version: int) -> None:
    cases = [p for p in ALL_CASES if p.stem not in UNBOUNDED and _format_version(p) == version]
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(schema_path(version)),
            "--output-format",
            "json",
            *map(str, cases),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(run.stdout)
    failed = {Path(e["filename"]).resolve() for e in report.get("errors", [])}
    failed |= {Path(e["filename"]).resolve() for e in report.get("parse_errors", [])}
    disagreements = [
        p.name for p in cases if (p.resolve() not in failed) != _schema_stage_passes(p)
    ]
    assert disagreements == []
    assert failed, "the invalid cases must include some that fail the schema"


def test_schema_messages_never_quote_the_instance() -> None:
    secret = "Zebedee-Quartz-0427"
    plan = {
        "schema_version": secret,
        "id": secret,
        "type": secret,
        "status": secret,
        "created": secret,
        "service_user": {"name": 5, "nhs_number": secret},
        "coordinator": {"name": secret, "role": secret},
        "goals": secret,
    }
    problems = schema_problems(plan)
    assert len(problems) >= 8
    assert not any(secret in problem.message for problem in problems)


VERDICT_CASES = [p for p in ALL_CASES if p.stem not in UNBOUNDED]


def _both_verdicts(data: Any) -> tuple[bool, bool]:
    from careplan_cli.plan.schema import is_valid, validator, version_of

    return is_valid(data), validator(version_of(data)).is_valid(data)


def test_jsonschema_rs_and_jsonschema_agree_on_every_case() -> None:
    from careplan_cli.plan.yamlload import read_plan_file

    for path in VERDICT_CASES:
        data = read_plan_file(path).data
        if data is not None:
            fast, reference = _both_verdicts(data)
            assert fast == reference, path.name


@pytest.mark.parametrize(
    "field, value",
    [
        ("nhs_number", "999 000 0018\n"),
        ("nhs_number", "9990000018\n"),
        ("id", "CP-000101\n"),
    ],
)
def test_patterns_do_not_accept_a_trailing_newline(field: str, value: str) -> None:
    # Python's "$" matches before a final newline; ECMA's (and jsonschema-rs's) does not. The
    # schema's patterns end in (?![\s\S]) so that every validator reads them the same way.
    from careplan_cli.plan.yamlload import read_plan_file

    plan = read_plan_file(EXAMPLES / "CP-000101.yaml").data
    assert plan is not None
    (plan["service_user"] if field == "nhs_number" else plan)[field] = value
    assert _both_verdicts(plan) == (False, False)


TRICKY: st.SearchStrategy[Any] = st.sampled_from(
    [
        "2026-02-30",
        "2026-02-28",
        "20260228",
        "2026-2-28",
        "2026-02-28\n",
        "2026-02-28T10:30",
        "2026-02-28T24:30",
        "2026-02-28T10:30:00+01:00",
        "2026-02-28T10:30\n",
        "999 000 0018",
        "999 000 0018\n",
        "9990000018",
        "999-000-0018",
        "",
        " ",
        "CP-1\n",
        "CP-1",
        "-CP",
        "x" * 70,
        "cpa",
        "active",
        "current",
        "tier-3",
        "G1",
        "G 1",
        0,
        1,
        1.5,
        -1,
        True,
        None,
        [],
        {},
    ]
)


@given(st.sampled_from([p for p in VERDICT_CASES if p.parent == EXAMPLES]), st.data())
def test_verdicts_agree_on_mutated_plans(path: Path, data: st.DataObject) -> None:
    from careplan_cli.plan.yamlload import read_plan_file

    plan = read_plan_file(path).data
    assert plan is not None
    for _ in range(data.draw(st.integers(1, 4))):
        target: Any = plan
        keys = data.draw(
            st.lists(
                st.sampled_from(
                    [
                        "id",
                        "status",
                        "created",
                        "service_user",
                        "nhs_number",
                        "date_of_birth",
                        "goals",
                        "0",
                        "id",
                        "next_review",
                        "coordinator",
                        "role",
                        "reviews",
                        "date",
                        "extensions",
                        "admissions",
                        "discharged",
                        "measures",
                        "honos",
                        "items",
                        "agreement",
                        "agreed",
                        "schema_version",
                    ]
                ),
                min_size=1,
                max_size=3,
            )
        )
        for key in keys[:-1]:
            if isinstance(target, dict) and key in target:
                target = target[key]
            elif isinstance(target, list) and key.isdigit() and target:
                target = target[0]
        if isinstance(target, dict):
            target[keys[-1]] = data.draw(TRICKY)
    fast, reference = _both_verdicts(plan)
    assert fast == reference


REVIEW_VALUES = st.one_of(
    st.sampled_from(["2026-11-20", "0000-01-01", "2026-02-30", "scheduled", "triggered", ""]),
    st.integers(-1, 3),
    st.none(),
    st.booleans(),
    st.lists(st.sampled_from(["G1", {"goal": "G1", "progress": "improving"}]), max_size=2),
)


@given(
    st.sampled_from(sorted(EXAMPLES.glob("*.yaml"))),
    st.dictionaries(
        st.sampled_from(["date", "kind", "relevance", "outcomes", "satisfaction", "extra"]),
        REVIEW_VALUES,
        max_size=3,
    ),
)
def test_a_review_on_its_own_gets_the_same_problems_from_either_validator(
    path: Path, changes: dict[str, Any]
) -> None:
    """jsonschema-rs gives a part's verdict; jsonschema's messages only when it fails."""
    from careplan_cli.plan.schema import part_problems, part_validator
    from careplan_cli.plan.yamlload import read_plan_file

    plan = read_plan_file(path).data
    assert plan is not None
    for review in plan.get("reviews") or [{}]:
        entry = {**review, **changes}
        assert part_problems("review", entry) == schema_problems(entry, part_validator("review"))
