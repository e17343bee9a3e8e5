"""The rule registry, the NHS number check and the review policy's date arithmetic."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careplan_cli.plan.dates import add_months, add_period, parse_iso_date
from careplan_cli.plan.nhs import nhs_number_is_valid
from careplan_cli.plan.policy import ReviewPolicy
from careplan_cli.plan.rules import PlanContext, all_rules


def test_registry_entries_are_complete_and_unique() -> None:
    rules = all_rules()
    assert len({r.name for r in rules}) == len(rules)
    for rule in rules:
        assert re.fullmatch(r"CP\d{3}", rule.code)
        assert re.fullmatch(r"[a-z0-9-]+", rule.name)
        assert rule.title and not rule.title.endswith(".")
        assert len(rule.doc) > 40, f"{rule.code} needs a rationale"
        assert (rule.check is None) == (rule.stage != "rules")


def test_nhs_numbers_from_the_domain_brief() -> None:
    assert nhs_number_is_valid("943 476 5919")
    assert nhs_number_is_valid("9434765919")
    assert not nhs_number_is_valid("987 654 4321")
    assert nhs_number_is_valid("999 000 0018")
    assert not nhs_number_is_valid("999 000 001")
    assert not nhs_number_is_valid("99900000\u06618")  # an Arabic-Indic digit one


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_one_check_digit_fits_unless_none_does(stem: str) -> None:
    fitting = [d for d in "0123456789" if nhs_number_is_valid(stem + d)]
    weighted = sum(int(c) * w for c, w in zip(stem, range(10, 1, -1), strict=True))
    assert len(fitting) == (0 if 11 - weighted % 11 == 10 else 1)


@given(
    st.text(alphabet="0123456789", min_size=10, max_size=10), st.integers(0, 9), st.integers(1, 9)
)
def test_changing_one_digit_breaks_a_valid_number(number: str, position: int, delta: int) -> None:
    if not nhs_number_is_valid(number):
        return
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    assert not nhs_number_is_valid(changed)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)), st.integers(0, 240))
def test_add_months_lands_in_the_right_month_never_overshooting(start: date, months: int) -> None:
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day
    assert result.day == start.day or (result + timedelta(days=1)).day == 1


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)


def test_periods() -> None:
    assert add_period(date(2026, 11, 22), "14d") == date(2026, 12, 6)
    assert add_period(date(2026, 11, 22), "2w") == date(2026, 12, 6)
    assert add_period(date(2026, 11, 30), "3m") == date(2027, 2, 28)


def test_iso_dates_are_strict() -> None:
    assert parse_iso_date("2026-02-28") == date(2026, 2, 28)
    fullwidth = "\uff12\uff10\uff12\uff16-02-28"
    for text in ("2026-02-30", "20260228", "2026-2-28", "2026-02-28T00:00", fullwidth):
        assert parse_iso_date(text) is None


def test_policy_defaults_follow_the_sources() -> None:
    policy = ReviewPolicy()
    start = date(2026, 1, 15)
    assert policy.latest_next_review("cpa", "standard", start, None) == date(2026, 7, 15)
    assert policy.latest_next_review("cpa", "enhanced", start, None) == date(2026, 4, 15)
    assert policy.latest_next_review("cpa", "non-cpa", start, None) == date(2027, 1, 15)
    assert policy.latest_next_review("substance-misuse", "tier-2", start, None) == date(2026, 4, 15)
    assert policy.latest_next_review("social-care", None, start, None) == date(2026, 3, 12)
    assert policy.latest_next_review("social-care", None, start, date(2026, 3, 1)) == date(
        2027, 3, 1
    )


# --- Rules on schema-invalid plans: a wrong type anywhere never makes a rule raise ---------

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", ".", "2026-01-01", "2026-01-01T10:00", "active", "high", "s3", "G1"])
    | st.text(max_size=4)
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


def _example_plans() -> list[dict[str, Any]]:
    from careplan_cli.plan.yamlload import read_plan_file
    from tests.conftest import EXAMPLES

    plans = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        data = read_plan_file(path).data
        assert data is not None
        plans.append(data)
    return plans


_PLANS = _example_plans()


def _paths(node: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, sub in node.items():
            yield from _paths(sub, (*prefix, key))
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from _paths(sub, (*prefix, index))


def _replace(node: Any, path: tuple[str | int, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        return {**node, head: _replace(node[head], rest, value)}
    assert isinstance(head, int)
    copied = list(node)
    copied[head] = _replace(node[head], rest, value)
    return copied


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_rule_survives_wrong_types_anywhere(data: st.DataObject) -> None:
    plan: Any = data.draw(st.sampled_from(_PLANS))
    paths = [p for p in _paths(plan) if p]
    for _ in range(data.draw(st.integers(1, 6))):
        where = data.draw(st.sampled_from(paths))
        plan = _replace(plan, where, data.draw(_VALUES))
        paths = [p for p in _paths(plan) if p]
    plan = {**plan, "schema_version": data.draw(st.sampled_from([1, 2]))}
    ctx = PlanContext(plan, "X", date(2026, 11, 22), ReviewPolicy())
    for rule in all_rules():
        if rule.check is not None:
            for problem in rule.check(ctx):
                assert isinstance(problem.path, str) and isinstance(problem.message, str)


def test_validate_reports_schema_and_rule_findings_together(tmp_path: Path) -> None:
    from careplan_cli.plan.settings import Settings
    from careplan_cli.plan.validate import check_file
    from tests.conftest import EXAMPLES

    text = (EXAMPLES / "CP-000102.yaml").read_text(encoding="utf-8")
    text = text.replace("status: active", "status: sleeping", 1)
    number = re.search(r'nhs_number: "([0-9 ]+)"', text)
    assert number
    text = text.replace(number.group(1), "987 654 4321")
    path = tmp_path / "CP-000102.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_file(path, Settings(today=date(2026, 11, 22)))
    lines = text.splitlines()
    found = {(f.code, lines[f.line - 1].split(":")[0].strip()) for f in result.findings}
    assert ("CP020", "status") in found and ("CP401", "nhs_number") in found
