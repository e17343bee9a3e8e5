"""The batch engine: results from the cache are the results, and parallel runs match serial ones."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careplan_cli.adapters import cache, forked
from careplan_cli.commands import engine
from careplan_cli.commands.engine import check_many, check_one
from careplan_cli.plan.findings import FileResult
from careplan_cli.plan.rules import Rule, all_rules
from careplan_cli.plan.settings import Settings
from tests.conftest import DATA, EXAMPLES

TODAY = date(2026, 11, 22)
SETTINGS = Settings(today=TODAY)


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The examples and the rule cases, with the cache switched on in a private home."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    monkeypatch.delenv("CAREPLAN_NO_CACHE")
    monkeypatch.setattr(engine, "CACHE_MIN_FILES", 1)
    work = tmp_path / "work"
    work.mkdir()
    (work / ".git").mkdir()
    monkeypatch.chdir(work)
    copied = []
    for source in [*sorted(EXAMPLES.glob("*.yaml")), *sorted((DATA / "invalid").glob("*.yaml"))]:
        shutil.copy(source, work)
        copied.append(work / source.name)
    return copied


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    original = engine.check_one

    def counting(path: Path, settings: Settings) -> FileResult:
        calls.append(path)
        return original(path, settings)

    monkeypatch.setattr(engine, "check_one", counting)
    return calls


def test_a_warm_cache_gives_the_same_results(
    plans: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = check_many(plans, SETTINGS)
    assert (cache.cache_dir() / cache.DB_NAME).is_file()
    assert not (Path.cwd() / ".careplan-cache").exists()  # never inside the repository
    calls = _counting(monkeypatch)
    warm = check_many(plans, SETTINGS)
    assert warm == cold
    assert calls == []


def test_a_changed_file_is_checked_again(plans: list[Path]) -> None:
    check_many(plans, SETTINGS)
    target = next(p for p in plans if p.name == "CP-000101.yaml")
    target.write_text(target.read_text().replace('"999 000 0018"', '"999 000 0019"'))
    result = check_many([target], SETTINGS)[0]
    assert [f.code for f in result.findings] == ["CP401"]


def test_results_of_today_dependent_rules_follow_the_date(plans: list[Path]) -> None:
    case = next(p for p in plans if p.name == "cp106-review-in-future.yaml")
    assert _codes(check_many([case], SETTINGS)[0]) == ["CP106"]
    later = replace(SETTINGS, today=date(2027, 6, 1))
    assert _codes(check_many([case], later)[0]) == []
    assert _codes(check_many([case], SETTINGS)[0]) == ["CP106"]


def _codes(checked: Any) -> list[str]:
    """Codes found, besides the v1 case files' one CP021 (format v1, migrate)."""
    return [f.code for f in checked.findings if f.code != "CP021"]


def test_without_today_dependent_rules_results_are_reused_on_other_days(
    plans: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    dated = frozenset(r.code for r in engine_rules() if r.uses_today)
    quiet = replace(SETTINGS, disabled=dated)
    first = check_many(plans, quiet)
    calls = _counting(monkeypatch)
    assert check_many(plans, replace(quiet, today=date(2030, 1, 1))) == first
    assert calls == []


def engine_rules() -> list[Rule]:
    return all_rules()


def test_policy_changes_invalidate_the_cache(plans: list[Path]) -> None:
    case = next(p for p in plans if p.name == "cp309-no-review-triggers.yaml")
    assert _codes(check_many([case], SETTINGS)[0]) == ["CP309"]
    quieter = replace(SETTINGS, disabled=frozenset({"CP309", "CP021"}))
    assert check_many([case], quieter)[0].findings == ()


def test_no_cache_env_writes_nothing(plans: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREPLAN_NO_CACHE", "1")
    check_many(plans, SETTINGS)
    assert not cache.cache_dir().exists()


def test_use_cache_false_writes_nothing(plans: list[Path]) -> None:
    check_many(plans, SETTINGS, use_cache=False)
    assert not cache.cache_dir().exists()


def test_a_handful_of_files_does_not_open_the_cache(
    plans: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "CACHE_MIN_FILES", 8)
    check_many(plans[:3], SETTINGS)
    assert not cache.cache_dir().exists()


def test_results_carry_no_plan_data(plans: list[Path]) -> None:
    assert all(r.data is None for r in check_many(plans, SETTINGS))


@pytest.mark.parametrize("fork", [True, False], ids=["forked helpers", "process pool"])
def test_parallel_results_match_serial(
    plans: list[Path], monkeypatch: pytest.MonkeyPatch, fork: bool
) -> None:
    monkeypatch.setenv("CAREPLAN_NO_CACHE", "1")
    monkeypatch.setattr(forked, "can_fork", lambda: fork)  # (no fork: Windows's way)
    monkeypatch.setattr(forked, "cores", lambda: 3)
    many = plans * 5  # enough files for the process pool
    monkeypatch.setattr(engine, "PARALLEL_MIN", 10)
    monkeypatch.setattr(engine, "CHUNK", 7)
    parallel = check_many(many, SETTINGS)
    assert parallel == [check_one(p, SETTINGS) for p in many]
    assert any(r.summary for r in parallel) and any(not r.summary for r in parallel)
