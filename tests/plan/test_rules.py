"""The rule registry, the NHS number check and the review policy's date arithmetic."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from careplan_cli.plan.dates import add_months, add_period, parse_iso_date
from careplan_cli.plan.nhs import nhs_number_is_valid
from careplan_cli.plan.policy import ReviewPolicy
from careplan_cli.plan.rules import all_rules


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
