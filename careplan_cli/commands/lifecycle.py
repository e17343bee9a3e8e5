"""``careplan status`` and ``careplan level``: a plan's status and level over its life."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from careplan_cli.adapters import gitio
from careplan_cli.commands.edits import update_message
from careplan_cli.commands.session import Outcome, PlanSession
from careplan_cli.errors import RefusedError
from careplan_cli.plan.findings import Finding, Severity
from careplan_cli.plan.lifecycle import StatusChange, change_level, change_status
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.validate import check_data
from careplan_cli.plan.words import describe_finding
from careplan_cli.plan.yamlload import parse_text

# Given the plan's data and what the new level lacks (in words), returns sections to lay in
# (``crisis_plan``, ``contingency_plan``) and whether to reschedule; on a terminal only.
AskLevel = Callable[[dict[str, Any], list[str]], tuple[dict[str, Any], bool]]


def set_status(
    settings: Settings, plan_ref: str, change: StatusChange, *, no_commit: bool
) -> Outcome:
    with PlanSession(settings, no_commit=no_commit) as session:
        change = _with_author(change, session.repo)
        plan = session.open(plan_ref)
        text, said = change_status(plan.text, plan.data, change, settings.policy)
        session.stage(plan, text)
        return session.commit(update_message(plan.plan_id, [said]), change.reason)


def _with_author(change: StatusChange, repo: Any) -> StatusChange:
    from dataclasses import replace

    return replace(change, by=change.by or gitio.identity_name(repo) or "unknown")


def set_level(
    settings: Settings,
    plan_ref: str,
    level: str,
    reason: str,
    *,
    supplied: dict[str, Any],
    reschedule: bool,
    no_commit: bool,
    ask: AskLevel | None = None,
) -> Outcome:
    """Change the level; what the new level needs comes from ``supplied`` (--from-file), from
    ``ask`` on a terminal, or the change is refused naming what to supply."""
    with PlanSession(settings, no_commit=no_commit) as session:
        plan = session.open(plan_ref)

        def attempt(more: dict[str, Any], again: bool) -> tuple[str, list[str], list[str]]:
            text, said = change_level(
                plan.text,
                plan.data,
                level,
                supplied={**supplied, **more},
                reschedule=reschedule or again,
                policy=settings.policy,
            )
            return text, said, _lacking(text, plan.plan_id, plan.findings, settings)

        text, said, lacking = attempt({}, False)
        if lacking and ask is not None:
            text, said, lacking = attempt(*ask(plan.data, lacking))
        if lacking:
            raise RefusedError(_what_to_supply(level, lacking))
        session.stage(plan, text)
        return session.commit(update_message(plan.plan_id, said), reason)


def _lacking(text: str, stem: str, before: tuple[Finding, ...], settings: Settings) -> list[str]:
    """The errors the change brings, in words."""
    data, problems = parse_text(text)
    if data is None:
        return [f.message for f in problems]
    had = {(f.code, f.path) for f in before}
    after = check_data(data, text, stem, settings)
    return [
        describe_finding(f, data)
        for f in after
        if f.severity is Severity.ERROR and (f.code, f.path) not in had
    ]


def _what_to_supply(level: str, lacking: list[str]) -> str:
    """The refusal of a level change: what the new level lacks, and how to give it."""
    timing = [line for line in lacking if "next review" in line]
    hints = []
    if len(timing) < len(lacking):
        hints.append(
            "the missing sections in --from-file FILE (e.g. crisis_plan:, contingency_plan:)"
        )
    if timing:
        hints.append("--reschedule to move the next review inside the new interval")
    return (
        f"at level {level} the plan needs more than it has, so nothing was written:\n  "
        + "\n  ".join(lacking)
        + "\ngive "
        + ", and ".join(hints)
    )
