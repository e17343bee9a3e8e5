"""ruamel.yaml, the reference: the composer of last resort, and its errors as findings.

Imported only when needed -- a file libyaml cannot read, or a file with findings to locate
that libyaml cannot compose -- so that checking valid plans never pays for importing
ruamel.yaml. Its node tree is built into data by :mod:`careplan_cli.plan.build`, as
libyaml's is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import ComposerError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.parser import ParserError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scanner import ScannerError
from ruamel.yaml.tag import Tag

from careplan_cli.plan import codes
from careplan_cli.plan.build import PLAIN, Builder
from careplan_cli.plan.findings import Finding, Severity

__all__ = ["YAMLError", "compose", "load"]

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")  # what the text held: never repeated back
KINDS = (ScalarNode, MappingNode, SequenceNode)


def _finding(code: str, message: str, mark: Any = None) -> Finding:
    line = int(mark.line) + 1 if mark is not None else 1
    column = int(mark.column) + 1 if mark is not None else 1
    return Finding(code, Severity.ERROR, message, "", line, column)


class _PlainResolver(VersionedResolver):
    """Plain scalars are left for careplan to resolve (YAML 1.2 core schema, one place)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            return Tag(suffix=PLAIN)  # node.tag gives it back as a string
        return super().resolve(kind, value, implicit)


@lru_cache(maxsize=2)
def _safe_yaml(pure: bool = False) -> YAML:
    yaml = YAML(typ="safe", pure=pure)
    yaml.Resolver = _PlainResolver
    return yaml


def _compose(text: str) -> Node | None:
    """ruamel.yaml's node tree.

    ruamel.yaml.clib's libyaml is older than YAML 1.2 in one way: it rejects ``:`` inside a
    plain scalar in a flow collection (``[http://x]``, ``[1:30]``). Like check-jsonschema,
    retry such text with the pure-Python parser, and report the C parser's error only if
    that fails too.
    """
    try:
        try:
            return _safe_yaml().compose(text)  # type: ignore[no-any-return]
        except (ScannerError, ParserError) as exc:
            _safe_yaml.cache_clear()
            try:
                return _safe_yaml(pure=True).compose(text)  # type: ignore[no-any-return]
            except (YAMLError, AssertionError):  # the pure parser asserts on odd directives
                raise exc from None
    except BaseException:
        # A YAML instance is not reliably reusable after a failed load (a later load of good
        # text can fail on the leftover state): start afresh next time.
        _safe_yaml.cache_clear()
        raise


def _yaml_error_finding(exc: YAMLError) -> Finding:
    """One finding for a ruamel.yaml error, located by its mark, without quoting the text."""
    if isinstance(exc, ComposerError) and exc.context == "expected a single document in the stream":
        return _finding(
            codes.MULTIPLE_DOCUMENTS,
            "a second YAML document starts here; keep one plan per file",
            exc.problem_mark,
        )
    if isinstance(exc, ReaderError):
        return _finding(codes.ENCODING, "file contains control characters; is it a binary file?")
    if isinstance(exc, MarkedYAMLError):
        problem = _QUOTED.sub("…", str(exc.problem or "invalid YAML"))
        context = f" ({exc.context})" if exc.context else ""
        return _finding(
            codes.YAML_SYNTAX,
            f"YAML syntax error: {problem}{context}",
            exc.problem_mark or exc.context_mark,
        )
    return _finding(codes.YAML_SYNTAX, "YAML syntax error")


def load(text: str) -> tuple[Any, Finding | None]:
    """``(data, None)``, or ``(None, finding)`` when ruamel.yaml cannot compose the text.

    Raises :class:`~careplan_cli.plan.build.LoadProblem` when the document is no plan.
    """
    try:
        node = _compose(text)
    except YAMLError as exc:
        return None, _yaml_error_finding(exc)
    except RecursionError:
        return None, _finding(codes.TOO_DEEP, "the document nests too deeply to be a plan")
    return (None if node is None else Builder(KINDS).build(node)), None


def compose(text: str) -> Any:
    """The document's node tree (with positions), or None when ruamel.yaml cannot compose it."""
    try:
        return _compose(text)
    except (YAMLError, RecursionError):
        return None
