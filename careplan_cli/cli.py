"""The command line: parse arguments, call the core, print through :mod:`careplan_cli.output`.

This is the only module that imports typer. Command bodies stay short: they turn options into
plain arguments, call the library, and turn its results into output and an exit code.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from careplan_cli import __version__
from careplan_cli.errors import EXIT_FOUND, EXIT_OK, CareplanError, UsageError

app = typer.Typer(
    name="careplan",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # a bug report must never dump a plan
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


def _reports_errors(command: F) -> F:
    """Turn a CareplanError into ``error: ...`` on stderr and its exit code; no traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CareplanError as exc:
            sys.stderr.write(f"error: {exc.message}\n")
            raise typer.Exit(exc.exit_code) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"careplan {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Care plans as schema-validated YAML files in git.

    \b
    Examples:
      careplan validate examples/
      careplan rules CP204
    """


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _today(value: str | None) -> date:
    from careplan_cli.dates import date_option

    return date_option(value, "--today") or date.today()


def _settings(today: str | None) -> Any:
    """The effective settings: careplan.toml around the working directory, and --today."""
    from careplan_cli.config import load_settings

    return load_settings(Path.cwd(), _today(today))


def _plan_paths(paths: list[Path] | None, settings: Any) -> list[Path]:
    if paths:
        return paths

    plan_dir = settings.plan_dir
    if not plan_dir.is_dir():
        raise UsageError(
            f"no plan directory at {plan_dir}; give the files or directories "
            "to check, e.g. careplan validate examples/"
        )
    return [Path(os.path.relpath(plan_dir))]


NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Check every file afresh (also: CAREPLAN_NO_CACHE=1).",
        show_default=False,
    ),
]
TodayOption = Annotated[
    str | None,
    typer.Option("--today", metavar="YYYY-MM-DD", help="Check as of this date instead of today."),
]


@app.command()
@_reports_errors
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan files or directories (searched for *.yaml, *.yml). Default: plans/.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ValidateFormat,
        typer.Option("--format", "-f", help="text, json, or github (Actions annotations)."),
    ] = ValidateFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings as well as errors.")
    ] = False,
    today: TodayOption = None,
    no_cache: NoCacheOption = False,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REV",
            help="Only plans changed since REV (all of them if careplan.toml or the schema "
            "changed).",
        ),
    ] = None,
) -> None:
    """Check plans against the schema and the care-planning rules.

    Exits 0 when every plan is valid, 1 when any has an error (or a warning,
    with --strict), 2 on a usage error. Messages never show values from a plan.

    \b
    Examples:
      careplan validate examples/
      careplan validate --format github plans/
      careplan validate --strict --today 2026-06-01 plans/CP-000123.yaml
    """
    from careplan_cli import formats, output
    from careplan_cli.engine import check_many
    from careplan_cli.validate import discover, summarise

    settings = _settings(today)
    files = discover(_plan_paths(paths, settings))
    if changed_since is not None:
        files = _changed_only(files, changed_since, settings)
    out = output.Out()

    def show(result: Any) -> None:
        advance()
        if output_format is ValidateFormat.text:
            for finding in result.findings:
                style = "red" if finding.severity.value == "error" else "yellow"
                out.line(formats.finding_line(finding), style)
        elif output_format is ValidateFormat.github:
            out.text("\n".join(formats.github_annotation(f) for f in result.findings))

    with output.progress(len(files), "Validating") as advance:
        results = check_many(files, settings, use_cache=not no_cache, on_result=show)
    counts = summarise(results, strict)
    if output_format is ValidateFormat.json:
        out.text(formats.validate_json(results, strict))
    elif output_format is ValidateFormat.text:
        out.line(formats.validate_summary(*counts), "bold")
    raise typer.Exit(EXIT_FOUND if counts[1] else EXIT_OK)


def _changed_only(files: list[Path], revision: str, settings: Any) -> list[Path]:
    """The plans among ``files`` changed since ``revision``; all when policy files changed."""
    from careplan_cli import gitio

    repo = gitio.find_repo(Path.cwd())
    if repo is None:
        raise UsageError("--changed-since needs a git repository")
    try:
        sha = gitio.resolve_revision(repo, revision)
    except UsageError:
        if gitio.is_shallow(repo):
            raise UsageError(
                f"revision {revision!r} is not in this shallow clone; fetch the history it "
                "needs (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)"
            ) from None
        raise
    changed = {p.resolve() for p in gitio.changed_files(repo, sha)}
    policy = {p for p in changed if p.name in ("careplan.toml", "careplan.schema.json")}
    if policy:
        return files
    return [f for f in files if f.resolve() in changed]


class ListFormat(StrEnum):
    text = "text"
    json = "json"


class DueFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    ics = "ics"


class TableFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


CoordinatorOption = Annotated[
    str | None,
    typer.Option("--coordinator", "-c", help="Only this coordinator's caseload (their name)."),
]
ShowNamesOption = Annotated[
    bool, typer.Option("--show-names", help="Show service users' names (personal data).")
]
PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Plan files or directories. Default: plans/ of this repository.", show_default=False
    ),
]


def _summaries(
    paths: list[Path] | None, settings: Any, no_cache: bool
) -> tuple[list[Any], list[Any]]:
    """Summaries of the plans that load and match the schema; the results of those that don't.

    A broken plan is returned as a problem rather than raised, so it never hides the others.
    """
    from careplan_cli.engine import check_many
    from careplan_cli.validate import discover

    files = discover(_plan_paths(paths, settings))
    checked = check_many(files, settings, use_cache=not no_cache)
    return [c.summary for c in checked if c.summary], [c for c in checked if not c.summary]


def _report_unreadable(problems: list[Any]) -> None:
    """Plans that could not be read go to stderr, by file, so that the rest are still listed."""
    from careplan_cli import formats

    if not problems:
        return
    for result in problems:
        for finding in result.findings:
            sys.stderr.write(formats.finding_line(finding) + "\n")
    noun = "plan" if len(problems) == 1 else "plans"
    sys.stderr.write(
        f"{len(problems)} {noun} skipped: not a valid plan (see 'careplan validate').\n"
    )


@app.command()
@_reports_errors
def due(
    paths: PathsArgument = None,
    within: Annotated[
        str | None,
        typer.Option(
            "--within", "-w", help="Also list reviews due within Nd, Nw or Nm (default 14d)."
        ),
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only reviews already past.")] = False,
    coordinator: CoordinatorOption = None,
    output_format: Annotated[
        DueFormat, typer.Option("--format", "-f", help="text, json, csv or ics (iCalendar).")
    ] = DueFormat.text,
    show_names: ShowNamesOption = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when anything is listed.")
    ] = False,
    today: TodayOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List active plans whose review is overdue or due soon, most overdue first.

    Quiet when nothing is due (text format): made for cron, which mails only
    non-empty output. Plans with no next review date are listed too.

    \b
    Examples:
      careplan due
      careplan due --overdue --exit-code plans/
      careplan due --coordinator "Tom Adeyemi" --within 4w
      careplan due --format ics > reviews.ics
    """
    from careplan_cli import formats, output
    from careplan_cli.dates import add_period
    from careplan_cli.due import due_reviews

    settings = _settings(today)
    horizon = add_period(settings.today, within or settings.due_within)
    plans, problems = _summaries(paths, settings, no_cache)
    listed = due_reviews(
        plans, settings.today, horizon, overdue_only=overdue, coordinator=coordinator
    )
    _report_unreadable(problems)
    out = output.Out()
    if output_format is DueFormat.json:
        out.text(formats.due_json(listed, settings.today, show_names))
    elif output_format is DueFormat.csv:
        out.text(formats.due_csv(listed, settings.today, show_names))
    elif output_format is DueFormat.ics:
        out.stream.write(formats.due_ics(listed, settings.today, show_names))
    elif listed:
        styles = ["red" if (p.days_overdue(settings.today) or 1) > 0 else None for p in listed]
        out.table(
            formats.due_headers(show_names),
            formats.due_rows(listed, settings.today, show_names),
            styles,
        )
        out.line(formats.due_summary(listed, settings.today), "bold")
    found = bool(listed or problems)
    raise typer.Exit(EXIT_FOUND if exit_code and found else EXIT_OK)


