"""Format v2: admissions, discharges and follow-up after discharge."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import pairwise

from careplan_cli.plan.findings import Severity, pointer
from careplan_cli.plan.rules.registry import V2_ONLY, PlanContext, Problem, rule

E = Severity.ERROR


def as_datetime(value: object) -> datetime | None:
    """A ``YYYY-MM-DDTHH:MM[:SS][offset]`` date-time, naive (the offset is dropped: UK times)."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        return None


@rule(
    "CP110",
    "admission-times",
    E,
    "Admission, discharge and follow-up times are real and in order",
    versions=V2_ONLY,
)
def admission_times(ctx: PlanContext) -> Iterator[Problem]:
    """Each admission is admitted, then discharged, then followed up, at real date-times;
    admissions are listed oldest first."""
    previous: datetime | None = None
    for index, admission in ctx.entries("admissions"):
        times = []
        for field in ("admitted", "discharged", "follow_up"):
            raw = admission.get(field)
            when = as_datetime(raw)
            if isinstance(raw, str) and when is None:
                yield Problem(pointer("admissions", index, field), "is not a real date and time")
            times.append((field, when))
        known = [(f, t) for f, t in times if t is not None]
        for (_, before), (field, after) in pairwise(known):
            if after < before:
                yield Problem(
                    pointer("admissions", index, field), "is earlier than the time before it"
                )
        admitted = times[0][1]
        if admitted is not None and previous is not None and admitted < previous:
            yield Problem(
                pointer("admissions", index, "admitted"), "is earlier than the admission before it"
            )
        previous = admitted or previous


@rule(
    "CP207",
    "discharge-follow-up",
    E,
    "Each discharge is followed up within the policy's window",
    versions=V2_ONLY,
)
def discharge_follow_up(ctx: PlanContext) -> Iterator[Problem]:
    """After a discharge from hospital the person is contacted within the policy profile's
    window: 72 hours (the NHS Standard Contract measure since 2020/21, profile cmhf-2019) or
    7 days counted from the day after discharge (the older CPA measure, the other profiles).
    Record ``follow_up`` (date-time), or ``follow_up_exception`` when no contact was possible or
    needed (e.g. discharged to prison or out of the area)."""
    for index, admission in ctx.entries("admissions"):
        discharged = as_datetime(admission.get("discharged"))
        if discharged is None or admission.get("follow_up_exception"):
            continue
        follow_up = as_datetime(admission.get("follow_up"))
        window = "72 hours" if ctx.policy.follow_up == "72h" else "7 days"
        if follow_up is None:
            yield Problem(
                pointer("admissions", index),
                f"record the follow-up contact after discharge ('follow_up', due within {window})",
            )
        elif follow_up > ctx.policy.follow_up_deadline(discharged):
            yield Problem(
                pointer("admissions", index, "follow_up"),
                f"is later than the policy's follow-up window ({window} after discharge)",
            )
