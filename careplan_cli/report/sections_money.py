"""Sections of a copy on money (Care Act 2014 s26 personal budget, format v2): the budget, how
it is managed and what it pays for; the person's assessed contribution, a section of its
own so that an agreement to share the budget does not share the person's finances."""

from __future__ import annotations

from typing import Any

from careplan_cli.report.copytext import Section, in_sentence, label, long_date, money, text


def _period(entry: dict[str, Any]) -> str:
    return f"a {text(entry['period'])}" if entry.get("period") else ""


def personal_budget(plan: dict[str, Any]) -> Section | None:
    """The amount, how it is managed (direct payment, individual service fund, council) and
    each item it pays for."""
    budget = plan.get("personal_budget")
    if not isinstance(budget, dict):
        return None
    managed = budget.get("managed_as")
    lead = [f"{money(budget.get('amount'))} {_period(budget)}.".replace(" .", ".")]
    if managed:
        how = in_sentence(label("personal_budget.managed_as", managed))
        lead.append(f"How it is managed: {how}.")
    items = []
    for item in budget.get("breakdown") or []:
        line = f"{text(item.get('description'))}: {money(item.get('amount'))} {_period(budget)}"
        own = item.get("managed_as")
        if own and own != managed:
            line += f" ({in_sentence(label('personal_budget.breakdown.managed_as', own))})"
        items.append(line.rstrip())
    return Section("personal_budget", "My personal budget", lead=lead, items=items)


def contribution(plan: dict[str, Any]) -> Section | None:
    """What the person pays towards their care after the financial assessment."""
    paid = (plan.get("personal_budget") or {}).get("assessed_contribution")
    if not isinstance(paid, dict):
        return None
    amount = paid.get("amount")
    what = (
        "I pay nothing towards the cost of my care"
        if amount == 0
        else f"I pay {money(amount)} {_period(paid)} towards the cost of my care"
    )
    assessed = paid.get("assessed_on")
    when = f" (financial assessment of {long_date(assessed)})" if assessed else ""
    return Section("contribution", "What I pay towards my care", lead=[f"{what}{when}."])
