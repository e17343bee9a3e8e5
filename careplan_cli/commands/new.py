"""``careplan new``: create a plan from the commented template and commit it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from careplan_cli.adapters import gitio
from careplan_cli.adapters.config import find_project_root
from careplan_cli.commands.session import Outcome, PlanSession
from careplan_cli.errors import UsageError
from careplan_cli.plan import create
from careplan_cli.plan.settings import Settings


def create_plan(
    settings: Settings, values: dict[str, Any], partial: dict[str, Any], *, no_commit: bool
) -> tuple[str, Outcome]:
    """Write a new draft plan from header ``values`` and a ``partial`` plan; its id and what
    the session did. Missing header values are a usage error naming each."""
    missing = create.missing_fields(values)
    if missing:
        raise UsageError(
            "missing: " + ", ".join(missing) + " (give them as options or in "
            "--from-file, or run on a terminal to be asked)"
        )
    plan_dir = settings.plan_dir
    repo = gitio.find_repo(plan_dir)
    taken = gitio.names_on_branches(repo, plan_dir) if repo is not None else set()
    generated = create.next_id(plan_dir, settings.id_prefix, settings.id_digits, taken)
    plan_id = create.check_id(str(values.get("id") or generated))
    with PlanSession(settings, no_commit=no_commit) as session:
        path = session.inside(plan_dir / f"{plan_id}.yaml")
        if path.exists() or path.is_symlink():
            raise UsageError(f"{session.show(path)} already exists; plans are never overwritten")
        header = create.complete_header({**values, "id": plan_id}, settings)
        text = create.build_plan_text(header, partial, schema_ref(plan_dir))
        session.stage_new(path, text)
        return plan_id, session.commit(f"Create care plan {plan_id}")


def schema_ref(plan_dir: Path) -> str:
    """The modeline's schema: the project's own copy if it has one, else the schema's $id."""
    from careplan_cli.plan.schema import schema

    root = find_project_root(plan_dir.parent) or plan_dir.parent
    for candidate in (root / "schemas" / "careplan.schema.json", root / "careplan.schema.json"):
        if candidate.is_file():
            return os.path.relpath(candidate, plan_dir)
    return str(schema()["$id"])
