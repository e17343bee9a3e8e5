"""Adding figures up: over a set of plans, per group, and the rates between them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from careplan_cli.plan.asof import PlanAt
from careplan_cli.plan.figures import FIGURES, RATES, Context, Number

GROUPINGS: dict[str, Callable[[PlanAt], str]] = {
    "coordinator": lambda p: p.coordinator or "(none)",
    "team": lambda p: p.team,
    "type": lambda p: p.type,
    "level": lambda p: p.level,
}


def count_figures(
    plans: Iterable[PlanAt], context: Context, ids: Iterable[str] | None = None
) -> dict[str, Number]:
    """Every figure (or those of ``ids``) over ``plans``; with every figure, the rates too
    (None when the denominator is 0)."""
    chosen = [FIGURES[fid] for fid in (FIGURES if ids is None else ids)]
    totals = dict.fromkeys((fig.id for fig in chosen), 0)
    for plan in plans:
        for fig in chosen:
            totals[fig.id] += fig.count(plan, context)
    counted: dict[str, Number] = dict(totals)
    return with_rates(counted) if ids is None else counted


def with_rates(totals: dict[str, Number]) -> dict[str, Number]:
    out = dict(totals)
    for rate, (numerator, denominator) in RATES.items():
        den = totals.get(denominator)
        out[rate] = round(int(totals[numerator] or 0) / den, 4) if den else None
    return out


def grouped(plans: Iterable[PlanAt], context: Context, by: str) -> dict[str, dict[str, Number]]:
    """Figures per group (sorted by name); each plan is in one group, so they add up."""
    groups: dict[str, list[PlanAt]] = {}
    for plan in plans:
        groups.setdefault(GROUPINGS[by](plan), []).append(plan)
    return {name: count_figures(groups[name], context) for name in sorted(groups)}


@dataclass(frozen=True)
class TeamReport:
    as_of: date
    policy: str
    figures: dict[str, Number]
    by: dict[str, dict[str, dict[str, Number]]]
    trend: list[tuple[str, dict[str, Number]]]
    skipped: int = 0
    notes: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        """The json format's document: no wall-clock field, keys in a fixed order."""
        return {
            "as_of": self.as_of.isoformat(),
            "policy": self.policy,
            "figures": self.figures,
            "by": self.by,
            "trend": [{"month": month, "figures": figures} for month, figures in self.trend],
        }
