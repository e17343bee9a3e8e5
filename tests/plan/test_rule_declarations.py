"""Rules declare what they depend on: a rule whose verdict changes with today says so
(``uses_today=True``), because the result cache trusts the declaration."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from careplan_cli.plan.rules import all_rules
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.validate import check_file
from tests.conftest import DATA, EXAMPLES

CASES = [*sorted(EXAMPLES.glob("*.yaml")), *sorted((DATA / "invalid").glob("*.yaml"))]
CASES += sorted((DATA / "valid").glob("*.yaml"))
DAYS = [date(1990, 1, 1), date(2026, 11, 22), date(2100, 12, 31)]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_undeclared_rules_give_the_same_verdict_on_any_day(path: Path) -> None:
    dated = {r.code for r in all_rules() if r.uses_today}
    verdicts = {
        tuple(f for f in check_file(path, Settings(today=day)).findings if f.code not in dated)
        for day in DAYS
    }
    assert len(verdicts) == 1


def test_the_future_dates_rule_declares_that_it_uses_today() -> None:
    assert {r.code for r in all_rules() if r.uses_today} >= {"CP106"}
