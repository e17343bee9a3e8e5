"""Every (command, format) pair of the real CLI, and how the sweep runs each one.

The pairs are read from the typer app itself: every command, and every choice of its
``--format``/``-f`` option (a command without one is one pair, format ``None``). The sweep's
cases are made from those pairs and :data:`HOW`, which says how to run each command on a
repository of the examples; a command missing from :data:`HOW` is a pair no case covers, and
``test_sweep.py::test_every_command_and_format_is_swept`` fails naming it.

Placeholders in :data:`HOW`: ``{plan}`` a committed plan that writers change and
``{coordinator}`` its coordinator's name, ``{cpa}`` a committed CPA plan (it has a level),
``{changed}`` a plan changed in the working tree and ``{old}`` its committed text as a file,
``{v1}`` a committed plan in format v1, ``{bundle}`` a FHIR bundle of a plan the repository
does not hold.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from tests.conftest import TODAY

Pair = tuple[str, str | None]

LIFE = ("--no-input", "--today", TODAY)
# An editor that changes the plan: every risk at level high goes down to low.
EDITOR = "sed -i -e 's/^    level: high$/    level: low/'"


@dataclass(frozen=True)
class How:
    """How to run one command: its arguments (after the name), its environment, and its exit
    code on the examples' repository (so a case that only ever fails to start is noticed)."""

    args: tuple[str, ...] = ()
    code: int = 0
    env: dict[str, str] = field(default_factory=dict)


def how(*args: str, code: int = 0, env: dict[str, str] | None = None) -> How:
    return How(args, code, env or {})


# What a v2 review must say: {plan}'s two active goals, G1 and G2.
REVIEWED = ("--relevance", "Still relevant", "--effectiveness", "Working", "--outcome",
            "G1=improving", "--outcome", "G2=improving", "--no-unmet-needs", "--satisfaction",
            "satisfied")  # fmt: skip
NEW = ("--type", "cpa", "--level", "standard", "--name", "Edith Wainwright")
HOW: dict[str, How] = {
    "validate": how("--today", TODAY, code=1),  # one example is broken on purpose
    "rules": how(),
    "schema": how(),
    "due": how("--today", TODAY),
    "list": how("--today", TODAY),
    "report": how("--today", TODAY),
    "new": how(*NEW, "--nhs-number", "999 000 0034", "--coordinator", "Priya Raman", *LIFE),
    "review": how(
        "{plan}", "--date", "2026-11-20", "--next-review", "2027-02-18", *REVIEWED, *LIFE
    ),
    "edit": how("{plan}", *LIFE, env={"EDITOR": EDITOR, "VISUAL": ""}),
    "set": how("{plan}", "risks.R1.level=low", *LIFE),
    "add": how(
        "{plan}", "risk", "--category", "falls", "--level", "low", "--management", "Rails", *LIFE
    ),
    "status": how("{plan}", "on-hold", "--reason", "Admitted", "--review-by", "2027-01-10", *LIFE),
    "level": how("{cpa}", "enhanced", "--reason", "More needs", *LIFE),
    "handover": how(
        "{plan}", "--from", "{coordinator}", "--to", "Priya Raman", "--reason", "Leaving", *LIFE
    ),
    "renumber": how("{plan}", "SC-000299", *LIFE),
    "log": how("{changed}"),
    "diff": how("{changed}"),
    "git-diff-driver": how(
        "plans/{changed}.yaml",
        "{old}",
        "0" * 40,
        "100644",
        "plans/{changed}.yaml",
        "0" * 40,
        "100644",
    ),
    "render": how("{plan}"),
    "export": how("{plan}"),  # the repository's careplan.toml has an ods_code
    "import": how("{bundle}", "--today", TODAY),
    "migrate": how("plans/{v1}.yaml", "--today", TODAY),
    "init": how(),
    "maintenance": how(),
    "config": how(),
}

