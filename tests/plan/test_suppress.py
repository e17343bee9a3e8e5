"""Small-number suppression: no count of 1-4 shown, and none recoverable from a sum."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from careplan_cli.plan.figures import FIGURES, PARTS, SUBSETS, Number
from careplan_cli.plan.suppress import _sums, hidden_cells, shown
from careplan_cli.plan.tally import with_rates


@st.composite
def group_tables(draw: Any) -> dict[str, dict[str, Number]]:
    """Consistent figures for 1-4 groups: bands add up, numerators within denominators."""
    tables: dict[str, dict[str, Number]] = {}
    for index in range(draw(st.integers(1, 4))):
        figures: dict[str, Number] = {fid: draw(st.integers(0, 12)) for fid in FIGURES}
        for total, parts in PARTS.items():
            figures[total] = sum(int(figures[p] or 0) for p in parts)
        for den, num in SUBSETS.items():
            figures[den] = int(figures[num] or 0) + draw(st.integers(0, 12))
        tables[f"coordinator:{index}"] = with_rates(figures)
    return tables


@settings(max_examples=150, deadline=None)
@given(group_tables())
def test_no_small_count_is_shown_or_recoverable(groups: dict[str, dict[str, Number]]) -> None:
    whole: dict[str, Number] = {
        fid: sum(int(g[fid] or 0) for g in groups.values()) for fid in FIGURES
    }
    tables = {"all": with_rates(whole), **groups}
    additive = [("all", list(groups))]
    primary, secondary = hidden_cells(tables, additive)
    for scope, figures in tables.items():
        for fid in FIGURES:
            text = shown(scope, fid, figures[fid], primary, secondary)
            assert text in ("<5", "*") or not 1 <= int(text) <= 4
    hidden = primary | secondary
    for total, parts in _sums(tables, additive):
        assert sum(k in hidden for k in (total, *parts)) != 1, (total, parts)


def test_a_rate_is_hidden_with_its_numerator() -> None:
    figures: dict[str, Number] = dict.fromkeys(FIGURES, 0)
    figures.update(active_12_months=10, reviewed_within_12_months=7)  # 3 not reviewed: small
    tables = {"all": with_rates(figures)}
    primary, secondary = hidden_cells(tables, [])
    assert ("all", "reviewed_within_12_months") in secondary
    assert shown("all", "reviewed_within_12_months_rate", 0.7, primary, secondary) == "*"
    assert shown("all", "active_12_months", 10, primary, secondary) == "10"