@app.command("list")
@_reports_errors
def list_plans(
    paths: PathsArgument = None,
    status: Annotated[
        str | None, typer.Option("--status", help="draft, active, on-hold or closed.")
    ] = None,
    plan_type: Annotated[
        str | None, typer.Option("--type", help="cpa, social-care or substance-misuse.")
    ] = None,
    coordinator: CoordinatorOption = None,
    output_format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.text,
    show_names: ShowNamesOption = False,
    today: TodayOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List plans with their type, level, status, coordinator and next review.

    \b
    Examples:
      careplan list
      careplan list --status active --type cpa
      careplan list --coordinator "Priya Raman" --format csv > caseload.csv
    """
    from careplan_cli import formats, output
    from careplan_cli.due import select_plans

    _check_choice("--status", status, ("draft", "active", "on-hold", "closed"))
    _check_choice("--type", plan_type, ("cpa", "social-care", "substance-misuse"))
    settings = _settings(today)
    plans, problems = _summaries(paths, settings, no_cache)
    chosen = select_plans(plans, status=status, plan_type=plan_type, coordinator=coordinator)
    _report_unreadable(problems)
    out = output.Out()
    if output_format is TableFormat.json:
        out.text(formats.list_json(chosen, show_names))
    elif output_format is TableFormat.csv:
        out.text(formats.list_csv(chosen, show_names))
    else:
        out.table(formats.list_headers(show_names), formats.list_rows(chosen, show_names))
        if out.colour:
            out.line(formats.list_summary(chosen, settings.today), "bold")


def _check_choice(option: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise UsageError(f"{option} must be one of: {', '.join(choices)}")


def _prompt(
    question: str,
    *,
    choices: Sequence[str] = (),
    default: str | None = None,
    check: Callable[[str], str | None] | None = None,
) -> str:
    """Ask until the answer is acceptable: one of ``choices``, or passing ``check`` (which
    returns a complaint, or None). An empty answer takes ``default``; "" means optional."""
    shown = f"{question} ({'/'.join(choices)})" if choices else question
    while True:
        options: dict[str, Any] = {} if default is None else {"default": default}
        answer = str(typer.prompt(shown, show_default=bool(default), **options)).strip()
        if answer == "" and default == "":
            return ""
        complaint = None
        if choices and answer not in choices:
            complaint = "choose one of: " + ", ".join(choices)
        elif check is not None:
            complaint = check(answer)
        if complaint is None:
            return answer
        sys.stderr.write(f"  {complaint}\n")


def _check_date(answer: str) -> str | None:
    from careplan_cli.dates import parse_iso_date

    return None if parse_iso_date(answer) else "write the date as YYYY-MM-DD"


def _check_nhs(answer: str) -> str | None:
    from careplan_cli.nhs import nhs_number_is_valid

    if nhs_number_is_valid(answer):
        return None
    return "that is not a valid NHS number (10 digits, the last a check digit); check it"


def _interactive(ask: bool | None) -> bool:
    """Prompt on a terminal; --input forces prompts (answers piped in), --no-input forbids them."""
    return sys.stdin.isatty() if ask is None else ask


InputOption = Annotated[
    bool | None,
    typer.Option(
        "--input/--no-input",
        help="Ask for missing values (default: only on a terminal). --no-input never asks.",
        show_default=False,
    ),
]
NoCommitOption = Annotated[
    bool, typer.Option("--no-commit", help="Write the plan but do not commit it.")
]


def _load_partial(path: Path | None, what: str) -> dict[str, Any]:
    """A partial plan or review file, loaded safely; a bad file is a usage error."""
    if path is None:
        return {}
    from careplan_cli.yamlload import read_plan_file

    loaded = read_plan_file(path)
    if loaded.data is None:
        from careplan_cli import formats

        lines = [formats.finding_line(replace_file(f, path)) for f in loaded.findings]
        raise UsageError(f"{path}: cannot read the {what}:\n  " + "\n  ".join(lines))
    return loaded.data


def replace_file(finding: Any, path: Path) -> Any:
    from dataclasses import replace

    return replace(finding, file=path.as_posix())


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
    from careplan_cli import create, editing
    from careplan_cli.files import create_exclusive

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
        "id": plan_id,
    }
    values = {**create.header_from_partial(partial), **{k: v for k, v in flags.items() if v}}
    for key in ("start", "date_of_birth"):
        if isinstance(values.get(key), str):
            from careplan_cli.dates import date_option

            date_option(values[key], f"--{key.replace('_', '-')}")
    if _interactive(ask):
        values = _ask_new(values, settings)
    missing = create.missing_fields(values)
    if missing:
        raise UsageError(
            "missing: " + ", ".join(missing) + " (give them as options or in "
            "--from-file, or run on a terminal to be asked)"
        )
    plan_dir = settings.plan_dir
    generated = create.next_id(plan_dir, settings.id_prefix, settings.id_digits)
    values["id"] = create.check_id(str(values.get("id") or generated))
    path = plan_dir / f"{values['id']}.yaml"
    if path.exists():
        raise UsageError(f"{path} already exists; plans are never overwritten")
    commit = editing.prepare_commit(path, no_commit=no_commit, must_be_clean=False)
    values = create.complete_header(values, settings)
    text = create.build_plan_text(values, partial, _schema_ref(plan_dir), settings)
    plan_dir.mkdir(parents=True, exist_ok=True)
    create_exclusive(path, text)
    said = editing.finish_commit(commit, path, f"Create care plan {values['id']}")
    sys.stdout.write(f"Created {os.path.relpath(path)} (draft); {said}.\n")


def _schema_ref(plan_dir: Path) -> str:
    """The modeline's schema: the project's own copy if it has one, else the schema's $id."""
    from careplan_cli.config import find_project_root
    from careplan_cli.schema import schema

    root = find_project_root(plan_dir.parent) or plan_dir.parent
    for candidate in (root / "schemas" / "careplan.schema.json", root / "careplan.schema.json"):
        if candidate.is_file():
            return os.path.relpath(candidate, plan_dir)
    return str(schema()["$id"])


def _ask_new(values: dict[str, Any], settings: Any) -> dict[str, Any]:
    """Ask for each header value not given as an option or in --from-file."""
    from careplan_cli import create

    answers = dict(values)

    def ask(key: str, question: str, **kwargs: Any) -> None:
        if not answers.get(key):
            answer = _prompt(question, **kwargs)
            if answer:
                answers[key] = answer

    ask("type", "Plan type", choices=list(create.DEFAULT_ROLE), default="cpa")
    kind = answers["type"]
    if kind in create.LEVELS:
        ask("level", "Level", choices=create.LEVELS[kind], default=create.LEVELS[kind][0])
    else:
        ask("client_group", "Client group", choices=create.CLIENT_GROUPS)
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
        choices=["care-coordinator", "key-worker", "lead-professional"],
        default=create.DEFAULT_ROLE.get(kind, "key-worker"),
    )
    ask("start", "Start date", default=settings.today.isoformat(), check=_check_date)
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
    from careplan_cli import editing
    from careplan_cli.dates import date_option
    from careplan_cli.files import plan_lock

    settings = _settings(today)
    if force and not reason:
        raise UsageError("--force needs --reason TEXT: the reason is recorded in the review")
    path = editing.resolve_plan(plan, Path.cwd())
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
    with plan_lock(path):
        commit = editing.prepare_commit(path, no_commit=no_commit, must_be_clean=True)
        text = editing.read_plan_text(path)
        if _interactive(ask):
            entry = _ask_review(entry, text, close)
        entry.setdefault("date", settings.today.isoformat())
        entry.setdefault("kind", "scheduled")
        said = editing.record_review(
            path, text, entry, close, reason if force else None, settings, commit
        )
    sys.stdout.write(f"Recorded the review in {os.path.relpath(path)}; {said}.\n")


