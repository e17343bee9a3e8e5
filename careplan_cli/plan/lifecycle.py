"""A plan's status and level over its life: the core of ``careplan status`` and ``level``.

Status changes follow practice: a draft becomes active once agreed (or with the reason it is
in force without agreement); an active plan may be put on hold until a date by which the hold
is reviewed, and resumed; a plan is closed with a closure reason from the schema, and a closed
plan may be reopened. Each change is recorded in ``status_history`` with the date, the reason
and who made it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from careplan_cli.errors import RefusedError, UsageError
from careplan_cli.plan.address import choices, require_field, schema_at
from careplan_cli.plan.dates import as_date
from careplan_cli.plan.edits import append_item, insert_in_order, remove_keeping_layout
from careplan_cli.plan.policy import ReviewPolicy
from careplan_cli.plan.roundtrip import dump_text, load_text, scalar_like, to_yaml_value

# The moves practice allows, from each status (the statuses themselves are the schema's).
MOVES = {
    "draft": ("active", "closed"),
    "active": ("on-hold", "closed"),
    "on-hold": ("active", "closed"),
    "closed": ("active",),
}


@dataclass(frozen=True)
class StatusChange:
    to: str
    reason: str
    when: date
    by: str
    review_by: date | None = None  # on-hold: when the hold is reviewed
    closure: str | None = None  # closed: a closure reason from the schema
    destination: str | None = None  # closed: where the person went (GP, another service)
    next_review: date | None = None  # reopening: the next review (default: the policy's latest)
    agreed_on: date | None = None  # activating a draft: the date the service user agreed it


def statuses(plan: dict[str, Any]) -> list[str]:
    return choices(schema_at(("status",), plan))


def closure_reasons(plan: dict[str, Any]) -> list[str]:
    return choices(schema_at(("closure", "reason"), plan))


def check_status_change(plan: dict[str, Any], change: StatusChange) -> str:
    """The plan's current status, once ``change`` is known to be a move practice allows;
    otherwise a usage error or refusal saying what to do instead."""
    if change.to not in statuses(plan):
        raise UsageError("the status must be one of: " + ", ".join(statuses(plan)))
    current = str(plan.get("status"))
    if current == change.to:
        raise UsageError(f"the plan is already {current}")
    allowed = MOVES.get(current, ())
    if change.to not in allowed:
        raise RefusedError(
            f"a plan cannot go from {current} to {change.to}; from {current} it can go to: "
            + ", ".join(allowed)
        )
    if not change.reason.strip():
        raise UsageError("give the reason for the change (--reason TEXT); it is recorded")
    if change.to == "on-hold" and change.review_by is None:
        raise UsageError("putting a plan on hold needs --review-by DATE: when the hold is reviewed")
    if change.review_by is not None and change.review_by <= change.when:
        raise UsageError("--review-by must be after the date of the change")
    if change.to == "closed":
        reasons = closure_reasons(plan)
        if change.closure is None:
            raise UsageError("closing a plan needs --closure CODE, one of: " + ", ".join(reasons))
        if reasons and change.closure not in reasons:
            raise UsageError("--closure must be one of: " + ", ".join(reasons))
    if current == "draft" and change.to == "active" and change.agreed_on is None:
        _check_agreement(plan)
    return current


def _check_agreement(plan: dict[str, Any]) -> None:
    agreement = plan.get("agreement") if isinstance(plan.get("agreement"), dict) else {}
    if agreement and (agreement.get("agreed") is True or agreement.get("reason_not_agreed")):
        return
    raise RefusedError(
        "the plan is not agreed with the service user; record the agreement (--agreed-on DATE) "
        "or why it is in force without it (careplan set PLAN agreement.agreed=false "
        'agreement.reason_not_agreed="...")'
    )


def change_status(
    text: str, plan: dict[str, Any], change: StatusChange, policy: ReviewPolicy
) -> tuple[str, str]:
    """The new text with the status changed and the change recorded; "status a -> b"."""
    current = check_status_change(plan, change)
    require_field(plan, "status_history")
    document = load_text(text)
    document["status"] = scalar_like(document["status"], change.to)
    if current == "on-hold" or change.to == "closed":
        _drop(document, "hold_review_by")
    said = f"status {current} -> {change.to}"
    if change.agreed_on is not None:
        _agree(document, change.agreed_on)
    if change.to == "on-hold":
        _put(document, "hold_review_by", change.review_by)
        said += f" until review by {change.review_by}"
    elif change.to == "closed":
        _close(document, change)
        said += f" ({change.closure})"
    elif current == "closed":
        _reopen(document, plan, change, policy)
        said = f"reopened (status closed -> {change.to})"
    entry = {"date": change.when, "from": current, "to": change.to, "reason": change.reason}
    entry["by"] = change.by
    append_item(document, ("status_history",), entry, plan)
    return dump_text(document), said


def _agree(document: Any, when: date) -> None:
    agreement = document.get("agreement")
    if not isinstance(agreement, dict):
        _put(document, "agreement", to_yaml_value({"agreed": True, "date": when}))
        return
    agreement["agreed"] = True
    agreement["date"] = scalar_like(agreement.get("date"), when)
    if "reason_not_agreed" in agreement:
        remove_keeping_layout(agreement, "reason_not_agreed")


def _close(document: Any, change: StatusChange) -> None:
    _put(document, "end", change.when)
    closure: dict[str, Any] = {"date": change.when, "reason": change.closure}
    if change.destination:
        closure["destination"] = change.destination
    _put(document, "closure", to_yaml_value(closure))
    _drop(document, "next_review")


def _reopen(
    document: Any, plan: dict[str, Any], change: StatusChange, policy: ReviewPolicy
) -> None:
    _drop(document, "end")
    _drop(document, "closure")
    upcoming = change.next_review or policy.latest_next_review(
        plan.get("type"), plan.get("level"), change.when, change.when
    )
    if upcoming is not None:
        _put(document, "next_review", upcoming)


def _put(document: Any, key: str, value: Any) -> None:
    if key in document:
        document[key] = scalar_like(document[key], value)
    else:
        document[key] = value
        insert_in_order(document, key)


def _drop(document: Any, key: str) -> None:
    if key in document:
        remove_keeping_layout(document, key)


# -- level ------------------------------------------------------------------------------------


def levels(plan: dict[str, Any]) -> list[str]:
    """The levels the schema allows for the plan's type (none for social care)."""
    narrowed = schema_at(("level",), plan)
    if plan.get("type") == "social-care":
        return []
    return choices(narrowed)


