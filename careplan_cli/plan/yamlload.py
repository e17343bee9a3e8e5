"""Reading plan files safely: YAML 1.2, plain data only, bounded size, every problem a finding.

This is the read path of every command. Files are read by :mod:`careplan_cli.plan.source`
(never blocking, never more than the limit); plain plans are loaded by
:mod:`careplan_cli.plan.quickload` (yaml-rs, behind a screen that sends anything it might read
differently down the next path); the rest are composed by :mod:`careplan_cli.plan.fastload`
(libyaml through PyYAML) or, for anything libyaml cannot read, by
:mod:`careplan_cli.plan.reference` (ruamel.yaml, whose errors give the findings), and built
into data by :mod:`careplan_cli.plan.build` with scalars resolved by the YAML 1.2 core schema
(:mod:`careplan_cli.plan.scalars`). Lines and columns are looked up only for files that have
findings.

Dates are loaded as ISO strings, whether quoted or not, so that ``format: date`` in the
schema sees strings and a YAML date and a quoted date mean the same.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careplan_cli.plan import codes
from careplan_cli.plan.build import MAX_DEPTH, MAX_EXPANSION, Fallback, LoadProblem
from careplan_cli.plan.findings import Finding, Severity, pointer_parts
from careplan_cli.plan.quickload import holds, quick_load
from careplan_cli.plan.quicklocate import TextLocator, text_locator
from careplan_cli.plan.source import MAX_BYTES, SourceError, read_source

MAX_NODES = MAX_EXPANSION  # re-exported: the limits, for documentation and tests
__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Loaded", "Locator", "load_bytes", "parse_text"]
_BOM = "\ufeff"
_CONFLICT = re.compile(r"^(<<<<<<<|>>>>>>>)( |$)|^=======$", re.MULTILINE)
_BRACKET = re.compile(r"[\[\]{}]")
# libyaml's C composer recurses without a guard and crashes the process on flow collections
# nested some tens of thousands deep, so deep nesting is refused before it reaches the parser.
MAX_FLOW_DEPTH = MAX_DEPTH
# Block collections nest a level for each compact indicator on a line ("- - - x", "? - x"):
# a line of 100,000 of them crashes libyaml's composer, and some thousands yaml-rs, so a line
# that opens more levels than a plan may hold is refused before parsing too. (Nesting by
# indentation alone is bounded by the size limit: some 1,400 levels in 1 MiB.)
_COMPACT_RUN = rf"[ \t]*+[-?:][ \t]++(?:[-?:][ \t]++){{{MAX_DEPTH - 1}}}"  # (no backtracking)
_FIRST_LINE_RUN = re.compile(_COMPACT_RUN)
_LINE_RUN = re.compile("\n" + _COMPACT_RUN)  # (a literal first: re skips to line breaks)
# libyaml breaks lines at CR, NEL, LS and PS too (YAML 1.1); searched for only in the rare text
# that holds one (a CRLF text's runs start after its LF).
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")
_OTHER_LINE_RUN = re.compile("[\r\x85\u2028\u2029]" + _COMPACT_RUN)
# YAML 1.2: a document for a later minor version "should be processed with a warning"; the
# parsers here refuse (or assert on) anything but 1.1 and 1.2, so it is read as 1.2.
_LATER_MINOR = re.compile(r"^%YAML[ \t]+1\.([3-9]|[1-9][0-9]+)(?=[ \t]|$)", re.MULTILINE)


@dataclass(frozen=True)
class Loaded:
    """A read plan file: its text (if it could be decoded), data (if it loaded) and findings."""

    text: str | None
    data: dict[str, Any] | None
    findings: tuple[Finding, ...]


def _finding(code: str, message: str, line: int = 1, column: int = 1) -> Finding:
    return Finding(code, Severity.ERROR, message, "", line, column)


def read_plan_file(path: Path, boundary: Path | None = None) -> Loaded:
    """Read, decode and load one plan file. Never raises for a bad file: it gives findings.

    A symbolic link is followed only to a file inside ``boundary`` (the project): a plan
    repository must not become a way to read other files. See
    :func:`careplan_cli.plan.source.read_source` for what else is refused unread.
    """
    try:
        raw = read_source(path, boundary=boundary)
    except SourceError as exc:
        return Loaded(None, None, (_finding(exc.code, exc.message),))
    return load_bytes(raw)


def load_bytes(raw: bytes) -> Loaded:
    if len(raw) > MAX_BYTES:
        return Loaded(None, None, (_finding(codes.TOO_LARGE, "file is too large"),))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return Loaded(
            None,
            None,
            (
                _finding(
                    codes.ENCODING,
                    "file is not UTF-8 text (a binary file, or saved in another encoding); "
                    "re-save it as UTF-8",
                    line,
                    column,
                ),
            ),
        )
    data, findings = parse_text(text)
    return Loaded(text, data, tuple(findings))


def parse_text(text: str) -> tuple[dict[str, Any] | None, list[Finding]]:
    """Parse a plan's text into plain JSON-like data, or findings explaining why not."""
    text = text.removeprefix(_BOM)
    early = _refused_before_parsing(text)
    if early is not None:
        return None, [early]
    if holds(text, "%YAML"):
        text = _LATER_MINOR.sub(_as_1_2, text)
    try:
        data, problem = _load(text)
    except LoadProblem as exc:
        return None, [_finding(exc.code, exc.message, exc.line, exc.column)]
    if problem is not None:
        return None, [problem]
    if data is None:
        return None, [_finding(codes.EMPTY, "file holds no plan (empty, or comments only)")]
    if not isinstance(data, dict):
        line, column = locate(text, "")
        return None, [
            _finding(
                codes.NOT_MAPPING,
                f"the top level must be a mapping of plan fields, not {json_type(data)}",
                line,
                column,
            )
        ]
    return data, []