def _ask_review(entry: dict[str, Any], text: str, close: bool) -> dict[str, Any]:
    """Ask for each part of a review that DOMAIN.md lists, unless it was given already."""
    from careplan_cli.yamlload import parse_text

    plan, _ = parse_text(text)
    goals = [g for g in (plan or {}).get("goals", []) if g.get("status", "active") == "active"]
    answers = dict(entry)

    def ask(key: str, question: str, **kwargs: Any) -> None:
        if key not in answers:
            answer = _prompt(question, **{"default": "", **kwargs})
            if answer:
                answers[key] = answer

    ask("date", "Date of the review", check=_check_date)
    ask("kind", "Kind", choices=["scheduled", "requested", "triggered"], default="scheduled")
    if answers.get("kind") == "requested":
        ask(
            "requested_by",
            "Requested by",
            choices=["service-user", "carer", "care-team"],
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
        progress = ["achieved", "improving", "no-change", "worsening", "not-achieved"]
        answers["outcomes"] = [
            {"goal": g["id"], "progress": _prompt(f"Progress on goal {g['id']}", choices=progress)}
            for g in goals
        ]
    if "unmet_needs" not in answers:
        unmet = _prompt("Unmet needs (separate with ;)", default="")
        answers["unmet_needs"] = [n.strip() for n in unmet.split(";") if n.strip()]
    if "satisfaction" not in answers:
        ratings = [
            "very-satisfied",
            "satisfied",
            "neutral",
            "dissatisfied",
            "very-dissatisfied",
            "not-asked",
        ]
        rating = _prompt("The service user's satisfaction", choices=ratings, default="not-asked")
        answers["satisfaction"] = {"rating": rating}
    ask("changes", "Changes agreed")
    if not close:
        ask("next_review", "Date of the next review", default=None, check=_check_date)
    return answers


@app.command()
@_reports_errors
def log(
    plan: Annotated[str, typer.Argument(help="The plan: a path, or an id in plans/.")],
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
) -> None:
    """Show a plan's history from git: each commit, and the reviews it recorded.

    \b
    Examples:
      careplan log CP-000102
      careplan log plans/CP-000102.yaml --format json
    """
    from careplan_cli import editing, formats, gitio, output
    from careplan_cli.history import plan_history

    path = editing.resolve_plan(plan, Path.cwd())
    repo = gitio.find_repo(path)
    if repo is None:
        raise UsageError(f"{path} is not in a git repository, so it has no history")
    entries = plan_history(repo, path)
    out = output.Out()
    if output_format is ListFormat.json:
        out.text(formats.history_json(entries))
    else:
        out.table(formats.HISTORY_HEADERS, formats.history_rows(entries))


@app.command()
@_reports_errors
def rules(
    code: Annotated[str | None, typer.Argument(help="A rule code, e.g. CP204.")] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
) -> None:
    """List the checks careplan makes, or explain one.

    \b
    Examples:
      careplan rules
      careplan rules CP204
      careplan rules --format json
    """
    from careplan_cli import formats, output
    from careplan_cli.rules import REGISTRY, all_rules

    out = output.Out()
    if code is None:
        if output_format is ListFormat.json:
            out.text(formats.rules_json(all_rules()))
        else:
            out.table(["code", "severity", "name", "title"], formats.rules_rows(all_rules()))
        return
    rule = REGISTRY.get(code.upper())
    if rule is None:
        raise UsageError(f"no rule {code}; 'careplan rules' lists them")
    out.text(
        formats.rules_json([rule])
        if output_format is ListFormat.json
        else formats.rule_explanation(rule)
    )


@app.command()
def schema() -> None:
    """Print the plan format's JSON Schema (draft 2020-12), for editors and other tools.

    \b
    Example:
      careplan schema > careplan.schema.json
    """
    from careplan_cli.schema import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))


