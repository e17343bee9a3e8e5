"""Every command is documented: in the README's table, with an example in its --help."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from careplan_cli.cli import app
from tests.conftest import EXAMPLES, ROOT, invoke


def test_every_visible_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    group = typer.main.get_group(app)
    for name, command in group.commands.items():
        if not command.hidden:
            assert f"| `careplan {name}" in readme, name
    assert "careplan git-diff-driver" in readme  # hidden, but set up by hand from the README


def test_changelog_has_an_unreleased_section() -> None:
    assert "\n## Unreleased\n" in (ROOT / "CHANGELOG.md").read_text()


def test_policy_table_in_docs_matches_the_profiles() -> None:
    from careplan_cli.plan.profiles import PROFILES, table_cells

    text = (ROOT / "docs" / "policy.md").read_text(encoding="utf-8")
    table, sources = text.split("## Sources")
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        for line in table.splitlines()
        if line.startswith("| `")
    ]
    assert rows == [table_cells(p) for p in PROFILES.values()]
    for name in PROFILES:
        assert f"| `{name}` | " in sources


def test_the_readme_cron_mail_is_what_due_prints(
    git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("The mail it sends", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    for plan in EXAMPLES.glob("*.yaml"):
        shutil.copy(plan, git_repo / "plans" / plan.name)
    monkeypatch.chdir(git_repo)
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, err = invoke(CliRunner(), "due", "--within", "14d", "--today", "2026-11-22")
    assert code == 0, err
    assert out == shown
