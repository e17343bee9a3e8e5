"""The due core: which plans are listed, in which order, for any today."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from careplan_cli.plan.due import PlanSummary, due_reviews, select_plans, summarise_plan


def plan(
    id_: str, next_review: date | None, status: str = "active", coordinator: str = "Kim Worker"
) -> PlanSummary:
    return PlanSummary(
        f"plans/{id_}.yaml",
        id_,
        "cpa",
        "standard",
        status,
        coordinator,
        next_review,
        None,
        "Name Hidden",
    )


TODAY = date(2026, 11, 22)
HORIZON = TODAY + timedelta(days=14)


def test_order_undated_then_most_overdue_then_soonest() -> None:
    plans = [
        plan("soon", TODAY + timedelta(days=3)),
        plan("late", TODAY - timedelta(days=9)),
        plan("undated", None),
        plan("later", TODAY + timedelta(days=30)),
        plan("latest", TODAY - timedelta(days=40)),
        plan("today", TODAY),
    ]
    assert [p.id for p in due_reviews(plans, TODAY, HORIZON)] == [
        "undated",
        "latest",
        "late",
        "today",
        "soon",
    ]
    assert [p.id for p in due_reviews(plans, TODAY, HORIZON, overdue_only=True)] == [
        "undated",
        "latest",
        "late",
    ]


def test_only_active_plans_are_due() -> None:
    plans = [
        plan(s, TODAY - timedelta(days=1), status=s)
        for s in ("draft", "active", "on-hold", "closed")
    ]
    assert [p.id for p in due_reviews(plans, TODAY, HORIZON)] == ["active"]


def test_coordinator_filter_ignores_case() -> None:
    plans = [plan("a", TODAY, coordinator="Tom Adeyemi"), plan("b", TODAY)]
    assert [p.id for p in due_reviews(plans, TODAY, HORIZON, coordinator="tom adeyemi")] == ["a"]
    assert [p.id for p in select_plans(plans, coordinator="TOM ADEYEMI")] == ["a"]


@given(
    st.lists(st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 1, 1))), max_size=30),
    st.dates(date(2020, 1, 1), date(2030, 1, 1)),
    st.integers(0, 400),
)
def test_due_is_exactly_the_undated_and_those_on_or_before_the_horizon(
    dates: list[date | None], today: date, within: int
) -> None:
    horizon = today + timedelta(days=within)
    plans = [plan(f"P{i:03}", d) for i, d in enumerate(dates)]
    listed = due_reviews(plans, today, horizon)
    assert {p.id for p in listed} == {
        p.id for p in plans if p.next_review is None or p.next_review <= horizon
    }
    dated = [p.next_review for p in listed if p.next_review is not None]
    assert dated == sorted(dated)
    assert all(p.next_review is None for p in listed[: len(listed) - len(dated)])


def test_on_hold_plans_are_listed_only_when_their_hold_review_is_near_or_past() -> None:
    from careplan_cli.plan.due import holds_due

    def held(plan_id: str, when: str | None, status: str = "on-hold") -> PlanSummary:
        plan: dict[str, object] = {"id": plan_id, "type": "cpa", "level": "enhanced"}
        plan.update(status=status, coordinator={"name": "A"})
        if when:
            plan["hold_review_by"] = when
        return summarise_plan(f"{plan_id}.yaml", plan)

    today, horizon = date(2026, 11, 22), date(2026, 12, 6)
    plans = [
        held("far", "2027-03-01"),
        held("soon", "2026-12-01"),
        held("past", "2026-10-01"),
        held("undated", None),
        held("active", "2026-10-01", status="active"),
    ]
    assert [p.id for p in holds_due(plans, today, horizon)] == ["undated", "past", "soon"]
    assert [p.id for p in holds_due(plans, today, horizon, overdue_only=True)] == [
        "undated",
        "past",
    ]
    assert holds_due([held("far", "2027-03-01")], today, horizon) == []  # cron stays quiet
