"""The questions ``careplan new`` and ``careplan review`` ask on a terminal."""

import sys
from collections.abc import Callable
from typing import Any

import typer

from careplan_cli.cli._shared import _check_date, _check_nhs, _prompt


def ask_new(values: dict[str, Any], settings: Any) -> dict[str, Any]:
    """Ask for each header value not given as an option or in --from-file."""
    from careplan_cli.plan import create
    from careplan_cli.plan.vocabulary import choices, levels_for

    answers = dict(values)

    def ask(key: str, question: str, **kwargs: Any) -> None:
        if not answers.get(key):
            answer = _prompt(question, **kwargs)
            if answer:
                answers[key] = answer

    ask("type", "Plan type", choices=choices("type"), default="cpa")
    kind = answers["type"]
    levels = levels_for(kind)
    if levels:
        ask("level", "Level", choices=levels, default=levels[0])
    else:
        ask("client_group", "Client group", choices=choices("client_group"))
    ask("name", "Service user's full name")
    ask(
        "date_of_birth",
        "Date of birth (YYYY-MM-DD, blank if not known)",
        default="",
        check=_check_date,
    )
    ask("nhs_number", "NHS number (blank if not known)", default="", check=_check_nhs)
    ask("coordinator", "Coordinator's name")
    ask(
        "role",
        "Coordinator's role",
        choices=choices("coordinator.role"),
        default=create.DEFAULT_ROLE.get(kind, "key-worker"),
    )
    started = str(answers.get("created") or settings.today.isoformat())
    ask("start", "Start date", default=started, check=_check_date)
    return answers


def policy_check(settings: Any, force: bool) -> Any:
    """For prompts: why a next review date breaks the policy (None when it keeps it)."""

    def check(plan: dict[str, Any], review_day: str | None, answer: str) -> str | None:
        from careplan_cli.plan.dates import as_date
        from careplan_cli.plan.review import check_next_review

        complaint = _check_date(answer)
        upcoming = as_date(answer)
        if complaint or force or upcoming is None:
            return complaint
        held = as_date(review_day) or settings.today
        return check_next_review(plan, held, upcoming, settings)

    return check


def ask_second_review() -> Callable[[str], bool]:
    """Whether to record a second review on a date that has one: asked once for a date,
    default no."""
    answers: dict[str, bool] = {}

    def confirm(day: str) -> bool:
        if day not in answers:
            question = (
                f"The plan already has a review dated {day}. Record a second review that day?"
            )
            answers[day] = typer.confirm(question, default=False)
        return answers[day]

    return confirm


def ask_review(
    entry: dict[str, Any],
    plan: dict[str, Any],
    close: bool,
    policy: Any = None,
    confirm: Callable[[str], bool] | None = None,
) -> dict[str, Any]:
    """Ask for each part of a review that DOMAIN.md lists, unless it was given already; a
    second review on one date is confirmed (``confirm``) before anything else is asked."""
    from careplan_cli.plan.review import reviewed_on, second_review_declined
    from careplan_cli.plan.reviewcontent import attendee
    from careplan_cli.plan.vocabulary import choices

    answers = dict(entry)

    def ask(key: str, question: str, **kwargs: Any) -> None:
        if key not in answers:
            answer = _prompt(question, **{"default": "", **kwargs})
            if answer:
                answers[key] = answer

    ask("date", "Date of the review", check=_check_date)
    day = answers.get("date")
    if day and confirm is not None and reviewed_on(plan, day) and not confirm(str(day)):
        raise second_review_declined(day)
    ask("kind", "Kind", choices=choices("reviews.kind"), default="scheduled")
    if answers.get("kind") == "requested":
        ask(
            "requested_by",
            "Requested by",
            choices=choices("reviews.requested_by"),
            default=None,
        )
    if answers.get("kind") == "triggered":
        ask("trigger", "What triggered it", default=None)
    if "attendees" not in answers:
        who = _prompt("Who attended (name: role; name: role)", default="")
        people = [p for p in who.split(";") if p.split(":")[0].strip()]
        answers["attendees"] = [attendee(p, "who attended") for p in people]
    ask("relevance", "Is the plan as it stands still relevant")
    ask("effectiveness", "How effective has it been, and what are the outcomes")
    _ask_outcomes(answers, plan)
    if "unmet_needs" not in answers:
        unmet = _prompt("Unmet needs (separate with ;)", default="")
        answers["unmet_needs"] = [n.strip() for n in unmet.split(";") if n.strip()]
    if "satisfaction" not in answers:
        answers["satisfaction"] = _ask_satisfaction()
    ask("changes", "Changes agreed")
    if not close:
        _ask_next_review(answers, plan, policy)
    return answers


def _ask_outcomes(answers: dict[str, Any], plan: dict[str, Any]) -> None:
    """Progress on each goal the review owes an outcome and was not given one."""
    from careplan_cli.plan.reviewgoals import goals_owed
    from careplan_cli.plan.vocabulary import choices

    given = answers.get("outcomes") if isinstance(answers.get("outcomes"), list) else []
    assessed = {o.get("goal") for o in given or [] if isinstance(o, dict)}
    missing = [g for g in goals_owed(plan, answers.get("date")) if g not in assessed]
    progress = choices("reviews.outcomes.progress")
    asked = [
        {"goal": goal, "progress": _prompt(f"Progress on goal {goal}", choices=progress)}
        for goal in missing
    ]
    if asked:
        answers["outcomes"] = [*(given or []), *asked]


def _ask_satisfaction() -> dict[str, str]:
    """The rating, and why the service user was not asked when the rating says so."""
    from careplan_cli.plan.reviewcontent import needs_reason
    from careplan_cli.plan.vocabulary import choices

    ratings = choices("reviews.satisfaction.rating")
    rating = _prompt("The service user's satisfaction", choices=ratings, default="not-asked")
    if needs_reason(rating):
        return {"rating": rating, "reason_not_asked": _prompt("Why were they not asked")}
    return {"rating": rating}


def _ask_next_review(answers: dict[str, Any], plan: dict[str, Any], policy: Any) -> None:
    """Ask for the next review, and ask again (that date only) while it breaks the policy."""

    def check(answer: str) -> str | None:
        return policy(plan, answers.get("date"), answer) if policy else _check_date(answer)

    given = answers.get("next_review")
    complaint = check(str(given)) if given else None
    if given and complaint:
        sys.stderr.write(f"  {complaint}\n")
    if not given or complaint:
        answers["next_review"] = _prompt("Date of the next review", check=check)
