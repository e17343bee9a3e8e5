"""What a review found, given as options, and in plain words what it still lacks.

A review assesses the plan's relevance, its effectiveness and outcomes (progress on each active
goal the plan had before the review: :mod:`.reviewgoals`), unmet needs and the service user's
satisfaction (DOMAIN.md, format v2; rule CP316).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from careplan_cli.errors import UsageError
from careplan_cli.plan.vocabulary import choices


@dataclass(frozen=True)
class ContentOptions:
    """What a review found, as given on the command line (text, before typing)."""

    relevance: str | None = None
    effectiveness: str | None = None
    outcomes: Sequence[str] = ()  # GOAL=PROGRESS
    unmet_needs: Sequence[str] = ()
    no_unmet_needs: bool = False
    satisfaction: str | None = None
    satisfaction_comment: str | None = None
    reason_not_asked: str | None = None
    changes: str | None = None
    attendees: Sequence[str] = ()  # NAME or NAME: ROLE


def content_from_options(options: ContentOptions) -> dict[str, Any]:
    """The review entry's fields the options give, typed; a bad value is a usage error naming
    its option (choices are the schema's)."""
    given: dict[str, Any] = {
        "relevance": options.relevance,
        "effectiveness": options.effectiveness,
        "changes": options.changes,
    }
    if options.attendees:
        given["attendees"] = [attendee(text, "--attendee") for text in options.attendees]
    if options.outcomes:
        given["outcomes"] = _outcomes(options.outcomes)
    if options.unmet_needs and options.no_unmet_needs:
        raise UsageError("--unmet-need and --no-unmet-needs cannot go together")
    if options.unmet_needs or options.no_unmet_needs:
        given["unmet_needs"] = [need for need in options.unmet_needs if need.strip()]
    given["satisfaction"] = _satisfaction(options)
    return {key: value for key, value in given.items() if value is not None}


def attendee(text: str, option: str) -> dict[str, str]:
    """``Marcus Reid: service user`` as ``{name: Marcus Reid, role: service user}``."""
    name, _, role = (part.strip() for part in text.partition(":"))
    if not name:
        raise UsageError(f"{option} must be NAME or NAME: ROLE")
    return {"name": name, **({"role": role} if role else {})}


def _outcomes(given: Sequence[str]) -> list[dict[str, str]]:
    progress = choices("reviews.outcomes.progress")
    outcomes: list[dict[str, str]] = []
    for text in given:
        goal, has_progress, said = (part.strip() for part in text.partition("="))
        if not goal or not has_progress:
            raise UsageError("--outcome must be GOAL=PROGRESS, e.g. G1=improving")
        if said not in progress:
            raise UsageError(f"--outcome {text}: PROGRESS is one of: {', '.join(progress)}")
        if any(o["goal"] == goal for o in outcomes):
            raise UsageError(f"--outcome: goal {goal} twice")
        outcomes.append({"goal": goal, "progress": said})
    return outcomes


def _satisfaction(options: ContentOptions) -> dict[str, str] | None:
    extra = {"comment": options.satisfaction_comment, "reason_not_asked": options.reason_not_asked}
    if options.satisfaction is None:
        for key, option in (
            ("comment", "--satisfaction-comment"),
            ("reason_not_asked", "--reason-not-asked"),
        ):
            if extra[key] is not None:
                raise UsageError(f"{option} needs --satisfaction RATING")
        return None
    ratings = choices("reviews.satisfaction.rating")
    if options.satisfaction not in ratings:
        raise UsageError(f"--satisfaction must be one of: {', '.join(ratings)}")
    said = {key: value for key, value in extra.items() if value is not None}
    return {"rating": options.satisfaction, **said}


def needs_reason(rating: str) -> bool:
    """Whether the schema asks a satisfaction ``rating`` for ``reason_not_asked`` (as it does
    for not-asked): a review holding only that rating is checked against it."""
    from careplan_cli.plan.schema import part_problems

    probe: dict[str, Any] = {"date": "2000-01-01", "kind": choices("reviews.kind")[0]}
    probe["satisfaction"] = {"rating": rating}
    problems = part_problems("review", probe)
    return any("reason_not_asked" in problem.message for problem in problems)


def what_to_supply(gaps: Sequence[str], goals: Sequence[str]) -> str:
    """In plain words, the options that give what a review lacks: ``gaps`` (fields of the
    review's content) and ``goals`` (the goals it owes an outcome)."""
    progress = ", ".join(choices("reviews.outcomes.progress"))
    ratings = ", ".join(choices("reviews.satisfaction.rating"))
    each = ", ".join(goals)
    said = {
        "relevance": ("--relevance TEXT", "is the plan as it stands still relevant?"),
        "effectiveness": ("--effectiveness TEXT", "how effective has the plan been?"),
        "outcomes": (
            "--outcome GOAL=PROGRESS",
            f"progress on goals {each}, one --outcome each; PROGRESS is one of: {progress}",
        ),
        "unmet_needs": (
            "--unmet-need TEXT",
            "each need the plan is not meeting, or --no-unmet-needs when there are none",
        ),
        "satisfaction": (
            "--satisfaction RATING",
            f"the service user's satisfaction, one of: {ratings} (if they were not asked, "
            "--reason-not-asked TEXT says why)",
        ),
    }
    wanted = [*gaps, *(["outcomes"] if goals else [])]
    lines = [f"  {said[k][0]:<23}  {said[k][1]}" for k in said if k in wanted]
    return (
        "the review does not say what it found; give\n"
        + "\n".join(lines)
        + "\nor write them in a review file for --from-file (see docs/from-file.md); "
        "on a terminal careplan asks for each."
    )
