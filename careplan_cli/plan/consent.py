"""Consent: which sections of a plan a copy for a recipient may hold (pure policy, no output).

A copy for the service user holds every section. A copy for anyone else holds only the sections
an information-sharing agreement names for them, and none at all when consent was refused or
never recorded: :func:`sections_for` says why by raising :class:`RefusedError`.
"""

from __future__ import annotations

from typing import Any

from careplan_cli.errors import RefusedError

# In the order a copy shows them. Format v2's parts each have a section of their own (from
# "agreement" on), so that an agreement made before they existed shares no more than it did:
# see docs/copies.md for who sees what, and why. Safeguarding is in no copy at all.
ALL_SECTIONS = (
    "about", "crisis_plan", "goals", "needs", "strengths", "interventions", "care_team",
    "carers", "risks", "contingency_plan", "engagement", "diversity", "agreement",
    "mental_capacity", "mental_health_act", "admissions", "information_sharing",
    "personal_budget", "contribution", "reviews", "measures", "status", "coordinator_history",
    "next_review",
)  # fmt: skip
# Every copy says whom and which plan it is about, and whether the plan is a draft, on hold
# or closed (never why), whatever was agreed.
ALWAYS = ("about",)


def sections_for(plan: dict[str, Any], recipient: str | None) -> list[str]:
    """The sections a copy for ``recipient`` may hold; RefusedError saying why when none."""
    if recipient is None or recipient.casefold() == "service-user":
        return list(ALL_SECTIONS)  # the plan is the service user's own
    sharing = plan.get("information_sharing") or {}
    consent = (sharing.get("consent") or {}).get("status")
    if consent is None:
        raise RefusedError("the plan records no consent to share information")
    if consent == "refused":
        raise RefusedError("the service user has refused consent to share information")
    agreed: list[str] = []
    matched = False
    for agreement in sharing.get("agreements") or []:
        if recipient.casefold() in (r.casefold() for r in agreement.get("recipients", [])):
            matched = True
            agreed += [s for s in agreement.get("sections", []) if s not in agreed]
    if not matched:
        raise RefusedError(f"no information-sharing agreement names {recipient!r}")
    if not agreed:
        raise RefusedError(
            f"the agreements naming {recipient!r} do not list the sections "
            "they cover (add sections: [...] to the agreement)"
        )
    return [s for s in ALL_SECTIONS if s in agreed or s in ALWAYS]
