"""Plain data from a composed YAML node tree: the one constructor both loaders share.

:mod:`careplan_cli.plan.fastload` composes with libyaml (through PyYAML) and
:mod:`careplan_cli.plan.reference` with ruamel.yaml; the node trees have the same shape, and
this module turns either into JSON-like data. So the two loaders cannot differ in how they
read a scalar (:mod:`careplan_cli.plan.scalars`), a key, a merge or a tag, and both are held
to one budget:

- expansion through aliases and merge keys (``<<: [*a, *a]``) is counted as it is built;
  past :data:`MAX_EXPANSION` nodes the file is refused at the line where that happened;
- an alias inside the node it refers to, and nesting past :data:`MAX_DEPTH`, are refused;
- only the core schema's tags (and ``!!timestamp``, kept as a string) are accepted;
- two equal keys (by YAML's equality: ``1`` and ``1.0`` and ``true`` are three keys) are a
  duplicate; keys become strings, as JSON has them.
"""

from __future__ import annotations

import re
from typing import Any

from careplan_cli.plan import codes, scalars

MAX_EXPANSION = 100_000  # nodes built through aliases and merges; a real plan has none
MAX_DEPTH = 64
# The tag both resolvers give a plain, untagged scalar: this module resolves it.
PLAIN = "tag:careplan.invalid,2026:plain"
NON_SPECIFIC = "!"
_SURROGATE = re.compile("[\ud800-\udfff]")  # no character: nothing can encode it
_MAP, _SEQ, _TIMESTAMP = scalars.TAG + "map", scalars.TAG + "seq", scalars.TAG + "timestamp"


class Fallback(Exception):
    """This text needs a fuller loader (quickload -> fastload -> reference)."""


class LoadProblem(Exception):
    """What makes a composed document no plan: a finding's code, message and position."""

    def __init__(self, code: str, message: str, mark: Any) -> None:
        super().__init__(message)
        self.code, self.message = code, message
        self.line = int(getattr(mark, "line", 0)) + 1
        self.column = int(getattr(mark, "column", 0)) + 1


