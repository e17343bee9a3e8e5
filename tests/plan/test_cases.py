"""Golden rule cases: every file under tests/data/invalid/ and tests/data/valid/ is a test.

An invalid case says ``# expect: CODE`` near its top and marks the line the finding must point
at with ``# <- CODE``. Add a file, get a test.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careplan_cli.plan.findings import Finding
from careplan_cli.plan.rules import all_rules
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.validate import check_file
from tests.conftest import DATA, EXAMPLES, TODAY

INVALID = sorted((DATA / "invalid").glob("*.yaml"))
VALID = sorted((DATA / "valid").glob("*.yaml")) + sorted(EXAMPLES.glob("*.yaml"))
SETTINGS = Settings(today=date.fromisoformat(TODAY))
# Codes that cannot be written as a case file; tests/test_loader.py makes their files.
GENERATED_ONLY = {"CP003", "CP009", "CP010"}
V1_WARNING = "CP021"


def expectation(path: Path) -> tuple[str, int]:
    text = path.read_text(encoding="utf-8")
    match = re.search(r"# expect: (CP\d{3})", text)
    assert match, f"{path.name} has no '# expect: CODE' comment"
    code = match.group(1)
    for number, line in enumerate(text.splitlines(), start=1):
        if f"# <- {code}" in line:
            return code, number
    raise AssertionError(f"{path.name} marks no line with '# <- {code}'")


def case_settings(path: Path) -> Settings:
    """Default settings, changed by a ``# settings: {json}`` line (as careplan.toml would)."""
    match = re.search(r"^# settings: (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    if match is None:
        return SETTINGS
    overrides: dict[str, Any] = json.loads(match.group(1))
    changes: dict[str, Any] = {
        k: tuple(v) if isinstance(v, list) else v for k, v in overrides.items()
    }
    return replace(SETTINGS, **changes)


def findings_besides_format_v1(path: Path, settings: Settings, code: str = "") -> list[Finding]:
    """A case's findings; a v1 case's one CP021 (format v1, migrate) is checked and set aside,
    so that the v1 cases keep testing the v1 rules."""
    result = check_file(path, settings)
    findings = list(result.findings)
    if (
        code != V1_WARNING
        and isinstance(result.data, dict)
        and result.data.get("schema_version") == 1
    ):
        assert [f.code for f in findings].count(V1_WARNING) == 1, path.name
        findings = [f for f in findings if f.code != V1_WARNING]
    return findings


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_case_gives_its_finding_at_its_line(path: Path) -> None:
    code, line = expectation(path)
    settings = case_settings(path)
    findings = findings_besides_format_v1(path, settings, code)
    assert [(f.code, f.line) for f in findings] == [(code, line)]
    assert check_file(path, settings).failed(strict=True)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_case_has_no_findings(path: Path) -> None:
    assert findings_besides_format_v1(path, case_settings(path)) == []


def test_every_rule_has_a_failing_case() -> None:
    covered = {expectation(path)[0] for path in INVALID}
    assert {r.code for r in all_rules()} - GENERATED_ONLY <= covered


def test_invalid_case_ids_match_their_file_names() -> None:
    # Otherwise CP101 would fire as well and the case would test two things at once.
    for path in INVALID:
        text = path.read_text(encoding="utf-8")
        ids = re.findall(r"^id: (.*)$", text, re.MULTILINE)
        assert ids in ([], [path.stem]) or path.stem.startswith("cp101"), path.name
