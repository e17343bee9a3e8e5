"""``careplan migrate [PATH...] [--dry-run]``: every v1 plan named rewritten as v2 (round trip:
comments and order kept), all in one commit through one plan session.

The migration itself is :func:`careplan_cli.plan.migrate.migrate_text` (format-v2's pure
function): it never makes up a value. A migrated plan must match the v2 schema, or nothing is
written. What v2 finds in it that v1 did not is for a person to resolve: it is listed (plan,
field, what to supply) and the command exits 1, but the migration is written, since a v1
file cannot hold the v2 fields that resolve it.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from pathlib import Path

from careplan_cli.commands.session import Outcome, PlanSession
from careplan_cli.plan.findings import Severity
from careplan_cli.plan.migrate import NotV1Error, ToSupply, migrate_text
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.validate import discover


@dataclass(frozen=True)
class Migrated:
    plans: tuple[str, ...]  # the files migrated (or that would be, on a dry run)
    diff: str  # unified diff of every change
    needs: tuple[ToSupply, ...]  # what only a person can supply (plan, field, what)
    outcome: Outcome | None  # None on a dry run


def rules_as_warnings(settings: Settings) -> Settings:
    """``settings`` with every care-planning rule a warning: the session then refuses only a
    result that breaks the schema, and the rules' errors are listed instead of refused."""
    from careplan_cli.plan.rules import REGISTRY

    softened = {code: Severity.WARNING for code, rule in REGISTRY.items() if rule.stage == "rules"}
    return dataclasses.replace(settings, severities={**settings.severities, **softened})


def migrate_plans(
    settings: Settings, paths: list[Path] | None, *, dry_run: bool, no_commit: bool
) -> Migrated:
    diffs: list[str] = []
    needs: list[ToSupply] = []
    migrated: list[str] = []
    session_settings = rules_as_warnings(settings)
    with PlanSession(session_settings, no_commit=no_commit or dry_run) as session:
        for path in _plan_files(session, paths or [settings.plan_dir]):
            plan = session.open(str(path), must_be_clean=not (dry_run or no_commit))
            try:
                text, to_supply = migrate_text(plan.text, plan.plan_id, settings)
            except NotV1Error:
                continue
            migrated.append(plan.display)
            diffs.append(_diff(plan.text, text, plan.display))
            needs += [dataclasses.replace(n, plan=plan.display) for n in to_supply]
            if not dry_run:
                session.stage(plan, text)
        outcome = None
        if not dry_run:
            count = len(migrated)
            message = f"Migrate {count} plan{'s' if count != 1 else ''} to format v2"
            outcome = session.commit(message)
    return Migrated(tuple(migrated), "".join(diffs), tuple(needs), outcome)


def _plan_files(session: PlanSession, paths: list[Path]) -> list[Path]:
    """Directories searched for plans; anything else named as a plan (a path or an id)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            found += discover([path])
        else:
            found.append(session.resolve(str(path)))
    return list(dict.fromkeys(found))


def _diff(before: str, after: str, display: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        f"a/{display}",
        f"b/{display}",
    )
    return "".join(lines)
