"""Private files in the user's own directories (XDG), for the result cache and its key.

Directories are made 0700 and must be real directories of this user's; files are opened with
``O_NOFOLLOW`` so that a symbolic link planted under a known name is never written through.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


def data_dir() -> Path:
    return xdg("XDG_DATA_HOME", ".local/share") / "careplan"


def xdg(variable: str, fallback: str) -> Path:
    value = Path(os.environ.get(variable, ""))
    return value if value.is_absolute() else Path.home() / fallback


def private_dir(path: Path) -> bool:
    """Make ``path`` (0700) if missing; True when it is a real directory of this user's."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o700)
        info = path.lstat()
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return False  # a link, a file, or someone else's: not ours to write in
        if stat.S_IMODE(info.st_mode) & 0o077:
            path.chmod(0o700)
        return True
    except OSError:
        return False


def secret_key(name: str) -> bytes | None:
    """A per-user key in the data directory, made (32 random bytes, 0600) on first use;
    None when it cannot be trusted (a link, another user's, readable by others, damaged)."""
    path = data_dir() / name
    if not private_dir(path.parent):
        return None
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(os.urandom(32))
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            secret = stream.read(33)
    except OSError:
        return None
    private = info.st_uid == os.getuid() and not stat.S_IMODE(info.st_mode) & 0o077
    return secret if private and len(secret) == 32 else None


def read_regular(path: Path) -> bytes | None:
    """The file's bytes, or None when it is a link, not a regular file, or too large: such a
    file is never cached (the loader reports it). Read as the loader reads (never blocks on
    a FIFO)."""
    from careplan_cli.plan.source import SourceError, read_source

    try:
        return read_source(path)
    except SourceError:
        return None
