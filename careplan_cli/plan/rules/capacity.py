"""Format v2: agreement, consent and mental capacity (Mental Capacity Act 2005)."""

from __future__ import annotations

from collections.abc import Iterator

from careplan_cli.plan.findings import Severity, pointer
from careplan_cli.plan.rules.content import IN_FORCE
from careplan_cli.plan.rules.mha import DETENTIONS, under_section
from careplan_cli.plan.rules.registry import (
    V2_ONLY,
    PlanContext,
    Problem,
    as_dict,
    as_list,
    rule,
)

E = Severity.ERROR
HEALTH_AND_WELFARE = {"attorney": "lpa-health-welfare", "deputy": "deputy-health-welfare"}


def _capacity(ctx: PlanContext) -> dict[str, object]:
    return ctx.section("mental_capacity")


def _lacks_capacity_recorded(ctx: PlanContext) -> bool:
    assessments = as_list(_capacity(ctx).get("assessments"))
    return any(as_dict(a).get("outcome") == "lacks-capacity" for a in assessments)


@rule(
    "CP318",
    "agreement-basis",
    E,
    "A plan in force without agreement rests on its stated basis",
    versions=V2_ONLY,
)
def agreement_basis(ctx: PlanContext) -> Iterator[Problem]:
    """When a plan is in force without agreement, its ``basis`` must be on record: for
    ``lacks-capacity``, a capacity assessment that found the person lacks capacity and a
    best-interests decision (Mental Capacity Act 2005 ss 2-4; ``mental_capacity``); for
    ``mha-treatment``, the Mental Health Act section (``mha``) in force. A plan agreed by an
    attorney or deputy (``agreed_by``) names them under ``mental_capacity.attorneys`` with
    health-and-welfare powers."""
    agreement = ctx.section("agreement")
    if ctx.plan.get("status") not in IN_FORCE or not agreement:
        return
    basis = agreement.get("basis")
    capacity = _capacity(ctx)
    if basis == "lacks-capacity":
        if not _lacks_capacity_recorded(ctx):
            yield Problem(
                "/agreement/basis", "record the capacity assessment ('mental_capacity.assessments')"
            )
        if not as_list(capacity.get("best_interests")):
            yield Problem(
                "/agreement/basis",
                "record the best-interests decision ('mental_capacity.best_interests')",
            )
    if basis == "mha-treatment" and not under_section(ctx):
        yield Problem("/agreement/basis", "record the Mental Health Act section in force ('mha')")
    kind = HEALTH_AND_WELFARE.get(str(agreement.get("agreed_by")))
    attorneys = [as_dict(a).get("kind") for a in as_list(capacity.get("attorneys"))]
    if kind is not None and kind not in attorneys:
        yield Problem(
            "/agreement/agreed_by", f"no {kind} is recorded in 'mental_capacity.attorneys'"
        )


@rule(
    "CP319",
    "proxy-agreement-mha",
    E,
    "A proxy cannot agree MHA Part 4 treatment of a detained person",
    versions=V2_ONLY,
)
def proxy_agreement_mha(ctx: PlanContext) -> Iterator[Problem]:
    """Mental Capacity Act 2005 s28: nothing in the Act authorises giving or consenting to
    treatment regulated by Part 4 of the Mental Health Act. An attorney's or deputy's agreement
    therefore does not count for a person detained under a section to which Part 4 applies;
    record ``agreed: false`` with ``basis: mha-treatment`` instead."""
    agreement = ctx.section("agreement")
    proxy = agreement.get("agreed_by") in ("attorney", "deputy")
    if agreement.get("agreed") is True and proxy and under_section(ctx) in DETENTIONS:
        yield Problem(
            "/agreement/agreed_by",
            "a proxy's agreement does not count for MHA Part 4 treatment (MCA s28)",
        )


@rule(
    "CP320",
    "consent-refused-sharing",
    E,
    "Sharing without consent states its basis",
    versions=V2_ONLY,
)
def consent_refused_sharing(ctx: PlanContext) -> Iterator[Problem]:
    """When the person refuses consent to share information (or consent is not recorded as
    given), an information-sharing agreement can stand only on another basis: best interests
    (MCA s4), safeguarding, a legal duty, vital interests or the public interest. Each such
    agreement records its ``basis`` (not ``consent``) and ``basis_note`` (why, who decided);
    otherwise it must go."""
    sharing = ctx.section("information_sharing")
    status = as_dict(sharing.get("consent")).get("status")
    if status not in ("refused", "lacks-capacity"):
        return
    for index, item in enumerate(as_list(sharing.get("agreements"))):
        entry = as_dict(item)
        if entry and (entry.get("basis", "consent") == "consent" or not entry.get("basis_note")):
            yield Problem(
                pointer("information_sharing", "agreements", index),
                f"consent is {status}: record the basis ('basis', 'basis_note') or stop sharing",
            )


@rule(
    "CP321",
    "lacks-capacity-assessment",
    E,
    "Consent by a proxy rests on a recorded capacity assessment",
    versions=V2_ONLY,
)
def lacks_capacity_assessment(ctx: PlanContext) -> Iterator[Problem]:
    """Capacity is decision- and time-specific (Mental Capacity Act 2005 ss 2-3): consent
    recorded as ``lacks-capacity`` needs the date it was decided, the decision-maker
    (``proxy``) and a capacity assessment (decision, date, assessor, outcome) under
    ``mental_capacity.assessments`` that found the person lacks capacity."""
    consent = as_dict(ctx.section("information_sharing").get("consent"))
    if consent.get("status") != "lacks-capacity":
        return
    for field in ("date", "proxy"):
        if not consent.get(field):
            yield Problem("/information_sharing/consent", f"lacks-capacity consent needs '{field}'")
    if not _lacks_capacity_recorded(ctx):
        yield Problem(
            "/information_sharing/consent/status",
            "record the capacity assessment ('mental_capacity.assessments')",
        )
