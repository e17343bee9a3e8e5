"""``careplan set`` and ``careplan add``: scripted changes addressed by ids."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from careplan_cli.commands.session import Outcome, PlanSession
from careplan_cli.errors import UsageError
from careplan_cli.plan.address import Assignment
from careplan_cli.plan.edits import (
    ADD_KINDS,
    add_item,
    apply_assignments,
)
from careplan_cli.plan.itemfields import dated_on_adding, missing_fields, typed_fields
from careplan_cli.plan.settings import Settings

# Asks for what a new item still lacks (on a terminal), given the plan's data and the item;
# answers as text, typed like options.
CompleteItem = Callable[[dict[str, Any], dict[str, Any]], dict[str, str]]


def update_message(plan_id: str, said: Sequence[str]) -> str:
    """ "Update CP-000102: risk R2 level high -> medium; goal G1 status active -> achieved"."""
    return f"Update {plan_id}: " + "; ".join(said)


def set_values(
    settings: Settings,
    plan_ref: str,
    assignments: Sequence[Assignment],
    unsets: Sequence[str],
    *,
    no_commit: bool,
) -> Outcome:
    if not assignments and not unsets:
        raise UsageError("give at least one PATH=VALUE (or --unset PATH)")
    with PlanSession(settings, no_commit=no_commit) as session:
        plan = session.open(plan_ref)
        today = settings.today.isoformat()
        text, said = apply_assignments(plan.text, plan.data, assignments, unsets, today)
        session.stage(plan, text)
        return session.commit(update_message(plan.plan_id, said))


def add(
    settings: Settings,
    plan_ref: str,
    kind: str,
    given: dict[str, Any],
    options: dict[str, str],
    *,
    no_commit: bool,
    complete: CompleteItem | None = None,
) -> Outcome:
    """Add one item (fields from ``given``, a --from-file item, and ``options`` typed by the
    schema); on a terminal ``complete`` asks for the required fields still missing."""
    if kind not in ADD_KINDS:
        raise UsageError("what to add is one of: " + ", ".join(ADD_KINDS))
    list_name = ADD_KINDS[kind]
    with PlanSession(settings, no_commit=no_commit) as session:
        plan = session.open(plan_ref)
        item = {**given, **typed_fields(list_name, options, plan.data)}
        if complete is not None:
            asked = complete(plan.data, item)
            item.update(typed_fields(list_name, asked, plan.data))
        lacking = missing_fields(list_name, item, plan.data)
        if lacking:
            raise UsageError(
                f"a {kind} needs: "
                + ", ".join(f"--{k.replace('_', '-')}" for k in lacking)
                + " (or run on a terminal to be asked)"
            )
        item = dated_on_adding(list_name, item, plan.data, settings.today.isoformat())
        text, said = add_item(plan.text, plan.data, kind, item)
        session.stage(plan, text)
        return session.commit(update_message(plan.plan_id, [said]))
