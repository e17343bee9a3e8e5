"""Reading plan files safely: YAML 1.2, plain data only, bounded size, every problem a finding.

This is the read path of every command. It parses with :mod:`careplan_cli.plan.fastload`
(PyYAML's C loader held to ruamel.yaml's YAML 1.2 data) and falls back to
:mod:`careplan_cli.plan.reference` (ruamel.yaml, whose errors give the findings) for anything
unusual. Lines and columns are looked up only for files that have findings.

Dates are loaded as ISO strings, whether quoted or not, so that ``format: date`` in the
schema sees strings and a YAML date and a quoted date mean the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from careplan_cli.plan.fastload import Fallback, fast_compose, fast_load
from careplan_cli.plan.findings import Finding, Severity, pointer_parts
from careplan_cli.plan.rules import builtin as codes

MAX_BYTES = 1 << 20
MAX_NODES = 100_000  # after alias expansion; a large plan has a few thousand
MAX_DEPTH = 64
_BOM = "\ufeff"
_CONFLICT = re.compile(r"^(<<<<<<<|>>>>>>>)( |$)|^=======$", re.MULTILINE)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_BRACKET = re.compile(r"[\[\]{}]")
# libyaml's C composer recurses without a guard and crashes the process on flow collections
# nested some tens of thousands deep, so deep nesting is refused before it reaches the parser.
MAX_FLOW_DEPTH = MAX_DEPTH
_INDENT = re.compile(r"^ +", re.MULTILINE)


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

    A path that goes through a symbolic link to somewhere outside ``boundary`` (the project)
    is not read: a plan repository must not become a way to read other files.
    """
    if boundary is not None and _leaves(path, boundary):
        return Loaded(
            None,
            None,
            (
                _finding(
                    codes.UNREADABLE,
                    "a symbolic link that leads outside the repository; not followed",
                ),
            ),
        )
    try:
        if path.stat().st_size > MAX_BYTES:
            return Loaded(
                None,
                None,
                (
                    _finding(
                        codes.TOO_LARGE,
                        f"file is larger than {MAX_BYTES // 1024} KiB; a plan is never this large",
                    ),
                ),
            )
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return Loaded(None, None, (_finding(codes.UNREADABLE, f"cannot read file: {reason}"),))
    return load_bytes(raw)


def _leaves(path: Path, boundary: Path) -> bool:
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return True
    return resolved != path.absolute() and not resolved.is_relative_to(boundary.resolve())


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
    conflict = _CONFLICT.search(text) if ("<<<<<<<" in text or ">>>>>>>" in text) else None
    if conflict is not None:
        line = text.count("\n", 0, conflict.start()) + 1
        return None, [
            _finding(
                codes.MERGE_CONFLICT,
                "unresolved merge conflict: resolve it (keep both sides' reviews), then commit",
                line,
            )
        ]
    too_deep_at = _flow_too_deep_at(text)
    if too_deep_at is not None:
        return None, [
            _finding(
                codes.TOO_DEEP,
                "the document nests too deeply to be a plan",
                text.count("\n", 0, too_deep_at) + 1,
            )
        ]
    try:
        data, plain_keys = fast_load(text)
    except Fallback:
        from careplan_cli.plan import reference  # ruamel.yaml: loaded only when it is needed

        data, plain_keys, problem = reference.load(text)
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
    # Without aliases nothing can expand or refer to itself, and without deep indentation
    # (block nesting) or brackets (flow nesting, checked above) nothing nests deeply: then the
    # walk over every node can be skipped.
    deep = max(map(len, _INDENT.findall(text)), default=0) > MAX_DEPTH
    problem = _check_expansion(data) if ("*" in text or deep) else None
    if problem is not None:
        # Aliased nodes are shared, so no position is kept for the alias itself: point at the
        # first anchor, where the trouble starts.
        anchor = re.search(r"&[^\s\[\]{},]+", text)
        line = text.count("\n", 0, anchor.start()) + 1 if anchor else 1
        return None, [replace(problem, line=line)]
    return (data if plain_keys else _normalise(data)), []


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


class _Expansion(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


def _check_expansion(data: object) -> Finding | None:
    """Refuse alias bombs, self-referring aliases and deep nesting before anything walks the data.

    Aliased containers are shared Python objects, so the loader itself is cheap; it is every
    later walk (schema, rules, conversion) that would blow up.
    """
    sizes: dict[int, int] = {}
    visiting: set[int] = set()

    def size(node: object, depth: int) -> int:
        if not isinstance(node, dict | list):
            return 1
        if depth > MAX_DEPTH:
            raise _Expansion(
                _finding(codes.TOO_DEEP, f"the document nests more than {MAX_DEPTH} levels deep")
            )
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in visiting:
            raise _Expansion(_finding(codes.ALIASES, "an alias refers to its own parent"))
        visiting.add(key)
        children = node.values() if isinstance(node, dict) else node
        total = 1 + sum(size(child, depth + 1) for child in children)
        visiting.discard(key)
        if total > MAX_NODES:
            raise _Expansion(
                _finding(codes.ALIASES, f"aliases expand the document past {MAX_NODES} nodes")
            )
        sizes[key] = total
        return total

    try:
        size(data, 0)
    except _Expansion as exc:
        return exc.finding
    return None


def _normalise(data: Any) -> Any:
    """Plain JSON-like data: mapping keys as strings (as JSON and check-jsonschema have them)."""
    if isinstance(data, dict):
        return {k if isinstance(k, str) else str(k): _normalise(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_normalise(v) for v in data]
    return data


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

    libyaml's composer (through PyYAML) keeps every node's position and is fast; ruamel.yaml
    composes what it cannot (and is imported only then).
    """

    def __init__(self, text: str) -> None:
        self._text = text.removeprefix(_BOM)
        self._root: Any = None
        self._composed = False

    def _compose(self) -> Any:
        if not self._composed:
            self._composed = True
            if _flow_too_deep_at(self._text) is None:
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
        node = self._compose()
        if node is None:
            return 1, 1
        mark = node.start_mark
        for part in pointer_parts(ptr):
            child, key_node = _child(node, part)
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


def _child(node: Any, part: str) -> tuple[Any, Any]:
    # PyYAML's and ruamel.yaml's node classes differ but have the same shape: go by name.
    kind = type(node).__name__
    if kind == "MappingNode":
        for key_node, value_node in node.value:
            if type(key_node).__name__ == "ScalarNode" and key_node.value == part:
                return value_node, key_node
    elif kind == "SequenceNode" and part.isdigit() and int(part) < len(node.value):
        return node.value[int(part)], None
    return None, None
