"""The fast read path: PyYAML's libyaml parser, made to give exactly ruamel.yaml's YAML 1.2 data.

Read-only commands over thousands of plans spend most of their time parsing. PyYAML's C
parser and composer are much faster than ruamel.yaml's here, but PyYAML follows YAML 1.1
(``no`` is false, ``010`` is 8) and silently keeps the last of two equal keys. This module
resolves plain scalars with ruamel.yaml's own YAML 1.2 table, builds Python data from the
composed nodes itself (constructing numbers as ruamel does, dates as strings), and gives up
(:class:`Fallback`) on anything unusual -- a duplicate key, a merge key, a tag, a directive,
any error -- so that :mod:`careplan_cli.plan.yamlload` hands the text to ruamel.yaml, whose
findings are the canonical ones. A differential property test (tests/test_fastload.py)
holds the two to the same data.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_TAG = "tag:yaml.org,2002:"
STR, NULL, BOOL, INT, FLOAT = (_TAG + t for t in ("str", "null", "bool", "int", "float"))
TIMESTAMP = _TAG + "timestamp"
# Explicit tags (and anything that may be one) send the text to ruamel.yaml.
_TAGGED = re.compile(r"(?:^|[\s\[{,:-])!")

# ruamel.yaml's YAML 1.2 implicit types (ruamel.yaml.resolver.implicit_resolvers, the
# entries for 1.2), copied so that valid plans never import ruamel.yaml; a test holds the copy
# to the original. Merge "<<", value "=" and the rest are included so that a plain scalar
# resolves to the same tag; tags we do not construct fall back.
RESOLVERS_1_2: list[tuple[str, str, int, list[str]]] = [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", re.X, list("tTfF")),
    ("float", r"""^(?:
         [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""", re.X, list("-+0123456789.")),
    ("int", r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""", re.X, list("-+0123456789")),
    ("merge", r"^(?:<<)$", 0, ["<"]),
    ("null", r"""^(?: ~
        |null|Null|NULL
        | )$""", re.X, ["~", "n", "N", ""]),
    ("timestamp", r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", re.X, list("0123456789")),
    ("value", r"^(?:=)$", 0, ["="]),
    ("yaml", r"^(?:!|&|\*)$", 0, list("!&*")),
]  # fmt: skip
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _name, _pattern, _flags, _first in RESOLVERS_1_2:
    for _char in _first:
        _IMPLICIT.setdefault(_char, []).append((_TAG + _name, re.compile(_pattern, _flags)))


class Fallback(Exception):
    """This text needs the full ruamel.yaml path."""


class _Composer(yaml.CSafeLoader):
    """libyaml's parser and composer, with a lean YAML 1.2 resolver for plain scalars."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode and implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return tag
            return STR
        return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]


def _int(text: str) -> int:
    # As ruamel.yaml constructs a YAML 1.2 int: 010 is ten, 0o10 is eight.
    text = text.replace("_", "")
    sign = -1 if text[0] == "-" else 1
    text = text.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if text.startswith(prefix):
            return sign * int(text[2:], base)
    return sign * int(text)


def _float(text: str) -> float:
    text = text.replace("_", "").lower()
    sign = -1 if text[0] == "-" else 1
    text = text.lstrip("+-")
    if text == ".inf":
        return sign * float("inf")
    if text == ".nan":
        return float("nan")
    return sign * float(text)


class _Builder:
    """Python data from composed nodes; aliases stay shared objects, as in every loader."""

    def __init__(self) -> None:
        self.built: dict[int, Any] = {}
        self.plain_keys = True

    def scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag in (STR, TIMESTAMP):
            return text
        if tag == NULL:
            return None
        if tag == BOOL:
            return text.lower() == "true"
        if tag == INT:
            return _int(text)
        if tag == FLOAT:
            return _float(text)
        raise Fallback(f"tag {tag}")

    def build(self, node: Node) -> Any:
        if type(node) is ScalarNode:
            return self.scalar(node)
        known = self.built.get(id(node))
        if known is not None:
            return known
        if type(node) is MappingNode:
            mapping: dict[Any, Any] = {}
            self.built[id(node)] = mapping
            for key_node, value_node in node.value:
                if key_node.tag != STR and key_node.tag == _TAG + "merge":
                    raise Fallback("merge key")
                key = self.build(key_node)
                if type(key) is not str:
                    self.plain_keys = False
                if key in mapping:  # TypeError for an unhashable key: ruamel reports it
                    raise Fallback("duplicate key")
                mapping[key] = self.build(value_node)
            return mapping
        if type(node) is SequenceNode:
            items: list[Any] = []
            self.built[id(node)] = items
            items.extend(self.build(item) for item in node.value)
            return items
        raise Fallback("unknown node")


def fast_load(text: str) -> tuple[Any, bool]:
    """The document's data, exactly as ruamel.yaml (YAML 1.2, dates as strings) gives it, and
    whether every mapping key is a string (if not, the caller turns them into strings).

    Raises :class:`Fallback` whenever it cannot promise that.
    """
    if text.startswith("%") or "\n%" in text or _TAGGED.search(text):
        raise Fallback("directive or tag")
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
        if node is None:
            return None, True
        builder = _Builder()
        return builder.build(node), builder.plain_keys
    except Fallback:
        raise
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise Fallback(type(exc).__name__) from None
    finally:
        composer.dispose()


def fast_compose(text: str) -> Any:
    """The document's node tree, positions included (for locating findings)."""
    composer = _Composer(text)
    try:
        return composer.get_single_node()
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise Fallback(type(exc).__name__) from None
    finally:
        composer.dispose()
