"""Every git operation careplan performs, and the only module that imports GitPython.

User text (paths, revisions, messages) never reaches git where it could be read as an
option: paths follow ``--``, revisions are checked by :func:`resolve_revision` first, and
messages go in as the argument of ``-m``.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from careplan_cli.errors import CareplanError, UsageError

if TYPE_CHECKING:
    from git import Repo


class GitError(CareplanError):
    """A git operation failed in a way the user must sort out (exit 2)."""


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    date: str  # ISO 8601 author date
    author: str
    message: str
    path: str  # the file's path in this commit (it may have been renamed since)
    blob: str | None = None  # the file's object id after this commit (None: deleted, or unknown)


def find_repo(path: Path) -> Repo | None:
    """The repository that contains ``path``, or None outside any repository."""
    from git import InvalidGitRepositoryError, NoSuchPathError, Repo

    start = _in_real_directory(path)
    while not start.is_dir():  # a file, or a plan directory not made yet
        start = start.parent
    try:
        return Repo(start, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError):
        return None


def _in_real_directory(path: Path) -> Path:
    """``path`` with its directories' links resolved but not the file's own: git tracks a
    link itself, wherever it points."""
    absolute = path.absolute()
    return absolute.parent.resolve() / absolute.name


def _relative(repo: Repo, path: Path) -> str:
    root = Path(repo.working_tree_dir or ".").resolve()
    try:
        return _in_real_directory(path).relative_to(root).as_posix()
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


# -- history through git's own commands (subprocess): path-limited, one blob stream --------


def _git(root: Path, *args: str) -> str | None:
    """Run git in ``root`` with an argument list (never a shell); its output, or None."""
    argv = ["git", "-C", str(root), "-c", "core.quotePath=false", *args]
    done = subprocess.run(argv, capture_output=True, check=False)
    return done.stdout.decode("utf-8", "surrogateescape") if done.returncode == 0 else None


def find_root(path: Path) -> Path | None:
    """The work tree around ``path``, asked of git itself (no GitPython), or None."""
    start = _in_real_directory(path)
    while not start.is_dir():
        start = start.parent
    out = _git(start, "rev-parse", "--show-toplevel")
    return Path(out.strip()).resolve() if out and out.strip() else None


def relative(root: Path, path: Path) -> str:
    """``path`` relative to the work tree ``root``, as git names it."""
    try:
        return _in_real_directory(path).relative_to(root).as_posix()
    except ValueError:
        raise UsageError(f"{path} is not inside the repository at {root}") from None


_RECORD = re.compile("\x1e(?=[0-9a-f]{40}\x1f)")  # a commit's record, not a stray \x1e
_ZERO = "0" * 40
_AHEAD = 8192  # bytes of requests written to cat-file ahead of its answers


def path_log(root: Path, rels: list[str], start: str = "HEAD") -> list[CommitInfo]:
    """Commits reachable from ``start`` that changed any of ``rels``, newest first, each with
    the path it changed and the object id of the file it left there (read by id, a blob
    costs git no walk down the commit's trees). Limited by path alone -- no rename or copy
    detection, which would show other plans' histories -- so git answers from its
    changed-path Bloom filters."""
    fmt = "--format=\x1e%H\x1f%aI\x1f%an\x1f%s"
    out = _git(root, "log", "--no-renames", "--raw", "--no-abbrev", "-z", fmt, start, "--", *rels)
    commits = []
    for chunk in _RECORD.split(out or "")[1:]:
        header, _, raw = chunk.partition("\0")
        sha, date, author, message = header.split("\x1f", 3)
        fields = raw.lstrip("\n").split("\0")
        # --raw -z: ":<mode> <mode> <old id> <new id> <status>", then the path
        name, blob = rels[0], None
        if len(fields) >= 2 and fields[0].startswith(":"):
            ids = fields[0].split()
            name = fields[1]
            blob = ids[3] if len(ids) == 5 and ids[3] != _ZERO else None  # deleted: none
        commits.append(CommitInfo(sha, date, author, message, name, blob))
    return commits


class BlobReader:
    """Files as they were at given revisions, read through one ``git cat-file --batch``
    process however many are asked for (not one process, or one tree parse, each)."""

    def __init__(self, root: Path, limit: int) -> None:
        self.root, self.limit = root, limit
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *_: object) -> None:
        if self._process is not None:
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    stream.close()
            self._process.wait()

    def read(self, revision: str, rel: str) -> bytes | None:
        """The bytes of ``rel`` at ``revision`` (at most ``limit + 1`` of them), or None when
        it did not exist there."""
        if "\n" in revision or "\n" in rel:
            return None
        return self.read_object(f"{revision}:{rel}")

    def read_version(self, commit: CommitInfo) -> bytes | None:
        """The file a :func:`path_log` entry left: by its object id when git gave one."""
        return self.read_object(commit.blob) if commit.blob else self.read(commit.sha, commit.path)

    def read_versions(self, commits: list[CommitInfo]) -> list[bytes | None]:
        """:meth:`read_version` of each, asked of git a batch at a time so that git works
        while the answers are read. A batch stays well under a pipe's buffer: git, blocked
        writing answers nobody reads yet, would otherwise stop reading the requests."""
        names = [c.blob if c.blob else f"{c.sha}:{c.path}" for c in commits]
        if any("\n" in name for name in names):
            return [self.read_version(c) for c in commits]
        found: list[bytes | None] = []
        batch: list[bytes] = []
        for index, name in enumerate(names):
            batch.append(f"{name}\n".encode("utf-8", "surrogateescape"))
            if index + 1 == len(names) or sum(map(len, batch)) + len(names[index + 1]) > _AHEAD:
                stdin, stdout = self._streams()
                stdin.write(b"".join(batch))
                stdin.flush()
                found += [self._answer(stdout) for _ in batch]
                batch = []
        return found

    def _streams(self) -> tuple[IO[bytes], IO[bytes]]:
        if self._process is None:
            argv = ["git", "-C", str(self.root), "cat-file", "--batch"]
            self._process = subprocess.Popen(
                argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None
        return stdin, stdout

    def _answer(self, stdout: IO[bytes]) -> bytes | None:
        header = stdout.readline().split()
        if len(header) != 3 or not header[2].isdigit():
            return None  # "<name> missing", "<name> ambiguous", or git has gone
        size = int(header[2])
        if header[1] != b"blob":
            _drain(stdout, size + 1)  # a tree or a commit: not a file
            return None
        data = stdout.read(min(size, self.limit + 1))
        _drain(stdout, size - len(data) + 1)  # the rest of a huge blob, and the newline
        return data

    def read_object(self, name: str) -> bytes | None:
        """The bytes of the blob git names ``name`` (an id, or ``REV:PATH``), or None."""
        if "\n" in name:
            return None
        stdin, stdout = self._streams()
        stdin.write(f"{name}\n".encode("utf-8", "surrogateescape"))
        stdin.flush()
        return self._answer(stdout)


def _drain(stream: IO[bytes], count: int) -> None:
    while count > 0:
        got = len(stream.read(min(count, 1 << 16)))
        if not got:
            return
        count -= got


def enable_commit_graph(root: Path) -> list[tuple[str, bool]]:
    """Turn on git's commit-graph with changed-path Bloom filters (kept by later writes from
    fetch and gc): each step, and whether it succeeded."""
    steps = [
        (f"git config {key} true", _git(root, "config", "--local", key, "true") is not None)
        for key in ("core.commitGraph", "fetch.writeCommitGraph")
    ]
    if _git(root, "rev-parse", "--verify", "--quiet", "HEAD") is not None:
        written = _git(root, "commit-graph", "write", "--reachable", "--changed-paths")
        steps.append(("git commit-graph write --reachable --changed-paths", written is not None))
    return steps


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


# -- Reading the plans as committed at a past date (careplan report --as-recorded, trends).
# Plain git subprocesses, kept apart from the GitPython calls above.

BLOB_BATCH = 1000


def _git_out(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    """git's standard output, or None when git fails (no repository, no commits)."""
    import subprocess

    done = subprocess.run(
        ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False
    )
    return done.stdout if done.returncode == 0 else None


