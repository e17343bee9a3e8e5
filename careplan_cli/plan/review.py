"""Recording a review: the core of ``careplan review``.

Takes a plan's text and a review entry (plain data in the plan format), checks the next
review date against the policy, and returns the new text with the review appended and the
plan's ``next_review`` updated; everything else in the file is left byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from careplan_cli.errors import RefusedError, UsageError
from careplan_cli.plan.dates import as_date
from careplan_cli.plan.roundtrip import (
    append_keeping_layout,
    dump_text,
    load_text,
    scalar_like,
    to_yaml_value,
)
from careplan_cli.plan.schema import part_problems
from careplan_cli.plan.settings import Settings

# The order fields are written in: as DOMAIN.md lists them, next review last.
REVIEW_FIELDS = (
    "date", "kind", "requested_by", "trigger", "attendees", "relevance", "effectiveness",
    "outcomes", "unmet_needs", "satisfaction", "changes", "override_reason", "next_review",
)  # fmt: skip
DATE_FIELDS = ("date", "next_review")


@dataclass(frozen=True)
class ReviewRequest:
    entry: dict[str, Any]  # one ``reviews`` entry, dates as ISO strings
    close: bool = False
    force_reason: str | None = None  # --force --reason: a next review outside the policy
    force: bool = False  # --force: record despite the checks (the policy's needs a reason)
    second_that_day: bool = False  # confirmed on a terminal: a second review on one date

    @property
    def date(self) -> date:
        parsed = as_date(self.entry.get("date"))
        if parsed is None:
            raise UsageError("the review needs a date (--date YYYY-MM-DD)")
        return parsed


def review_entry_problems(entry: dict[str, Any]) -> list[str]:
    """Schema problems of a review entry on its own, as ``pointer: message`` lines."""
    return [
        f"{problem.ptr or '/'}: {problem.message}" for problem in part_problems("review", entry)
    ]


def check_next_review(
    plan: dict[str, Any], review_date: date, next_review: date, settings: Settings
) -> str | None:
    """Why ``next_review`` breaks the review policy, or None when it keeps it."""
    if next_review <= review_date:
        return "the next review must be after the review date"
    start = as_date(plan.get("start")) or as_date(plan.get("created")) or review_date
    policy = settings.policy
    limit = policy.latest_next_review(plan.get("type"), plan.get("level"), start, review_date)
    if limit is not None and next_review > limit:
        interval = policy.describe(plan.get("type"), plan.get("level"), review_date)
        return (
            f"the next review is later than the review policy allows for this plan type "
            f"and level ({interval} after a review: {limit.isoformat()} at the latest)"
        )
    return None


def ordered_entry(entry: dict[str, Any]) -> dict[str, Any]:
    known = {k: entry[k] for k in REVIEW_FIELDS if k in entry and entry[k] not in (None, "")}
    extra = {k: v for k, v in entry.items() if k not in REVIEW_FIELDS}
    merged = {**known, **extra}
    if "next_review" in merged:  # keep it last, where a person looks for it
        merged["next_review"] = merged.pop("next_review")
    return merged


def apply_review(text: str, request: ReviewRequest) -> str:
    """The plan's new text: the review appended, next review (and status on close) updated."""
    document = load_text(text)
    entry = dict(request.entry)
    if request.force_reason:
        entry["override_reason"] = request.force_reason
    if request.close:
        entry.pop("next_review", None)
    for field in DATE_FIELDS:
        if field in entry and isinstance(entry[field], str):
            entry[field] = as_date(entry[field]) or entry[field]
    node = to_yaml_value(ordered_entry(entry))
    reviews = document.get("reviews")
    if reviews is None:
        reviews = to_yaml_value([])
        _set(document, "reviews", reviews, before="copies")
    if reviews:
        append_keeping_layout(reviews, node)
    else:
        reviews.append(node)
    # Fresh date objects: ruamel writes one object used twice as an anchor and an alias.
    upcoming = None if request.close else as_date(request.entry["next_review"])
    _set(document, "next_review", upcoming, before="review_triggers")
    if request.close:
        _set(document, "status", "closed")
        _set(document, "end", as_date(request.entry["date"]), after="start")
    return dump_text(document)


