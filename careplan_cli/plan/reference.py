"""ruamel.yaml, the reference: the loader of last resort, its errors as findings, and positions.

Imported only when needed -- a file the fast path steps aside for, or a file with findings
to locate -- so that checking valid plans never pays for importing ruamel.yaml.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import ComposerError
from ruamel.yaml.constructor import DuplicateKeyError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import Node
from ruamel.yaml.parser import ParserError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scanner import ScannerError

from careplan_cli.plan.findings import Finding
from careplan_cli.plan.rules import builtin as codes
from careplan_cli.plan.yamlload import _BOM, _QUOTED, MAX_FLOW_DEPTH, _finding, _flow_too_deep_at

__all__ = ["MAX_FLOW_DEPTH", "YAMLError", "compose", "load", "ruamel_load"]


def _at_mark(code: str, message: str, mark: Any) -> Finding:
    if mark is None:
        return _finding(code, message)
    return _finding(code, message, int(mark.line) + 1, int(mark.column) + 1)


class _DisallowedTag(YAMLError):
    def __init__(self, node: Node) -> None:
        super().__init__()
        self.mark = node.start_mark


class _PlanConstructor(SafeConstructor):
    """The safe constructor, with dates kept as strings and unknown tags refused by a type."""

    def construct_undefined(self, node: Node) -> None:
        raise _DisallowedTag(node)


_PlanConstructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
_PlanConstructor.add_constructor(None, _PlanConstructor.construct_undefined)


@lru_cache(maxsize=2)
def _safe_yaml(pure: bool = False) -> YAML:
    yaml = YAML(typ="safe", pure=pure)
    yaml.Constructor = _PlanConstructor
    return yaml


def ruamel_load(text: str) -> Any:
    """The reference loader: ruamel.yaml's safe loader, YAML 1.2, dates as strings.

    ruamel.yaml.clib's libyaml is older than YAML 1.2 in one way: it rejects ``:`` inside a
    plain scalar in a flow collection (``[http://x]``, ``[1:30]``). Like check-jsonschema,
    retry such text with the pure-Python parser, and report the C parser's error only if
    that fails too.
    """
    try:
        try:
            return _safe_yaml().load(text)
        except (ScannerError, ParserError) as exc:
            try:
                return _safe_yaml(pure=True).load(text)
            except YAMLError:
                raise exc from None
    except BaseException:
        # A YAML instance is not reliably reusable after a failed load (a later load of good
        # text can fail on the leftover state): start afresh next time.
        _safe_yaml.cache_clear()
        raise


def _compose(text: str) -> Node | None:
    node: Node | None
    try:
        node = _safe_yaml().compose(text)
    except (ScannerError, ParserError):
        _safe_yaml.cache_clear()
        node = _safe_yaml(pure=True).compose(text)
    return node


def _yaml_error_finding(exc: YAMLError) -> Finding:
    """One finding for a ruamel.yaml error, located by its mark, without quoting the text."""
    if isinstance(exc, _DisallowedTag):
        return _at_mark(codes.TAG, "tag not allowed: plans hold plain YAML data only", exc.mark)
    if isinstance(exc, DuplicateKeyError):
        return _at_mark(
            codes.DUPLICATE_KEY, "duplicate key in this mapping; keep one entry", exc.problem_mark
        )
    if isinstance(exc, ComposerError) and exc.context == "expected a single document in the stream":
        return _at_mark(
            codes.MULTIPLE_DOCUMENTS,
            "a second YAML document starts here; keep one plan per file",
            exc.problem_mark,
        )
    if isinstance(exc, ReaderError):
        return _finding(codes.ENCODING, "file contains control characters; is it a binary file?")
    if isinstance(exc, MarkedYAMLError):
        problem = _QUOTED.sub("…", str(exc.problem or "invalid YAML"))
        context = f" ({exc.context})" if exc.context else ""
        return _at_mark(
            codes.YAML_SYNTAX,
            f"YAML syntax error: {problem}{context}",
            exc.problem_mark or exc.context_mark,
        )
    return _finding(codes.YAML_SYNTAX, "YAML syntax error")


def load(text: str) -> tuple[Any, bool, Finding | None]:
    """``(data, plain_keys, None)``, or ``(None, False, finding)`` when the text is no plan."""
    try:
        return ruamel_load(text), False, None
    except YAMLError as exc:
        return None, False, _yaml_error_finding(exc)
    except RecursionError:
        return None, False, _finding(codes.TOO_DEEP, "the document nests too deeply to be a plan")


def compose(text: str) -> Any:
    """The document's node tree (with positions), or None when ruamel.yaml cannot compose it."""
    if _flow_too_deep_at(text) is not None:
        return None
    try:
        return _compose(text.removeprefix(_BOM))
    except (YAMLError, RecursionError):
        _safe_yaml.cache_clear()
        return None
