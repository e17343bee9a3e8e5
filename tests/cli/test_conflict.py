"""An add/add conflict in a real merge: two people given one id are never merged."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.plan.conflict import conflict_sides, different_people
from tests.conftest import AUTHOR, EXAMPLES, TODAY, git, invoke

ADVICE = "different people given the same id: never merge them into one plan"


def plan_for(name: str, nhs: str) -> str:
    text = (EXAMPLES / "CP-000101.yaml").read_text().replace("CP-000101", "CP-000105")
    data_name = next(
        line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("  name:")
    )
    return text.replace(data_name, name, 1).replace('"999 000 0018"', f'"{nhs}"')


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(git_repo)
    (git_repo / "README").write_text("plans\n")
    git(git_repo, "add", "README")
    git(git_repo, "commit", "-q", "-m", "Start")
    return git_repo


def merge_two(repo: Path, ours: str, theirs: str) -> None:
    git(repo, "checkout", "-q", "-b", "other")
    (repo / "plans").mkdir(exist_ok=True)
    (repo / "plans" / "CP-000105.yaml").write_text(theirs)
    git(repo, "add", "plans")
    git(repo, "commit", "-q", "-m", "Create care plan CP-000105")
    git(repo, "checkout", "-q", "main")
    (repo / "plans").mkdir(exist_ok=True)
    (repo / "plans" / "CP-000105.yaml").write_text(ours)
    git(repo, "add", "plans")
    git(repo, "commit", "-q", "-m", "Create care plan CP-000105")
    merged = subprocess.run(
        ["git", "merge", "other"], cwd=repo, capture_output=True, text=True,
        env={**os.environ, **AUTHOR},
    )  # fmt: skip
    assert "CONFLICT (add/add)" in merged.stdout  # a real add/add conflict


def test_two_different_people_are_named_as_such(runner: CliRunner, repo: Path) -> None:
    merge_two(repo, plan_for("Ann Archer", "999 000 0018"), plan_for("Bo Bright", "999 000 0026"))
    code, out, _ = invoke(runner, "validate", "--today", TODAY, "plans/CP-000105.yaml")
    assert code == 1
    assert "CP011" in out and ADVICE in out and "careplan renumber CP-000105 NEW-ID" in out
    assert "Ann Archer" not in out and "Bo Bright" not in out


def test_one_person_edited_on_both_sides_gets_the_usual_advice(
    runner: CliRunner, repo: Path
) -> None:
    one = plan_for("Ann Archer", "999 000 0018")
    merge_two(repo, one.replace("\nschema_version: 2\n", "\nschema_version: 2\n# ours\n"), one)
    code, out, _ = invoke(runner, "validate", "--today", TODAY, "plans/CP-000105.yaml")
    assert code == 1 and "CP011" in out and ADVICE not in out


def test_sides_of_a_diff3_conflict() -> None:
    text = "a: 1\n<<<<<<< ours\nb: 2\n||||||| base\nb: 0\n=======\nb: 3\n>>>>>>> theirs\nc: 4\n"
    assert conflict_sides(text) == ("a: 1\nb: 2\nc: 4\n", "a: 1\nb: 3\nc: 4\n")
    assert conflict_sides("a: 1\n<<<<<<< ours\nb: 2\n") is None


def test_people_compared_by_nhs_number_then_name_and_birth() -> None:
    def plan(**user: str) -> dict[str, object]:
        return {"service_user": user}

    assert different_people(plan(nhs_number="999 000 0018"), plan(nhs_number="9990000026"))
    assert not different_people(plan(nhs_number="999 000 0018"), plan(nhs_number="9990000018"))
    assert different_people(plan(name="A B"), plan(name="C D"))
    assert not different_people(plan(name="A  B"), plan(name="a b"))
    assert not different_people(None, plan(name="A"))
