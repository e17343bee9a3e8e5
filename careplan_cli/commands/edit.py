"""``careplan edit``: change a plan in an editor, on a copy, and keep it only if it is valid.

As ``git commit`` and ``kubectl edit`` do, the editor works on a copy (under ``.git/careplan``,
never in the work tree). A valid result replaces the plan and is committed; an invalid one is
shown with its findings and, on a terminal, reopened with them as comments at the top; without
a terminal the plan is left as it was and the copy kept, at a path the refusal names.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from careplan_cli.adapters import editor
from careplan_cli.commands.session import Outcome, PlanSession
from careplan_cli.errors import RefusedError, UsageError
from careplan_cli.plan.diff import diff_plans
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.yamlload import parse_text

NOTE = "# careplan: "
MAX_SHOWN = 6


def choose_editor(interactive: bool) -> str:
    """$VISUAL, else $EDITOR, else vi on a terminal; a usage error when there is none."""
    command = editor.editor_command(terminal=interactive)
    if command is None:
        raise UsageError("no editor to run: set VISUAL or EDITOR (e.g. export EDITOR=nano)")
    return command


def edit_plan(
    settings: Settings,
    plan_ref: str,
    *,
    interactive: bool,
    no_commit: bool,
    tell: Callable[[str], None],
) -> Outcome | None:
    """Edit until the result is valid (or the user gives up); None when nothing changed."""
    with PlanSession(settings, no_commit=no_commit) as session:
        plan = session.open(plan_ref)
        command = choose_editor(interactive)
        copy = session.scratch / f"{plan.plan_id}.edit{plan.path.suffix}"
        shown = os.path.relpath(copy, session.cwd)
        _write_private(copy, plan.text)
        previous: str | None = None
        while True:
            status = editor.run_editor(command, copy)
            if status != 0:
                raise RefusedError(
                    f"the editor exited with status {status}; the plan is unchanged "
                    f"(your copy is at {shown})"
                )
            edited = strip_notes(copy.read_text(encoding="utf-8"))
            if edited == plan.text:
                copy.unlink(missing_ok=True)
                return None
            try:
                session.stage(plan, edited)
                break
            except RefusedError as exc:
                if not interactive or edited == previous:
                    raise RefusedError(
                        f"{exc.message}\nthe plan is unchanged; your edited copy is kept at {shown}"
                    ) from None
                tell(exc.message)
                _write_private(copy, with_notes(exc.message, edited))
                previous = edited
        outcome = session.commit(edit_message(plan.plan_id, plan.text, edited))
        copy.unlink(missing_ok=True)
        return outcome


def _write_private(path: Path, text: str) -> None:
    path.unlink(missing_ok=True)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)


def with_notes(problems: str, text: str) -> str:
    lines = [
        "This edit was not saved: fix what is listed below, then save and close.",
        "Save without changing anything to give up (the plan stays as it was).",
        *problems.splitlines(),
    ]
    return "".join(f"{NOTE}{line.strip()}\n" for line in lines) + text


def strip_notes(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(NOTE):
        lines.pop(0)
    return "".join(lines)


def edit_message(plan_id: str, before: str, after: str) -> str:
    """ "Edit CP-000102: risk R2: level changed; goal G4 added" (no values)."""
    old, _ = parse_text(before)
    new, _ = parse_text(after)
    if not isinstance(old, dict) or not isinstance(new, dict):
        return f"Edit {plan_id}"
    said = list(dict.fromkeys(f"{c.label} {c.op}" for c in diff_plans(old, new)))
    if not said:
        return f"Edit {plan_id}: layout and comments"
    more = f"; and {len(said) - MAX_SHOWN} more" if len(said) > MAX_SHOWN else ""
    return f"Edit {plan_id}: " + "; ".join(said[:MAX_SHOWN]) + more
