"""Reading a file that may be hostile: the one way careplan reads plans and other inputs.

Every plan file, ``--from-file`` input and ``diff`` input is read by :func:`read_source`. It
never blocks, never reads more than the limit, and never follows a link it was not allowed
to: it opens with ``O_NONBLOCK`` (opening a FIFO for reading would otherwise wait for a
writer) and ``O_NOFOLLOW``, asks the open descriptor (not the path, which could be swapped
between a check and the open) whether it is a regular file and how large, and then reads at
most ``limit + 1`` bytes, so a file that grows after the check is still caught.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from careplan_cli.plan import codes

MAX_BYTES = 1 << 20
_CHUNK = 1 << 16


class SourceError(Exception):
    """Why a file was not read: a finding's code and a message without the file's content."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def read_source(path: Path, *, limit: int = MAX_BYTES, boundary: Path | None = None) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    With ``boundary`` (the repository), ``path`` may be a symbolic link only when it leads to
    a file inside ``boundary``; without one, a link is never followed.
    Raises :class:`SourceError` for anything else (a FIFO, a device, a directory, a link, a
    file over the limit, a file that cannot be opened).
    """
    try:
        handle = _open(path)
    except _Link:  # only now is it worth asking where the link leads (most plans are files)
        handle = _open_link(path, boundary)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(codes.UNREADABLE, f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > limit:
            raise _too_large(limit)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            wanted = min(_CHUNK, limit + 1 - size)
            chunk = os.read(handle, wanted)
            chunks.append(chunk)
            size += len(chunk)
            # A short read is the end only when the file's size is reached: procfs, sysfs
            # and FUSE hand a file over in pieces (and may give its size as 0).
            if not chunk or (len(chunk) < wanted and size == info.st_size):
                break
    except OSError as exc:
        raise SourceError(codes.UNREADABLE, f"cannot read file: {_reason(exc)}") from None
    finally:
        os.close(handle)
    if size > limit:
        raise _too_large(limit)
    return b"".join(chunks)


class _Link(Exception):
    """The path is a symbolic link (the open met one: ELOOP under O_NOFOLLOW)."""


_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def _open(path: Path) -> int:
    """A descriptor of ``path``, never following a link and never blocking (a FIFO)."""
    try:
        return os.open(path, _FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _Link from None
        raise SourceError(codes.UNREADABLE, f"cannot read file: {_reason(exc)}") from None


def _open_link(path: Path, boundary: Path | None) -> int:
    """A descriptor of the file a link leads to, where that is allowed (see _target)."""
    try:
        return _open(_target(path, boundary))
    except _Link:
        raise SourceError(codes.UNREADABLE, "a symbolic link; not followed") from None


def _target(path: Path, boundary: Path | None) -> Path:
    """The path to open: ``path`` itself, or where its link leads when that is allowed."""
    try:
        is_link = path.is_symlink()
    except OSError:
        return path  # the open reports it
    if not is_link:
        return path
    if boundary is None:
        raise SourceError(codes.UNREADABLE, "a symbolic link; not followed")
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link, or a loop of links
        raise SourceError(codes.UNREADABLE, "a broken symbolic link; not followed") from None
    if not resolved.is_relative_to(boundary.resolve()):
        raise SourceError(
            codes.UNREADABLE, "a symbolic link that leads outside the repository; not followed"
        )
    return resolved


def _too_large(limit: int) -> SourceError:
    return SourceError(
        codes.TOO_LARGE, f"file is larger than {limit // 1024} KiB; a plan is never this large"
    )


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"
