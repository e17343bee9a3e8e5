"""Issue 15's problems 1-7, each shown failing under the v1 rules and answered by rules v2.

Each test checks the same plan twice: as format v1 (the rules careplan had before) and as
format v2; the v1 verdict is what the issue complains of.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

from careplan_cli.adapters.config import load_settings
from careplan_cli.plan.findings import Finding, Severity
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.validate import check_data
from careplan_cli.plan.yamlload import read_plan_file
from tests.conftest import DATA

BASE = read_plan_file(DATA / "valid" / "v2-active-non-cpa.yaml").data
SETTINGS = Settings(today=date(2026, 11, 22))


def _plan(**changes: Any) -> dict[str, Any]:
    assert BASE is not None
    plan = copy.deepcopy(BASE)
    plan["id"] = "X"
    plan.update(changes)
    return plan


def _as_v1(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan in format v1: the fields v1 did not have are left out."""
    v1 = {k: v for k, v in plan.items() if k not in ("carers", "care_team", "hold_review_by")}
    return {**v1, "schema_version": 1}


def _findings(plan: dict[str, Any], settings: Settings = SETTINGS) -> list[Finding]:
    return check_data(plan, json.dumps(plan, indent=1), "X", settings)


def _codes(plan: dict[str, Any], settings: Settings = SETTINGS) -> set[str]:
    return {f.code for f in _findings(plan, settings)} - {"CP021"}


def test_the_base_is_clean_in_both_formats() -> None:
    assert _codes(_plan()) == set()
    assert _codes(_as_v1(_plan())) == set()


def test_problem_1_reviews_without_review_content() -> None:
    plan = _plan()
    del plan["reviews"][0]["relevance"], plan["reviews"][0]["satisfaction"]
    assert _codes(_as_v1(plan)) == set()  # v1: a review needed only a date and a kind
    assert _codes(plan) == {"CP316"}


def test_problem_1_latest_review_has_an_outcome_per_active_goal() -> None:
    plan = _plan()
    plan["reviews"][0]["outcomes"] = []
    assert _codes(_as_v1(plan)) == set()
    assert _codes(plan) == {"CP316"}


def test_problem_2_a_plan_in_force_without_agreement() -> None:
    agreement = {
        "agreed": False,
        "reason_not_agreed": "Disagrees with the injection; accepts it to stay out of hospital.",
        "basis": "disagrees",
    }
    plan = _plan(agreement=agreement)
    v1 = _as_v1(plan)
    del v1["agreement"]["basis"]
    assert _codes(v1) == {"CP302"}  # v1 forced agreed: true
    assert _codes(plan) == set()


def test_problem_3_on_hold_plans_need_a_hold_review_date() -> None:
    plan = _plan(status="on-hold")
    assert _codes(_as_v1(plan)) == set()  # v1: an on-hold plan was never looked at again
    assert _codes(plan) == {"CP206"}
    assert _codes(_plan(status="on-hold", hold_review_by="2026-12-01")) == set()


def test_problem_4_crisis_and_contingency_by_risk_with_content() -> None:
    risk = {
        "id": "R1",
        "category": "suicide",
        "level": "high",
        "description": "x",
        "management": ".",
    }
    plan = _plan(risks=[risk])
    assert _codes(_as_v1(plan)) == set()  # v1: a non-cpa plan with a high risk managed by "."
    assert _codes(plan) == {"CP304", "CP305", "CP306"}
    crisis = {
        "responds_best_to": "-",
        "what_has_worked": "tbc",
        "contacts": [{"name": "A", "phone": "1"}],
    }
    enhanced = _plan(
        level="enhanced", crisis_plan=crisis, contingency_plan="n/a", next_review="2026-07-01"
    )
    enhanced["reviews"][0]["next_review"] = "2026-07-01"
    assert _codes(_as_v1(enhanced)) == set()  # v1: placeholders passed
    assert [f.message for f in _findings(enhanced) if f.code == "CP305"] == [
        "the crisis plan needs 'responds_best_to'",
        "the crisis plan needs 'what_has_worked'",
    ]
    assert "CP306" in _codes(enhanced)


