"""The GitPython side of careplan's git: find the repository, who you are, stage and commit.

This is the only module that imports GitPython (imported inside each function, so that
commands which never touch a repository do not pay for it). Reading history -- ``git log``,
``git cat-file --batch``, trees at a past date -- goes through git's own processes in
:mod:`careplan_cli.adapters.gitcli` instead: GitPython is slow to import and parses trees in
Python.

User text (paths, revisions, messages) never reaches git where it could be read as an
option: paths follow ``--``, revisions are checked by :func:`resolve_revision` first, and
messages go in as the argument of ``-m``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from careplan_cli.adapters.gitcli import in_real_directory
from careplan_cli.errors import CareplanError, UsageError

if TYPE_CHECKING:
    from git import Repo


class GitError(CareplanError):
    """A git operation failed in a way the user must sort out (exit 2)."""


def find_repo(path: Path) -> Repo | None:
    """The repository that contains ``path``, or None outside any repository."""
    from git import InvalidGitRepositoryError, NoSuchPathError, Repo

    start = in_real_directory(path)
    while not start.is_dir():  # a file, or a plan directory not made yet
        start = start.parent
    try:
        return Repo(start, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError):
        return None


def _relative(repo: Repo, path: Path) -> str:
    root = Path(repo.working_tree_dir or ".").resolve()
    try:
        return in_real_directory(path).relative_to(root).as_posix()
    except ValueError:
        raise UsageError(f"{path} is not inside the repository at {root}") from None


def require_identity(repo: Repo) -> str:
    """The author git will record (``Name <email>``); a usage error saying how to set one."""
    from git import GitCommandError

    try:
        ident: str = repo.git.var("GIT_AUTHOR_IDENT")
    except GitCommandError:
        raise GitError(
            "git does not know who you are, so the change cannot be committed in your name.\n"
            '  git config --global user.name "Your Name"\n'
            '  git config --global user.email "you@example.org"\n'
            "then run the command again (or use --no-commit)."
        ) from None
    return ident.rsplit(">", 1)[0] + ">"


def identity_name(repo: Repo | None) -> str | None:
    """The name git records as author (for "by" in a plan's history), or None if unknown."""
    from git import GitCommandError

    if repo is None:
        return None
    try:
        ident: str = repo.git.var("GIT_AUTHOR_IDENT")
    except GitCommandError:
        return None
    return ident.split("<", 1)[0].strip() or None


def names_on_branches(repo: Repo, directory: Path) -> set[str]:
    """File names in ``directory`` on every local and remote-tracking branch (one git call
    per branch; directories git does not know give nothing)."""
    from git import GitCommandError

    try:
        rel = _relative(repo, directory)
    except UsageError:
        return set()
    refs: str = repo.git.for_each_ref("--format=%(objectname)", "refs/heads", "refs/remotes")
    names: set[str] = set()
    for sha in dict.fromkeys(refs.split()):
        try:
            listed: str = repo.git.ls_tree("--name-only", sha, "--", f"{rel}/")
        except GitCommandError:
            continue
        names.update(line.rsplit("/", 1)[-1] for line in listed.splitlines() if line)
    return names


def has_uncommitted_changes(repo: Repo, path: Path) -> bool:
    """True when ``path`` differs from HEAD in the index or the working tree, or is untracked."""
    rel = _relative(repo, path)
    status: str = repo.git.status("--porcelain", "--untracked-files=all", "--", rel)
    return bool(status.strip())


def git_dir(repo: Repo) -> Path:
    """The repository's own directory (``.git``), where careplan keeps its scratch files."""
    return Path(repo.git_dir)


def work_tree(repo: Repo) -> Path:
    return Path(repo.working_tree_dir or ".").resolve()


def commit_file(repo: Repo, path: Path, message: str) -> str:
    """Commit ``path`` alone; anything else staged stays staged and out of the commit."""
    return commit_files(repo, [path], message)


INDEX_LOCK_WAIT_SECONDS = 30.0


def commit_files(repo: Repo, paths: list[Path], message: str) -> str:
    """Commit exactly ``paths`` (added, changed or removed) in one commit; anything else
    staged stays staged and out of it.

    Another git process holding the index (``index.lock``) is waited for, never removed:
    the add and the commit are retried until it is released or the wait runs out.
    """
    rels = [_relative(repo, path) for path in paths]
    _retry_on_index_lock(lambda: repo.git.add("-A", "--", *rels))
    _retry_on_index_lock(
        lambda: repo.git.commit("--only", "--no-verify", "-q", "-m", message, "--", *rels)
    )
    sha: str = repo.head.commit.hexsha
    return sha


def _retry_on_index_lock(run: Callable[[], object]) -> None:
    import random
    import time

    from git import GitCommandError

    deadline = time.monotonic() + INDEX_LOCK_WAIT_SECONDS
    pause = 0.02
    while True:
        try:
            run()
            return
        except GitCommandError as exc:
            busy = "index.lock" in str(exc.stderr)
            if not busy or time.monotonic() >= deadline:
                raise GitError(
                    "git could not record the change: "
                    + (str(exc.stderr).strip().splitlines() or ["unknown error"])[-1]
                    + "; the plan is written but not committed (commit it with git)"
                ) from None
        time.sleep(pause * (1 + random.random()))
        pause = min(pause * 2, 0.5)


def plain_diff(old: Path, new: Path) -> str:
    """git's own line-by-line diff of two files (``/dev/null`` for a missing one)."""
    from git import Git

    command = ["git", "diff", "--no-index", "--no-ext-diff", "--no-color", "--", str(old), str(new)]
    # exit 1 means they differ; anything else leaves no diff to show
    _, out, _ = Git().execute(command, with_extended_output=True, with_exceptions=False)
    return f"{out}\n" if out else ""


def resolve_revision(repo: Repo, revision: str) -> str:
    """The commit a user-given revision names; a usage error if it is not one."""
    from git import BadName, GitCommandError

    if revision.startswith("-") or not revision.strip():
        raise UsageError(f"revision {revision!r} is not valid (it must not start with '-')")
    try:
        sha: str = repo.git.rev_parse(
            "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
        )
    except (GitCommandError, BadName):
        raise UsageError(
            f"revision {revision!r} does not name a commit in this repository"
        ) from None
    return sha


def init_repo(directory: Path) -> Repo:
    from git import Repo

    return Repo.init(directory)


def ensure_config(repo: Repo, key: str, value: str) -> bool:
    """Set a repository-local config value unless one is set; True if it was set now."""
    from git import GitCommandError

    try:
        repo.git.config("--local", "--get", key)
        return False
    except GitCommandError:
        repo.git.config("--local", key, value)
        return True


def changed_files(repo: Repo, sha: str) -> list[Path]:
    """Files added, modified, renamed or copied since ``sha``, working tree and untracked
    files included, as absolute paths."""
    root = Path(repo.working_tree_dir or ".")
    # -z: names as they are, not C-quoted (git quotes non-ASCII and odd names otherwise)
    changed: str = repo.git.diff(
        "-z", "--name-only", "--diff-filter=AMRC", "--no-ext-diff", sha, "--"
    )
    untracked: str = repo.git.ls_files("-z", "--others", "--exclude-standard")
    names = [n for n in (changed + "\0" + untracked).split("\0") if n]
    return [root / name for name in dict.fromkeys(names)]


def is_shallow(repo: Repo) -> bool:
    answer: str = repo.git.rev_parse("--is-shallow-repository")
    return answer.strip() == "true"
