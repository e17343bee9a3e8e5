"""What the FHIR resources cannot hold of a plan, as a difference careplan can apply again.

The export maps what it can onto standard FHIR elements, reads those resources back with the
importer, and keeps only the difference between the plan and what was read back (a field
with no FHIR home, an NHS number's spaces, a milestone) in one extension. Importing applies
the difference again, so that export -> import -> export gives the same bundle. Forms:

    {"=": value}              the value, replacing what the resources gave
    {"-": 1}                  a key the resources gave that the plan does not have
    {"{}": {key: diff}}       changes inside a mapping
    {"[]": {"0": diff, ...}}  changes inside a list of the same length
"""

from __future__ import annotations

import copy
from typing import Any

DELETE = {"-": 1}


def difference(plan: Any, read_back: Any) -> dict[str, Any] | None:
    """How to turn ``read_back`` into ``plan`` (None when they are equal)."""
    if type(plan) is type(read_back) and plan == read_back:
        return None
    if isinstance(plan, dict) and isinstance(read_back, dict):
        changes: dict[str, Any] = {}
        for key, value in plan.items():
            if key not in read_back:
                changes[key] = {"=": value}
            elif (sub := difference(value, read_back[key])) is not None:
                changes[key] = sub
        changes.update({key: DELETE for key in read_back if key not in plan})
        return {"{}": changes}
    if isinstance(plan, list) and isinstance(read_back, list) and len(plan) == len(read_back):
        items = {}
        for index, (mine, theirs) in enumerate(zip(plan, read_back, strict=True)):
            if (sub := difference(mine, theirs)) is not None:
                items[str(index)] = sub
        return {"[]": items}
    return {"=": plan}


def apply(read_back: Any, diff: Any) -> Any:
    """``read_back`` changed by ``diff``; ValueError when ``diff`` is not one of the forms."""
    if diff is None:
        return read_back
    if not isinstance(diff, dict) or len(diff) != 1:
        raise ValueError("not a difference")
    ((form, body),) = diff.items()
    if form == "=":
        return copy.deepcopy(body)
    if form == "{}" and isinstance(body, dict) and isinstance(read_back, dict):
        out = dict(read_back)
        for key, sub in body.items():
            if sub == DELETE:
                out.pop(key, None)
            else:
                out[key] = apply(out.get(key), sub)
        return out
    if form == "[]" and isinstance(body, dict) and isinstance(read_back, list):
        items = list(read_back)
        for index, sub in body.items():
            if not (index.isdigit() and int(index) < len(items)):
                raise ValueError("a list position out of range")
            items[int(index)] = apply(items[int(index)], sub)
        return items
    raise ValueError(f"a difference of form {form!r} does not fit")
