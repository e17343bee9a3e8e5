"""An add/add conflict: two plans given the same id in two clones, met in a merge.

git's advice for a conflict is to merge the two sides; for a plan file created on both sides
that would make one plan of two different people. This module reads the two sides of the
conflict markers and says whether they are about different people.
"""

from __future__ import annotations

import re
from typing import Any

_DIGITS = re.compile(r"\D")


def conflict_sides(text: str) -> tuple[str, str] | None:
    """The file as each side of its conflict markers has it (the base of a diff3 conflict
    dropped), or None when it holds no complete conflict."""
    ours: list[str] = []
    theirs: list[str] = []
    state = "both"
    seen = False
    for line in text.splitlines(keepends=True):
        if line.startswith("<<<<<<<") and state == "both":
            state, seen = "ours", True
        elif line.startswith("|||||||") and state == "ours":
            state = "base"
        elif line.rstrip("\r\n") == "=======" and state in ("ours", "base"):
            state = "theirs"
        elif line.startswith(">>>>>>>") and state == "theirs":
            state = "both"
        else:
            if state in ("both", "ours"):
                ours.append(line)
            if state in ("both", "theirs"):
                theirs.append(line)
    if not seen or state != "both":
        return None
    return "".join(ours), "".join(theirs)


def _person(plan: Any) -> tuple[str, str, str] | None:
    user = plan.get("service_user") if isinstance(plan, dict) else None
    if not isinstance(user, dict):
        return None
    nhs = _DIGITS.sub("", str(user.get("nhs_number") or ""))
    name = " ".join(str(user.get("name") or "").casefold().split())
    born = str(user.get("date_of_birth") or "")
    return nhs, name, born


def different_people(ours: Any, theirs: Any) -> bool:
    """True when the two versions are plainly about different people: NHS numbers differ,
    or (without both numbers) the name or date of birth does."""
    a, b = _person(ours), _person(theirs)
    if a is None or b is None:
        return False
    if a[0] and b[0]:
        return a[0] != b[0]
    return (a[1], a[2]) != (b[1], b[2])


def conflict_advice(text: str, plan_id: str) -> str | None:
    """What to do about a conflict that holds two different people; None for other conflicts."""
    from careplan_cli.plan.yamlload import parse_text

    sides = conflict_sides(text)
    if sides is None:
        return None
    ours, _ = parse_text(sides[0])
    theirs, _ = parse_text(sides[1])
    if not different_people(ours, theirs):
        return None
    return (
        f"the two sides of this conflict are different people given the same id: never merge "
        f"them into one plan. Abort the merge (git merge --abort, or git rebase --abort), give "
        f"one of them a new id on its own branch (careplan renumber {plan_id} NEW-ID; careplan "
        f"new now picks ids that no branch has taken), then merge again"
    )
