"""``careplan migrate [PATH...] [--dry-run]``: every v1 plan named rewritten as v2 (round trip:
comments and order kept), all in one commit through one plan session.

The migration changes the format only (:mod:`careplan_cli.plan.migrate`); it never makes up
a value. A migrated plan must match the v2 schema, or nothing is written. What the v2 rules
still find in it is for a person to resolve: it is listed (plan, field, what to supply) and
the command exits 1, but the migration is written, since a v1 file cannot hold the v2
fields that resolve it.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from pathlib import Path

from careplan_cli.commands.session import Outcome, PlanSession
from careplan_cli.plan.findings import Severity
from careplan_cli.plan.migrate import migrate_text
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.validate import check_data, discover
from careplan_cli.plan.words import describe_finding
from careplan_cli.plan.yamlload import parse_text


@dataclass(frozen=True)
class Need:
    plan: str  # the file, as the user sees it
    line: int
    column: int
    what: str  # code, field and what to supply, in words (no plan values)


@dataclass(frozen=True)
class Migrated:
    plans: tuple[str, ...]  # the files migrated (or that would be, on a dry run)
    diff: str  # unified diff of every change
    needs: tuple[Need, ...]  # rule errors left for a person
    warnings: int  # rule warnings left (reviews carried over without the v2 content, ...)
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
    needs: list[Need] = []
    warnings = 0
    migrated: list[str] = []
    session_settings = rules_as_warnings(settings)
    with PlanSession(session_settings, no_commit=no_commit or dry_run) as session:
        for path in _plan_files(session, paths or [settings.plan_dir]):
            plan = session.open(str(path), must_be_clean=not (dry_run or no_commit))
            result = migrate_text(plan.text)
            if not result.changed:
                continue
            migrated.append(plan.display)
            diffs.append(_diff(plan.text, result.text, plan.display))
            data, _ = parse_text(result.text)
            if isinstance(data, dict):
                for finding in check_data(data, result.text, plan.plan_id, settings):
                    if finding.severity is Severity.ERROR:
                        what = describe_finding(finding, data)
                        needs.append(Need(plan.display, finding.line, finding.column, what))
                    else:
                        warnings += 1
            if not dry_run:
                session.stage(plan, result.text)
        outcome = None
        if not dry_run:
            count = len(migrated)
            message = f"Migrate {count} plan{'s' if count != 1 else ''} to format v2"
            outcome = session.commit(message)
    return Migrated(tuple(migrated), "".join(diffs), tuple(needs), warnings, outcome)


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
