"""``careplan init`` in a sub-folder of a repository: pre-commit's and GitHub's files go to the
repository root (the only place they are read), pointing at the sub-folder's plans; a file
already there is left alone, and init says so."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from tests.cli.plan_repo import run
from tests.conftest import AUTHOR, EXAMPLES, TODAY, git, invoke

ROOT_FILES = (".pre-commit-config.yaml", ".github/workflows/careplan.yml")
PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")


def _lines(out: str) -> dict[str, list[str]]:
    """init's report as {path: [action, note words...]}."""
    steps = {}
    for line in out.splitlines():
        action, path, *note = line.split()
        steps[path] = [action, *note]
    return steps


def test_the_hooks_go_to_the_repository_root(runner: CliRunner, git_repo: Path) -> None:
    code, out, err = invoke(runner, "init", str(git_repo / "north-team"))
    assert (code, err) == (0, "")
    steps = _lines(out)
    for name in ROOT_FILES:
        assert (git_repo / name).is_file(), name
        assert not (git_repo / "north-team" / name).exists(), name
        assert steps[f"../{name}"][0] == "created"
        assert " ".join(steps[f"../{name}"][1:]) == (
            "(at the repository root, where it is read; for north-team/plans)"
        )
    committed = git(git_repo, "show", "--name-only", "--format=", "HEAD").split()
    assert {*ROOT_FILES, "north-team/careplan.toml", "north-team/plans/.gitkeep"} <= set(committed)
    assert git(git_repo, "status", "--porcelain") == ""
    code, out, _ = invoke(runner, "init", str(git_repo / "north-team"))  # again: all kept
    assert code == 0 and [_lines(out)[f"../{n}"][0] for n in ROOT_FILES] == ["kept", "kept"]
    assert out.splitlines()[-1].split() == ["kept", "(nothing", "new", "to", "commit)"]


def test_a_file_already_at_the_root_is_left_and_named(runner: CliRunner, git_repo: Path) -> None:
    ours = "repos: []  # the repository's own hooks\n"
    (git_repo / ".pre-commit-config.yaml").write_text(ours)
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Own hooks")
    code, out, _ = run(git_repo, "init", "north-team")  # a real process
    assert code == 0
    step = _lines(out)["../.pre-commit-config.yaml"]
    assert step[0] == "skipped"
    assert " ".join(step[1:]) == (
        "(the repository root has its own: add careplan's hook for north-team/plans to it "
        "by hand, see the README's Plan repositories)"
    )
    assert (git_repo / ".pre-commit-config.yaml").read_text() == ours
    assert not (git_repo / "north-team" / ".pre-commit-config.yaml").exists()
    assert _lines(out)["../.github/workflows/careplan.yml"][0] == "created"


def test_a_link_at_the_root_is_never_written_through(
    runner: CliRunner, git_repo: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (git_repo / ".github").symlink_to(elsewhere)
    code, out, _ = invoke(runner, "init", str(git_repo / "north-team"))
    assert code == 0 and _lines(out)["../.github/workflows/careplan.yml"][0] == "skipped"
    assert list(elsewhere.iterdir()) == []


def test_a_folder_name_a_shell_would_misread_is_left_to_a_person(
    runner: CliRunner, git_repo: Path
) -> None:
    code, out, _ = invoke(runner, "init", str(git_repo / "north team"))
    assert code == 0
    for name in ROOT_FILES:
        assert _lines(out)[f"../{name}"][0] == "skipped"
        assert not (git_repo / name).exists()


def _environment() -> dict[str, str]:
    search = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return {**os.environ, **AUTHOR, "PATH": search}


@pytest.mark.skipif(not Path(PRE_COMMIT).exists(), reason="pre-commit is not installed")
def test_the_root_hook_checks_the_folders_plans_with_its_settings(git_repo: Path) -> None:
    """The real pre-commit, installed at the root, blocks a broken plan in the sub-folder, and
    careplan runs with the sub-folder's careplan.toml (a rule switched off there stays off)."""
    assert run(git_repo, "init", "team/north")[0] == 0
    folder = git_repo / "team" / "north"
    with (folder / "careplan.toml").open("a") as config:
        config.write('\n[rules]\nCP309 = "error"\n')  # review_triggers: an error here only
    env = _environment()

    def sh(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=git_repo, env=env, capture_output=True, text=True)

    assert sh(PRE_COMMIT, "install").returncode == 0
    shutil.copy(EXAMPLES / "CP-000101.yaml", folder / "plans")
    git(git_repo, "add", ".")
    good = sh("git", "commit", "-m", "Add a plan")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "careplan validate (team/north)" in good.stdout + good.stderr
    plan = folder / "plans" / "CP-000101.yaml"
    plan.write_text(
        re.sub(r"review_triggers:\n(  - .*\n)+", "review_triggers: []\n", plan.read_text())
    )
    git(git_repo, "add", ".")
    bad = sh("git", "commit", "-m", "No triggers")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "plans/CP-000101.yaml:" in bad.stdout + bad.stderr
    said = bad.stdout + bad.stderr
    assert "CP309" in said and "1 invalid, 1 error" in said  # team/north's careplan.toml read


def test_the_root_workflow_runs_in_the_folder_and_names_files_from_the_root(
    git_repo: Path,
) -> None:
    assert run(git_repo, "init", "north-team")[0] == 0
    folder = git_repo / "north-team"
    broken = EXAMPLES.joinpath("CP-000101.yaml").read_text().replace("0018", "0019")
    (folder / "plans" / "CP-000101.yaml").write_text(broken)
    workflow = YAML(typ="safe").load((git_repo / ".github/workflows/careplan.yml").read_text())
    job = workflow["jobs"]["validate"]
    cwd = git_repo / job["defaults"]["run"]["working-directory"]
    (command,) = [s["run"] for s in job["steps"] if "careplan validate" in s.get("run", "")]
    env = {**_environment(), "GITHUB_WORKSPACE": str(git_repo)}
    shell = ["bash", "-e", "-c", f"{command} --today {TODAY}"]
    ci = subprocess.run(shell, cwd=cwd, env=env, capture_output=True, text=True)
    assert ci.returncode == 1, ci.stderr
    # The runner makes a path inside the workspace relative to the repository root.
    assert f"::error file={git_repo}/north-team/plans/CP-000101.yaml,line=" in ci.stdout


def test_the_readme_shows_the_hook_init_writes_for_a_sub_folder() -> None:
    from careplan_cli.plan.repofiles import pre_commit_config
    from tests.conftest import ROOT

    hook = pre_commit_config("team/north").split("    hooks:\n", 1)[1]
    assert hook in (ROOT / "README.md").read_text(encoding="utf-8")
