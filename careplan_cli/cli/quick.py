"""``careplan validate`` without typer: the pre-commit hook's and CI's command, started quickly.

Importing typer (with its click and every command's options) is about 45 ms here, a third of a
one-file check. :func:`main` runs the command lines of validate that are plainly well formed
(paths, and ``--format``/``-f``, ``--strict``, ``--today``, ``--no-cache``,
``--changed-since`` with their values) directly; anything else (``--help``, an unknown option,
a value typer would refuse, ``-fjson``) gets None back, and typer parses the command line as
it always has, so typer's messages stay the only usage errors. The typer command
(:func:`careplan_cli.cli.check.validate`) calls the same :func:`run`, and
``tests/cli/test_quick.py`` holds the two ways in to the same output and exit code.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careplan_cli.cli.plain import plan_paths, settings_of
from careplan_cli.errors import EXIT_FOUND, EXIT_OK, CareplanError

FORMATS = ("text", "json", "github")
_FLAGS = {"--strict": "strict", "--no-cache": "no_cache"}
_VALUES = {"--format": "output_format", "--today": "today", "--changed-since": "changed_since"}


@dataclass
class ValidateArgs:
    """validate's options, as typer gives them to the command."""

    paths: list[Path] = field(default_factory=list)
    output_format: str = "text"
    strict: bool = False
    today: str | None = None
    no_cache: bool = False
    changed_since: str | None = None


def main(argv: list[str]) -> int | None:
    """Run ``careplan validate ARGV`` and give its exit code, or None for typer to parse it."""
    args = parse(argv)
    if args is None:
        return None
    try:
        return run(args)
    except CareplanError as exc:
        sys.stderr.write(f"error: {exc.message}\n")
        return exc.exit_code
    except KeyboardInterrupt:  # as click says it
        sys.stderr.write("\nAborted!\n")
        return 1


def parse(argv: list[str]) -> ValidateArgs | None:
    """validate's options from a plainly well-formed command line, else None."""
    args = ValidateArgs()
    rest = iter(argv)
    for arg in rest:
        if arg == "--":
            args.paths.extend(Path(path) for path in rest)
        elif not arg.startswith("-"):
            args.paths.append(Path(arg))
        elif arg in _FLAGS:
            setattr(args, _FLAGS[arg], True)
        else:
            name, equals, value = arg.partition("=")
            name = "--format" if arg == "-f" else name
            if name not in _VALUES or (arg == "-f" and equals):
                return None
            if not equals:
                value = next(rest, "")
            if not value or value.startswith("-"):
                return None
            setattr(args, _VALUES[name], value)
    return args if args.output_format in FORMATS else None


def run(args: ValidateArgs) -> int:
    """Check the plans; their findings on stdout, as text, JSON or GitHub annotations."""
    from careplan_cli.cli import output
    from careplan_cli.commands.engine import check_many
    from careplan_cli.plan.validate import discover, summarise
    from careplan_cli.report.findings import REPORTERS

    settings = settings_of(args.today)
    files = discover(plan_paths(args.paths, settings))
    if args.changed_since is not None:
        from careplan_cli.commands.validate import changed_only

        files = changed_only(files, args.changed_since)
    out = output.Out()
    reporter = REPORTERS[args.output_format]

    def show(result: Any) -> None:
        advance()
        out.show(reporter.each(result))
        if args.output_format == "text" and any(f.code == "CP011" for f in result.findings):
            _advise_on_conflict(out, result.file)

    with output.progress(len(files), "Validating") as advance:
        results = check_many(
            files, settings, use_cache=not args.no_cache, on_result=show, summaries=False
        )
    counts = summarise(results, args.strict)
    out.show(reporter.end(results, args.strict))
    return EXIT_FOUND if counts[1] else EXIT_OK


def _advise_on_conflict(out: Any, file: str) -> None:
    """An add/add conflict between two different people: say so, and that merging is wrong."""
    from careplan_cli.commands.validate import conflict_advice_for

    advice = conflict_advice_for(Path(file))
    if advice:
        out.line(f"{file}: {advice}", "red")
