"""Format v1 to v2 (plan/migrate.py): schema-valid v2, comments and order kept, nothing invented."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from careplan_cli.plan.migrate import NotV1Error, ToSupply, migrate_text
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.validate import check_data
from careplan_cli.plan.yamlload import parse_text
from tests.conftest import EXAMPLES, EXAMPLES_V1

SETTINGS = Settings(today=date(2026, 11, 22))
V1_PLANS = sorted(EXAMPLES_V1.glob("*.yaml"))


def _comments(text: str) -> list[str]:
    return [m.group(0).strip() for m in re.finditer(r"#[^\n]*", text)]


@pytest.mark.parametrize("path", V1_PLANS, ids=lambda p: p.stem)
def test_v1_examples_become_schema_valid_v2_with_comments_kept(path: Path) -> None:
    old = path.read_text(encoding="utf-8")
    new, _ = migrate_text(old, path.stem, SETTINGS)
    data, problems = parse_text(new)
    assert data is not None and problems == []
    assert data["schema_version"] == 2
    codes = {f.code for f in check_data(data, new, path.stem, SETTINGS)}
    assert "CP020" not in codes and "CP021" not in codes
    assert _comments(new) == _comments(old)
    # Only lines that v2 names differently, numbers or marks changed; nothing else moved.
    removed = [line for line in old.splitlines() if line not in new.splitlines()]
    assert all(
        re.search(r"schema_version|assessment_offered|assessment_declined|^  - ", line)
        for line in removed
    ), removed


def test_carers_and_care_team_are_numbered_and_assessments_renamed() -> None:
    new, _ = migrate_text((EXAMPLES_V1 / "CP-000101.yaml").read_text(), "CP-000101", SETTINGS)
    data, _ = parse_text(new)
    assert data is not None
    assert [t["id"] for t in data["care_team"]] == ["T1", "T2", "T3"]
    assert data["carers"][0]["id"] == "C1"
    assert data["carers"][0]["assessment"] == {"status": "declined", "date": "2025-10-06"}
    assert all(r["recorded_under_v1"] is True for r in data["reviews"])
    assert "# Grace said she does not see herself as a carer" in new


def test_what_only_a_person_can_supply_is_listed_not_invented() -> None:
    _, todo = migrate_text((EXAMPLES_V1 / "SC-000201.yaml").read_text(), "SC-000201", SETTINGS)
    assert (
        ToSupply("SC-000201", "/needs/0", "record whether the need is eligible ('eligible')")
        in todo
    )
    assert {t.field for t in todo} >= {"/", "/personal_budget"}  # a crisis plan; the contribution
    _, standard = migrate_text((EXAMPLES_V1 / "CP-000101.yaml").read_text(), "CP-000101", SETTINGS)
    assert [t.field for t in standard] == ["/level"]  # standard CPA: the person chooses


def test_a_v2_plan_is_not_migrated_again() -> None:
    with pytest.raises(NotV1Error):
        migrate_text((EXAMPLES / "CP-000101.yaml").read_text(), "CP-000101", SETTINGS)


def test_migrating_twice_is_refused_and_once_is_stable() -> None:
    old = (EXAMPLES_V1 / "DA-000302.yaml").read_text()
    new, todo = migrate_text(old, "DA-000302", SETTINGS)
    assert todo == []
    with pytest.raises(NotV1Error):
        migrate_text(new, "DA-000302", SETTINGS)
