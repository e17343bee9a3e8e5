"""Commands that write plans: new and review (with their prompts)."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from careplan_cli.cli._shared import (
    InputOption,
    NoCommitOption,
    TodayOption,
    _check_date,
    _check_nhs,
    _interactive,
    _load_partial,
    _prompt,
    _report,
    _reports_errors,
    _settings,
    app,
)
from careplan_cli.errors import UsageError


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
        Path | None, typer.Option("--from-file", help="A partial plan in the plan format.")
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

    settings = _settings(today)
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
        values = _ask_new(values, settings)
    _, outcome = create_plan(settings, values, partial, no_commit=no_commit)
    _report(f"Created {outcome.written[0]} (draft)", outcome)


def _ask_new(values: dict[str, Any], settings: Any) -> dict[str, Any]:
    """Ask for each header value not given as an option or in --from-file."""
    from careplan_cli.plan import create
    from careplan_cli.plan.vocabulary import choices, levels_for

    answers = dict(values)

    def ask(key: str, question: str, **kwargs: Any) -> None:
        if not answers.get(key):
            answer = _prompt(question, **kwargs)
            if answer:
                answers[key] = answer

    ask("type", "Plan type", choices=choices("type"), default="cpa")
    kind = answers["type"]
    levels = levels_for(kind)
    if levels:
        ask("level", "Level", choices=levels, default=levels[0])
    else:
        ask("client_group", "Client group", choices=choices("client_group"))
    ask("name", "Service user's full name")
    ask(
        "date_of_birth",
        "Date of birth (YYYY-MM-DD, blank if not known)",
        default="",
        check=_check_date,
    )
    ask("nhs_number", "NHS number (blank if not known)", default="", check=_check_nhs)
    ask("coordinator", "Coordinator's name")
    ask(
        "role",
        "Coordinator's role",
        choices=choices("coordinator.role"),
        default=create.DEFAULT_ROLE.get(kind, "key-worker"),
    )
    started = str(answers.get("created") or settings.today.isoformat())
    ask("start", "Start date", default=started, check=_check_date)
    return answers


@app.command()
@_reports_errors
def review(
    plan: Annotated[str, typer.Argument(help="The plan: a path, or an id in plans/.")],
    from_file: Annotated[
        Path | None, typer.Option("--from-file", help="The review: one 'reviews' entry as YAML.")
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
        bool, typer.Option("--force", help="Allow a next review outside the policy.")
    ] = False,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why --force: recorded in the review.")
    ] = None,
    ask: InputOption = None,
    no_commit: NoCommitOption = False,
    today: TodayOption = None,
) -> None:
    """Record a review: append it, set the plan's next review, validate, commit.

    Only the new review and the next_review line change: comments, order and
    quoting are kept. A next review beyond the policy for the plan's type and
    level is refused unless --force --reason TEXT.

    \b
    Examples:
      careplan review CP-000102
      careplan review plans/CP-000102.yaml --no-input --from-file review.yaml \\
          --date 2026-11-20 --next-review 2027-02-18
      careplan review CP-000102 --kind requested --requested-by carer
      careplan review CP-000102 --close --no-input --date 2026-11-20
    """
    from careplan_cli.commands.review import record_review
    from careplan_cli.plan.dates import date_option

    settings = _settings(today)
    if force and not reason:
        raise UsageError("--force needs --reason TEXT: the reason is recorded in the review")
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
    ask_for = (
        (lambda data, given: _ask_review(given, data, close, _policy_check(settings, force)))
        if _interactive(ask)
        else None
    )
    outcome = record_review(
        settings,
        plan,
        entry,
        close=close,
        force_reason=reason if force else None,
        no_commit=no_commit,
        complete=ask_for,
    )
    _report(f"Recorded the review in {outcome.written[0]}", outcome)


def _policy_check(settings: Any, force: bool) -> Any:
    """For prompts: why a next review date breaks the policy (None when it keeps it)."""

    def check(plan: dict[str, Any], review_day: str | None, answer: str) -> str | None:
        from careplan_cli.plan.dates import as_date
        from careplan_cli.plan.review import check_next_review

        complaint = _check_date(answer)
        upcoming = as_date(answer)
        if complaint or force or upcoming is None:
            return complaint
        held = as_date(review_day) or settings.today
        return check_next_review(plan, held, upcoming, settings)

    return check


def _ask_review(
    entry: dict[str, Any], plan: dict[str, Any], close: bool, policy: Any = None
) -> dict[str, Any]:
    """Ask for each part of a review that DOMAIN.md lists, unless it was given already."""
    from careplan_cli.plan.vocabulary import choices

    listed = plan.get("goals") if isinstance(plan.get("goals"), list) else []
    goals = [
        g
        for g in listed or []
        if isinstance(g, dict) and g.get("status", "active") == "active" and "id" in g
    ]
    answers = dict(entry)

    def ask(key: str, question: str, **kwargs: Any) -> None:
        if key not in answers:
            answer = _prompt(question, **{"default": "", **kwargs})
            if answer:
                answers[key] = answer

    ask("date", "Date of the review", check=_check_date)
    ask("kind", "Kind", choices=choices("reviews.kind"), default="scheduled")
    if answers.get("kind") == "requested":
        ask(
            "requested_by",
            "Requested by",
            choices=choices("reviews.requested_by"),
            default=None,
        )
    if answers.get("kind") == "triggered":
        ask("trigger", "What triggered it", default=None)
    if "attendees" not in answers:
        who = _prompt("Who attended (name: role; name: role)", default="")
        people = [p.split(":", 1) for p in who.split(";") if p.strip()]
        answers["attendees"] = [
            {"name": p[0].strip(), **({"role": p[1].strip()} if len(p) > 1 else {})} for p in people
        ]
    ask("relevance", "Is the plan as it stands still relevant")
    ask("effectiveness", "How effective has it been, and what are the outcomes")
    if "outcomes" not in answers and goals:
        progress = choices("reviews.outcomes.progress")
        answers["outcomes"] = [
            {"goal": g["id"], "progress": _prompt(f"Progress on goal {g['id']}", choices=progress)}
            for g in goals
        ]
    if "unmet_needs" not in answers:
        unmet = _prompt("Unmet needs (separate with ;)", default="")
        answers["unmet_needs"] = [n.strip() for n in unmet.split(";") if n.strip()]
    if "satisfaction" not in answers:
        ratings = choices("reviews.satisfaction.rating")
        rating = _prompt("The service user's satisfaction", choices=ratings, default="not-asked")
        answers["satisfaction"] = {"rating": rating}
    ask("changes", "Changes agreed")
    if not close:
        _ask_next_review(answers, plan, policy)
    return answers


def _ask_next_review(answers: dict[str, Any], plan: dict[str, Any], policy: Any) -> None:
    """Ask for the next review, and ask again (that date only) while it breaks the policy."""

    def check(answer: str) -> str | None:
        return policy(plan, answers.get("date"), answer) if policy else _check_date(answer)

    given = answers.get("next_review")
    complaint = check(str(given)) if given else None
    if given and complaint:
        sys.stderr.write(f"  {complaint}\n")
    if not given or complaint:
        answers["next_review"] = _prompt("Date of the next review", check=check)