def change_level(
    text: str,
    plan: dict[str, Any],
    level: str,
    *,
    supplied: dict[str, Any],
    reschedule: bool,
    policy: ReviewPolicy,
) -> tuple[str, list[str]]:
    """The new text with the level changed, the sections ``supplied`` (a crisis or contingency
    plan) laid in, and with ``reschedule`` the next review moved inside the new interval."""
    allowed = levels(plan)
    if not allowed:
        raise RefusedError("a social-care plan has no level (it has a client group)")
    if level not in allowed:
        raise UsageError(f"the level of a {plan.get('type')} plan is one of: {', '.join(allowed)}")
    current = plan.get("level")
    if current == level:
        raise UsageError(f"the plan is already {level}")
    document = load_text(text)
    document["level"] = scalar_like(document["level"], level)
    said = [f"level {current} -> {level}"]
    for key, value in supplied.items():
        if schema_at((key,), plan) is None:
            raise UsageError(f"--from-file: the plan format has no field '{key}'")
        said.append(f"{key.replace('_', ' ')} {'changed' if key in document else 'added'}")
        _put(document, key, to_yaml_value(value))
    if reschedule:
        moved = _reschedule(document, plan, level, policy)
        if moved:
            said.append(moved)
    return dump_text(document), said


def latest_review_date(plan: dict[str, Any]) -> date | None:
    reviews = plan.get("reviews") if isinstance(plan.get("reviews"), list) else []
    dates = [as_date(r.get("date")) for r in reviews or [] if isinstance(r, dict)]
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def _reschedule(document: Any, plan: dict[str, Any], level: str, policy: ReviewPolicy) -> str:
    start = as_date(plan.get("start")) or as_date(plan.get("created"))
    if start is None:
        return ""
    limit = policy.latest_next_review(plan.get("type"), level, start, latest_review_date(plan))
    upcoming = as_date(plan.get("next_review"))
    if limit is None or (upcoming is not None and upcoming <= limit):
        return ""
    _put(document, "next_review", limit)
    return f"next review {upcoming} -> {limit}"
