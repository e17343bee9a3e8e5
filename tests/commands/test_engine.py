"""The batch engine: the cache is right or absent, and parallel runs match serial ones."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careplan_cli.commands import engine
from careplan_cli.commands.engine import cache_location, check_many, check_one
from careplan_cli.plan.settings import Settings
from tests.conftest import DATA, EXAMPLES

TODAY = date(2026, 11, 22)
SETTINGS = Settings(today=TODAY)


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """A project with the examples and the rule cases, with the cache switched on."""
    (tmp_path / ".git").mkdir()  # a project root, so the cache lives in it
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CAREPLAN_NO_CACHE")
    copied = []
    for source in [*sorted(EXAMPLES.glob("*.yaml")), *sorted((DATA / "invalid").glob("*.yaml"))]:
        shutil.copy(source, tmp_path)
        copied.append(tmp_path / source.name)
    return copied


def test_a_warm_cache_gives_the_same_results(plans: list[Path]) -> None:
    cold = check_many(plans, SETTINGS)
    assert cache_location(Path.cwd()).is_file()
    calls: list[Path] = []
    original = engine.check_one

    def counting(path: Path, settings: Settings) -> engine.Checked:
        calls.append(path)
        return original(path, settings)

    engine.check_one = counting
    try:
        warm = check_many(plans, SETTINGS)
    finally:
        engine.check_one = original
    assert warm == cold
    # Only files whose findings depend on today (a review after it) are checked again.
    assert [path.name for path in calls] == ["cp106-review-in-future.yaml"]


def test_a_changed_file_is_checked_again(plans: list[Path]) -> None:
    check_many(plans, SETTINGS)
    target = next(p for p in plans if p.name == "CP-000101.yaml")
    target.write_text(target.read_text().replace('"999 000 0018"', '"999 000 0019"'))
    result = check_many([target], SETTINGS)[0]
    assert [f.code for f in result.findings] == ["CP401"]


def test_today_dependent_findings_are_never_served_from_the_cache(plans: list[Path]) -> None:
    case = next(p for p in plans if p.name == "cp106-review-in-future.yaml")
    assert _codes(check_many([case], SETTINGS)[0]) == ["CP106"]
    later = replace(SETTINGS, today=date(2027, 6, 1))
    assert _codes(check_many([case], later)[0]) == []
    assert _codes(check_many([case], SETTINGS)[0]) == ["CP106"]


def _codes(checked: Any) -> list[str]:
    """Codes found, besides the v1 case files' one CP021 (format v1, migrate)."""
    return [f.code for f in checked.findings if f.code != "CP021"]


def test_policy_changes_invalidate_the_cache(plans: list[Path]) -> None:
    case = next(p for p in plans if p.name == "cp309-no-review-triggers.yaml")
    assert _codes(check_many([case], SETTINGS)[0]) == ["CP309"]
    quieter = replace(SETTINGS, disabled=frozenset({"CP309", "CP021"}))
    assert check_many([case], quieter)[0].findings == ()


@pytest.mark.parametrize(
    "damage", ["", "{not json", '{"salt": 1}', "[]", '{"salt": "x", "entries": {"a": 1}}']
)
def test_a_damaged_cache_is_ignored(plans: list[Path], damage: str) -> None:
    expected = check_many(plans, SETTINGS)
    cache_location(Path.cwd()).write_text(damage)
    assert check_many(plans, SETTINGS) == expected


def test_damaged_entries_are_misses(plans: list[Path]) -> None:
    expected = check_many(plans, SETTINGS)
    location = cache_location(Path.cwd())
    stored = json.loads(location.read_text())
    for entry in stored["entries"].values():
        entry["findings"] = [["CP001", "not-a-severity"]]
    location.write_text(json.dumps(stored))
    assert check_many(plans, SETTINGS) == expected


def test_no_cache_env_writes_nothing(plans: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREPLAN_NO_CACHE", "1")
    check_many(plans, SETTINGS)
    assert not cache_location(Path.cwd()).exists()


def test_parallel_results_match_serial(plans: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREPLAN_NO_CACHE", "1")
    many = plans * 5  # enough files for the process pool
    monkeypatch.setattr(engine, "PARALLEL_MIN", 10)
    monkeypatch.setattr(engine, "CHUNK", 7)
    parallel = check_many(many, SETTINGS)
    assert parallel == [check_one(p, SETTINGS) for p in many]
