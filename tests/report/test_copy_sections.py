"""Format v2 in copies for people: each example shows what it holds, in plain words; anyone
but the service user sees a v2 section only when an agreement names it; a draft says DRAFT."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from careplan_cli.plan.yamlload import read_plan_file
from tests.conftest import EXAMPLES, invoke

FILES = sorted(EXAMPLES.glob("*.yaml"))
HEADINGS = {
    "agreement": "Agreeing this plan",
    "mental_capacity": "Making decisions about my care",
    "mental_health_act": "The Mental Health Act and my care",
    "admissions": "Times in hospital",
    "contribution": "What I pay towards my care",
    "measures": "Measuring how I am doing",
    "status": "Where this plan stands",
    "coordinator_history": "Who co-ordinated my care before",
}


def _measured(plan: dict[str, Any]) -> bool:
    held = [plan.get("assessment") or {}, plan.get("closure") or {}, *plan.get("reviews", [])]
    return any(h.get("measures") for h in held)


HOLDS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "agreement": lambda p: "agreement" in p,
    "mental_capacity": lambda p: bool(p.get("mental_capacity")),
    "mental_health_act": lambda p: "mha" in p or "s117" in p,
    "admissions": lambda p: bool(p.get("admissions")),
    "contribution": lambda p: "assessed_contribution" in (p.get("personal_budget") or {}),
    "measures": _measured,
    "status": lambda p: p["status"] != "active" or bool(p.get("status_history")),
    "coordinator_history": lambda p: bool(p.get("coordinator_history")),
}
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _free_text(node: Any) -> list[str]:
    """Every string in the plan that is more than a date."""
    if isinstance(node, dict):
        return [s for v in node.values() for s in _free_text(v)]
    if isinstance(node, list):
        return [s for v in node for s in _free_text(v)]
    return [node] if isinstance(node, str) and not ISO_DATE.fullmatch(node) else []


def _plan(path: Path) -> dict[str, Any]:
    data = read_plan_file(path).data
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_example_shows_the_v2_sections_it_holds(
    runner: CliRunner, path: Path, fmt: str
) -> None:
    code, out, err = invoke(runner, "render", str(path), "--format", fmt)
    assert (code, err) == (0, "")
    plan = _plan(path)
    for key, heading in HEADINGS.items():
        assert (heading in out) is HOLDS[key](plan), (key, heading)
    # Every date as people write it (a date quoted inside free text stays as it was typed).
    assert set(ISO_DATE.findall(out)) <= set(ISO_DATE.findall(" ".join(_free_text(plan))))
    assert "DRAFT" not in out  # none of the examples is a draft


@pytest.mark.parametrize(
    ("plan", "said", "codes"),
    [
        (
            "CP-000105",
            [
                "Closed on 19 October 2026",
                "Why: discharged to the care of the GP.",
                "Earlier plan numbers:** WN-2025-0412",
                "My care continues with: GP, Kingfisher Medical Centre",
                "Told that it closed: me, GP, Westbridge Talking Therapies.",
                "19 October 2026: from active to closed",
                "When the plan closed on 19 October 2026: ReQoL-10 total 33 out of 40",
                "This plan is closed, so there are no more reviews.",
            ],
            ["discharged-to-gp", "Next review"],
        ),
        (
            "CP-000106",
            [
                "On hold (the hold is reviewed by 30 November 2026)",
                "This plan is on hold. The hold will be reviewed by 30 November 2026.",
                "Admitted on 24 August 2026 at 14:00 to Northfield Eating Disorder Unit. "
                "Still in hospital.",
            ],
            ["on-hold"],
        ),
        (
            "CP-000104",
            [
                "**Section:** Community treatment order (section 17A)",
                "**To be renewed or ends by:** 23 December 2026",
                "- Condition: Live at Foundry Street Supported Living",
                "I am entitled to aftercare under section 117 of the Mental Health Act, after "
                "section 3 (detained in hospital for treatment), since 24 June 2026.",
                "Discharged on 28 September 2026 at 11:15. First contact after discharge: "
                "30 September 2026 at 14:00, by Owen Pritchard.",
                "- Dana Whitfield (care co-ordinator, Westbridge NHS Foundation Trust): from "
                "26 June 2026 to 31 August 2026",
                "HoNOS total 12 out of 48",
                "depressed mood 3 (moderately severe)",
                "Is the plan still right: Still relevant; medication timing changed.",
                "Needs not yet met: Daytime structure: college place not yet restarted.",
                "How I felt about my care: dissatisfied \u2014 "
                "\u201cI didn't need to go back in.\u201d",
            ],
            ["s17A", "care-coordinator", "worsening"],
        ),
        (
            "CP-000103",
            [
                "This plan is in force without my agreement. Why: not able to decide about the "
                "plan at the time (a best-interests decision).",
                "Outcome: not able to make this decision at the time.",
                "Best-interests decision on 11 May 2026",
                "Lasting power of attorney for health and welfare: Abena Osei-Clarke. "
                "Registered on 15 August 2022.",
                "shared without consent, on the basis of a best-interests decision",
            ],
            ["lacks-capacity", "lpa-health-welfare", "best-interests:"],
        ),
        (
            "SC-000203",
            [
                "How it is managed: direct payment (paid to the person to arrange their own "
                "support).",
                "- Accessible taxis to work: \u00a354.00 a week",
                "I pay \u00a341.50 a week towards the cost of my care (financial assessment of "
                "10 April 2026).",
                "(meets the national eligibility criteria: maintaining personal hygiene",
            ],
            ["direct-payment", "personal-hygiene"],
        ),
        (
            "SC-000202",
            ["I pay nothing towards the cost of my care"],
            ["tell Mei Lin", "financial-or-material"],  # safeguarding is in no copy
        ),
        (
            "DA-000303",
            [
                "At the review on 23 March 2026: TOP: alcohol on 10 of 28 days",
                "psychological health 6, physical health 5 and quality of life 4 (out of 20)",
                "(review after an event: Discharge from inpatient detox)",
            ],
            [],
        ),
    ],
)
def test_v2_content_in_plain_words(
    runner: CliRunner, plan: str, said: list[str], codes: list[str]
) -> None:
    _, out, _ = invoke(runner, "render", str(EXAMPLES / f"{plan}.yaml"), "--format", "md")
    flat = " ".join(out.split())
    for words in said:
        assert " ".join(words.split()) in flat, words
    for code in codes:
        assert code not in out, code


def _with_agreement(tmp_path: Path, plan: str, sections: list[str]) -> Path:
    """The example with one more agreement: GP gets ``sections``."""
    text = (EXAMPLES / f"{plan}.yaml").read_text(encoding="utf-8")
    extra = (
        f"    - {{information: Copy for the GP, recipients: [Dr Test], "
        f"sections: [{', '.join(sections)}]}}\n"
    )
    text = re.sub(r"(\n  agreements:\n)", r"\1" + extra.replace("\\", "\\\\"), text, count=1)
    path = tmp_path / f"{plan}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_recipient_sees_no_v2_section_that_no_agreement_names(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "render", str(EXAMPLES / "CP-000101.yaml"), "--for", "GP")
    assert code == 0
    assert not [h for h in HEADINGS.values() if h in out]
    assert "<dt>Status</dt><dd>Active</dd>" in out  # about: what every copy says


def test_a_closed_plan_says_closed_to_every_recipient_but_why_only_when_agreed(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = _with_agreement(tmp_path, "CP-000105", ["goals"])
    _, out, _ = invoke(runner, "render", str(path), "--for", "Dr Test", "-f", "md")
    assert "**Status:** Closed on 19 October 2026" in out
    assert "**Earlier plan numbers:** WN-2025-0412" in out
    for withheld in ("discharged to the care", "Goals achieved", "Hannah Moss)", "ReQoL"):
        assert withheld not in out
    path = _with_agreement(tmp_path, "CP-000105", ["status", "measures"])
    _, out, _ = invoke(runner, "render", str(path), "--for", "Dr Test", "-f", "md")
    assert "Why: discharged to the care of the GP." in out and "ReQoL-10" in out
    assert "## What I want to achieve" not in out


def test_reviews_shared_without_goals_or_measures_name_goals_by_id(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = _with_agreement(tmp_path, "CP-000104", ["reviews"])
    _, out, _ = invoke(runner, "render", str(path), "--for", "Dr Test", "-f", "md")
    assert "Progress: goal G1 \u2014 getting worse" in out
    assert "get off the CTO" not in out  # the goal's words were not agreed
    assert "HoNOS" not in out and "Times in hospital" not in out


def _draft(tmp_path: Path) -> Path:
    text = (EXAMPLES / "CP-000102.yaml").read_text(encoding="utf-8")
    path = tmp_path / "CP-000102.yaml"
    path.write_text(text.replace("\nstatus: active\n", "\nstatus: draft\n"), encoding="utf-8")
    return path


def test_a_draft_says_draft_at_the_top_and_the_end_of_markdown(
    runner: CliRunner, tmp_path: Path
) -> None:
    _, out, _ = invoke(runner, "render", str(_draft(tmp_path)), "-f", "md")
    lines = out.splitlines()
    note = "**DRAFT: this plan is not yet agreed and may change.**"
    assert lines[0] == "# DRAFT: care plan for Marcus Reid"
    assert lines[2] == note and lines[-1] == note
    assert "**Status:** Draft (not yet agreed)" in out


def test_a_draft_says_draft_on_every_printed_page_of_html(
    runner: CliRunner, tmp_path: Path
) -> None:
    _, out, _ = invoke(runner, "render", str(_draft(tmp_path)))
    assert "<title>DRAFT: care plan for Marcus Reid</title>" in out
    assert '@page { @top-center { content: "DRAFT: this plan' in out
    assert out.index("@top-center") < out.index("</head>")
    body = out.index("<body")
    assert out.index('<p class="careplan-draft" role="note">DRAFT:', body) < out.index("<main>")
