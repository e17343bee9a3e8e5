"""``careplan init``, the pre-commit hook (run for real) and ``validate --changed-since``."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from tests.conftest import AUTHOR, EXAMPLES, TODAY, git, invoke


def test_init_creates_then_keeps(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "team"
    code, out, _ = invoke(runner, "init", str(target))
    assert code == 0
    assert [line.split() for line in out.splitlines()] == [
        ["created", ".git"],
        ["created", "plans/"],
        ["created", "careplan.toml"],
        ["created", ".pre-commit-config.yaml"],
        ["created", ".github/workflows/careplan.yml"],
        ["created", "README.md"],
        ["created", "schemas/careplan.schema.json"],
        ["created", "plans/.gitkeep"],
        ["created", ".gitattributes"],
        ["configured", "git", "config", "diff.careplan.command"],
        ["configured", "config", "core.commitGraph", "true"],
        ["configured", "config", "fetch.writeCommitGraph", "true"],
        ["unsaved", "(git", "does", "not", "know", "who", "you", "are:", "set", "user.name",
         "and", "user.email)"],
    ]  # fmt: skip
    (target / "README.md").write_text("our own readme\n")
    (target / ".gitattributes").write_text("*.png binary")
    code, out, _ = invoke(runner, "init", str(target))
    assert code == 0 and "created" not in out
    assert "completed  .gitattributes" in out
    assert (target / "README.md").read_text() == "our own readme\n"
    assert (
        target / ".gitattributes"
    ).read_text() == "*.png binary\nplans/**/*.yaml diff=careplan\n"
    assert git(target, "config", "--get", "diff.careplan.command") == "careplan git-diff-driver\n"


def test_init_commits_what_it_made_inside_an_existing_repository(
    runner: CliRunner, git_repo: Path
) -> None:
    (git_repo / "notes.txt").write_text("staged, not part of the set-up\n")
    git(git_repo, "add", "notes.txt")
    code, out, _ = invoke(runner, "init", str(git_repo / "team"))
    assert code == 0 and ".git" not in [line.split()[-1] for line in out.splitlines()]
    assert not (git_repo / "team" / ".git").exists()  # never a repository inside another
    assert out.splitlines()[-1].strip().endswith(": Set up the plan repository (careplan init)")
    files = git(git_repo, "show", "--name-only", "--format=", "HEAD").split()
    assert "team/careplan.toml" in files and "notes.txt" not in files
    assert git(git_repo, "status", "--porcelain") == "A  notes.txt\n"
    code, out, _ = invoke(runner, "init", str(git_repo / "team"))
    assert out.splitlines()[-1].split() == ["kept", "(nothing", "new", "to", "commit)"]


def test_init_upgrade_refreshes_the_schema_copy(runner: CliRunner, git_repo: Path) -> None:
    assert invoke(runner, "init", str(git_repo))[0] == 0
    copy = git_repo / "schemas" / "careplan.schema.json"
    copy.write_text("{}\n")
    git(git_repo, "commit", "-q", "-am", "An old schema")
    code, out, _ = invoke(runner, "init", "--upgrade", str(git_repo))
    assert code == 0 and "   updated  schemas/careplan.schema.json" in out
    assert copy.read_text() != "{}\n"
    assert git(git_repo, "log", "-1", "--format=%s") == (
        "Set up the plan repository (careplan init)\n"
    )


def test_init_config_is_valid_and_all_commented(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke(runner, "init", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke(runner, "config")
    assert code == 0 and "# from default" in out and f"{tmp_path}/careplan.toml" in out
    assert invoke(runner, "validate") == (0, "No plan files found.\n", "")


@pytest.mark.skipif(
    shutil.which("pre-commit") is None
    and not (Path(sys.executable).parent / "pre-commit").exists(),
    reason="pre-commit is not installed",
)
def test_real_pre_commit_hook_blocks_a_broken_plan(runner: CliRunner, tmp_path: Path) -> None:
    """init a repository, commit the examples through the real hook, then the CI command."""
    repo = tmp_path / "team"
    assert invoke(runner, "init", str(repo))[0] == 0
    # The hook is a local one: it runs the careplan installed where git runs (this one).
    search = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, **AUTHOR, "PATH": search}
    pre_commit = str(Path(sys.executable).parent / "pre-commit")
    if not Path(pre_commit).exists():
        pre_commit = "pre-commit"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args), cwd=repo, env=env, capture_output=True, text=True, timeout=600
        )

    assert run(pre_commit, "install").returncode == 0
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, repo / "plans")
    git(repo, "add", ".")
    good = run("git", "commit", "-m", "Add plans")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "careplan validate" in good.stdout + good.stderr
    head = git(repo, "rev-parse", "HEAD")

    broken = repo / "plans" / "CP-000101.yaml"
    broken.write_text(broken.read_text().replace('"999 000 0018"', '"999 000 0019"'))
    git(repo, "add", ".")
    bad = run("git", "commit", "-m", "Change NHS number")
    assert bad.returncode == 1
    assert re.search(r"plans/CP-000101\.yaml:\d+:\d+: CP401 service user, NHS number", bad.stderr)
    assert "999 000 0019" not in bad.stdout + bad.stderr
    assert git(repo, "rev-parse", "HEAD") == head

    workflow = YAML(typ="safe").load((repo / ".github/workflows/careplan.yml").read_text())
    command = next(
        step["run"]
        for step in workflow["jobs"]["validate"]["steps"]
        if "careplan validate" in step.get("run", "")
    )
    git(repo, "reset", "-q", "--hard")
    argv = [sys.executable, "-m", "careplan_cli", *shlex.split(command)[1:], "--today", TODAY]
    ci = subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True)
    assert (ci.returncode, ci.stdout) == (0, "")


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("CP-000101.yaml", "CP-000102.yaml", "DA-000301.yaml"):
        shutil.copy(EXAMPLES / name, git_repo / "plans")
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Plans")
    monkeypatch.chdir(git_repo)
    return git_repo


def test_changed_since_checks_only_changed_plans(runner: CliRunner, repo: Path) -> None:
    assert invoke(runner, "validate", "--changed-since", "HEAD") == (
        0,
        "No plan files found.\n",
        "",
    )
    plan = repo / "plans" / "CP-000102.yaml"
    plan.write_text(plan.read_text().replace("level: enhanced", "level: complex"))
    shutil.copy(EXAMPLES / "SC-000201.yaml", repo / "plans")  # untracked
    git(repo, "mv", "plans/DA-000301.yaml", "plans/DA-000301.yml")  # a rename
    code, out, _ = invoke(runner, "validate", "--changed-since", "HEAD", "--today", TODAY)
    assert (code, out) == (0, "3 files checked: all valid.\n")


def test_changed_config_means_everything(runner: CliRunner, repo: Path) -> None:
    (repo / "careplan.toml").write_text("# policy\n")
    assert invoke(runner, "validate", "--changed-since", "HEAD", "--today", TODAY) == (
        0,
        "3 files checked: all valid.\n",
        "",
    )


def test_changed_since_bad_revision(runner: CliRunner, repo: Path) -> None:
    code, _, err = invoke(runner, "validate", "--changed-since", "nosuch")
    assert code == 2 and "does not name a commit" in err


def test_changed_since_in_a_shallow_clone(
    runner: CliRunner, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "x.txt").write_text("x")
    git(repo, "add", "x.txt")
    git(repo, "commit", "-q", "-m", "Second")
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    monkeypatch.chdir(clone)
    code, _, err = invoke(runner, "validate", "--changed-since", "HEAD~1")
    assert code == 2 and "is not in this shallow clone" in err and "fetch-depth: 0" in err
