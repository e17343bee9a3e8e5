"""Hostile values in every section format v2 brought into copies: escaped like every other
value, in Markdown (report/escape.py) and HTML (Jinja2 autoescape), through the real CLI.

One schema-valid plan carries markup, a Markdown link and emphasis, an HTML script, terminal
escape sequences, a list marker, newlines that would start a heading or a list, a bare CR, a
bidi override and a spreadsheet formula in each free-text field the v2 sections show. (A copy
puts each value on one line: newlines and CRs become spaces, as they always have.) (The contribution
section holds only an amount, a period and a date: the schema lets no text into it; previous
ids match a pattern that no markup passes.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from careplan_cli.plan.schema import schema_problems
from careplan_cli.plan.yamlload import read_plan_file
from tests.conftest import EXAMPLES, invoke

HOSTILE = (
    "1. =cmd|'/C calc'!A0 <script>alert(1)</script> **bold** [link](javascript:alert(1)) "
    "\x1b[31mred\x1b]8;;https://evil.example/\x1b\\ bell\x07 cr\rover\n# forged heading\n"
    "- forged item <img src=x onerror=alert(2)> \u202eevil & done"
)
# What must never reach a copy raw: controls other than the newline, bidi and separators.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
SECTIONS = [
    "agreement",
    "mental_capacity",
    "mental_health_act",
    "admissions",
    "information_sharing",
    "personal_budget",
    "carers",
    "reviews",
    "measures",
    "status",
    "coordinator_history",
]
WHO = {"name": HOSTILE, "role": HOSTILE}


def _hostile_plan() -> dict[str, Any]:
    plan = read_plan_file(EXAMPLES / "CP-000104.yaml").data
    assert isinstance(plan, dict)
    day, bad = "2026-11-20", HOSTILE
    plan.update(
        status="closed",
        end=day,
        closure={
            "date": day,
            "reason": "other",
            "destination": bad,
            "informed": [bad],
            "notes": bad,
            "measures": {"top": {"substances": [{"substance": bad, "days": 3}]}},
        },
        status_history=[{"date": day, "from": "active", "to": "closed", "reason": bad, "by": bad}],
        agreement={
            "agreed": False,
            "basis": "disagrees",
            "reason_not_agreed": bad,
            "service_user_comments": bad,
        },
        mental_capacity={
            "assessments": [
                {"decision": bad, "date": day, "assessor": WHO, "outcome": "has-capacity"}
                | {"notes": bad}
            ],
            "best_interests": [
                {"decision": bad, "date": day, "decision_maker": WHO, "consulted": [WHO]}
            ],
            "attorneys": [{"kind": "deputy-health-welfare", "name": bad, "reference": bad}],
        },
        personal_budget={
            "amount": 10,
            "period": "week",
            "breakdown": [{"description": bad, "amount": 10}],
            "assessed_contribution": {"amount": 1.5, "period": "week"},
        },
    )
    plan["coordinator_history"][0].update(name=bad, organisation=bad)
    plan["mha"].update(responsible_clinician=WHO, cto_conditions=[bad])
    ended = {"date": day, "icb_decision_maker": WHO, "local_authority_decision_maker": WHO}
    plan["s117"].update(responsible_icb=bad, ended=ended | {"reason": bad})
    plan["admissions"][0].update(hospital=bad, follow_up_by=bad, follow_up_exception=bad)
    plan["carers"][0].update(support_plan_ref=bad)
    sharing = plan["information_sharing"]["agreements"][0]
    sharing.update(basis="vital-interests", basis_note=bad)
    review = plan["reviews"][0]
    review.update(relevance=bad, effectiveness=bad, unmet_needs=[bad], trigger=bad)
    review["outcomes"][0]["comment"] = bad
    review["satisfaction"] = {"rating": "not-asked", "reason_not_asked": bad}
    review["measures"]["honos"]["rated_by"] = bad
    return plan


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan = _hostile_plan()
    assert schema_problems(plan) == []  # render refuses a plan that does not match
    path = tmp_path_factory.mktemp("hostile") / "CP-000104.yaml"
    path.write_text(json.dumps(plan, default=str), encoding="utf-8")  # JSON is YAML
    return path


def _chunks(out: str, fmt: str) -> dict[str, str]:
    """Each section's text, by key (Markdown sections by their heading's position)."""
    if fmt == "html":
        found = re.findall(r'<section id="([a-z_]+)"[^>]*>(.*?)</section>', out, re.DOTALL)
        return dict(found)
    from careplan_cli.plan.consent import ALL_SECTIONS
    from careplan_cli.report.sections import BUILDERS

    headings = {}
    for key in ALL_SECTIONS:
        built = BUILDERS[key](_hostile_plan())
        if built is not None:
            headings[built.heading] = key
    parts = re.split(r"^## (.+)$", out, flags=re.MULTILINE)
    return {headings[h]: body for h, body in zip(parts[1::2], parts[2::2], strict=True)}


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_hostile_values_in_every_v2_section_are_escaped(
    runner: CliRunner, hostile: Path, fmt: str
) -> None:
    code, out, err = invoke(runner, "render", str(hostile), "--format", fmt)
    assert (code, err) == (0, "")
    assert RAW.search(out) is None
    if fmt == "md":
        assert not re.search(r"(?<!\\)[<\[*]", out.replace("**", "")), "unescaped markup"
        assert not re.search(r"^(#|-) forged|^- 1\. ", out, re.MULTILINE)
        assert "\n- 1\\. =cmd\\|" in out  # an item that starts like a list is one item
        shown = r"=cmd\|'/C calc'!A0 \<script\>alert(1)\</script\> \*\*bold\*\* \[link\]"
        shown += r"(javascript:alert(1)) \\x1b\[31mred\\x1b\]8;;https://evil.example/\\x1b\\"
        ending = r"bell\\x07 cr over \# forged heading - forged item \<img src=x"
        ending += r" onerror=alert(2)\> \\u202eevil & done"
    else:
        assert not re.search(r"<(script|img|a)\b", out)
        shown = "=cmd|&#39;/C calc&#39;!A0 &lt;script&gt;alert(1)&lt;/script&gt; **bold**"
        shown += r" [link](javascript:alert(1)) \x1b[31mred\x1b]8;;https://evil.example/\x1b\ "
        ending = r"bell\x07 cr over # forged heading - forged item &lt;img src=x"
        ending += r" onerror=alert(2)&gt; \u202eevil &amp; done"
    chunks = _chunks(out, fmt)
    for key in SECTIONS:
        assert shown in chunks.get(key, ""), key
        assert ending in chunks[key], key


def test_hostile_contribution_section_holds_only_numbers(runner: CliRunner, hostile: Path) -> None:
    _, out, _ = invoke(runner, "render", str(hostile), "--format", "md")
    assert "I pay \u00a31.50 a week towards the cost of my care." in out
