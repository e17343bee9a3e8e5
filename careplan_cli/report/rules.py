"""The rules command's output: the registry as a table or JSON, or one rule explained.

:data:`LIST_WRITERS` and :data:`ONE_WRITERS` map each ``--format`` name to its writer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from careplan_cli.report.document import Document, Table
from careplan_cli.report.escape import json_text

if TYPE_CHECKING:
    from careplan_cli.plan.rules import Rule

RULES_HEADERS = ["code", "severity", "name", "title"]


def rules_rows(rules: Sequence[Rule]) -> list[list[str]]:
    return [[r.code, r.severity.value, r.name, r.title] for r in rules]


def rules_table(rules: Sequence[Rule]) -> Document:
    return Table(RULES_HEADERS, rules_rows(rules))


def rules_json(rules: Sequence[Rule]) -> str:
    return json_text(
        [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "stage": r.stage,
                "title": r.title,
                "rationale": r.doc,
            }
            for r in rules
        ]
    )


def rule_explanation(rule: Rule) -> str:
    import textwrap

    return (
        f"{rule.code} {rule.name} ({rule.severity.value}, {rule.stage} stage)\n"
        f"{rule.title}.\n\n{textwrap.fill(rule.doc, 88)}\n"
    )


def _one_json(rule: Rule) -> str:
    return rules_json([rule])


LIST_WRITERS: dict[str, Callable[[Sequence[Rule]], Document]] = {
    "text": rules_table,
    "json": rules_json,
}
ONE_WRITERS: dict[str, Callable[[Rule], Document]] = {"text": rule_explanation, "json": _one_json}
