"""What every command shares: the typer app, error handling, common options and prompts."""

import functools
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from careplan_cli import __version__
from careplan_cli.cli.plain import quiet_stdout
from careplan_cli.errors import CareplanError, UsageError

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
    from careplan_cli.plan.dates import parse_iso_date

    return None if parse_iso_date(answer) else "write the date as YYYY-MM-DD"


def _check_nhs(answer: str) -> str | None:
    from careplan_cli.plan.nhs import nhs_number_is_valid

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
    from careplan_cli.plan.yamlload import read_plan_file

    loaded = read_plan_file(path)
    if loaded.data is None:
        from careplan_cli.report.findings import finding_line

        lines = [finding_line(replace_file(f, path)) for f in loaded.findings]
        raise UsageError(f"{path}: cannot read the {what}:\n  " + "\n  ".join(lines))
    return loaded.data


def _report(done: str, outcome: Any) -> None:
    """Say what a write command did; then the errors the plan still has, if any (exit 1)."""
    from careplan_cli.plan.findings import Severity

    sys.stdout.write(f"{done}; {outcome.committed}.\n" if outcome.committed else f"{done}.\n")
    errors = [f for f in outcome.remaining if f.severity is Severity.ERROR]
    if errors:
        shown = outcome.written[0] if outcome.written else "the plan"
        sys.stderr.write(
            f"error: {shown} still has {len(errors)} error(s) that this change did not cause; "
            "fix them (careplan validate shows them):\n"
        )
        for finding in errors:
            sys.stderr.write(
                f"  {shown}:{finding.line}:{finding.column}: {finding.code} {finding.message}\n"
            )
        raise typer.Exit(1)


def replace_file(finding: Any, path: Path) -> Any:
    from dataclasses import replace

    return replace(finding, file=path.as_posix())


def main() -> None:
    try:
        _only_the_invoked_command()(prog_name="careplan")
    except BrokenPipeError:
        quiet_stdout()  # the reader went away: stop quietly, as other tools do
        sys.exit(141)  # 128 + SIGPIPE, as a shell reports it


def _only_the_invoked_command() -> typer.Typer:
    """The app, cut down to the command being run when there is one.

    typer turns every command's signature into options on every run (about 20 ms for all of
    them here, a tenth of a pre-commit hook's budget); one command is enough to run one.
    ``careplan --help`` and unknown commands get the whole app, so they read as before.
    """
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    chosen = [
        info
        for info in app.registered_commands
        if info.callback is not None
        and (info.name or typer.main.get_command_name(info.callback.__name__)) == name
    ]
    if not chosen:
        return app
    single = typer.Typer(
        name=app.info.name,
        no_args_is_help=True,
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    single.registered_callback = app.registered_callback
    single.registered_commands = chosen
    return single
