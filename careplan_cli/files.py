"""Writing plan files so that nothing is lost: atomic replace, exclusive create."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from careplan_cli.errors import CareplanError


def _temp_beside(path: Path, text: str, mode: int) -> Path:
    """Write ``text`` to a new temporary file in ``path``'s directory, synced to disk."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(mode)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def atomic_write(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: readers see the old file or the new, never
    a half-written one, even if the disk fills or the process dies part way."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    try:
        temp = _temp_beside(path, text, mode)
    except OSError as exc:
        raise CareplanError(
            f"{path}: could not write ({exc.strerror}); the plan is unchanged"
        ) from None
    try:
        temp.replace(path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise CareplanError(
            f"{path}: could not replace ({exc.strerror}); the plan is unchanged"
        ) from None


def create_exclusive(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; never overwrite an existing file, even in a race."""
    try:
        temp = _temp_beside(path, text, 0o644)
    except OSError as exc:
        raise CareplanError(f"{path}: could not write ({exc.strerror})") from None
    try:
        os.link(temp, path)  # fails if path exists, atomically
    except FileExistsError:
        raise CareplanError(f"{path} already exists; plans are never overwritten") from None
    except OSError as exc:
        raise CareplanError(f"{path}: could not create ({exc.strerror})") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
