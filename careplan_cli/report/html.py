"""A copy of a plan as one self-contained HTML page, written by Jinja2 with autoescape.

Every template -- careplan's own and an organisation's letterhead from its plan repository
(``templates/plan.html.j2``) -- is rendered the same way, as untrusted input: in Jinja2's
:class:`~jinja2.sandbox.SandboxedEnvironment`, autoescape on and impossible to switch off
(``{% autoescape %}`` blocks and the ``safe`` filter are refused), with a loader that finds
nothing (no ``include``, ``import`` or ``extends``), and the page it makes refused if it would
load anything from the network (:mod:`careplan_cli.report.offline`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from careplan_cli.errors import RefusedError
from careplan_cli.report.copytext import DRAFT_NOTE, Copy, Section
from careplan_cli.report.escape import shown

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

_TEMPLATES = files("careplan_cli.report") / "templates"
CSS = (_TEMPLATES / "copy.css").read_text(encoding="utf-8")
DEFAULT_TEMPLATE = "plan.html.j2"


# Bounds on what one operation of a template may build (the sandbox bounds range() itself).
MAX_REPEAT = 100_000
MAX_EXPONENT = 64


def _bounded_sandbox() -> type[SandboxedEnvironment]:
    """The sandbox, with ``*`` and ``**`` bounded: ``'x' * 10**10`` would exhaust memory."""
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class Bounded(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
                raise SecurityError("exponent too large")
            if operator == "*" and any(isinstance(x, str | list | tuple) for x in (left, right)):
                count = right if isinstance(right, int) else left
                if isinstance(count, int) and count > MAX_REPEAT:
                    raise SecurityError("repetition too large")
            return super().call_binop(context, operator, left, right)

    return Bounded


def _environment() -> SandboxedEnvironment:
    from jinja2 import DictLoader, StrictUndefined

    env = _bounded_sandbox()(
        autoescape=True,
        loader=DictLoader({}),  # finds nothing: no include, import or extends
        undefined=StrictUndefined,  # a refused attribute is an error, not silently empty
        keep_trailing_newline=True,
        auto_reload=False,
    )
    del env.filters["safe"]  # the one way a template could mark a plan value as HTML
    return env


def _refuse_autoescape_off(env: SandboxedEnvironment, source: str, name: str) -> None:
    from jinja2 import nodes

    tree = env.parse(source, name)
    for node in tree.find_all(nodes.EvalContextModifier):
        if any(keyword.key == "autoescape" for keyword in node.options):
            raise RefusedError(f"{name}: a template may not switch autoescape off")


# A draft says so on every page, whatever the template: a banner on screen, and in print the
# top margin of every page (CSS paged media, which Chromium and print engines follow).
DRAFT_STYLE = (
    "<style>\n"
    f'@page {{ @top-center {{ content: "{DRAFT_NOTE}"; font: 700 11pt system-ui, sans-serif; '
    "color: #8a1c0b; } }\n"
    ".careplan-draft { border: 3px solid #8a1c0b; color: #8a1c0b; font-weight: 700; "
    "padding: .3em .6em; margin: 0 0 1em; }\n"
    "@media print { .careplan-draft { display: none; } }\n"
    "</style>\n"
)
DRAFT_BANNER = f'<p class="careplan-draft" role="note">{DRAFT_NOTE}</p>\n'
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(r"<body\b[^>]*>\n?", re.IGNORECASE)


def with_draft_mark(page: str) -> str:
    """``page`` with the draft's style at the end of its head and its banner at the start of
    its body (or at the very start, for a template without them)."""
    head, body = _HEAD_END.search(page), _BODY_START.search(page)
    if head is None or body is None or body.start() < head.start():
        return DRAFT_STYLE + DRAFT_BANNER + page
    return (
        page[: head.start()]
        + DRAFT_STYLE
        + page[head.start() : body.end()]
        + DRAFT_BANNER
        + page[body.end() :]
    )


def _visible(copy: Copy) -> Copy:
    """``copy`` with every control and bidi character in it shown as an escape."""

    def section(s: Section) -> Section:
        return replace(
            s,
            heading=shown(s.heading),
            lead=[shown(p) for p in s.lead],
            items=[shown(i) for i in s.items],
            rows=[(shown(k), shown(v)) for k, v in s.rows],
        )

    recipient = shown(copy.recipient) if copy.recipient else None
    return replace(
        copy,
        title=shown(copy.title),
        recipient=recipient,
        sections=[section(s) for s in copy.sections],
    )


def to_html(
    copy: Copy, large_print: bool = False, template: str | None = None, name: str = ""
) -> str:
    """``copy`` as HTML through ``template`` (source text; careplan's own when None).

    RefusedError, naming ``name``, when the template is broken, tries to leave its sandbox
    or switch escaping off, or would make a page that loads something from the network.
    """
    from jinja2 import TemplateError
    from markupsafe import Markup

    from careplan_cli.report.offline import remote_references

    if template is None:
        template, name = (_TEMPLATES / DEFAULT_TEMPLATE).read_text(encoding="utf-8"), "plan.html.j2"
    env = _environment()
    try:
        _refuse_autoescape_off(env, template, name)
        page = env.from_string(template).render(
            copy=_visible(copy), large_print=large_print, css=Markup(CSS)
        )
    except TemplateError as exc:
        raise RefusedError(f"{name}: cannot render the template: {shown(exc.message)}") from None
    except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError) as exc:
        # A template is untrusted code: what it gets wrong is its author's error, not ours.
        raise RefusedError(
            f"{name}: cannot render the template: {type(exc).__name__}: {shown(exc)}"
        ) from None
    if copy.draft:
        page = with_draft_mark(page)
    remote = remote_references(page)
    if remote:
        raise RefusedError(
            f"{name}: the page would load {remote[0]} from the network; a copy must be "
            "self-contained (use data: URLs for images)"
        )
    return page
