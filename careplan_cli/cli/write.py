"""Commands that write plans: new and review (their prompts are in :mod:`.asking`)."""

from pathlib import Path
from typing import Annotated

import typer

from careplan_cli.cli._shared import (
    InputOption,
    NoCommitOption,
    TodayOption,
    _interactive,
    _load_partial,
    _report,
    _reports_errors,
    app,
)
from careplan_cli.cli.asking import ask_new, ask_review, ask_second_review, policy_check
from careplan_cli.cli.plain import settings_of
from careplan_cli.cli.reviewing import (
    AttendeeOption,
    ChangesOption,
    EffectivenessOption,
    NoUnmetNeedsOption,
    OutcomeOption,
    ReasonNotAskedOption,
    RelevanceOption,
    SatisfactionCommentOption,
    SatisfactionOption,
    UnmetNeedOption,
)


@app.command()
@_reports_errors
def new(
    plan_type: Annotated[
        str | None, typer.Option("--type", help="cpa, social-care or substance-misuse.")
    ] = None,
    level: Annotated[str | None, typer.Option("--level", help="cpa or tier level.")] = None,
    client_group: Annotated[
        str | None, typer.Option("--client-group", help="Social care: the client group.")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Service user's name.")] = None,
    date_of_birth: Annotated[
        str | None, typer.Option("--date-of-birth", metavar="YYYY-MM-DD")
    ] = None,
    nhs_number: Annotated[str | None, typer.Option("--nhs-number")] = None,
    coordinator: Annotated[
        str | None, typer.Option("--coordinator", help="The named care co-ordinator/key worker.")
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", help="care-coordinator, key-worker, lead-professional.")
    ] = None,
    start: Annotated[str | None, typer.Option("--start", metavar="YYYY-MM-DD")] = None,
    created: Annotated[
        str | None,
        typer.Option("--created", metavar="YYYY-MM-DD", help="For late entry (default: today)."),
    ] = None,
    plan_id: Annotated[
        str | None, typer.Option("--id", help="The plan id (default: the next free CP-NNNNNN).")
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option("--from-file", help="A partial plan in the plan format (docs/from-file.md)."),
    ] = None,
    ask: InputOption = None,
    no_commit: NoCommitOption = False,
    today: TodayOption = None,
) -> None:
    """Create a plan from the commented template, validate it and commit it.

    On a terminal it asks for what it needs; with --no-input (or no terminal) values
    come from flags and --from-file, and anything missing is an error naming it.
    New plans start as draft.

    \b
    Examples:
      careplan new
      careplan new --no-input --type cpa --level standard --name "A Person" \\
          --coordinator "Priya Raman"
      careplan new --no-input --from-file intake.yaml --id CP-000200
    """
    from careplan_cli.commands.new import create_plan
    from careplan_cli.plan import create

    settings = settings_of(today)
    partial = _load_partial(from_file, "partial plan")
    flags = {
        "type": plan_type,
        "level": level,
        "client_group": client_group,
        "name": name,
        "date_of_birth": date_of_birth,
        "nhs_number": nhs_number,
        "coordinator": coordinator,
        "role": role,
        "start": start,
        "created": created,
        "id": plan_id,
    }
    values = {**create.header_from_partial(partial), **{k: v for k, v in flags.items() if v}}
    for key in ("start", "created", "date_of_birth"):
        if isinstance(values.get(key), str):
            from careplan_cli.plan.dates import date_option

            date_option(values[key], f"--{key.replace('_', '-')}")
    if _interactive(ask):
        values = ask_new(values, settings)
    _, outcome = create_plan(settings, values, partial, no_commit=no_commit)
    _report(f"Created {outcome.written[0]} (draft)", outcome)


@app.command()
@_reports_errors
def review(
    plan: Annotated[str, typer.Argument(help="The plan: a path, or an id in plans/.")],
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from-file", help="The review: one 'reviews' entry as YAML (docs/from-file.md)."
        ),
    ] = None,
    review_date: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="Default: today.")
    ] = None,
    next_review: Annotated[str | None, typer.Option("--next-review", metavar="YYYY-MM-DD")] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="scheduled, requested or triggered.")
    ] = None,
    requested_by: Annotated[
        str | None, typer.Option("--requested-by", help="service-user, carer or care-team.")
    ] = None,
    trigger: Annotated[str | None, typer.Option("--trigger", help="What triggered it.")] = None,
    close: Annotated[
        bool, typer.Option("--close", help="Close the plan at this review (sets end date).")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Record it anyway: a second review on a date that has one, or (with "
            "--reason) a next review outside the policy.",
        ),
    ] = False,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why --force: recorded in the review.")
    ] = None,
    relevance: RelevanceOption = None,
    effectiveness: EffectivenessOption = None,
    progress: OutcomeOption = None,
    unmet_need: UnmetNeedOption = None,
    no_unmet_needs: NoUnmetNeedsOption = False,
    satisfaction: SatisfactionOption = None,
    satisfaction_comment: SatisfactionCommentOption = None,
    reason_not_asked: ReasonNotAskedOption = None,
    changes: ChangesOption = None,
    attendee: AttendeeOption = None,
    ask: InputOption = None,
    no_commit: NoCommitOption = False,
    today: TodayOption = None,
) -> None:
    """Record a review: append it, set the plan's next review, validate, commit.

    What the review found (a plan in format v2 needs it) comes from the options
    --relevance, --effectiveness, --outcome, --unmet-need (or --no-unmet-needs) and
    --satisfaction, from --from-file (docs/from-file.md), or on a terminal from
    questions; options win over the file. Without it the review is refused, naming
    what to give.

    Only the new review and the next_review line change: comments, order and
    quoting are kept. A next review beyond the policy for the plan's type and
    level is refused unless --force --reason TEXT. A second review on a date that
    already has one is asked about on a terminal (default no) and otherwise
    refused unless --force.

    \b
    Examples:
      careplan review CP-000102
      careplan review plans/CP-000102.yaml --no-input --from-file review.yaml \\
          --date 2026-11-20 --next-review 2027-02-18
      careplan review CP-000102 --kind requested --requested-by carer
      careplan review CP-000102 --no-input --relevance "Still relevant" \\
          --effectiveness "Fewer crises" --outcome G1=improving --outcome G2=achieved \\
          --outcome G3=no-change --no-unmet-needs --satisfaction satisfied \\
          --next-review 2027-02-18
      careplan review CP-000102 --close --no-input --date 2026-11-20
    """
    from careplan_cli.commands.review import record_review
    from careplan_cli.plan.dates import date_option
    from careplan_cli.plan.reviewcontent import ContentOptions, content_from_options

    settings = settings_of(today)
    entry = _load_partial(from_file, "review")
    flags = {
        "date": date_option(review_date, "--date"),
        "next_review": date_option(next_review, "--next-review"),
        "kind": kind,
        "requested_by": requested_by,
        "trigger": trigger,
    }
    entry.update(
        {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in flags.items() if v}
    )
    found = ContentOptions(
        relevance, effectiveness, tuple(progress or ()), tuple(unmet_need or ()), no_unmet_needs,
        satisfaction, satisfaction_comment, reason_not_asked, changes, tuple(attendee or ()),
    )  # fmt: skip
    entry.update(content_from_options(found))
    interactive = _interactive(ask)
    confirm = ask_second_review() if interactive and not force else None
    policy = policy_check(settings, force and bool(reason))
    ask_for = (
        (lambda data, given: ask_review(given, data, close, policy, confirm))
        if interactive
        else None
    )
    outcome = record_review(
        settings,
        plan,
        entry,
        close=close,
        force_reason=reason if force else None,
        force=force,
        no_commit=no_commit,
        complete=ask_for,
        confirm=confirm,
    )
    _report(f"Recorded the review in {outcome.written[0]}", outcome)
