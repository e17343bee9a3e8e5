"""The settings that shape one run: today, the review policy, rule switches, where plans are.

Plain data: :mod:`careplan_cli.adapters.config` builds them from ``careplan.toml``; the core
only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from careplan_cli.plan.findings import Severity
from careplan_cli.plan.policy import ReviewPolicy
from careplan_cli.plan.profiles import DEFAULT_PROFILE, PROFILES, Profile

DEFAULT_PLAN_DIR = Path("plans")


def profile_policy(chosen: Profile) -> ReviewPolicy:
    return ReviewPolicy(dict(chosen.max_months), chosen.first_review_weeks, chosen.follow_up)


def profile_severities(chosen: Profile) -> dict[str, Severity]:
    return {c: v for c, v in chosen.severities.items() if isinstance(v, Severity)}


@dataclass(frozen=True)
class Settings:
    """Defaults are the default policy profile's (cpa-2008), as with no careplan.toml."""

    today: date
    policy: ReviewPolicy = field(default_factory=lambda: profile_policy(PROFILES[DEFAULT_PROFILE]))
    disabled: frozenset[str] = PROFILES[DEFAULT_PROFILE].switched_off()
    severities: dict[str, Severity] = field(
        default_factory=lambda: profile_severities(PROFILES[DEFAULT_PROFILE])
    )
    profile: str = DEFAULT_PROFILE
    plan_dir: Path = DEFAULT_PLAN_DIR
    id_prefix: str = "CP-"
    id_digits: int = 6
    due_within: str = "14d"
    required_fields: tuple[str, ...] = ()
    staff: tuple[dict[str, str], ...] = ()  # careplan.toml's [[staff]]: people to hand over to
    report_thresholds: tuple[str, ...] = ()  # careplan report --exit-code: "FIGURE OP NUMBER"
    config_file: Path | None = None
    sources: dict[str, str] = field(default_factory=dict)  # key -> where its value came from
    root: Path | None = None  # the project's root: links leading out of it are not followed

    def severity(self, code: str, default: Severity) -> Severity:
        return self.severities.get(code, default)
