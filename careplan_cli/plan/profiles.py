"""Policy profiles: the review intervals, follow-up window and rule severities of one policy.

Policy changed after the sources careplan began with, and services follow different ones, so
everything that encodes a policy's interval or severity is data here, never part of the plan
format. ``careplan.toml`` names a profile (``policy = "cpa-2008"``, the default) and may then
override single rules in ``[rules]``. docs/policy.md shows this table with its sources; a test
holds the two together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from careplan_cli.plan.findings import Severity
from careplan_cli.plan.policy import DEFAULT_MAX_MONTHS

DEFAULT_PROFILE = "cpa-2008"
E, W = Severity.ERROR, Severity.WARNING
OFF = "off"


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    source: str
    max_months: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_MAX_MONTHS))
    first_review_weeks: int = 8  # social care: first review after the start (sign-off)
    follow_up: str = "7d"  # after discharge: "7d" (from the day after) or "72h"
    severities: dict[str, Severity | str] = field(default_factory=dict)  # or "off"

    def severity_of(self, code: str) -> Severity | None:
        value = self.severities.get(code)
        return value if isinstance(value, Severity) else None

    def switched_off(self) -> frozenset[str]:
        return frozenset(c for c, v in self.severities.items() if v == OFF)


_CMHF_MONTHS = {**DEFAULT_MAX_MONTHS, "cpa/standard": 12, "cpa/enhanced": 12, "cpa/complex": 12}

PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile(
            "cpa-1999",
            "Care Programme Approach with standard and enhanced levels",
            "Effective Care Co-ordination in Mental Health Services (DH, 1999); the DWP "
            "guidance page in the seeds (reviews every three to six months)",
            severities={"CP325": OFF},
        ),
        Profile(
            "cpa-2008",
            "Refocusing CPA: CPA for complex needs only; 'standard CPA' becomes non-CPA support",
            "Refocusing the Care Programme Approach (DH, March 2008); Care Act 2014 statutory "
            "guidance for social-care reviews",
            severities={"CP205": W, "CP315": W},
        ),
        Profile(
            "cmhf-2019",
            "Community Mental Health Framework: personalised care and support planning, "
            "named key worker; follow-up within 72 hours of discharge",
            "NHS England, The Community Mental Health Framework for Adults and Older Adults "
            "(2019); NHS England position statement on the Care Programme Approach (2021); "
            "NHS Standard Contract 72-hour follow-up (since 2020/21)",
            max_months=_CMHF_MONTHS,
            follow_up="72h",
            severities={"CP204": W, "CP205": W, "CP315": W},
        ),
        Profile(
            "care-act-2014",
            "Care Act 2014 care and support plans: first review 6-8 weeks after sign-off, "
            "then at least every 12 months",
            "Care and Support Statutory Guidance (DHSC), chapter 13 (review of care and "
            "support plans, s27) and chapter 10 (s25 plans)",
            severities={"CP205": W, "CP315": W},
        ),
        Profile(
            "drug-alcohol-2017",
            "Structured drug and alcohol treatment: written care plan with milestones, "
            "reviewed at least every 3 months",
            "The drug-and-alcohol care-planning and care-co-ordination guide in the seeds; "
            "Drug misuse and dependence: UK guidelines on clinical management (2017)",
            severities={"CP205": W},
        ),
    )
}


def profile(name: str) -> Profile:
    return PROFILES[name]


def table_cells(chosen: Profile) -> list[str]:
    """The profile as a row of docs/policy.md's table (a test holds the two together)."""
    months = chosen.max_months
    cpa = ", ".join(
        f"{level} {months[f'cpa/{level}']}m"
        for level in ("standard", "enhanced", "complex", "non-cpa")
    )
    intervals = (
        f"cpa: {cpa}; substance misuse: {months['substance-misuse/tier-3']}m; social care: first "
        f"within {chosen.first_review_weeks} weeks, then {months['social-care']}m"
    )
    follow_up = "72 hours" if chosen.follow_up == "72h" else "7 days from the day after"
    changed = ", ".join(
        f"{code} {value if isinstance(value, str) else value.value}"
        for code, value in sorted(chosen.severities.items())
    )
    return [f"`{chosen.name}`", intervals, follow_up, changed or "none"]
