"""Settings that shape a check: today's date, the review policy, rule switches."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from careplan_cli.findings import Severity
from careplan_cli.policy import ReviewPolicy

DEFAULT_PLAN_DIR = Path("plans")


@dataclass(frozen=True)
class Settings:
    today: date
    policy: ReviewPolicy = field(default_factory=ReviewPolicy)
    disabled: frozenset[str] = frozenset()
    severities: dict[str, Severity] = field(default_factory=dict)
    plan_dir: Path = DEFAULT_PLAN_DIR

    def severity(self, code: str, default: Severity) -> Severity:
        return self.severities.get(code, default)


def find_project_root(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` holding careplan.toml or .git."""
    for directory in (start, *start.parents):
        if (directory / "careplan.toml").is_file() or (directory / ".git").exists():
            return directory
    return None


def default_plan_dir(cwd: Path) -> Path:
    """The plan directory of the project around ``cwd`` (``plans/`` at its root)."""
    root = find_project_root(cwd) or cwd
    return root / DEFAULT_PLAN_DIR
