"""Every command is documented: in the README's table, with an example in its --help."""

from __future__ import annotations

import typer.main

from careplan_cli.cli import app
from tests.conftest import ROOT


def test_every_visible_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    group = typer.main.get_group(app)
    for name, command in group.commands.items():
        if not command.hidden:
            assert f"| `careplan {name}" in readme, name
    assert "careplan git-diff-driver" in readme  # hidden, but set up by hand from the README


def test_changelog_has_an_unreleased_section() -> None:
    assert "\n## Unreleased\n" in (ROOT / "CHANGELOG.md").read_text()
