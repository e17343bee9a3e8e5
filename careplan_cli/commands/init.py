"""Setting up a plan repository: the core of ``careplan init``.

Makes what is missing and never overwrites what is there, so running it again is harmless.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careplan_cli.adapters import gitcli, gitio
from careplan_cli.adapters.config import CONFIG_NAME
from careplan_cli.adapters.configkeys import KEYS
from careplan_cli.adapters.files import atomic_write, create_exclusive
from careplan_cli.commands.initroot import hook_files
from careplan_cli.errors import RefusedError, UsageError
from careplan_cli.plan.repofiles import PRE_COMMIT, WORKFLOW
from careplan_cli.plan.schema import schema_path
from careplan_cli.plan.source import SourceError, read_source
from careplan_cli.report.settings import toml_value

ATTRIBUTES_LINE = "plans/**/*.yaml diff=careplan"
DRIVER = "careplan git-diff-driver"

TEAM_README = """\
# Care plans

One plan per file in `plans/`, checked by [careplan](https://github.com/careplan-dev/careplan).

    careplan new                      # write a new plan (asks what it needs)
    careplan review CP-000123         # record a review; sets the next review date
    careplan due                      # reviews overdue or due in the next two weeks
    careplan validate                 # check every plan
    careplan diff CP-000123 HEAD~1    # what changed, in care-planning terms

Plans hold personal data: keep this repository private, and share copies only as the
plan's information-sharing agreements allow. Local policy lives in `careplan.toml`.
"""


def config_template() -> str:
    lines = ["# careplan configuration: values shown are the defaults; uncomment to change.", ""]
    for key, (default, description) in KEYS.items():
        lines.append(f"# {description}")
        # The policy is written out, so that a later change of careplan's default policy
        # never changes what this repository checks.
        commented = "" if key == "policy" else "# "
        lines.append(f"{commented}{key} = {toml_value(default)}")
        lines.append("")
    return "\n".join(lines)


CHANGED = ("created", "completed", "updated")


@dataclass(frozen=True)
class Step:
    path: str  # from the directory set up
    action: str  # "created", "completed", "kept", "configured", "skipped"
    note: str = ""


def init_repository(directory: Path, *, upgrade: bool = False) -> list[Step]:
    """Create (or complete) a plan repository in ``directory`` and commit what it made; report
    each step. Inside an existing repository it sets up there (never a nested ``.git``);
    ``upgrade`` refreshes the copy of the schema after careplan itself was upgraded.
    Something in the way (``plans`` a file, ``careplan.toml`` a directory, ``directory``
    itself a file) is a usage error, found before anything is made."""
    _check_layout(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{directory}: cannot make the directory: {exc.strerror}") from None
    steps: list[Step] = []
    repo = gitio.find_repo(directory)
    if repo is None:
        repo = gitio.init_repo(directory)
        steps.append(Step(".git", "created"))
    plans = directory / "plans"
    steps.append(Step("plans/", "kept" if plans.is_dir() else "created"))
    plans.mkdir(exist_ok=True)
    top = gitio.work_tree(repo)
    at_root = directory.resolve() == top
    files = {
        CONFIG_NAME: config_template(),
        **({".pre-commit-config.yaml": PRE_COMMIT} if at_root else {}),
        **({".github/workflows/careplan.yml": WORKFLOW} if at_root else {}),
        "README.md": TEAM_README,
        "schemas/careplan.schema.json": schema_path().read_text(encoding="utf-8"),
        "plans/.gitkeep": "",
    }
    for name, text in files.items():
        steps.append(Step(name, _write_if_missing(directory / name, text)))
    if not at_root:  # pre-commit and GitHub read their files only at the root
        for hook in hook_files(top, directory):
            steps.append(Step(os.path.relpath(hook.path, directory), hook.action, hook.note))
    steps.append(
        Step(".gitattributes", _ensure_line(directory / ".gitattributes", ATTRIBUTES_LINE))
    )
    if upgrade:
        steps.append(_refresh(directory / "schemas/careplan.schema.json", files))
    configured = gitio.ensure_config(repo, "diff.careplan.command", DRIVER)
    steps.append(Step("git config diff.careplan.command", "configured" if configured else "kept"))
    # History at git's speed: commit-graph with changed-path Bloom filters (careplan log).
    for step, done in gitcli.enable_commit_graph(gitio.work_tree(repo)):
        steps.append(Step(step.removeprefix("git "), "configured" if done else "failed"))
    steps.append(_commit(repo, directory, steps))
    return steps


DIRECTORIES = ("", "plans", ".github", ".github/workflows", "schemas")
FILES = (
    CONFIG_NAME,
    ".pre-commit-config.yaml",
    ".github/workflows/careplan.yml",
    "README.md",
    "schemas/careplan.schema.json",
    "plans/.gitkeep",
    ".gitattributes",
    ".gitignore",
)


def _check_layout(directory: Path) -> None:
    for name in (*DIRECTORIES[1:], *FILES):
        if (directory / name).is_symlink():
            raise RefusedError(
                f"{directory / name} is a symbolic link; careplan init writes only real files "
                "and directories of the repository, never through a link"
            )
    for name in DIRECTORIES:
        path = directory / name
        if (path.exists() or path.is_symlink()) and not path.is_dir():
            raise UsageError(
                f"{path} exists and is not a directory; move it aside, then run careplan init"
            )
    for name in FILES:
        path = directory / name
        if path.is_dir():
            raise UsageError(
                f"{path} exists and is a directory; move it aside, then run careplan init"
            )


def _refresh(path: Path, files: dict[str, str]) -> Step:
    text = files["schemas/careplan.schema.json"]
    if _read(path) == text:
        return Step("schemas/careplan.schema.json", "current")
    atomic_write(path, text, path.parent)
    return Step("schemas/careplan.schema.json", "updated")


def _read(path: Path) -> str:
    """A small text file of the repository's, read as plans are (bounded, never a FIFO)."""
    try:
        return read_source(path).decode("utf-8")
    except (SourceError, UnicodeDecodeError):
        raise UsageError(f"{path}: cannot be read as a text file; move it aside") from None


def _commit(repo: Any, directory: Path, steps: list[Step]) -> Step:
    """Commit the files this run made or changed, alone."""
    made = [directory / s.path for s in steps if s.action in CHANGED and s.path[-1] != "/"]
    changed = [path for path in made if gitio.has_uncommitted_changes(repo, path)]
    if not changed:
        return Step("(nothing new to commit)", "kept")
    if gitio.identity_name(repo) is None:
        return Step("(git does not know who you are: set user.name and user.email)", "unsaved")
    message = "Set up the plan repository (careplan init)"
    sha = gitio.commit_files(repo, changed, message)
    return Step(f"{sha[:8]}: {message}", "committed")


def _write_if_missing(path: Path, text: str) -> str:
    if path.exists() or path.is_symlink():
        return "kept"
    path.parent.mkdir(parents=True, exist_ok=True)
    create_exclusive(path, text, path.parent)
    return "created"


def _ensure_line(path: Path, line: str) -> str:
    if not (path.exists() or path.is_symlink()):
        create_exclusive(path, line + "\n", path.parent)
        return "created"
    text = _read(path)
    if line in text.splitlines():
        return "kept"
    atomic_write(
        path, text + ("" if text.endswith("\n") or not text else "\n") + line + "\n", path.parent
    )
    return "completed"
