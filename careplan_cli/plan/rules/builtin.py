"""Codes of the loading and schema stages, registered so that ``careplan rules`` explains them."""

from __future__ import annotations

from careplan_cli.plan import codes
from careplan_cli.plan.findings import Severity
from careplan_cli.plan.rules.registry import Rule, register


def _stage(code: str, name: str, title: str, doc: str, stage: str = "load") -> str:
    register(Rule(code, name, Severity.ERROR, title, " ".join(doc.split()), None, stage))
    return code


YAML_SYNTAX = _stage(
    codes.YAML_SYNTAX,
    "yaml-syntax",
    "The file is not well-formed YAML",
    """A plan must parse as YAML 1.2. The finding points at the place the parser stopped;
    look there and just before it (unclosed brackets or quotes, a tab used for indentation,
    a key without a colon).""",
)
DUPLICATE_KEY = _stage(
    codes.DUPLICATE_KEY,
    "duplicate-key",
    "A key appears twice in the same mapping",
    """YAML parsers disagree on which of two equal keys wins, so a plan with a duplicated key
    means different things to different tools. Merge the two entries into one.""",
)
ENCODING = _stage(
    codes.ENCODING,
    "encoding",
    "The file is not UTF-8 text",
    """Plans are UTF-8 text (a byte-order mark and CRLF line ends are accepted). A binary
    file or another encoding cannot be read reliably; re-save the file as UTF-8.""",
)
EMPTY = _stage(
    codes.EMPTY,
    "empty-file",
    "The file holds no plan",
    """The file is empty or holds only comments. Write the plan, or delete the file.""",
)
NOT_MAPPING = _stage(
    codes.NOT_MAPPING,
    "root-not-mapping",
    "The top level is not a mapping of fields",
    """A plan is a mapping (``schema_version: 1``, ``id: ...``, ...), not a list or a single
    value.""",
)
MULTIPLE_DOCUMENTS = _stage(
    codes.MULTIPLE_DOCUMENTS,
    "multiple-documents",
    "The file holds more than one YAML document",
    """One plan per file: a ``---`` line after content starts a second document. Move the
    second plan to its own file.""",
)
TAG = _stage(
    codes.TAG,
    "disallowed-tag",
    "A YAML tag that careplan does not accept",
    """Tags that build objects (``!!python/...``) or unknown local tags (``!thing``) are
    refused: plans hold plain data only, and loading must never run code.""",
)
ALIASES = _stage(
    codes.ALIASES,
    "alias-expansion",
    "Anchors and aliases expand too far or refer to themselves",
    """A small file can expand to billions of nodes through aliases ("billion laughs"), or an
    alias can refer to its own parent. careplan refuses such files rather than hang.""",
)
TOO_LARGE = _stage(
    codes.TOO_LARGE,
    "file-too-large",
    "The file is larger than the size limit",
    """A care plan is tens of kilobytes at most; a file over the limit (1 MiB) is refused
    unread so that one stray file cannot exhaust memory.""",
)
UNREADABLE = _stage(
    codes.UNREADABLE,
    "unreadable",
    "The file could not be read",
    """The file exists but could not be opened (permissions, a broken link, a link that
    leaves the repository, a directory named like a plan).""",
)
MERGE_CONFLICT = _stage(
    codes.MERGE_CONFLICT,
    "merge-conflict",
    "Unresolved merge conflict",
    """The file still holds git's conflict markers (``<<<<<<<``, ``=======``, ``>>>>>>>``).
    Resolve the conflict, keeping both reviews where two were recorded, then validate again.""",
)
TOO_DEEP = _stage(
    codes.TOO_DEEP,
    "nesting-too-deep",
    "The file nests too deeply",
    """No plan nests more than a few levels; a file nested hundreds deep is refused rather
    than risk exhausting the stack.""",
)
SCHEMA = _stage(
    codes.SCHEMA,
    "schema",
    "The plan does not match the plan format (JSON Schema)",
    """Every plan must match the schema of its format version: ``careplan.schema.json``
    for v2 (``careplan schema`` prints it), ``careplan.v1.schema.json`` for v1 plans, chosen
    by ``schema_version``: the right fields, of the right types, with codes from the code
    lists. The care-planning rules run as well, so that one run shows everything; each skips
    what the schema finding says it cannot read.""",
    stage="schema",
)
