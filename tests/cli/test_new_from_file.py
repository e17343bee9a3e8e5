"""``careplan new --from-file``: an option wins over the file, nested header values too."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.plan.yamlload import read_plan_file
from tests.conftest import TODAY, invoke

PARTIAL = """\
type: cpa
level: enhanced
service_user: {name: From The File, nhs_number: "999 000 0042"}
coordinator: {name: File Coordinator, organisation: Westbridge CMHT}
"""


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(git_repo)
    (git_repo / "intake.yaml").write_text(PARTIAL)
    return git_repo


def test_options_win_over_the_file(runner: CliRunner, repo: Path) -> None:
    code, out, err = invoke(
        runner, "new", "--no-input", "--from-file", "intake.yaml", "--level", "non-cpa",
        "--name", "From An Option", "--coordinator", "Option Coordinator", "--today", TODAY,
    )  # fmt: skip
    assert (code, err) == (0, ""), out
    plan = read_plan_file(repo / "plans" / "CP-000001.yaml").data
    assert isinstance(plan, dict)
    assert (plan["level"], plan["service_user"], plan["coordinator"]) == (
        "non-cpa",
        {"name": "From An Option", "nhs_number": "999 000 0042"},
        {"name": "Option Coordinator", "role": "care-coordinator",
         "organisation": "Westbridge CMHT"},
    )  # fmt: skip
