"""Commands that change what a plan says: edit, set and add."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from careplan_cli.cli._shared import (
    InputOption,
    NoCommitOption,
    TodayOption,
    _interactive,
    _load_partial,
    _prompt,
    _report,
    _reports_errors,
    app,
)
from careplan_cli.cli.plain import settings_of
from careplan_cli.errors import UsageError

PlanArgument = Annotated[str, typer.Argument(help="The plan: a path, or an id in plans/.")]


def _done(verb: str, outcome: Any) -> None:
    """ "Updated plans/X.yaml; committed 1a2b3c4d: Update X: ..." (the change said either way)."""
    from dataclasses import replace

    first = outcome.message.split("\n", 1)[0]
    committed = outcome.committed.split("\n", 1)[0]
    if not outcome.written:  # the plan already said what was asked: nothing written
        _report("Nothing to update: the plan already says that", replace(outcome, committed=""))
        return
    shown = outcome.written[0]
    done = f"{verb} {shown}" if committed.startswith("committed") else f"{verb} {shown} ({first})"
    _report(done, replace(outcome, committed=committed))


@app.command()
@_reports_errors
def edit(
    plan: PlanArgument,
    ask: InputOption = None,
    no_commit: NoCommitOption = False,
    today: TodayOption = None,
) -> None:
    """Edit a plan in $VISUAL or $EDITOR (on a copy); keep the result only if it is valid.

    An invalid edit is reopened with its findings as comments at the top; without a
    terminal (or with --no-input) the plan is left as it was and the edited copy kept
    under .git/careplan/. Saving without changes does nothing.

    \b
    Examples:
      careplan edit CP-000102
      EDITOR="code --wait" careplan edit plans/CP-000102.yaml
    """
    from careplan_cli.commands.edit import edit_plan

    settings = settings_of(today)
    interactive = _interactive(ask)
    outcome = edit_plan(
        settings,
        plan,
        interactive=interactive,
        no_commit=no_commit,
        tell=_tell,
    )
    if outcome is None:
        sys.stdout.write("No changes: the plan is as it was.\n")
        return
    _done("Saved", outcome)


def _tell(problems: str) -> None:
    sys.stderr.write(f"{problems}\nreopening the editor\n")


@app.command("set")
@_reports_errors
def set_(
    plan: PlanArgument,
    assignments: Annotated[
        list[str] | None,
        typer.Argument(help="PATH=VALUE to set, PATH+=ITEM to add to a list.", show_default=False),
    ] = None,
    unset: Annotated[
        list[str] | None, typer.Option("--unset", metavar="PATH", help="Remove this field.")
    ] = None,
    ask: InputOption = None,
    no_commit: NoCommitOption = False,
    today: TodayOption = None,
) -> None:
    """Set fields by place: ids for items (risks.R2.level), positions from 1 for plain lists.

    Values are read as the schema says: dates, numbers, true/false, one of a field's
    choices, or YAML for a list item or mapping.

    \b
    Examples:
      careplan set CP-000102 risks.R2.level=medium goals.G1.status=achieved
      careplan set CP-000102 coordinator.phone="01632 960999"
      careplan set CP-000102 'crisis_plan.contacts+={name: Duty team, phone: "01632 960200"}'
      careplan set CP-000102 strengths.2="Plays keyboard" --unset risks.R3.last_assessed
    """
    from careplan_cli.commands.edits import set_values
    from careplan_cli.plan.address import parse_assignment

    settings = settings_of(today)
    parsed = [parse_assignment(text) for text in assignments or []]
    outcome = set_values(settings, plan, parsed, unset or [], no_commit=no_commit)
    _done("Updated", outcome)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
@_reports_errors
def add(
    ctx: typer.Context,
    plan: PlanArgument,
    kind: Annotated[str, typer.Argument(help="need, goal, intervention, risk, carer or member.")],
    from_file: Annotated[
        Path | None, typer.Option("--from-file", help="One item as YAML, without its id.")
    ] = None,
    ask: InputOption = None,
    no_commit: NoCommitOption = False,
    today: TodayOption = None,
) -> None:
    """Add a need, goal, intervention, risk, carer or care team member, with the next id.

    Fields are options named as in the plan format (--target-date, --needs N1,N2);
    on a terminal it asks for the required ones not given.

    \b
    Examples:
      careplan add CP-000102 goal --description "Find paid work" --needs N5 --status active
      careplan add CP-000102 risk --category falls --level low --management "Grab rails fitted"
      careplan add CP-000102 member --from-file physio.yaml
    """
    from careplan_cli.commands.edits import add as add_item

    settings = settings_of(today)
    given = _load_partial(from_file, "item")
    complete = _ask_item(kind) if _interactive(ask) else None
    options = _field_options(ctx.args)
    outcome = add_item(settings, plan, kind, given, options, no_commit=no_commit, complete=complete)
    _done("Updated", outcome)


def _field_options(args: list[str]) -> dict[str, str]:
    """``--target-date 2027-01-01 --needs=N1,N2`` as ``{"target_date": ..., "needs": ...}``."""
    options: dict[str, str] = {}
    items = iter(args)
    for arg in items:
        if not arg.startswith("--") or len(arg) < 3:
            raise UsageError(f"unexpected argument '{arg}': give fields as --FIELD VALUE")
        name, has_value, value = arg[2:].partition("=")
        if not has_value:
            following = next(items, None)
            if following is None:
                raise UsageError(f"--{name} needs a value")
            value = following
        options[name.replace("-", "_")] = value
    return options


def _ask_item(kind: str) -> Any:
    def complete(plan: dict[str, Any], item: dict[str, Any]) -> dict[str, str]:
        from careplan_cli.plan.address import choices, schema_at
        from careplan_cli.plan.edits import ADD_KINDS
        from careplan_cli.plan.itemfields import missing_fields

        list_name = ADD_KINDS.get(kind, kind)
        answers = {}
        for field in missing_fields(list_name, item, plan):
            node = schema_at((list_name, "1", field), plan)
            question = str((node or {}).get("description") or field).rstrip(".")
            label = f"{field.replace('_', ' ')}: {question}"
            answers[field] = _prompt(label, choices=choices(node))
        return answers

    return complete
