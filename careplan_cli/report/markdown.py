"""A copy of a plan as Markdown: every value escaped (metacharacters and control characters);
a draft says so under its title and at its end."""

from __future__ import annotations

from careplan_cli.report.copytext import DRAFT_NOTE, Copy
from careplan_cli.report.escape import markdown, markdown_block


def to_markdown(copy: Copy) -> str:
    out = [f"# {markdown(copy.title)}", ""]
    draft = [f"**{markdown(DRAFT_NOTE)}**", ""] if copy.draft else []
    out += draft
    if copy.recipient:
        out += [
            f"*A copy for {markdown(copy.recipient)}, with the parts of the plan agreed for them.*",
            "",
        ]
    for section in copy.sections:
        out += [f"## {markdown(section.heading)}", ""]
        out += [f"**{markdown(k)}:** {markdown(v)}  " for k, v in section.rows]
        out += ([""] if section.rows else []) + [markdown_block(p) + "\n" for p in section.lead]
        # an item is a block of its own too: "- 1. x" would nest a list in it
        out += [f"- {markdown_block(i)}" for i in section.items] + [""]
    return "\n".join(out + draft).rstrip() + "\n"
