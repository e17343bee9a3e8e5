"""Running the user's editor, as git does: ``$VISUAL``, else ``$EDITOR``, through the shell."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path


def editor_command(env: Mapping[str, str] | None = None, *, terminal: bool) -> str | None:
    """The editor to run: $VISUAL, else $EDITOR (an empty one counts as unset), else vi on a
    terminal; None when there is none to run."""
    env = os.environ if env is None else env
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            return value
    return "vi" if terminal else None


def run_editor(command: str, path: Path) -> int:
    """Run ``command`` with ``path`` appended, through the shell (so ``code --wait`` and
    ``emacsclient -t`` work); its exit status."""
    argv = ["/bin/sh", "-c", f'{command} "$@"', command, str(path)]
    completed = subprocess.run(argv, check=False)
    return completed.returncode
