"""What a plan id looks like: one small module, so that reading commands (``log``) need not
load the plan-writing machinery to recognise one."""

from __future__ import annotations

import re

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
