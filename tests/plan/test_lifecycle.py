"""Status, level, handover and renumber as pure changes of a plan's text."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from careplan_cli.errors import RefusedError, UsageError
from careplan_cli.plan.handover import hand_over, renumber
from careplan_cli.plan.lifecycle import StatusChange, change_level, change_status
from careplan_cli.plan.policy import ReviewPolicy
from careplan_cli.plan.yamlload import parse_text
from tests.cli.plan_repo import as_v2
from tests.conftest import EXAMPLES

POLICY = ReviewPolicy()
DAY = date(2026, 11, 20)


def example(name: str = "CP-000102") -> tuple[str, dict[str, Any]]:
    text = as_v2((EXAMPLES / f"{name}.yaml").read_text())
    data, _ = parse_text(text)
    assert isinstance(data, dict)
    return text, data


def status(to: str, **extra: Any) -> StatusChange:
    return StatusChange(to=to, reason="Because", when=DAY, by="Kim Worker", **extra)


def reparsed(text: str) -> dict[str, Any]:
    data, _ = parse_text(text)
    assert isinstance(data, dict)
    return data


def test_on_hold_records_the_hold_review_date_and_the_history() -> None:
    text, data = example()
    new, said = change_status(text, data, status("on-hold", review_by=date(2026, 12, 15)), POLICY)
    assert said == "status active -> on-hold until review by 2026-12-15"
    plan = reparsed(new)
    assert plan["status"] == "on-hold" and plan["hold_review_by"] == "2026-12-15"
    assert plan["status_history"] == [
        {"date": "2026-11-20", "from": "active", "to": "on-hold", "reason": "Because",
         "by": "Kim Worker"}
    ]  # fmt: skip
    resumed, said = change_status(new, plan, status("active"), POLICY)
    assert said == "status on-hold -> active" and "hold_review_by" not in reparsed(resumed)
    assert len(reparsed(resumed)["status_history"]) == 2


def test_closing_sets_end_and_closure_and_reopening_clears_them() -> None:
    text, data = example()
    new, said = change_status(text, data, status("closed", closure="moved-away"), POLICY)
    assert said == "status active -> closed (moved-away)"
    plan = reparsed(new)
    assert plan["end"] == "2026-11-20"
    assert plan["closure"] == {"date": "2026-11-20", "reason": "moved-away"}
    assert "next_review" not in plan
    later = StatusChange(to="active", reason="Back", when=date(2027, 1, 4), by="Kim Worker")
    reopened, said = change_status(new, plan, later, POLICY)
    assert said == "reopened (status closed -> active)"
    plan = reparsed(reopened)
    assert "end" not in plan and "closure" not in plan
    assert plan["next_review"] == "2027-04-04"  # enhanced CPA: three months


@pytest.mark.parametrize(
    ("change", "error", "said"),
    [
        (status("draft"), RefusedError, "cannot go from active to draft"),
        (status("active"), UsageError, "already active"),
        (status("on-hold"), UsageError, "needs --review-by DATE"),
        (status("closed"), UsageError, "needs --closure CODE"),
        (status("paused"), UsageError, "must be one of: draft, active, on-hold, closed"),
        (StatusChange("on-hold", " ", DAY, "K", review_by=DAY), UsageError, "--reason"),
    ],
)
def test_moves_practice_does_not_allow(change: StatusChange, error: type, said: str) -> None:
    text, data = example()
    with pytest.raises(error, match=said):
        change_status(text, data, change, POLICY)


def test_a_draft_needs_agreement_or_a_reason_to_be_in_force_without() -> None:
    text, _ = example("CP-000101")
    start = text.index("\nagreement:")
    end = text.index("\n", start + 1)
    while text[end + 1 : end + 3] == "  ":
        end = text.index("\n", end + 1)
    text = (text[:start] + text[end:]).replace("\nstatus: active", "\nstatus: draft")
    data = reparsed(text)
    assert "agreement" not in data and data["status"] == "draft"
    with pytest.raises(RefusedError, match="not agreed with the service user"):
        change_status(text, data, status("active"), POLICY)
    new, _ = change_status(text, data, status("active", agreed_on=date(2026, 11, 19)), POLICY)
    assert reparsed(new)["agreement"]["agreed"] is True
    assert reparsed(new)["agreement"]["date"] == "2026-11-19"


def test_a_comment_beside_a_changed_status_stays() -> None:
    text, data = example()
    text = text.replace("status: active\n", "status: active   # agreed at the CPA meeting\n")
    new, _ = change_status(text, data, status("on-hold", review_by=date(2027, 1, 1)), POLICY)
    assert "\nstatus: on-hold  # agreed at the CPA meeting\n" in new


def test_a_level_change_reschedules_only_when_asked() -> None:
    text, data = example("CP-000101")
    assert (data["level"], data["next_review"]) == ("non-cpa", "2027-03-22")
    new, said = change_level(text, data, "enhanced", supplied={}, reschedule=False, policy=POLICY)
    assert said == ["level non-cpa -> enhanced"]
    assert reparsed(new)["next_review"] == data["next_review"]
    new, said = change_level(text, data, "enhanced", supplied={}, reschedule=True, policy=POLICY)
    assert said == ["level non-cpa -> enhanced", "next review 2027-03-22 -> 2026-12-28"]
    assert reparsed(new)["next_review"] == "2026-12-28"  # three months after the latest review


@pytest.mark.parametrize(
    ("name", "level", "said"),
    [
        ("CP-000102", "tier-3", "one of: standard, enhanced, complex, non-cpa"),
        ("SC-000201", "enhanced", "social-care plan has no level"),
        ("CP-000102", "enhanced", "already enhanced"),
    ],
)
def test_levels_the_plan_type_does_not_have(name: str, level: str, said: str) -> None:
    text, data = example(name)
    with pytest.raises((UsageError, RefusedError), match=said):
        change_level(text, data, level, supplied={}, reschedule=False, policy=POLICY)


def test_handover_keeps_the_post_and_drops_the_person() -> None:
    text, data = example()
    new, said = hand_over(text, data, "tom adeyemi", {"name": "Priya Raman"}, DAY)
    assert said == "coordinator Tom Adeyemi -> Priya Raman"
    plan = reparsed(new)
    assert plan["coordinator"] == {
        "name": "Priya Raman",
        "role": "care-coordinator",
        "organisation": "Westbridge NHS Foundation Trust",
        "team": "Westbridge Early Intervention in Psychosis",
    }
    assert plan["coordinator_history"] == [
        {"name": "Tom Adeyemi", "role": "care-coordinator",
         "organisation": "Westbridge NHS Foundation Trust", "from": "2026-01-12",
         "to": "2026-11-20"}
    ]  # fmt: skip
    again, _ = hand_over(
        new, plan, "Priya Raman", {"name": "Ola Bello", "phone": "1"}, date(2027, 2, 1)
    )
    history = reparsed(again)["coordinator_history"]
    assert history[-1]["from"] == "2026-11-20" and history[-1]["to"] == "2027-02-01"
    assert reparsed(again)["coordinator"]["phone"] == "1"


def test_handover_from_someone_else_is_refused() -> None:
    text, data = example()
    with pytest.raises(RefusedError, match="not the person handing over"):
        hand_over(text, data, "Someone Else", {"name": "Priya Raman"}, DAY)


def test_renumber_records_the_old_id() -> None:
    text, data = example()
    new, said = renumber(text, data, "CP-000109")
    assert said == "renumbered CP-000102 -> CP-000109"
    plan = reparsed(new)
    assert plan["id"] == "CP-000109" and plan["previous_ids"] == ["CP-000102"]


def test_a_format_v1_plan_is_sent_to_migrate() -> None:
    text = (EXAMPLES / "CP-000102.yaml").read_text().replace("version: 2", "version: 1")
    data, _ = parse_text(text)
    assert isinstance(data, dict)
    with pytest.raises(RefusedError, match=r"format v1.*careplan migrate"):
        change_status(text, data, status("on-hold", review_by=date(2027, 1, 1)), POLICY)
    with pytest.raises(RefusedError, match="careplan migrate"):
        renumber(text, data, "CP-000200")
