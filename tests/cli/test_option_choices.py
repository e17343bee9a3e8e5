"""Option help that lists a code list's values lists the schema's, so the two cannot drift
(the values themselves are checked against the schema when the command runs)."""

from __future__ import annotations

import re

import pytest
import typer.main

from careplan_cli.cli import app
from careplan_cli.plan.vocabulary import choices

# (command, option, the schema's code list its help names)
LISTED = [
    ("new", "--type", "type"),
    ("list", "--type", "type"),
    ("review", "--kind", "reviews.kind"),
    ("list", "--status", "status"),
    ("status", "to", "status"),
    ("new", "--role", "coordinator.role"),
]


def _help(command: str, option: str) -> str:
    group = typer.main.get_command(app)
    sub = group.commands[command]  # type: ignore[attr-defined]
    found = [p for p in sub.params if option in getattr(p, "opts", []) or option == p.name]
    assert found, f"{command} has no {option}"
    return str(found[0].help or "")


@pytest.mark.parametrize(("command", "option", "path"), LISTED)
def test_help_lists_exactly_the_schemas_values(command: str, option: str, path: str) -> None:
    listed = re.findall(r"[a-z][a-z0-9-]*", _help(command, option).replace(" or ", ", "))
    assert tuple(listed) == choices(path)
