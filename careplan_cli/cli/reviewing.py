"""The options of ``careplan review`` that say what the review found (format v2's content).

Values are text here; :mod:`careplan_cli.plan.reviewcontent` types them and checks them
against the schema's code lists, so that no list of codes is copied into an option.
"""

from typing import Annotated

import typer

RelevanceOption = Annotated[
    str | None,
    typer.Option("--relevance", metavar="TEXT", help="Is the plan as it stands still relevant?"),
]
EffectivenessOption = Annotated[
    str | None,
    typer.Option("--effectiveness", metavar="TEXT", help="How effective the plan has been."),
]
OutcomeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--outcome",
        metavar="GOAL=PROGRESS",
        help="Progress on one goal, e.g. G1=improving; once for each active goal (the "
        "progress codes are the plan format's: a wrong one is answered with the list).",
        show_default=False,
    ),
]
UnmetNeedOption = Annotated[
    list[str] | None,
    typer.Option(
        "--unmet-need",
        metavar="TEXT",
        help="A need the plan is not meeting; once for each.",
        show_default=False,
    ),
]
NoUnmetNeedsOption = Annotated[
    bool,
    typer.Option("--no-unmet-needs", help="The review found no unmet needs (recorded as none)."),
]
SatisfactionOption = Annotated[
    str | None,
    typer.Option(
        "--satisfaction",
        metavar="RATING",
        help="The service user's satisfaction with the care received, a rating of the plan "
        "format's (e.g. satisfied; not-asked with --reason-not-asked).",
    ),
]
SatisfactionCommentOption = Annotated[
    str | None,
    typer.Option("--satisfaction-comment", metavar="TEXT", help="What they said, in their words."),
]
ReasonNotAskedOption = Annotated[
    str | None,
    typer.Option("--reason-not-asked", metavar="TEXT", help="Why they were not asked."),
]
ChangesOption = Annotated[
    str | None,
    typer.Option("--changes", metavar="TEXT", help="Changes to the plan agreed at the review."),
]
AttendeeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--attendee",
        metavar="NAME[: ROLE]",
        help="Who took part, e.g. 'Marcus Reid: service user'; once for each.",
        show_default=False,
    ),
]
