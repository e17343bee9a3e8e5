"""Writing a file the user named with --out: personal data, so mode 0600, atomic, no links.

The file is written to a new temporary file in the destination's directory (created 0600
by :func:`tempfile.mkstemp`, whatever the umask), synced, then renamed over the destination.
A destination that is a symbolic link is refused: the rename would replace the link, but the
user asked to write "there", and a link planted where a copy is expected is someone's attempt
to put personal data elsewhere. Renaming never writes through a link, so a link created in
the moment between the check and the rename is replaced, not followed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from careplan_cli.errors import RefusedError

MODE = 0o600


def write_private(path: Path, text: str) -> None:
    """Replace or create ``path`` holding ``text``, mode 0600, in one step; never via a link."""
    if path.is_symlink():
        raise RefusedError(f"{path}: is a symbolic link; not written through it")
    if path.exists() and not path.is_file():
        raise RefusedError(f"{path}: is not a regular file; not replaced")
    directory = path.parent if str(path.parent) else Path()
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise RefusedError(f"{path}: cannot write ({exc.strerror})") from None
    temp = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            os.fchmod(stream.fileno(), MODE)
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise RefusedError(f"{path}: cannot write ({exc.strerror})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
