"""Plan format v1 to v2, in round-trip mode: comments, order and layout kept.

What the format change itself needs, and nothing more; no value is made up:

- ``schema_version: 1`` becomes ``2``;
- ``care_team`` and ``carers`` entries get ids (``T1``, ``C1``, ... in order), which v2 requires
  so that other fields can point at them;
- a carer's ``assessment_offered: DATE`` / ``assessment_declined: true`` become
  ``assessment: {status: offered|declined, date: DATE}`` (a declined assessment keeps the
  date it was offered in a comment, since v1 never recorded when it was declined);
- each review gets ``recorded_under_v1: true``, so that the review content v2 asks for is a
  warning on reviews made before it was asked for, never a made-up answer.

Whatever else v2 requires of the plan (a hold review date, closure details, content the v2
rules ask for) is left to a person: :func:`migrate_text` changes only the format, and the
caller lists the findings that remain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from careplan_cli.plan.roundtrip import dump_text, load_text


@dataclass(frozen=True)
class Migration:
    text: str  # the plan as v2 (the same text when it was not v1)
    changed: bool


def migrate_text(text: str) -> Migration:
    """The v1 plan ``text`` rewritten as v2; a plan in any other version is left alone."""
    document = load_text(text)
    if document.get("schema_version") != 1:
        return Migration(text, False)
    document["schema_version"] = 2
    _give_ids(document.get("care_team"), "T")
    _give_ids(document.get("carers"), "C")
    for carer in document.get("carers") or []:
        if isinstance(carer, CommentedMap):
            _carer_assessment(carer)
    for review in document.get("reviews") or []:
        if isinstance(review, CommentedMap) and "recorded_under_v1" not in review:
            _insert_after(review, "kind", "recorded_under_v1", True)
    return Migration(dump_text(document), True)


def _give_ids(items: Any, prefix: str) -> None:
    if not isinstance(items, list):
        return
    taken = {str(i.get("id")) for i in items if isinstance(i, dict) and i.get("id")}
    number = 0
    for item in items:
        if not isinstance(item, CommentedMap) or item.get("id"):
            continue
        number += 1
        while f"{prefix}{number}" in taken:
            number += 1
        item.insert(0, "id", f"{prefix}{number}")


def _insert_after(mapping: CommentedMap, after: str, key: str, value: Any) -> None:
    keys = list(mapping)
    position = keys.index(after) + 1 if after in keys else len(keys)
    mapping.insert(position, key, value)


def _carer_assessment(carer: CommentedMap) -> None:
    old = [k for k in ("assessment_offered", "assessment_declined") if k in carer]
    if not old:
        return
    position = list(carer).index(old[0])
    notes, trailing = _take_comments(carer, old)
    offered = carer.pop("assessment_offered", None)
    declined = carer.pop("assessment_declined", None) is True
    if offered is None and not declined:
        notes = [n for n in notes if n]  # "assessment_declined: false" says nothing v2 holds
    else:
        assessment = CommentedMap()
        assessment["status"] = "declined" if declined else "offered"
        if offered is not None and not declined:
            assessment["date"] = offered
        assessment.fa.set_flow_style()
        carer.insert(position, "assessment", assessment)
        if declined and offered is not None:
            notes.append(f"v1: offered {offered}; v1 did not record when it was declined")
    key = "assessment" if "assessment" in carer else (list(carer)[-1] if carer else None)
    if key is not None and (notes or trailing):
        text = ("  # " + "; ".join(notes) if notes else "") + "\n" + trailing
        carer.ca.items[key] = [None, None, CommentToken(text, CommentMark(0), None), None]


def _take_comments(mapping: CommentedMap, keys: list[str]) -> tuple[list[str], str]:
    """The end-of-line comments of ``keys`` (their text), and the blank lines after the last."""
    notes, trailing = [], ""
    for key in keys:
        entry = mapping.ca.items.pop(key, None)
        token = entry[2] if entry and len(entry) > 2 else None
        if token is None:
            continue
        value: str = token.value
        end = value.find("\n")
        line, trailing = (value[:end], value[end + 1 :]) if end >= 0 else (value, "")
        if line.strip().startswith("#"):
            notes.append(line.strip().lstrip("#").strip())
    return notes, trailing
