"""A copy of a plan as Markdown: every value escaped (metacharacters and control characters)."""

from __future__ import annotations

from careplan_cli.report.escape import markdown, markdown_block
from careplan_cli.report.sections import Copy


def to_markdown(copy: Copy) -> str:
    out = [f"# {markdown(copy.title)}", ""]
    if copy.recipient:
        out += [
            f"*A copy for {markdown(copy.recipient)}, with the parts of the plan agreed for them.*",
            "",
        ]
    for section in copy.sections:
        out += [f"## {markdown(section.heading)}", ""]
        out += [f"**{markdown(k)}:** {markdown(v)}  " for k, v in section.rows]
        out += ([""] if section.rows else []) + [markdown_block(p) + "\n" for p in section.lead]
        out += [f"- {markdown(i)}" for i in section.items] + [""]
    return "\n".join(out).rstrip() + "\n"
