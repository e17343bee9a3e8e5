"""Writing plan files so that nothing is lost: atomic replace, exclusive create, locks.

Lock and temporary files never live in the work tree, where git would see them: they go in a
*scratch* directory, ``.git/careplan/`` of the repository (or a private directory of the
user's outside any repository). Locks are ``flock`` locks, which the kernel releases when a
process dies, so there are no stale locks to guess about. A temporary file is locked by the
process writing it; one that nobody holds belonged to a process that died, and the next run
removes it (:func:`clear_orphans`).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from careplan_cli.errors import CareplanError, RefusedError

LOCK_WAIT_SECONDS = 10.0  # another careplan changing the same plan: wait this long, then refuse
_POLL = 0.05


def user_scratch() -> Path:
    """Scratch space for work outside any git repository: private to this user."""
    base = Path(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir())
    directory = base / f"careplan-{os.getuid()}"
    return _private_dir(directory)


def _private_dir(directory: Path) -> Path:
    """``directory`` made (0700) if missing; refused if it is a link or not ours."""
    with contextlib.suppress(FileExistsError):
        directory.mkdir(mode=0o700, parents=True)
    info = directory.lstat()
    if directory.is_symlink() or not directory.is_dir() or info.st_uid != os.getuid():
        raise RefusedError(
            f"{directory} is not a private directory of yours; careplan will not use it"
        )
    return directory


def scratch_dir(git_dir: Path | None) -> Path:
    """Where this run keeps its lock and temporary files: ``<git dir>/careplan``."""
    if git_dir is None:
        return user_scratch()
    return _private_dir(git_dir / "careplan")


# -- locks ------------------------------------------------------------------------------------


@contextlib.contextmanager
def file_lock(lock: Path, what: str, wait: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``lock`` (made if missing, removed when released).

    Waits up to ``wait`` seconds for another holder, then refuses. The file is unlinked while
    held; a waiter that then finds its open file is no longer the one at ``lock`` tries again,
    so two processes never both believe they hold it.
    """
    deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait is None else wait)
    while True:
        handle = _open_lock(lock, what)
        if _try_lock(handle):
            if _is_current(handle, lock):
                break
            os.close(handle)  # the holder removed it after we opened it: start again
            continue
        os.close(handle)
        if time.monotonic() >= deadline:
            raise RefusedError(
                f"{what} is being changed by another careplan; try again when it has finished"
            )
        time.sleep(_POLL)
    try:
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(handle)  # closing releases the lock


def _open_lock(lock: Path, what: str) -> int:
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        return os.open(lock, flags, 0o600)
    except OSError as exc:
        raise CareplanError(f"{what}: cannot take the lock {lock} ({exc.strerror})") from None


def _try_lock(handle: int) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return False
        raise
    return True


def _is_current(handle: int, lock: Path) -> bool:
    try:
        on_disk = lock.lstat()
    except FileNotFoundError:
        return False
    mine = os.fstat(handle)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def owner_lock(scratch: Path) -> contextlib.AbstractContextManager[None]:
    """Held for a whole run: it marks the temporary files named with this process's id as
    in use, so that another run's :func:`clear_orphans` leaves them alone."""
    return file_lock(scratch / f"{os.getpid()}.owner.lock", "this careplan run", wait=0)


def _held(lock: Path) -> bool:
    """True while some process holds ``lock``."""
    try:
        handle = os.open(lock, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        return not _try_lock(handle)
    finally:
        os.close(handle)  # releases the lock if this call took it


def clear_orphans(scratch: Path) -> None:
    """Remove temporary and lock files that no running process holds (left by a kill).

    A temporary file is named ``<pid>.<...>.tmp``; it is in use while that process holds its
    owner lock (:func:`owner_lock`, taken before any temporary file is made).
    """
    for temp in scratch.glob("*.tmp"):
        owner = temp.name.split(".", 1)[0]
        if not owner.isdigit() or not _held(scratch / f"{owner}.owner.lock"):
            with contextlib.suppress(OSError):
                temp.unlink()
    for path in scratch.glob("*.lock"):
        try:
            handle = os.open(path, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            if _try_lock(handle) and _is_current(handle, path):
                path.unlink()
        except OSError:
            pass
        finally:
            os.close(handle)


# -- writing ----------------------------------------------------------------------------------


def _temp_in(scratch: Path, name: str, text: str, mode: int) -> tuple[Path, int]:
    """A new temporary file in ``scratch`` holding ``text``, synced, named after this process
    (see :func:`clear_orphans`); the caller closes the handle when done."""
    prefix = f"{os.getpid()}.{name}."
    handle, temp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=scratch)
    temp = Path(temp_name)
    try:
        data = text.encode("utf-8")
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
        os.fsync(handle)
        os.fchmod(handle, mode)
    except BaseException:
        temp.unlink(missing_ok=True)
        os.close(handle)
        raise
    return temp, handle


def new_file_mode() -> int:
    """The mode git gives a file it checks out: 0666 less the umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, text: str, scratch: Path, shown: str | None = None) -> None:
    """Replace ``path`` with ``text`` in one step: readers see the old file or the new, never
    a half-written one, even if the disk fills or the process dies part way. ``path`` itself
    is replaced, never a file a link at ``path`` points to."""
    try:
        info = path.lstat()
        mode = info.st_mode & 0o7777
    except FileNotFoundError:
        mode = new_file_mode()
    try:
        temp, handle = _temp_in(scratch, path.name, text, mode)
    except OSError as exc:
        raise CareplanError(
            f"{shown or path}: could not write ({exc.strerror}); the plan is unchanged"
        ) from None
    try:
        _replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise CareplanError(
            f"{shown or path}: could not replace ({exc.strerror}); the plan is unchanged"
        ) from None
    finally:
        os.close(handle)


def _replace(temp: Path, path: Path) -> None:
    try:
        temp.replace(path)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        # The scratch directory is on another file system: copy beside the plan, then rename.
        beside = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            beside.write_bytes(temp.read_bytes())
            beside.chmod(temp.stat().st_mode & 0o7777)
            beside.replace(path)
        finally:
            beside.unlink(missing_ok=True)
            temp.unlink(missing_ok=True)


def create_exclusive(path: Path, text: str, scratch: Path, shown: str | None = None) -> None:
    """Create ``path`` with ``text``; never overwrite an existing file, even in a race."""
    try:
        temp, handle = _temp_in(scratch, path.name, text, new_file_mode())
    except OSError as exc:
        raise CareplanError(f"{shown or path}: could not write ({exc.strerror})") from None
    try:
        _link(temp, path)  # fails if path exists, atomically
    except FileExistsError:
        raise CareplanError(
            f"{shown or path} already exists; plans are never overwritten"
        ) from None
    except OSError as exc:
        raise CareplanError(f"{shown or path}: could not create ({exc.strerror})") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
        os.close(handle)


def _link(temp: Path, path: Path) -> None:
    try:
        os.link(temp, path, follow_symlinks=False)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        # Another file system: create exclusively in place (never through a link).
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        handle = os.open(path, flags, temp.stat().st_mode & 0o7777)
        with os.fdopen(handle, "wb") as stream:
            stream.write(temp.read_bytes())
            stream.flush()
            os.fsync(stream.fileno())
