"""Format v2: the Mental Health Act 1983 and s117 aftercare."""

from __future__ import annotations

from collections.abc import Iterator

from careplan_cli.plan.findings import Severity
from careplan_cli.plan.rules.registry import V2_ONLY, PlanContext, Problem, as_list, rule

E = Severity.ERROR
CTO = "s17A"
S117_SECTIONS = ("s3", "s37", "s37/41", "s45A", "s47", "s48")
# Detentions to which Part 4 (consent to treatment) applies and s17 leave may be granted.
DETENTIONS = ("s2", "s3", "s37", "s37/41", "s45A", "s47", "s48")


def under_section(ctx: PlanContext) -> str | None:
    """The Mental Health Act section in force (recorded and not ended), or None."""
    mha = ctx.section("mha")
    section = mha.get("section")
    return section if isinstance(section, str) and not mha.get("end") else None


@rule(
    "CP601",
    "s117-recorded",
    E,
    "A plan under s3, s37, s45A, s47, s48 or a CTO records s117 status",
    versions=V2_ONLY,
)
def s117_recorded(ctx: PlanContext) -> Iterator[Problem]:
    """Mental Health Act 1983 s117: people detained under s3, s37, s45A, s47 or s48 are
    entitled to aftercare from the ICB and the local authority jointly, and everyone on a CTO
    was so detained. A plan under one of those sections records ``s117`` (eligibility, the
    responsible ICB and local authority)."""
    section = ctx.section("mha").get("section")
    if section in (*S117_SECTIONS, CTO) and not ctx.section("s117"):
        yield Problem("/mha/section", "record the person's s117 aftercare status ('s117')")


@rule(
    "CP602",
    "cto-conditions",
    E,
    "A community treatment order records its conditions",
    versions=V2_ONLY,
)
def cto_conditions(ctx: PlanContext) -> Iterator[Problem]:
    """A CTO (s17A) is made with conditions (s17B) that the person, the team and anyone
    recalling them must know; the plan lists them in ``mha.cto_conditions``."""
    mha = ctx.section("mha")
    if mha.get("section") == CTO and not as_list(mha.get("cto_conditions")):
        yield Problem("/mha/section", "a CTO needs its conditions ('cto_conditions')")


@rule(
    "CP603",
    "s117-ending",
    E,
    "s117 aftercare ends only by a joint decision, never on a CTO",
    versions=V2_ONLY,
)
def s117_ending(ctx: PlanContext) -> Iterator[Problem]:
    """s117 aftercare ends only when the ICB and the local authority jointly decide that the
    person no longer needs aftercare services for their mental disorder (the Mental Health Act
    1983 Code of Practice, chapter 33), recorded with the date and who decided; it cannot end
    while the person is on a CTO. An eligible person's record names the responsible ICB and
    local authority."""
    s117 = ctx.section("s117")
    if not s117:
        return
    if s117.get("ended") and under_section(ctx) == CTO:
        yield Problem("/s117/ended", "s117 aftercare cannot end while the person is on a CTO")
    if s117.get("eligible") is True:
        for field in ("responsible_icb", "responsible_local_authority"):
            if not s117.get(field):
                yield Problem("/s117", f"name the responsible body ('{field}')")


@rule(
    "CP604", "s17-leave-on-detention", E, "s17 leave is recorded on a detention", versions=V2_ONLY
)
def s17_leave_on_detention(ctx: PlanContext) -> Iterator[Problem]:
    """s17 leave is not a section: it is leave of absence granted to a person detained in
    hospital (e.g. under s2, s3 or s37). Leave recorded under a CTO, guardianship or a short
    holding power is a mistake: a CTO has conditions instead."""
    mha = ctx.section("mha")
    if as_list(mha.get("leave")) and mha.get("section") not in DETENTIONS:
        yield Problem(
            "/mha/leave", "s17 leave is granted only during a detention (e.g. s2, s3, s37)"
        )
