"""``careplan new``: late entry (--created), and ids that no other branch has taken."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import TODAY, git, invoke

NEW = ("new", "--no-input", "--type", "cpa", "--level", "standard", "--name", "A Person",
       "--coordinator", "Tom Adeyemi", "--today", TODAY)  # fmt: skip


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(git_repo)
    (git_repo / "README").write_text("plans\n")
    git(git_repo, "add", "README")
    git(git_repo, "commit", "-q", "-m", "Start")
    return git_repo


def test_created_for_late_entry_and_the_start_follows_it(runner: CliRunner, repo: Path) -> None:
    code, _, err = invoke(runner, *NEW, "--created", "2026-10-01")
    assert (code, err) == (0, "")
    text = (repo / "plans" / "CP-000001.yaml").read_text()
    assert "\ncreated: 2026-10-01\nstart: 2026-10-01\n" in text
    assert "\nnext_review: 2027-04-01\n" in text


def test_a_bad_created_date_is_a_usage_error(runner: CliRunner, repo: Path) -> None:
    code, _, err = invoke(runner, *NEW, "--created", "1 Oct")
    assert code == 2 and "--created must be a date" in err


def test_the_next_id_skips_ids_on_other_branches_and_remotes(runner: CliRunner, repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "colleague")
    (repo / "plans" / "CP-000007.yaml").write_text("id: CP-000007\n")
    git(repo, "add", "plans")
    git(repo, "commit", "-q", "-m", "Colleague's plan")
    git(repo, "checkout", "-q", "-b", "elsewhere", "main")
    (repo / "plans").mkdir(exist_ok=True)
    (repo / "plans" / "CP-000011.yaml").write_text("id: CP-000011\n")
    git(repo, "add", "plans")
    git(repo, "commit", "-q", "-m", "A plan pushed from another clone")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "checkout", "-q", "main")
    git(repo, "branch", "-q", "-D", "elsewhere")  # only the remote-tracking branch holds it
    (repo / "plans").mkdir(exist_ok=True)
    assert not list((repo / "plans").iterdir())
    code, out, err = invoke(runner, *NEW)
    assert (code, err) == (0, "")
    assert out.startswith("Created plans/CP-000012.yaml (draft)")
