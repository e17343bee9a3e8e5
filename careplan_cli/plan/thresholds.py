"""Thresholds on team figures (``careplan.toml``'s ``report.thresholds``): "ID OP NUMBER"."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from careplan_cli.plan.figures import FIGURES, RATES, Number

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
}
_FORM = re.compile(r"\s*([a-z0-9_]+)\s*(>=|<=|==|>|<)\s*(-?\d+(?:\.\d+)?)\s*", re.ASCII)


@dataclass(frozen=True)
class Threshold:
    figure: str
    op: str
    value: float

    def met(self, actual: Number) -> bool:
        """A figure with no value (a rate over nothing) meets every threshold."""
        return actual is None or OPERATORS[self.op](float(actual), self.value)


def parse_threshold(text: str) -> Threshold | None:
    """The threshold ``text`` states, or None when it is not one on a known figure."""
    match = _FORM.fullmatch(text)
    if match is None or (match.group(1) not in FIGURES and match.group(1) not in RATES):
        return None
    return Threshold(match.group(1), match.group(2), float(match.group(3)))