class Builder:
    """Builds one document; ``kinds`` are the composer's (scalar, mapping, sequence) classes."""

    def __init__(self, kinds: tuple[Any, Any, Any]) -> None:
        self.scalar_kind, self.mapping_kind, self.sequence_kind = kinds
        self.built: dict[int, tuple[Any, int]] = {}  # node id -> (data, nodes it expands to)
        self.visiting: set[int] = set()
        self.nodes = 0
        self.expanded = 0

    def build(self, node: Any, depth: int = 0, where: Any = None) -> Any:
        """``node``'s data; ``where`` is the mark to report a budget overrun at."""
        kind = type(node)
        if kind is self.scalar_kind:
            self.nodes += 1
            return self.scalar(node)
        key = id(node)
        known = self.built.get(key)
        if known is not None:  # an alias: the same data again, counted again
            self.nodes += known[1]
            self.spend(known[1], where or node.start_mark)
            return known[0]
        if key in self.visiting:
            raise LoadProblem(codes.ALIASES, "an alias refers to its own parent", where)
        if depth > MAX_DEPTH:
            message = f"the document nests more than {MAX_DEPTH} levels deep"
            raise LoadProblem(codes.TOO_DEEP, message, node.start_mark)
        self.visiting.add(key)
        before = self.nodes
        self.nodes += 1
        if kind is self.mapping_kind:
            data: Any = self.mapping(node, depth)
        elif kind is self.sequence_kind:
            self.check_tag(node, _SEQ)
            data = [self.build(item, depth + 1, node.start_mark) for item in node.value]
        else:
            raise LoadProblem(codes.YAML_SYNTAX, "YAML syntax error", node.start_mark)
        self.visiting.discard(key)
        self.built[key] = (data, self.nodes - before)
        return data

    def spend(self, nodes: int, where: Any) -> None:
        self.expanded += nodes
        if self.expanded > MAX_EXPANSION:
            message = f"aliases expand the document past {MAX_EXPANSION} nodes"
            raise LoadProblem(codes.ALIASES, message, where)

    def scalar(self, node: Any) -> Any:
        tag, text = node.tag, node.value
        if not text.isascii() and _SURROGATE.search(text):  # from an escape: "\ud800"
            message = "an escape here stands for half a UTF-16 pair, not a character"
            raise LoadProblem(
                codes.ENCODING, f"{message}; write the character itself", node.start_mark
            )
        if tag == PLAIN:
            tag = scalars.resolve(text)
        elif tag in (NON_SPECIFIC, _TIMESTAMP):  # dates stay strings
            return text
        if tag not in scalars.CORE:
            raise self.tag_problem(node)
        try:
            return scalars.construct(tag, text)
        except scalars.ScalarError as exc:
            code = codes.TOO_LARGE if "digits" in str(exc) else codes.TAG
            raise LoadProblem(code, f"{exc}; plans hold plain data only", node.start_mark) from None

    def check_tag(self, node: Any, expected: str) -> None:
        if node.tag != expected and node.tag != NON_SPECIFIC:
            raise self.tag_problem(node)

    @staticmethod
    def tag_problem(node: Any) -> LoadProblem:
        message = "tag not allowed: plans hold plain YAML data only"
        return LoadProblem(codes.TAG, message, node.start_mark)

    def mapping(self, node: Any, depth: int) -> dict[str, Any]:
        self.check_tag(node, _MAP)
        explicit: dict[str, Any] = {}
        seen: set[tuple[str, Any]] = set()
        merges = []
        for key_node, value_node in node.value:
            key = self.key(key_node)
            if key is _MERGE:
                identity: tuple[str, Any] = ("<<", None)
                merges.append((key_node, value_node))
            else:
                identity = (type(key).__name__, key)
            # YAML's equality (1, 1.0 and true are three keys), then JSON's ("1" and 1 are one)
            text = scalars.key_text(key)
            if identity in seen or (key is not _MERGE and text in explicit):
                message = "duplicate key in this mapping; keep one entry"
                raise LoadProblem(codes.DUPLICATE_KEY, message, key_node.start_mark)
            seen.add(identity)
            if key is not _MERGE:
                explicit[text] = self.build(value_node, depth + 1, key_node.start_mark)
        if not merges:
            return explicit
        return self.merge(merges, explicit, depth)

    def key(self, node: Any) -> Any:
        if type(node) is not self.scalar_kind:
            message = "a key must be a single value, not a mapping or a list"
            raise LoadProblem(codes.YAML_SYNTAX, message, node.start_mark)
        if node.tag == PLAIN and node.value == "<<":
            return _MERGE
        self.nodes += 1
        return self.scalar(node)

    def merge(self, merges: list[Any], explicit: dict[str, Any], depth: int) -> dict[str, Any]:
        """Merge keys, as YAML 1.1 defined them: explicit keys win, then earlier sources."""
        merged: dict[str, Any] = {}
        for key_node, value_node in merges:
            many = type(value_node) is self.sequence_kind and value_node.tag in (_SEQ, "!")
            for source in value_node.value if many else [value_node]:
                data = self.build(source, depth + 1, key_node.start_mark)
                if not isinstance(data, dict):
                    message = "a merge key (<<) takes a mapping or a list of mappings"
                    raise LoadProblem(codes.YAML_SYNTAX, message, key_node.start_mark)
                self.spend(len(data), key_node.start_mark)
                for name, value in data.items():
                    merged.setdefault(name, value)
        for name in explicit:
            merged.pop(name, None)
        merged.update(explicit)
        return merged


class _Merge(str):
    """The merge key ``<<`` (a plain ``<<``; a quoted one is an ordinary key)."""


_MERGE = _Merge("<<")
