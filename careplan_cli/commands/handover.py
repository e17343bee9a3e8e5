"""``careplan handover`` and ``careplan renumber``: changes that keep a caseload straight."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from careplan_cli.commands.session import Outcome, PlanSession
from careplan_cli.errors import RefusedError, UsageError
from careplan_cli.plan.create import check_id
from careplan_cli.plan.handover import coordinator_name, hand_over, renumber, same_person
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.yamlload import read_plan_file


@dataclass(frozen=True)
class Handover:
    old: str
    new: dict[str, Any]  # the new coordinator: name, and any of role, organisation, ...
    when: date
    reason: str


def new_coordinator(settings: Settings, name: str, given: dict[str, str | None]) -> dict[str, Any]:
    """The new coordinator's details: flags first, then careplan.toml's [[staff]] entry."""
    listed = next((dict(p) for p in settings.staff if same_person(p.get("name"), name)), {})
    details: dict[str, Any] = {**listed, "name": listed.get("name", name)}
    details.update({k: v for k, v in given.items() if v})
    return details


def caseload(settings: Settings, old: str) -> list[str]:
    """Plans in the plan directory, not closed, whose coordinator is ``old``: their ids."""
    found = []
    for path in sorted(settings.plan_dir.glob("*.yaml")):
        data = read_plan_file(path, settings.root).data
        if data and data.get("status") != "closed" and same_person(coordinator_name(data), old):
            found.append(path.name.rsplit(".", 1)[0])
    return found


def plans_to_hand_over(settings: Settings, refs: Sequence[str], every: bool, old: str) -> list[str]:
    if bool(refs) == every:
        raise UsageError("name the plans to hand over, or give --all (not both)")
    chosen = caseload(settings, old) if every else list(dict.fromkeys(refs))
    if not chosen:
        raise RefusedError("no plan in force names the outgoing coordinator (--from)")
    return chosen


def handover(
    settings: Settings, refs: Sequence[str], change: Handover, *, no_commit: bool
) -> Outcome:
    """Every plan handed over in one commit, or none (one that cannot be: nothing written)."""
    if not change.reason.strip():
        raise UsageError("give the reason for the handover (--reason TEXT)")
    with PlanSession(settings, no_commit=no_commit) as session:
        ids = []
        for ref in refs:
            plan = session.open(ref)
            try:
                text, _ = hand_over(plan.text, plan.data, change.old, change.new, change.when)
            except RefusedError as exc:
                raise RefusedError(f"{plan.display}: {exc.message}; nothing was written") from None
            session.stage(plan, text)
            ids.append(plan.plan_id)
        shown = ", ".join(ids) if len(ids) <= 5 else f"{len(ids)} plans"
        subject = (
            f"Hand over {shown}: coordinator {change.old} -> {change.new['name']} "
            f"from {change.when}"
        )
        return session.commit(subject, change.reason)


def renumber_plan(settings: Settings, old_ref: str, new_id: str, *, no_commit: bool) -> Outcome:
    """The plan's file and id renamed in one commit, the old id kept in ``previous_ids``."""
    check_id(new_id)
    with PlanSession(settings, no_commit=no_commit) as session:
        plan = session.open(old_ref)
        target = plan.path.with_name(f"{new_id}{plan.path.suffix}")
        if target.exists() or target.is_symlink():
            raise UsageError(f"{session.show(target)} already exists; choose another id")
        text, _ = renumber(plan.text, plan.data, new_id)
        session.lock(target)
        session.stage(plan, text, rename_to=Path(target))
        return session.commit(f"Renumber {plan.plan_id} as {new_id}")