def _set(
    document: Any, key: str, value: Any, *, after: str | None = None, before: str | None = None
) -> None:
    """Set a top-level key in place, keeping the old value's quoting. A new key goes after
    ``after`` or before ``before`` when the plan has that key, else at the end."""
    if key in document:
        document[key] = scalar_like(document[key], value) if value is not None else None
        return
    keys = list(document.keys())
    if after in keys:
        document.insert(keys.index(after) + 1, key, value)
    elif before in keys:
        document.insert(keys.index(before), key, value)
    else:
        document[key] = value


def review_plan(text: str, plan: dict[str, Any], request: ReviewRequest, settings: Settings) -> str:
    """Check a review against the plan and the policy, and apply it; the new text.

    Only the review itself is judged here: the plan's other findings never stop a review
    that took place from being recorded (the plan session reports them after).
    """
    if plan.get("status") == "closed":
        raise RefusedError(
            "the plan is closed; reopen it first (careplan status PLAN active --reason TEXT)"
        )
    if "reviews" in plan and not isinstance(plan["reviews"], list):
        raise RefusedError("the plan's reviews are not a list; fix that first (careplan edit)")
    problems = review_entry_problems(request.entry)
    if problems:
        raise UsageError("the review is not in the plan format:\n  " + "\n  ".join(problems))
    _not_twice(plan, request)
    _says_what_it_found(plan, request.entry, settings)
    next_review = as_date(request.entry.get("next_review"))
    if not request.close:
        if next_review is None:
            raise UsageError("the review needs a next review date (--next-review YYYY-MM-DD)")
        problem = check_next_review(plan, request.date, next_review, settings)
        if problem and request.force and not request.force_reason:
            raise UsageError("--force needs --reason TEXT: the reason is recorded in the review")
        if problem and not request.force_reason:
            raise RefusedError(f"{problem}; to record it anyway give --force --reason TEXT")
    return apply_review(text, request)


def _says_what_it_found(plan: dict[str, Any], entry: dict[str, Any], settings: Settings) -> None:
    """Where the plan's rules ask a review for its content (CP316 in force as an error, as for
    format v2), a review without it is a usage error naming the options that give it."""
    from careplan_cli.plan.findings import Severity
    from careplan_cli.plan.reviewcontent import what_to_supply
    from careplan_cli.plan.rules import REGISTRY, PlanContext
    from careplan_cli.plan.rules.reviews import content_gaps, unassessed_goals

    rule = REGISTRY["CP316"]
    version = PlanContext(plan, "", settings.today, settings.policy).version
    if not rule.applies_to(version) or rule.code in settings.disabled:
        return
    if settings.severity(rule.code, rule.severity) is not Severity.ERROR:
        return
    if entry.get("recorded_under_v1") is True:
        return
    gaps, goals = content_gaps(entry), unassessed_goals(plan, entry)
    if gaps or goals:
        raise UsageError(what_to_supply(gaps, goals))


def reviewed_on(plan: dict[str, Any], day: object) -> bool:
    """True when ``plan`` already has a review dated ``day`` (an ISO date)."""
    reviews = plan.get("reviews") if isinstance(plan.get("reviews"), list) else []
    return any(isinstance(r, dict) and str(r.get("date")) == str(day) for r in reviews or [])


def second_review_declined(day: object) -> RefusedError:
    """The refusal when a person was asked and chose not to record a second review."""
    return RefusedError(f"nothing recorded: the plan already has a review dated {day}")


def _not_twice(plan: dict[str, Any], request: ReviewRequest) -> None:
    """A second review on one date is most often the same review entered twice: it is
    recorded only when confirmed on a terminal or with --force."""
    day = request.date.isoformat()
    if not (request.force or request.second_that_day) and reviewed_on(plan, day):
        raise RefusedError(
            f"the plan already has a review dated {day}; to record a second review that day "
            "give --force"
        )


def add_copy(text: str, entry: dict[str, Any]) -> str:
    """The plan's new text with ``entry`` appended to ``copies``."""
    document = load_text(text)
    copies = document.get("copies")
    if copies is None:
        copies = to_yaml_value([])
        _set(document, "copies", copies, before="extensions")
    dated = {k: as_date(v) or v if k == "date" else v for k, v in entry.items()}
    node = to_yaml_value(dated, top=False)
    if copies:
        append_keeping_layout(copies, node)
    else:
        copies.append(node)
    return dump_text(document)