def toplevel(path: Path) -> Path | None:
    """The work tree of the repository holding ``path``, or None outside any."""
    start = _in_real_directory(path)
    while not start.is_dir():
        start = start.parent
    out = _git_out(start, "rev-parse", "--show-toplevel")
    return Path(out.decode().strip()) if out else None


def commit_at_end_of(root: Path, day: str) -> str | None:
    """The last commit on HEAD committed by the end of ``day`` (ISO date, UTC), or None."""
    out = _git_out(root, "rev-list", "-1", f"--before={day}T23:59:59+00:00", "HEAD", "--")
    sha = out.decode().strip() if out else ""
    return sha or None


def tree_blobs(root: Path, sha: str, under: str) -> list[tuple[str, str]]:
    """(path, blob id) of every file under ``under`` (relative to the root) in commit ``sha``."""
    out = _git_out(root, "ls-tree", "-r", "-z", "--full-tree", sha, "--", under) or b""
    found = []
    for entry in out.split(b"\0"):
        meta, _, name = entry.partition(b"\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == b"blob":
            found.append((name.decode("utf-8", "surrogateescape"), parts[2].decode()))
    return found


def blob_bytes_by_id(root: Path, ids: list[str]) -> dict[str, bytes]:
    """The contents of blobs by id, through ``git cat-file --batch`` in batches."""
    contents: dict[str, bytes] = {}
    for start in range(0, len(ids), BLOB_BATCH):
        chunk = ids[start : start + BLOB_BATCH]
        out = _git_out(root, "cat-file", "--batch", stdin="".join(f"{i}\n" for i in chunk).encode())
        at = 0
        while out and at < len(out):
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) == 3:
                size = int(header[2])
                contents[header[0].decode()] = out[at : at + size]
                at += size + 1
    return contents
