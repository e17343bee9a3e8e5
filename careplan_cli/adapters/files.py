"""Writing plan files so that nothing is lost: atomic replace, exclusive create, a lock."""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from careplan_cli.errors import CareplanError, RefusedError


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


LOCK_STALE_SECONDS = 3600


@contextlib.contextmanager
def plan_lock(path: Path) -> Iterator[None]:
    """Hold ``.<name>.lock`` beside the plan while it is read, changed and committed.

    Two careplan processes editing one plan at once would each write a version without the
    other's change; the second one to arrive is refused instead. A lock left by a process
    that has died (on this machine), or older than an hour, is stale and taken over.
    """
    lock = path.with_name(f".{path.name}.lock")
    for attempt in range(2):
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if attempt == 0 and _stale(lock):
                lock.unlink(missing_ok=True)
                continue
            raise RefusedError(
                f"{path} is being changed by another careplan ({_holder(lock)}); try again "
                f"when it has finished, or remove {lock} if no careplan is running"
            ) from None
        except OSError as exc:
            raise CareplanError(f"{path}: cannot lock the plan ({exc.strerror})") from None
        try:
            with os.fdopen(handle, "w") as stream:
                stream.write(f"{os.getpid()} {socket.gethostname()} {int(time.time())}\n")
        except OSError as exc:
            lock.unlink(missing_ok=True)
            raise CareplanError(f"{path}: cannot lock the plan ({exc.strerror})") from None
        break
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


def _lock_fields(lock: Path) -> tuple[int, str, int] | None:
    try:
        pid, host, started = lock.read_text(encoding="utf-8").split()
        return int(pid), host, int(started)
    except (OSError, ValueError):
        return None


def _holder(lock: Path) -> str:
    fields = _lock_fields(lock)
    return f"process {fields[0]} on {fields[1]}" if fields else "unknown process"


def _stale(lock: Path) -> bool:
    fields = _lock_fields(lock)
    if fields is None:
        # Unreadable or half-written: stale only once it is old enough not to be in progress.
        try:
            return time.time() - lock.stat().st_mtime > 60
        except OSError:
            return True
    pid, host, started = fields
    if time.time() - started > LOCK_STALE_SECONDS:
        return True
    if host != socket.gethostname():
        return False  # another machine's process: cannot tell, so respect it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
