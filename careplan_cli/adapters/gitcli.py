"""git's own command-line programs, run as subprocesses: the reads behind history and reports.

careplan talks to git through two modules. :mod:`careplan_cli.adapters.gitio` holds the
GitPython calls (find the repository, who you are, stage and commit) and is the only module
that imports GitPython. Reading history goes here instead: GitPython is slow to import and
parses trees in Python, while ``git log -- <path>`` answers from git's changed-path Bloom
filters and one ``git cat-file --batch`` process streams every blob asked for. This module
imports no GitPython at all.

Arguments are passed as a list (never a shell); paths follow ``--``.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from careplan_cli.errors import UsageError


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    date: str  # ISO 8601 author date
    author: str
    message: str
    path: str  # the file's path in this commit (it may have been renamed since)
    blob: str | None = None  # the file's object id after this commit (None: deleted, or unknown)


def in_real_directory(path: Path) -> Path:
    """``path`` with its directories' links resolved but not the file's own: git tracks a
    link itself, wherever it points."""
    absolute = path.absolute()
    return absolute.parent.resolve() / absolute.name


# -- history through git's own commands (subprocess): path-limited, one blob stream --------


def _git(root: Path, *args: str) -> str | None:
    """Run git in ``root`` with an argument list (never a shell); its output, or None."""
    argv = ["git", "-C", str(root), "-c", "core.quotePath=false", *args]
    done = subprocess.run(argv, capture_output=True, check=False)
    return done.stdout.decode("utf-8", "surrogateescape") if done.returncode == 0 else None


def find_root(path: Path) -> Path | None:
    """The work tree around ``path``, asked of git itself (no GitPython), or None."""
    start = in_real_directory(path)
    while not start.is_dir():
        start = start.parent
    out = _git(start, "rev-parse", "--show-toplevel")
    return Path(out.strip()).resolve() if out and out.strip() else None


def relative(root: Path, path: Path) -> str:
    """``path`` relative to the work tree ``root``, as git names it."""
    try:
        return in_real_directory(path).relative_to(root).as_posix()
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
        return self.read_object(f"{revision}:{rel}")

    def read_version(self, commit: CommitInfo) -> bytes | None:
        """The file a :func:`path_log` entry left: by its object id when git gave one."""
        return self.read_versions([commit])[0]

    def read_object(self, name: str) -> bytes | None:
        """The bytes of the blob git names ``name`` (an id, or ``REV:PATH``), or None."""
        return self._ask_each([name])[0]

    def read_versions(self, commits: list[CommitInfo]) -> list[bytes | None]:
        """:meth:`read_version` of each, asked of git in one stream."""
        return self._ask_each([c.blob or f"{c.sha}:{c.path}" for c in commits])

    def _ask_each(self, names: list[str]) -> list[bytes | None]:
        """The blobs ``names`` name, in order (None for one that names none, or holds a line
        break, which would end its request early). Requests go a batch at a time, so that git
        works while the answers are read; a batch stays well under a pipe's buffer, since
        git, blocked writing answers nobody reads yet, would stop reading the requests."""
        requests = [f"{n}\n".encode("utf-8", "surrogateescape") for n in names if "\n" not in n]
        answers: list[bytes | None] = []
        start, size = 0, 0
        for end, request in enumerate(requests, 1):
            size += len(request)
            if end == len(requests) or size + len(requests[end]) > _AHEAD:
                stdin, stdout = self._streams()
                stdin.write(b"".join(requests[start:end]))
                stdin.flush()
                answers += [self._answer(stdout) for _ in range(end - start)]
                start, size = end, 0
        found = iter(answers)
        return [None if "\n" in n else next(found) for n in names]

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


# -- Reading the plans as committed at a past date (careplan report --as-recorded, trends).

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
    start = in_real_directory(path)
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