def test_problem_6_consent_refused_but_sharing_agreements_stand() -> None:
    agreement: dict[str, Any] = {"information": "the plan", "recipients": ["GP"]}
    sharing = {"consent": {"status": "refused", "date": "2026-01-12"}, "agreements": [agreement]}
    plan = _plan(information_sharing=sharing)
    assert _codes(_as_v1(plan)) == set()
    assert _codes(plan) == {"CP320"}
    agreement.update(basis="safeguarding", basis_note="s42 enquiry")
    assert _codes(plan) == set()


def test_problem_6_lacks_capacity_needs_an_assessment() -> None:
    consent = {"status": "lacks-capacity", "proxy": {"name": "A"}}
    plan = _plan(information_sharing={"consent": consent})
    assert _codes(_as_v1(plan)) == set()  # v1: a proxy's name was enough
    assert [f.message for f in _findings(plan) if f.code == "CP321"] == [
        "lacks-capacity consent needs 'date'",
        "record the capacity assessment ('mental_capacity.assessments')",
    ]


def _social_care_first_review_late() -> dict[str, Any]:
    plan = read_plan_file(DATA / "invalid" / "cp205-social-care-first-review-late.yaml").data
    assert plan is not None
    return {**plan, "id": "X"}


def _settings_for(tmp_path: Path, toml: str) -> Settings:
    (tmp_path / "careplan.toml").write_text(toml, encoding="utf-8")
    return load_settings(tmp_path, date(2026, 11, 22))


def test_problem_7_policy_decides_severities(tmp_path: Path) -> None:
    plan = _social_care_first_review_late()
    old = [f for f in _findings(plan, _settings_for(tmp_path, 'policy = "cpa-1999"\n'))]
    assert [(f.code, f.severity) for f in old] == [("CP205", Severity.ERROR)]  # as v1 had it
    default = _findings(plan, _settings_for(tmp_path, ""))
    assert [(f.code, f.severity) for f in default] == [("CP205", Severity.WARNING)]
    off = _findings(plan, _settings_for(tmp_path, '[rules]\nCP205 = "off"\n'))
    assert off == []


def test_problem_7_standard_cpa_and_cmhf_intervals(tmp_path: Path) -> None:
    plan = _plan(level="standard", next_review="2027-03-01")
    plan["reviews"][0]["next_review"] = "2027-03-01"
    assert _codes(_as_v1(plan)) == {"CP204"}  # v1: 11 months was an error for standard CPA
    cmhf = _settings_for(tmp_path, 'policy = "cmhf-2019"\n')
    assert [(f.code, f.severity) for f in _findings(plan, cmhf)] == [
        ("CP325", Severity.WARNING)  # standard CPA ended; 12 months is within the CMHF year
    ]
    old = _settings_for(tmp_path, 'policy = "cpa-1999"\n')
    assert [(f.code, f.severity) for f in _findings(plan, old)] == [("CP204", Severity.ERROR)]


def test_follow_up_window_follows_the_policy(tmp_path: Path) -> None:
    admission = {"admitted": "2026-05-01T10:00", "discharged": "2026-05-10T16:30"}
    plan = _plan(admissions=[{**admission, "follow_up": "2026-05-14T09:00"}])  # 88.5 hours
    assert _codes(plan) == set()  # within 7 days (cpa-2008, the default)
    cmhf = _settings_for(tmp_path, 'policy = "cmhf-2019"\n')
    assert _codes(plan, cmhf) == {"CP207"}  # not within 72 hours
    late = _plan(admissions=[{**admission, "follow_up": "2026-05-18T00:00"}])
    assert _codes(late) == {"CP207"}  # 7 days count from the day after discharge: 17 May
    on_the_day = _plan(admissions=[{**admission, "follow_up": "2026-05-17T23:00"}])
    assert _codes(on_the_day) == set()
