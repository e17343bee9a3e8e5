"""Rules an organisation sets in its careplan.toml."""

from __future__ import annotations

from collections.abc import Iterator

from careplan_cli.plan.findings import Severity, pointer
from careplan_cli.plan.rules.content import IN_FORCE
from careplan_cli.plan.rules.registry import PlanContext, Problem, rule


@rule("CP501", "required-fields", Severity.ERROR, "Fields the organisation requires are present")
def required_fields(ctx: PlanContext) -> Iterator[Problem]:
    """An organisation can require more than the plan format does (``required.fields`` in
    careplan.toml, dotted paths such as ``diversity.language``); every plan in force must
    then have each of them, not empty."""
    if ctx.plan.get("status") not in IN_FORCE:
        return
    for dotted in ctx.required_fields:
        node: object = ctx.plan
        found: list[str] = []
        for part in dotted.split("."):
            if not isinstance(node, dict) or node.get(part) in (None, "", [], {}):
                yield Problem(pointer(*found), f"the organisation requires '{dotted}'")
                break
            found.append(part)
            node = node[part]
