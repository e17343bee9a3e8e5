"""Commands for a plan's life: status, level, handover and renumber."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from careplan_cli.cli._shared import (
    InputOption,
    NoCommitOption,
    TodayOption,
    _check_date,
    _interactive,
    _load_partial,
    _prompt,
    _reports_errors,
    app,
)
from careplan_cli.cli.edits import PlanArgument, _done
from careplan_cli.cli.plain import settings_of

ReasonOption = Annotated[
    str | None, typer.Option("--reason", help="Why: recorded with the change.")
]
DateOption = Annotated[
    str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="When (default: today).")
]


def _needed(value: str | None, interactive: bool, question: str, **kwargs: Any) -> str | None:
    """``value``, or on a terminal the answer to ``question``."""
    return value if value or not interactive else _prompt(question, **kwargs)


def _day(text: str | None, option: str) -> Any:
    from careplan_cli.plan.dates import date_option

    return date_option(text, option)


@app.command()
@_reports_errors
def status(
    plan: PlanArgument,
    to: Annotated[str, typer.Argument(help="draft, active, on-hold or closed.")],
    reason: ReasonOption = None,
    on: DateOption = None,
    review_by: Annotated[
        str | None, typer.Option("--review-by", metavar="YYYY-MM-DD", help="On hold: until.")
    ] = None,
    closure: Annotated[
        str | None, typer.Option("--closure", help="Closing: why (careplan schema lists codes).")
    ] = None,
    destination: Annotated[
        str | None, typer.Option("--destination", help="Closing: where the person went.")
    ] = None,
    agreed_on: Annotated[
        str | None, typer.Option("--agreed-on", metavar="YYYY-MM-DD", help="Activating: agreed.")
    ] = None,
    next_review: Annotated[
        str | None, typer.Option("--next-review", metavar="YYYY-MM-DD", help="Reopening.")
    ] = None,
    ask: InputOption = None,
    no_commit: NoCommitOption = False,
    today: TodayOption = None,
) -> None:
    """Change a plan's status, recording when, why and who in its status history.

    draft -> active (agreed, or with the reason it is in force without agreement);
    active -> on-hold --review-by DATE, and back; closed --closure CODE (sets the end
    date); closed -> active reopens the plan.

    \b
    Examples:
      careplan status CP-000102 active --reason "Agreed at CPA meeting" --agreed-on 2026-03-09
      careplan status CP-000102 on-hold --reason "Admitted" --review-by 2026-12-15
      careplan status CP-000102 closed --closure discharged-to-gp --reason "Well for a year"
      careplan status CP-000102 active --reason "Re-referred by GP"
    """
    from careplan_cli.commands.lifecycle import set_status
    from careplan_cli.plan.lifecycle import StatusChange, closure_reasons

    settings = settings_of(today)
    asks = _interactive(ask)
    if to == "on-hold":
        review_by = _needed(review_by, asks, "Review the hold by (YYYY-MM-DD)", check=_check_date)
    if to == "closed":
        closure = _needed(closure, asks, "Closure reason", choices=closure_reasons({}))
    change = StatusChange(
        to=to,
        reason=_needed(reason, asks, "Reason for the change") or "",
        when=_day(on, "--date") or settings.today,
        by="",
        review_by=_day(review_by, "--review-by"),
        closure=closure,
        destination=destination,
        next_review=_day(next_review, "--next-review"),
        agreed_on=_day(agreed_on, "--agreed-on"),
    )
    _done("Updated", set_status(settings, plan, change, no_commit=no_commit))


@app.command()
@_reports_errors
def level(
    plan: PlanArgument,
    new_level: Annotated[str, typer.Argument(metavar="LEVEL", help="The CPA level or tier.")],
    reason: ReasonOption = None,
    from_file: Annotated[
        Path | None,
        typer.Option("--from-file", help="What the new level needs: crisis_plan, ... as YAML."),
    ] = None,
    reschedule: Annotated[
        bool, typer.Option("--reschedule", help="Move the next review inside the new interval.")
    ] = False,
    ask: InputOption = None,
    no_commit: NoCommitOption = False,
    today: TodayOption = None,
) -> None:
    """Change a plan's CPA level or treatment tier.

    Where the new level needs more (a crisis or contingency plan, an earlier review)
    it asks on a terminal; otherwise it refuses, naming what to supply in --from-file
    and whether --reschedule is needed.

    \b
    Examples:
      careplan level CP-000101 enhanced --reason "Two admissions" --reschedule \\
          --from-file crisis.yaml
      careplan level DA-000302 tier-2 --reason "Stable for six months"
    """
    from careplan_cli.commands.lifecycle import set_level

    settings = settings_of(today)
    asks = _interactive(ask)
    outcome = set_level(
        settings,
        plan,
        new_level,
        _needed(reason, asks, "Reason for the change") or _missing("--reason TEXT"),
        supplied=_load_partial(from_file, "sections"),
        reschedule=reschedule,
        no_commit=no_commit,
        ask=_ask_level if asks else None,
    )
    _done("Updated", outcome)


def _missing(option: str) -> str:
    from careplan_cli.errors import UsageError

    raise UsageError(f"give {option} (it is recorded with the change)")


def _ask_level(plan: dict[str, Any], lacking: list[str]) -> tuple[dict[str, Any], bool]:
    """On a terminal: ask for the sections the new level needs."""
    sys.stderr.write("The new level needs more:\n  " + "\n  ".join(lacking) + "\n")
    said = " ".join(lacking)
    more: dict[str, Any] = {}
    if "crisis_plan" in said or "crisis plan" in said:
        crisis = dict(plan.get("crisis_plan") or {})
        for key, question in (
            ("responds_best_to", "In a crisis, who they respond best to"),
            ("what_has_worked", "What has worked in past crises"),
        ):
            crisis[key] = crisis.get(key) or _prompt(question)
        if not crisis.get("contacts"):
            crisis["contacts"] = [
                {
                    "name": _prompt("Crisis contact: name"),
                    "phone": _prompt("Crisis contact: phone"),
                    "when": _prompt("Crisis contact: when to call"),
                }
            ]
        more["crisis_plan"] = crisis
    if "contingency_plan" in said:
        more["contingency_plan"] = _prompt("Contingency plan: if the plan breaks down")
    move = "next review" in said and typer.confirm("Move the next review inside the interval?")
    return more, move


@app.command()
@_reports_errors
def handover(
    plans: Annotated[list[str] | None, typer.Argument(help="Plans to hand over.")] = None,
    old: Annotated[str | None, typer.Option("--from", help="The outgoing coordinator.")] = None,
    new: Annotated[str | None, typer.Option("--to", help="The new coordinator.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every plan in force of --from.")] = False,
    on: DateOption = None,
    reason: ReasonOption = None,
    role: Annotated[str | None, typer.Option("--role")] = None,
    organisation: Annotated[str | None, typer.Option("--organisation")] = None,
    team: Annotated[str | None, typer.Option("--team")] = None,
    phone: Annotated[str | None, typer.Option("--phone")] = None,
    email: Annotated[str | None, typer.Option("--email")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List the plans only.")] = False,
    ask: InputOption = None,
    no_commit: NoCommitOption = False,
    today: TodayOption = None,
) -> None:
    """Hand plans over to a new coordinator: every plan in one commit, or none.

    The new coordinator's details come from the flags, then careplan.toml's [[staff]]
    tables; the old person's phone and email are never carried over.

    \b
    Examples:
      careplan handover --from "Tom Adeyemi" --to "Priya Raman" --all --reason "Tom leaving"
      careplan handover CP-000102 --from "Tom Adeyemi" --to "Priya Raman" --dry-run
    """
    from careplan_cli.commands import handover as use_case

    settings = settings_of(today)
    asks = _interactive(ask)
    old = _needed(old, asks, "Outgoing coordinator") or _missing("--from NAME")
    new = _needed(new, asks, "New coordinator") or _missing("--to NAME")
    chosen = use_case.plans_to_hand_over(settings, plans or [], every, old)
    if dry_run:
        sys.stdout.write(f"Would hand over {len(chosen)} plan(s) from {old} to {new}:\n")
        sys.stdout.write("".join(f"  {plan_id}\n" for plan_id in chosen))
        return
    flags = {"role": role, "organisation": organisation, "team": team}
    details = use_case.new_coordinator(settings, new, {**flags, "phone": phone, "email": email})
    change = use_case.Handover(
        old,
        details,
        _day(on, "--date") or settings.today,
        _needed(reason, asks, "Reason for the handover") or _missing("--reason TEXT"),
    )
    _done("Handed over", use_case.handover(settings, chosen, change, no_commit=no_commit))


@app.command()
@_reports_errors
def renumber(
    old: Annotated[str, typer.Argument(help="The plan: its id or path.")],
    new: Annotated[str, typer.Argument(help="Its new id.")],
    ask: InputOption = None,
    no_commit: NoCommitOption = False,
    today: TodayOption = None,
) -> None:
    """Give a plan a new id: renames the file and the id in one commit, keeping the old id
    in previous_ids (careplan log follows it).

    \b
    Examples:
      careplan renumber CP-000105 CP-000106
    """
    from careplan_cli.commands.handover import renumber_plan

    _done("Renumbered", renumber_plan(settings_of(today), old, new, no_commit=no_commit))
