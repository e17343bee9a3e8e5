"""Team figures on a hand-built set of plans whose answers were counted by hand.

The set (as of 2026-06-30; "the period" is June 2026; follow-up window 7 days):
  P1 cpa/enhanced, reviewed late in June, a goal achieved then, ReQoL worse, a carer offered
  P2 cpa/standard, put on hold in March, hold review by 2026-06-01 (past)
  P3 tier-3, closed in December and reopened in February; overdue 60 days; no crisis plan;
     discharged 2026-06-10 12:00, seen 2026-06-14 09:00 (within 7 days, not 72 hours)
  P4 social-care, not agreed with a reason; first review on time in June; two carers, one
     offered an assessment only in July
  P5 cpa/non-cpa, not agreed and no reason; no next review date
  P6 cpa/complex, handed over from A to B on 2026-06-15; not reviewed in 12 months; crisis
     plan ".", HoNOS improved
  P7 cpa/enhanced, its June review (28th, late) recorded on 3 July
  P8 a draft; P9 closed at the end of March
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from careplan_cli.plan.asof import plan_at, status_on
from careplan_cli.plan.figures import FIGURES, Context
from careplan_cli.plan.policy import ReviewPolicy
from careplan_cli.plan.tally import count_figures, grouped

DAY = date(2026, 6, 30)
AGREED = {"agreed": True, "date": "2025-01-01"}


def plan(pid: str, kind: str, **fields: Any) -> dict[str, Any]:
    plan_type, _, level = kind.partition("/")
    data: dict[str, Any] = {
        "id": pid,
        "type": plan_type,
        "status": "active",
        "created": "2025-01-01",
        "start": "2025-01-02",
        "agreement": AGREED,
        "coordinator": {"name": "A", "team": "North"},
    }
    if level:
        data["level"] = level
    data.update(fields)
    return data


def review(day: str, next_review: str, **fields: Any) -> dict[str, Any]:
    return {"date": day, "kind": "scheduled", "next_review": next_review, **fields}


TOP = {"psychological_health": 10, "physical_health": 10, "quality_of_life": 10}
CRISIS = {"responds_best_to": "his mother", "contacts": [{"name": "Crisis team"}]}
PLANS = [
    plan(
        "P1",
        "cpa/enhanced",
        start="2025-01-10",
        crisis_plan=CRISIS,
        carers=[
            {"id": "C1", "name": "C", "assessment": {"status": "completed", "date": "2025-02-01"}}
        ],
        admissions=[{"admitted": "2026-05-01T09:00", "discharged": "2026-05-20T10:00"}],
        reviews=[
            review("2025-04-01", "2025-07-01"),
            review("2025-07-15", "2025-10-15"),
            review(
                "2025-10-01", "2026-01-01", measures={"reqol": {"version": 10, "items": [2] * 10}}
            ),
            review("2026-01-20", "2026-04-20"),
            review(
                "2026-06-10",
                "2026-09-10",
                outcomes=[{"goal": "G1", "progress": "achieved"}],
                measures={"reqol": {"version": 10, "items": [2] * 8 + [1, 1]}},
            ),
        ],
        next_review="2026-09-10",
    ),
    plan(
        "P2",
        "cpa/standard",
        status="on-hold",
        start="2025-11-01",
        status_history=[{"date": "2026-03-01", "from": "active", "to": "on-hold"}],
        hold_review_by="2026-06-01",
        next_review="2026-05-01",
    ),
    plan(
        "P3",
        "substance-misuse/tier-3",
        created="2025-02-20",
        start="2025-03-01",
        status_history=[
            {"date": "2025-03-01", "from": "draft", "to": "active"},
            {"date": "2025-12-01", "from": "active", "to": "closed"},
            {"date": "2026-02-01", "from": "closed", "to": "active"},
        ],
        risks=[{"id": "R1", "level": "high"}],
        admissions=[
            {
                "admitted": "2026-06-01T10:00",
                "discharged": "2026-06-10T12:00",
                "follow_up": "2026-06-14T09:00",
            }
        ],
        reviews=[
            review("2025-06-01", "2025-09-01", measures={"top": TOP}),
            review("2026-02-01", "2026-05-01", measures={"top": TOP}),
        ],
        next_review="2026-05-01",
    ),
    plan(
        "P4",
        "social-care",
        client_group="older-person",
        start="2026-05-01",
        agreement={"agreed": False, "reason_not_agreed": "lacks capacity: best interests"},
        carers=[{"name": "D", "assessment_offered": "2026-07-05"}, {"name": "E"}],
        reviews=[review("2026-06-15", "2027-06-15")],
        next_review="2027-06-15",
    ),
    plan("P5", "cpa/non-cpa", start="2026-04-01", agreement={"agreed": False}),
    plan(
        "P6",
        "cpa/complex",
        start="2025-05-01",
        coordinator={"name": "B", "team": "South"},
        coordinator_history=[
            {"name": "A", "from": "2025-05-01", "to": "2026-06-15", "team": "North"},
            {"name": "B", "from": "2026-06-15"},
        ],
        crisis_plan={"responds_best_to": "."},
        reviews=[
            review("2025-05-20", "2025-08-20", measures={"honos": {"items": [2] * 10 + [0, 9]}}),
            review("2025-06-20", "2025-09-20", measures={"honos": {"items": [1] * 10 + [4, 9]}}),
        ],
        next_review="2025-09-20",
    ),
    plan(
        "P7",
        "cpa/enhanced",
        start="2026-01-05",
        crisis_plan=CRISIS,
        reviews=[
            review("2026-04-01", "2026-06-25", outcomes=[{"goal": "G1", "progress": "achieved"}]),
            review("2026-06-28", "2026-09-28"),
        ],
        next_review="2026-09-28",
    ),
    plan("P8", "cpa/standard", status="draft", created="2026-06-20", start="2026-07-01"),
    plan("P9", "cpa/standard", status="closed", end="2026-03-31", next_review="2026-02-01"),
]

EXPECTED = {
    "active_plans": 6,  # P1 P3 P4 P5 P6 P7
    "reviews_overdue": 3,  # P3 P5 P6
    "overdue_0_30": 0,
    "overdue_31_90": 1,  # P3: 60 days
    "overdue_over_90": 1,  # P6: 283 days
    "review_date_missing": 1,  # P5
    "active_12_months": 3,  # P1 P3 P6
    "reviewed_within_12_months": 2,  # P1 P3
    "reviews_in_period": 3,  # P1 (late) P4 (on time) P7 (late)
    "reviews_within_interval": 1,
    "in_force_not_agreed_without_reason": 1,  # P5
    "crisis_plan_missing": 2,  # P3 none, P6 "."
    "carers": 3,
    "carers_offered_assessment": 1,
    "discharges": 1,
    "discharges_followed_up": 1,
    "on_hold_past_review": 1,  # P2
    "goals_achieved": 1,  # P1 in June (P7's was in April)
    "outcomes_improved": 1,  # P6 HoNOS 20 -> 14
    "outcomes_same": 1,  # P3 TOP
    "outcomes_worse": 1,  # P1 ReQoL 20 -> 18
    "reviewed_within_12_months_rate": 0.6667,
    "discharges_followed_up_rate": 1.0,
}


def figures_on(
    day: date, plans: list[dict[str, Any]] = PLANS, window: str = "7d"
) -> dict[str, Any]:
    policy = ReviewPolicy(follow_up=window)
    views = [v for v in (plan_at(p, day, policy) for p in plans) if v]
    return count_figures(views, Context(day, policy))


def test_every_figure_counted_by_hand() -> None:
    assert set(EXPECTED) >= set(FIGURES)
    assert figures_on(DAY) == EXPECTED


def test_the_72_hour_window_misses_a_follow_up_after_3_days_21_hours() -> None:
    figures = figures_on(DAY, window="72h")
    assert (figures["discharges"], figures["discharges_followed_up"]) == (1, 0)


def test_closed_and_reopened_plan_follows_its_status_history() -> None:
    p3 = PLANS[2]
    assert [status_on(p3, date.fromisoformat(d)) for d in ("2025-02-25", "2025-06-01")] == [
        "draft",
        "active",
    ]
    assert status_on(p3, date(2026, 1, 15)) == "closed"
    assert status_on(p3, DAY) == "active"
    assert status_on(PLANS[8], date(2026, 3, 1)) == "active"  # v1: closed from its end date


def test_handover_moves_the_plan_between_caseloads() -> None:
    def caseloads(day: date) -> dict[str, Any]:
        views = [v for v in (plan_at(p, day, Context(day).policy) for p in PLANS) if v]
        return {
            k: v["active_plans"] for k, v in grouped(views, Context(day), "coordinator").items()
        }

    assert caseloads(DAY) == {"A": 5, "B": 1}
    assert caseloads(date(2026, 5, 31)) == {"A": 6}


def test_a_late_review_in_the_records_changes_a_past_figure() -> None:
    """As of 27 June P7's review of the 28th is not yet counted: overdue since the 25th."""
    before = figures_on(date(2026, 6, 27))
    assert before["overdue_0_30"] == 1 and before["reviews_in_period"] == 2