# Pairs whose output is plan values by design: exempt from the leak check only (exit codes,
# tracebacks, control characters and formulas are checked as for every other pair).
SHOWS_VALUES: dict[Pair, str] = {
    ("render", "html"): "a copy of the plan for the people it is shared with",
    ("render", "md"): "the same copy, in Markdown",
    ("diff", "text"): "a diff for humans (--paths-only, for logs, is checked below)",
    ("diff", "json"): "the same diff for programs (--paths-only is checked below)",
    ("git-diff-driver", None): "what git diff shows of a plan, for humans",
    ("export", "fhir"): "the plan itself, as a FHIR Bundle for another system",
}

# Runs with flags beyond the defaults: --paths-only hides values (checked for leaks), and
# --show-names asks for them (checked for control characters and formulas only).
VARIANTS: tuple[tuple[tuple[str, ...], bool], ...] = (
    *((("diff", "-f", fmt, "{changed}", "--paths-only"), False) for fmt in ("text", "json")),
    *((("due", "-f", fmt, "--today", TODAY, "--show-names"), True) for fmt in ("text", "csv")),
    *((("list", "-f", fmt, "--today", TODAY, "--show-names"), True) for fmt in ("text", "csv")),
)


@functools.cache
def _cli() -> Any:
    from typer.main import get_command

    from careplan_cli.cli import app

    return get_command(app)


def _format_option(command: Any) -> Any | None:
    for param in command.params:
        if param.param_type_name == "option" and {"--format", "-f"} & set(param.opts):
            return param
    return None


def cli_pairs() -> set[Pair]:
    """Every (command, format) the CLI accepts, hidden commands included."""
    pairs: set[Pair] = set()
    for name, command in _cli().commands.items():
        option = _format_option(command)
        pairs |= {(name, str(c)) for c in option.type.choices} if option else {(name, None)}
    return pairs


def families() -> dict[str, list[str]]:
    """The commands of each module of ``careplan_cli.cli``, in the order ``--help`` lists them."""
    grouped: dict[str, list[str]] = {}
    for name, command in _cli().commands.items():
        grouped.setdefault(command.callback.__module__.rsplit(".", 1)[-1], []).append(name)
    return grouped


def pair_of(argv: tuple[str, ...]) -> Pair:
    """The pair a command line runs: its command and the format it asks for or defaults to."""
    name, rest = argv[0], argv[1:]
    option = _format_option(_cli().commands[name])
    if option is None:
        return name, None
    for index, arg in enumerate(rest):
        if arg in option.opts and index + 1 < len(rest):
            return name, rest[index + 1]
        if arg.startswith("--format="):
            return name, arg.partition("=")[2]
    return name, _default(option)


def _default(option: Any) -> str:
    return str(getattr(option.default, "value", option.default))


def default_format(name: str) -> str | None:
    """The format ``name`` writes when not asked for one (None: it has no --format)."""
    option = _format_option(_cli().commands[name])
    return None if option is None else _default(option)


@dataclass(frozen=True)
class Case:
    argv: tuple[str, ...]
    code: int | None  # on the examples' repository; None: not checked (a variant)
    env: dict[str, str]
    shows_values: bool

    @property
    def id(self) -> str:
        name, fmt = pair_of(self.argv)
        flags = [a for a in self.argv if a in ("--paths-only", "--show-names")]
        return " ".join([name, fmt or "-", *flags])


def cases() -> list[Case]:
    """One case per pair of :func:`cli_pairs` whose command :data:`HOW` knows (the default
    format without ``--format``: flags as they come), then the variants."""
    made = []
    for name, fmt in sorted(cli_pairs(), key=lambda p: (p[0], p[1] or "")):
        how = HOW.get(name)
        if how is not None:
            asked = ("-f", fmt) if fmt and fmt != default_format(name) else ()
            argv = (name, *asked, *how.args)
            made.append(Case(argv, how.code, how.env, (name, fmt) in SHOWS_VALUES))
    made += [Case(argv, None, {}, shows) for argv, shows in VARIANTS]
    return made
