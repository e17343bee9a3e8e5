"""People named on the command line: when a name matches no one, the nearest names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(wanted: str, names: Iterable[str], count: int = 3) -> list[str]:
    """Up to ``count`` of ``names`` closest to ``wanted`` (case and spacing ignored), best
    first; a name containing ``wanted`` (a surname given alone) counts as close."""
    known = {" ".join(n.split()): n for n in names if n and n.strip()}
    folded = {k.casefold(): v for k, v in known.items()}
    target = " ".join(wanted.split()).casefold()
    close = difflib.get_close_matches(target, list(folded), n=count, cutoff=0.6)
    partial = [k for k in sorted(folded) if target and target in k and k not in close]
    return [folded[k] for k in (close + partial)[:count]]


def no_one_called(option: str, wanted: str, names: Iterable[str]) -> str:
    """The message for a name that matches no one."""
    suggestions = nearest(wanted, names)
    hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
    return f"{option}: no plan has a coordinator called {wanted!r}{hint}"