def test_groups_add_up_to_the_whole() -> None:
    views = [v for v in (plan_at(p, DAY, Context(DAY).policy) for p in PLANS) if v]
    for by in ("coordinator", "team", "type", "level"):
        groups = grouped(views, Context(DAY), by)
        for fid in FIGURES:
            assert sum(int(g[fid] or 0) for g in groups.values()) == EXPECTED[fid], (by, fid)


REVIEWED_BY_DAY = [0, 2, 3, 5, 6]  # plans with a review on or before DAY


@given(
    index=st.sampled_from(REVIEWED_BY_DAY),
    days_after=st.integers(1, 400),
    progress=st.sampled_from(["achieved", "improving", "worsening"]),
    total=st.integers(0, 40),
)
def test_a_review_dated_after_the_day_never_changes_the_figures(
    index: int, days_after: int, progress: str, total: int
) -> None:
    """(For a plan not yet reviewed by the day, the next review date first set is not kept
    once a review is recorded: the policy's limit from the start stands in; docs/report.md.)"""
    later = date.fromordinal(DAY.toordinal() + days_after).isoformat()
    changed = [dict(p) for p in PLANS]
    extra = review(
        later,
        "2030-01-01",
        outcomes=[{"goal": "G1", "progress": progress}],
        measures={"honos": {"items": [min(total, 4)] * 12}},
    )
    changed[index]["reviews"] = [*changed[index].get("reviews", []), extra]
    changed[index]["next_review"] = "2030-01-01"
    assert figures_on(DAY, changed) == EXPECTED


def test_the_essentials_kept_of_a_plan_give_the_same_figures() -> None:
    from careplan_cli.plan.asof import essentials

    assert figures_on(DAY, [essentials(p) for p in PLANS]) == EXPECTED