@app.command()
@_reports_errors
def diff(
    plan: Annotated[str, typer.Argument(help="The plan (path or id); with --no-index, OLD.")],
    rev_a: Annotated[str | None, typer.Argument(help="Old revision (default HEAD).")] = None,
    rev_b: Annotated[
        str | None, typer.Argument(help="New revision (default: the working tree).")
    ] = None,
    no_index: Annotated[
        bool, typer.Option("--no-index", help="Compare two files: --no-index OLD NEW.")
    ] = False,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
    paths_only: Annotated[
        bool, typer.Option("--paths-only", help="Say what changed, not the values.")
    ] = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when there are differences.")
    ] = False,
) -> None:
    """Show what changed in a plan, in care-planning terms, across git history.

    Lists are matched by meaning (goals, needs, interventions and risks by id,
    reviews by date), so reordering, comments and formatting are no change.
    Without revisions it compares HEAD with the working tree; with one, that
    revision with the working tree; with two, the two revisions.

    \b
    Examples:
      careplan diff CP-000102
      careplan diff CP-000102 HEAD~1 HEAD --format json
      careplan diff --no-index old.yaml new.yaml --paths-only
    """
    from careplan_cli import editing, gitio
    from careplan_cli.diff import diff_plans, plan_data

    if no_index:
        if rev_a is None or rev_b is not None:
            raise UsageError("--no-index takes two files: careplan diff --no-index OLD NEW")
        old_path, new_path = Path(plan), Path(rev_a)
        for path in (old_path, new_path):
            if not path.is_file():
                raise UsageError(f"{path}: no such file")
        old = plan_data(old_path.read_bytes(), str(old_path))
        new = plan_data(new_path.read_bytes(), str(new_path))
        title = f"{old_path} -> {new_path}"
    else:
        path = editing.resolve_plan(plan, Path.cwd())
        repo = gitio.find_repo(path)
        if repo is None:
            raise UsageError(f"{path} is not in a git repository; use --no-index OLD NEW")
        old_rev = rev_a or "HEAD"
        old_sha = gitio.resolve_revision(repo, old_rev)
        old = plan_data(gitio.read_at(repo, old_sha, path), f"{path} at {old_rev}")
        if rev_b is None:
            new = plan_data(path.read_bytes(), str(path))
            title = f"{path}: {old_rev} -> working tree"
        else:
            new_sha = gitio.resolve_revision(repo, rev_b)
            new = plan_data(gitio.read_at(repo, new_sha, path), f"{path} at {rev_b}")
            title = f"{path}: {old_rev} -> {rev_b}"
    changes = diff_plans(old, new)
    _print_diff(changes, title, output_format, paths_only)
    raise typer.Exit(EXIT_FOUND if exit_code and changes else EXIT_OK)


