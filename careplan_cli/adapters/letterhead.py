"""An organisation's letterhead template, read from its plan repository -- as untrusted input.

``templates/plan.html.j2`` in the repository is used by ``careplan render`` when present. A pull
request can change it, so it is read only when it is a regular file reached without any symbolic
link, no bigger than :data:`LIMIT`, and it is rendered in a sandbox
(:func:`careplan_cli.report.html.to_html`). Nothing else is ever loaded from the repository or
the network.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from careplan_cli.errors import RefusedError

TEMPLATE = Path("templates") / "plan.html.j2"
LIMIT = 1024 * 1024  # a letterhead is a page of HTML and CSS, perhaps a logo as a data: URL


def letterhead(root: Path) -> tuple[str, str] | None:
    """``(source, name)`` of ``root``'s template, None when it has none; RefusedError when the
    template (or its folder) is a symbolic link or not a regular file of sensible size."""
    folder, path = root / TEMPLATE.parent, root / TEMPLATE
    name = TEMPLATE.as_posix()
    if folder.is_symlink() or path.is_symlink():
        raise RefusedError(f"{name}: a template that is a symbolic link is not used")
    if not path.exists():
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise RefusedError(f"{name}: cannot read the template ({exc.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise RefusedError(f"{name}: the template is not a regular file")
        data = os.read(fd, LIMIT + 1)
    finally:
        os.close(fd)
    if len(data) > LIMIT:
        raise RefusedError(f"{name}: the template is over {LIMIT // 1024} KiB")
    try:
        return data.decode("utf-8"), name
    except UnicodeDecodeError:
        raise RefusedError(f"{name}: the template is not UTF-8 text") from None
