"""Small-number suppression for published figures: hide 1-4, and enough else to keep them hidden.

Counts of 1 to 4 are hidden (primary suppression). Figures are linked by sums: a figure is
the sum of its groups (each plan is in one group), the overdue bands add up to
``reviews_overdue``, and a numerator and the rest of its denominator add up to the
denominator. In any such sum with exactly one hidden cell, that cell could be recovered by
subtraction; so another cell of the sum is hidden too (secondary suppression: the smallest
non-zero one, else the total), until no sum has a single hidden cell. The rest of a
denominator is never shown, but counts as a cell: when it is 1-4 the numerator is hidden.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from careplan_cli.plan.figures import FIGURES, PARTS, RATES, SUBSETS, Number

Key = tuple[str, str]  # (scope, figure id); a scope is "all", "coordinator:NAME", "2026-01"
REST = "~"  # prefix of the hidden cells "the rest of a denominator"


def _cells(tables: Mapping[str, Mapping[str, Number]]) -> dict[Key, int]:
    cells: dict[Key, int] = {}
    for scope, figures in tables.items():
        for fid in FIGURES:
            cells[scope, fid] = int(figures.get(fid) or 0)
        for den, num in SUBSETS.items():
            cells[scope, REST + den] = cells[scope, den] - cells[scope, num]
    return cells


def _sums(
    tables: Mapping[str, Mapping[str, Number]], additive: Sequence[tuple[str, Sequence[str]]]
) -> list[tuple[Key, list[Key]]]:
    """Every (total, parts) relation among the cells."""
    sums: list[tuple[Key, list[Key]]] = []
    for scope in tables:
        for total, parts in PARTS.items():
            sums.append(((scope, total), [(scope, p) for p in parts]))
        for den, num in SUBSETS.items():
            sums.append(((scope, den), [(scope, num), (scope, REST + den)]))
    ids = [*FIGURES, *(REST + den for den in SUBSETS)]
    for whole, scopes in additive:
        for fid in ids:
            sums.append(((whole, fid), [(scope, fid) for scope in scopes]))
    return sums


def hidden_cells(
    tables: Mapping[str, Mapping[str, Number]], additive: Sequence[tuple[str, Sequence[str]]]
) -> tuple[set[Key], set[Key]]:
    """(primary, secondary) hidden cells. ``additive`` pairs a scope with scopes that add up
    to it (``[("all", ["coordinator:A", "coordinator:B"])]``)."""
    cells = _cells(tables)
    primary = {key for key, value in cells.items() if 1 <= value <= 4}
    hidden = set(primary)
    sums = _sums(tables, additive)
    changed = True
    while changed:
        changed = False
        for total, parts in sums:
            if sum(key in hidden for key in (total, *parts)) != 1:
                continue
            pick = _second(total, parts, cells, hidden)
            if pick is not None:
                hidden.add(pick)
                changed = True
    return primary, hidden - primary


def _second(total: Key, parts: list[Key], cells: dict[Key, int], hidden: set[Key]) -> Key | None:
    """The cell to hide beside a sum's single hidden one: the smallest non-zero part shown,
    else the total, else any part shown (a zero, or a rest that is never shown)."""
    shown_parts = [k for k in parts if k not in hidden]
    real = sorted((cells[k], k) for k in shown_parts if not k[1].startswith(REST) and cells[k])
    if real:
        return real[0][1]
    if total not in hidden:
        return total
    return min(shown_parts, default=None)


def shown(scope: str, fid: str, value: Number, primary: set[Key], secondary: set[Key]) -> str:
    """A figure as published: ``<5`` for a small count, ``*`` for one hidden to protect it;
    a rate is hidden with its numerator or denominator."""
    if fid in RATES:
        num, den = RATES[fid]
        if {(scope, num), (scope, den)} & (primary | secondary):
            return "*"
        return "" if value is None else f"{value:.1%}"
    if (scope, fid) in primary:
        return "<5"
    if (scope, fid) in secondary:
        return "*"
    return str(value)
