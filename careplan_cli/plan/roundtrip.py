"""Round-trip YAML for commands that edit plans: comments, order, quoting and style are kept.

Only editing commands use this (it is several times slower than the read path in
:mod:`careplan_cli.plan.yamlload`). The settings match the examples' layout: two-space mappings,
sequences indented by two with the dash inside, no re-wrapping of long lines.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

from careplan_cli.errors import RefusedError

MAX_EDIT_CHARS = 256 * 1024
# What a literal block (``|``) cannot hold as it is: a character YAML does not print (controls,
# DEL, C1, BOM), and a line break other than "\n" (a CR, NEL, LS or PS would read back as
# "\n"). ruamel.yaml writes them raw into a block, and the file then does not load: text
# holding one is written double-quoted, with escapes.
_NOT_IN_BLOCK = (
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


@lru_cache(maxsize=1)
def _not_in_block() -> re.Pattern[str]:
    """Compiled when first needed: the class is large, and most edits write no text."""
    return re.compile(_NOT_IN_BLOCK)


@lru_cache(maxsize=1)
def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_text(text: str) -> Any:
    """A plan's text as ruamel's commented mapping, for editing.

    The text has already loaded on the read path; what can still fail here is a value the
    round-trip constructor builds and the read path keeps as text (an impossible date such
    as 2026-02-30): the edit is refused, saying to fix the plan first.
    """
    from ruamel.yaml.error import YAMLError

    if len(text) > MAX_EDIT_CHARS:
        # ruamel.yaml's round-trip loader takes seconds per 100,000 nodes: a file this large
        # is no plan a person wrote, and is not edited in place.
        raise RefusedError(
            f"the plan is larger than {MAX_EDIT_CHARS // 1024} KiB, too large to edit in place; "
            "careplan validate shows what it holds"
        )
    try:
        document = _yaml().load(text)
    except (ValueError, OverflowError, YAMLError, AssertionError):  # asserts on %YAML 1.3
        document = None
    if not isinstance(document, dict):
        raise RefusedError(
            "the plan holds a value that cannot be edited safely (such as an impossible "
            "date); fix it first (careplan validate shows where)"
        )
    return document


def dump_text(document: Any) -> str:
    out = io.StringIO()
    _yaml().dump(_quoted_where_needed(document), out)
    return out.getvalue()


def _quoted_where_needed(node: Any) -> Any:
    """``node`` with every plain text holding a character of :data:`_NOT_IN_BLOCK` made
    double-quoted, the one style with escapes: ruamel.yaml writes a NEL, LS or PS raw into a
    single-quoted scalar, where it reads back as a space."""
    if isinstance(node, dict | list):
        for key, value in list(node.items() if isinstance(node, dict) else enumerate(node)):
            if type(value) is str and _not_in_block().search(value):
                node[key] = DoubleQuotedScalarString(value)
            else:
                _quoted_where_needed(value)
    return node


def _last_scalar_slot(node: Any) -> tuple[Any, Any] | None:
    """The collection and key (or index) of the last scalar in ``node``, depth first."""
    if isinstance(node, CommentedMap) and node:
        key = list(node.keys())[-1]
        inner = _last_scalar_slot(node[key])
        return inner or (node, key)
    if isinstance(node, CommentedSeq) and node:
        inner = _last_scalar_slot(node[-1])
        return inner or (node, len(node) - 1)
    return None


def _token_index(container: Any) -> int:
    # ruamel keeps a mapping entry's end-of-line comment at index 2, a sequence item's at 0.
    return 2 if isinstance(container, CommentedMap) else 0


def append_keeping_layout(seq: CommentedSeq, item: Any) -> None:
    """Append ``item`` to ``seq``, moving the blank lines that ended the list after the new item.

    ruamel stores the blank line between a list and the next key as part of the comment on
    the list's last scalar. Appended naively, the new item would land after that blank line.
    """
    moved = ""
    slot = _last_scalar_slot(seq[-1]) if seq else None
    if slot is not None:
        container, key = slot
        entry = container.ca.items.get(key)
        index = _token_index(container)
        token = entry[index] if entry and len(entry) > index else None
        if token is not None:
            value: str = token.value
            end_of_line = value.find("\n")
            comment = value[: end_of_line + 1] if value.lstrip(" ").startswith("#") else ""
            moved = value[end_of_line + 1 :] if end_of_line >= 0 else ""
            if comment:
                token.value = comment
            else:
                entry[index] = None
                if not any(entry):
                    del container.ca.items[key]
    seq.append(item)
    new_slot = _last_scalar_slot(item)
    if moved and new_slot is not None:
        container, key = new_slot
        token = CommentToken("\n" + moved, CommentMark(0), None)
        slots: list[Any] = [None, None, None, None]
        slots[_token_index(container)] = token
        container.ca.items[key] = slots


def scalar_like(old: Any, new: Any) -> Any:
    """``new`` quoted the way ``old`` was (a quoted date stays quoted)."""
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(str(new))
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(str(new))
    return new


def block_text(value: object) -> bool:
    """Whether ``value`` is multi-line text to write as a literal block (``|``): it has a
    newline and nothing a block cannot hold as it is."""
    return isinstance(value, str) and "\n" in value and not _not_in_block().search(value)


def to_yaml_value(value: Any, *, top: bool = True) -> Any:
    """Plain data as ruamel nodes styled like the examples: short flat mappings below the top
    in flow style (``{goal: G1, progress: improving}``), multi-line text as ``|`` blocks
    when :func:`block_text` allows."""
    if isinstance(value, dict):
        node = CommentedMap((k, to_yaml_value(v, top=False)) for k, v in value.items())
        if not top and _is_flat(node):
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        return CommentedSeq(to_yaml_value(v, top=False) for v in value)
    if isinstance(value, str) and block_text(value):
        return LiteralScalarString(value.rstrip("\n") + "\n")
    return value


def _is_flat(node: CommentedMap) -> bool:
    """Short, and holding only scalars or short lists of scalars: fit for one flow line."""

    def scalar(value: Any) -> bool:
        return not isinstance(value, dict | list) and "\n" not in str(value)

    values = list(node.values())
    simple = all(scalar(v) or (isinstance(v, list) and all(map(scalar, v))) for v in values)
    return simple and sum(len(str(k)) + len(str(v)) for k, v in node.items()) < 140