def _load(text: str) -> tuple[Any, Finding | None]:
    """The data (or the finding refusing it) from the quickest loader that reads ``text``."""
    try:
        return quick_load(text), None
    except Fallback:
        pass
    from careplan_cli.plan.fastload import fast_load  # libyaml: loaded only when needed

    try:
        return fast_load(text), None
    except Fallback:
        from careplan_cli.plan import reference  # ruamel.yaml: loaded only when needed

        return reference.load(text)


def _as_1_2(match: re.Match[str]) -> str:
    minor = match.group(1)
    return match.group(0)[: -len(minor)] + "2".ljust(len(minor))  # lines and columns kept


def _refused_before_parsing(text: str) -> Finding | None:
    conflicted = holds(text, "<<<<<<<") or holds(text, ">>>>>>>")
    conflict = _CONFLICT.search(text) if conflicted else None
    if conflict is not None:
        return _finding(
            codes.MERGE_CONFLICT,
            "unresolved merge conflict: resolve it (keep both sides' reviews), then commit",
            text.count("\n", 0, conflict.start()) + 1,
        )
    too_deep_at = _too_deep_at(text)
    if too_deep_at is not None:
        return _finding(
            codes.TOO_DEEP,
            "the document nests too deeply to be a plan",
            text.count("\n", 0, too_deep_at) + 1,
        )
    return None


def _too_deep_at(text: str) -> int | None:
    """Where collections first nest past what careplan reads (flow or block), if they do."""
    if _FIRST_LINE_RUN.match(text):
        return 0
    run = _LINE_RUN.search(text)
    if run is None and (
        ("\r" in text and text.count("\r") != text.count("\r\n"))
        or any(brk in text for brk in _OTHER_BREAKS)
    ):
        run = _OTHER_LINE_RUN.search(text)
    return run.start() + 1 if run else _flow_too_deep_at(text)


def _flow_too_deep_at(text: str) -> int | None:
    """Where flow collections first nest past the limit, if they do (quoted brackets count)."""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return None
    depth = 0
    for match in _BRACKET.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_FLOW_DEPTH:
            return match.start()
    return None


def json_type(value: object) -> str:
    """The JSON type of a loaded value, as a user would name it."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty (null)"
    return "a non-JSON value"


class Locator:
    """Finds lines and columns of JSON pointers in one document, composing it once, lazily.

    Given the document's data, :mod:`careplan_cli.plan.quicklocate` finds most positions in
    the text without composing it. Otherwise libyaml's composer (through PyYAML) keeps every
    node's position and is fast; ruamel.yaml composes what it cannot (imported only then).
    """

    def __init__(self, text: str, data: Any = None) -> None:
        self._text = text.removeprefix(_BOM)
        self._root: Any = None
        self._composed = False
        self._keys: dict[int, dict[str, Any]] = {}
        self._data = data  # (given the data, most texts need no composing)

    @functools.cached_property
    def _quick(self) -> TextLocator | None:
        return text_locator(self._text, self._data)

    def _compose(self) -> Any:
        if not self._composed:
            self._composed = True
            if _too_deep_at(self._text) is None:
                from careplan_cli.plan.fastload import fast_compose  # libyaml, when needed

                try:
                    self._root = fast_compose(self._text)
                except Fallback:
                    from careplan_cli.plan.reference import compose

                    self._root = compose(self._text)
        return self._root

    def __call__(self, ptr: str, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the node at ``ptr``, or of its deepest existing parent.

        With ``key=True`` the position of a mapping entry's key is given rather than its value;
        for a collection value the key's position is given anyway (the value starts below it).
        """
        found = self._quick.find(pointer_parts(ptr), key) if self._quick else None
        if found is not None:
            return found
        node = self._compose()
        if node is None:
            return 1, 1
        mark = node.start_mark
        for part in pointer_parts(ptr):
            child, key_node = _child(node, part, self._keys)
            if child is None:
                break
            scalar = type(child).__name__ == "ScalarNode"
            use_key = key_node is not None and (key or not scalar)
            mark = key_node.start_mark if use_key and key_node is not None else child.start_mark
            node = child
        return int(mark.line) + 1, int(mark.column) + 1


def locate(text: str, ptr: str, *, key: bool = False) -> tuple[int, int]:
    """Line and column of one JSON pointer (see :class:`Locator` for many)."""
    return Locator(text)(ptr, key=key)


def _child(node: Any, part: str, index: dict[int, dict[str, Any]]) -> tuple[Any, Any]:
    # PyYAML's and ruamel.yaml's node classes differ but have the same shape: go by name.
    kind = type(node).__name__
    if kind == "MappingNode":
        keys = index.get(id(node))
        if keys is None:  # one pass per mapping, however many findings point into it
            keys = index[id(node)] = {}
            for pair in node.value:
                if type(pair[0]).__name__ == "ScalarNode":
                    keys.setdefault(pair[0].value, pair)
        key_node, value_node = keys.get(part, (None, None))
        return value_node, key_node
    if kind == "SequenceNode" and part.isdigit() and int(part) < len(node.value):
        return node.value[int(part)], None
    return None, None
