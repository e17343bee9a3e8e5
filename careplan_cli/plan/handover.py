"""A new coordinator, and a plan given a new id: the cores of ``handover`` and ``renumber``.

A handover keeps what belongs to the post (role, organisation, team) unless the new
coordinator's details say otherwise, and never carries the old person's own details (phone,
email, profession) over to the new one. The old coordinator's time on the plan is recorded
in ``coordinator_history``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from careplan_cli.errors import RefusedError
from careplan_cli.plan.address import require_field
from careplan_cli.plan.dates import as_date
from careplan_cli.plan.edits import append_item, remove_keeping_layout
from careplan_cli.plan.roundtrip import dump_text, load_text, scalar_like

# What belongs to the post rather than the person: kept when the new details do not say.
POST_FIELDS = ("role", "organisation", "team")


def same_person(a: object, b: object) -> bool:
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    return a.strip().casefold() == b.strip().casefold()


def coordinator_name(plan: dict[str, Any]) -> str | None:
    coordinator = plan.get("coordinator")
    name = coordinator.get("name") if isinstance(coordinator, dict) else None
    return name if isinstance(name, str) else None


def _period_start(plan: dict[str, Any]) -> date | None:
    """When the current coordinator took the plan on: the end of the last recorded period,
    else the plan's start (or creation)."""
    history = plan.get("coordinator_history")
    if isinstance(history, list) and history and isinstance(history[-1], dict):
        ended = as_date(history[-1].get("to"))
        if ended is not None:
            return ended
    return as_date(plan.get("start")) or as_date(plan.get("created"))


def hand_over(
    text: str, plan: dict[str, Any], old: str, new: dict[str, Any], when: date
) -> tuple[str, str]:
    """The new text with ``new`` (``name`` and any of role, organisation, team, phone, email)
    as coordinator in place of ``old``; "coordinator A -> B"."""
    current = coordinator_name(plan)
    if not same_person(current, old):
        raise RefusedError("the plan's coordinator is not the person handing over (--from)")
    require_field(plan, "coordinator_history")
    started = _period_start(plan)
    if started is not None and when < started:
        raise RefusedError("the handover date is before the outgoing coordinator took the plan on")
    document = load_text(text)
    coordinator = document["coordinator"]
    for key in list(coordinator.keys()):
        if key != "name" and key not in POST_FIELDS and key not in new:
            remove_keeping_layout(coordinator, key)
    for key, value in new.items():
        if key in coordinator:
            coordinator[key] = scalar_like(coordinator[key], value)
        else:
            coordinator[key] = value
    outgoing = plan["coordinator"]
    entry: dict[str, Any] = {"name": current}
    entry.update({k: outgoing[k] for k in ("role", "organisation") if outgoing.get(k)})
    entry.update({"from": started or when, "to": when})
    append_item(document, ("coordinator_history",), entry, plan)
    return dump_text(document), f"coordinator {current} -> {new['name']}"


def renumber(text: str, plan: dict[str, Any], new_id: str) -> tuple[str, str]:
    """The new text with the id ``new_id`` and the old one recorded in ``previous_ids``."""
    require_field(plan, "previous_ids")
    old = plan.get("id")
    document = load_text(text)
    document["id"] = scalar_like(document["id"], new_id)
    append_item(document, ("previous_ids",), old, plan)
    return dump_text(document), f"renumbered {old} -> {new_id}"