def _print_diff(changes: list[Any], title: str, output_format: Any, paths_only: bool) -> None:
    from careplan_cli import formats, output

    out = output.Out()
    if output_format is ListFormat.json:
        out.text(formats.diff_json(changes, paths_only))
        return
    if not changes:
        return
    out.line(title, "bold")
    styles = {"heading": "bold", "added": "green", "removed": "red", "changed": "yellow"}
    for op, line in formats.diff_lines(changes, paths_only):
        out.line(line, styles[op])


@app.command("git-diff-driver", hidden=True)
@_reports_errors
def git_diff_driver(
    args: Annotated[list[str], typer.Argument(help="What git passes to an external diff.")],
) -> None:
    """git's external diff driver for plans (git runs it; see the README).

    \b
    Example:
      careplan git-diff-driver PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE
    set up with:
      git config diff.careplan.command "careplan git-diff-driver"
      echo 'plans/*.yaml diff=careplan' >> .gitattributes
    """
    from careplan_cli.diff import diff_plans, plan_data

    if len(args) < 7:
        raise UsageError("git-diff-driver is run by git with 7 arguments; see careplan diff")
    name, old_file, new_file = args[0], Path(args[1]), Path(args[4])
    old = plan_data(old_file.read_bytes() if old_file.is_file() else None, f"a/{name}")
    new = plan_data(new_file.read_bytes() if new_file.is_file() else None, f"b/{name}")
    _print_diff(diff_plans(old, new), f"careplan diff {name}", ListFormat.text, False)


@app.command()
@_reports_errors
def init(
    directory: Annotated[Path, typer.Argument(help="Where (default: here).")] = Path(),
) -> None:
    """Set up a plan repository: plans/, careplan.toml, pre-commit, CI, diff driver.

    Makes what is missing and never overwrites anything, so it is safe to run
    again (for example after upgrading careplan).

    \b
    Examples:
      careplan init
      careplan init ~/plans/north-team
    """
    from careplan_cli.init import init_repository

    for step in init_repository(directory):
        sys.stdout.write(f"{step.action:>10}  {step.path}\n")


@app.command("config")
@_reports_errors
def show_config(
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
) -> None:
    """Print the configuration in force and where each value came from.

    careplan.toml is found by walking up from the working directory. Keys:
    plan_dir, id_prefix, id_digits, due_within, review_policy.max_months,
    review_policy.social_care_first_review_weeks, rules.disable,
    rules.severity, required.fields (see the README).

    \b
    Examples:
      careplan config
      careplan config --format json
    """
    from careplan_cli import formats
    from careplan_cli.config import KEYS, effective_values

    settings = _settings(None)
    values = effective_values(settings)
    if output_format is ListFormat.json:
        sys.stdout.write(formats.config_json(values, settings.sources))
    else:
        descriptions = {key: description for key, (_, description) in KEYS.items()}
        config_file = str(settings.config_file) if settings.config_file else None
        sys.stdout.write(formats.config_text(values, settings.sources, descriptions, config_file))


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # answered before the command line machinery loads
        sys.stdout.write(f"careplan {__version__}\n")
        return
    app(prog_name="careplan")
