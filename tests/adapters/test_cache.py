"""The result cache can be trusted: forged, foreign, damaged or redirected caches are ignored;
it stays bounded; concurrent runs do not corrupt it."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from careplan_cli.adapters import cache
from careplan_cli.commands.engine import check_many
from careplan_cli.plan.settings import Settings
from tests.conftest import DATA, EXAMPLES

SETTINGS = Settings(today=date(2026, 11, 22))
BROKEN = "cp106-review-in-future.yaml"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of the examples and four more plans, the cache switched on."""
    monkeypatch.delenv("CAREPLAN_NO_CACHE")
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    (repo / ".git").mkdir()
    for source in sorted(EXAMPLES.glob("*.yaml")):
        shutil.copy(source, repo / "plans")
    for name in (BROKEN, "cp020-unknown-status.yaml", "cp301-active-without-goals.yaml"):
        shutil.copy(DATA / "invalid" / name, repo / "plans")
    shutil.copy(EXAMPLES / "CP-000101.yaml", repo / "plans" / "CP-000103.yaml")
    monkeypatch.chdir(repo)
    return repo


def careplan(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CAREPLAN_NO_CACHE"}
    argv = [sys.executable, "-m", "careplan_cli", *args]
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)


def db_path() -> Path:
    return cache.cache_dir() / cache.DB_NAME


def rows_for(name: str) -> list[tuple[bytes, bytes, bytes]]:
    with sqlite3.connect(db_path()) as db:
        query = "SELECT key, value, mac FROM results WHERE file LIKE ?"
        return db.execute(query, (f"%/{name}",)).fetchall()


def rewrite(name: str, value: bytes, secret: bytes | None) -> int:
    """Replace the stored results of ``name``: MAC'd under ``secret``, or left stale if None."""
    rows = rows_for(name)
    with sqlite3.connect(db_path()) as db:
        for key, _, mac in rows:
            if secret is not None:
                mac = hmac.new(secret, key + value, hashlib.sha256).digest()
            db.execute("UPDATE results SET value = ?, mac = ? WHERE key = ?", (value, mac, key))
    return len(rows)


CLEAN = json.dumps({"f": [], "s": None}).encode()


@pytest.mark.parametrize("secret", [None, b"an attacker's own key, 32 bytes."])
def test_a_forged_entry_does_not_make_a_broken_plan_pass(work: Path, secret: bytes | None) -> None:
    first = careplan("validate", "--today", "2026-11-22", "plans")
    assert first.returncode == 1 and "CP106" in first.stdout
    assert rewrite(BROKEN, CLEAN, secret) == 1
    again = careplan("validate", "--today", "2026-11-22", "plans")
    assert again.returncode == 1
    assert again.stdout == first.stdout


def test_a_forged_entry_does_not_hide_an_overdue_plan_from_due(work: Path) -> None:
    argv = ("due", "--today", "2030-01-01", "--format", "json", "plans")
    first = careplan(*argv)
    listed = [row["id"] for row in json.loads(first.stdout)["due"]]
    assert "CP-000102" in listed
    summary = ["CP-000102", "cpa", "enhanced", "closed", "x", "2099-01-01", None, "x"]
    forged = json.dumps({"f": [], "s": summary}).encode()
    assert rewrite("CP-000102.yaml", forged, b"not the key of this user, 32 b.") == 1
    again = careplan(*argv)
    assert again.stdout == first.stdout


def test_another_users_cache_is_not_believed(work: Path) -> None:
    expected = check_many(sorted((work / "plans").glob("*.yaml")), SETTINGS)
    cache.key_file().unlink()  # a new key: every stored entry is now someone else's
    rewrite(BROKEN, CLEAN, None)
    assert check_many(sorted((work / "plans").glob("*.yaml")), SETTINGS) == expected


@pytest.mark.parametrize(
    "value",
    [
        b"garbage",
        b"[]",
        b'{"f": [["CP001", "not-a-severity", "m", "", 1, 1]], "s": null}',
        b'{"f": [[1, 2, 3, 4, 5, 6]], "s": null}',
        b'{"f": [], "s": [1, 2, 3, 4, 5, 6, 7, 8]}',
        b'{"f": [], "s": ["a", "b", null, "c", "d", "not a date", null, "e"]}',
        b'{"f": [["CP001", "error", "m", "", "1", 1]], "s": null}',
        b'{"f": [["CP020", "error", "m", "/status", 9, 9]], "s": null}',  # format 1: no place
        b'{"f": [["CP020", "error", "m", "/status", 9, 9, 3]], "s": null}',
        b'{"f": "abc", "s": {}}',
    ],
)
def test_entries_of_the_wrong_shape_are_misses_even_when_they_verify(
    work: Path, value: bytes
) -> None:
    plans = sorted((work / "plans").glob("*.yaml"))
    expected = check_many(plans, SETTINGS)
    secret = cache.key_file().read_bytes()
    for plan in plans:
        rewrite(plan.name, value, secret)
    assert check_many(plans, SETTINGS) == expected
    listed = careplan("list", "--format", "json", "plans")
    assert listed.returncode == 0 and "Traceback" not in listed.stderr


def test_entries_of_another_value_format_are_never_looked_up(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = sorted((work / "plans").glob("*.yaml"))
    check_many(plans, SETTINGS)
    stored = rows_for(BROKEN)
    assert len(stored) == 1
    places = [finding[-1] for finding in json.loads(stored[0][1])["f"]]
    assert places == ["schema version", "review 2, date"]  # stored in words, with the finding
    now = cache.context_of(SETTINGS)
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT - 1)
    assert cache.context_of(SETTINGS) != now  # the format is part of every key


@pytest.mark.parametrize("damage", [b"", b"not a database at all" * 100, b"\0" * 4096])
def test_a_damaged_cache_file_is_ignored(work: Path, damage: bytes) -> None:
    plans = sorted((work / "plans").glob("*.yaml"))
    expected = check_many(plans, SETTINGS)
    for name in cache.cache_dir().iterdir():
        name.unlink()
    db_path().write_bytes(damage)
    assert check_many(plans, SETTINGS) == expected
    listed = careplan("list", "plans")
    assert listed.returncode == 0 and "Traceback" not in listed.stderr


def test_a_foreign_database_is_left_alone(work: Path) -> None:
    cache.cache_dir().mkdir(parents=True, mode=0o700)
    with sqlite3.connect(db_path()) as db:
        db.execute("CREATE TABLE results (key TEXT, value INTEGER)")
        db.execute("INSERT INTO results VALUES ('x', 1)")
    plans = sorted((work / "plans").glob("*.yaml"))
    assert check_many(plans, SETTINGS) == check_many(plans, SETTINGS, use_cache=False)
    with sqlite3.connect(db_path()) as db:
        assert db.execute("SELECT * FROM results").fetchall() == [("x", 1)]


def test_a_symlink_named_like_the_cache_directory_is_not_written_through(
    work: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cache.cache_dir().parent.mkdir(parents=True, exist_ok=True)
    cache.cache_dir().symlink_to(elsewhere)
    plans = sorted((work / "plans").glob("*.yaml"))
    assert check_many(plans, SETTINGS) == check_many(plans, SETTINGS, use_cache=False)
    assert list(elsewhere.iterdir()) == []


def test_a_symlinked_database_or_key_is_not_used(work: Path, tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.write_bytes(b"")
    cache.cache_dir().mkdir(parents=True, mode=0o700)
    db_path().symlink_to(target)
    key = cache.key_file()
    key.parent.mkdir(parents=True, mode=0o700)
    key.symlink_to(tmp_path / "stolen-key")
    check_many(sorted((work / "plans").glob("*.yaml")), SETTINGS)
    assert target.read_bytes() == b""
    assert not (tmp_path / "stolen-key").exists()


def test_the_cache_lives_outside_the_repository_and_is_private(work: Path) -> None:
    check_many(sorted((work / "plans").glob("*.yaml")), SETTINGS)
    assert not any(p.name.startswith(".careplan") for p in work.rglob("*"))
    for directory in (cache.cache_dir(), cache.key_file().parent):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert stat.S_IMODE(cache.key_file().stat().st_mode) == 0o600
    assert len(cache.key_file().read_bytes()) == 32


def test_edits_keep_a_few_versions_of_a_plan(work: Path) -> None:
    plans = sorted((work / "plans").glob("*.yaml"))
    target = work / "plans" / "CP-000101.yaml"
    text = target.read_text()
    for version in range(cache.KEEP_PER_FILE + 5):
        target.write_text(text + f"# edit {version}\n")
        check_many(plans, SETTINGS)
    assert len(rows_for("CP-000101.yaml")) == cache.KEEP_PER_FILE


def test_pruning_drops_vanished_plans_then_the_oldest(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = sorted((work / "plans").glob("*.yaml"))
    check_many(plans, SETTINGS)
    gone = work / "plans" / "CP-000103.yaml"
    gone.unlink()
    plans.remove(gone)
    monkeypatch.setattr(cache, "MAX_ENTRIES", len(plans))
    monkeypatch.setattr(cache, "PRUNE_TO", 0.5)
    monkeypatch.setattr(cache, "COUNT_EVERY", 0)  # check the bound on every write
    newest = Settings(today=date(2026, 11, 23))  # another day: new entries for all
    check_many(plans, newest)
    with sqlite3.connect(db_path()) as db:
        files = [Path(f).name for (f,) in db.execute("SELECT file FROM results")]
    assert "CP-000103.yaml" not in files
    assert len(files) == len(plans) // 2
    assert check_many(plans, newest) == check_many(plans, newest, use_cache=False)


def test_lookups_read_only_the_entries_asked_for(work: Path) -> None:
    plans = sorted((work / "plans").glob("*.yaml"))
    check_many(plans, SETTINGS)
    opened = cache.ResultCache.open(SETTINGS)
    assert opened is not None
    statements: list[str] = []
    opened.db.set_trace_callback(statements.append)
    assert len(opened.get_many(plans[:2])) == 2
    plan = opened.db.execute("EXPLAIN QUERY PLAN " + statements[0]).fetchall()
    opened.close()
    assert len(statements) == 1
    assert "SEARCH results USING PRIMARY KEY" in str(plan) and "SCAN" not in str(plan)


def test_concurrent_runs_do_not_corrupt_the_cache(work: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CAREPLAN_NO_CACHE"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "careplan_cli", "validate", "--today", day, "plans"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for day in ["2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"] * 2
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 1 for run in runs)
    assert all("Traceback" not in err for _, err in outputs)
    plans = sorted((work / "plans").glob("*.yaml"))
    with sqlite3.connect(db_path()) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # A run kept waiting on the others past the busy timeout drops its results (by
        # design: a cache is never worth failing a run), so some may be missing; none twice.
        assert db.execute("SELECT count(*) FROM results").fetchone()[0] <= 4 * len(plans)
    for day in ["2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"]:  # one at a time
        done = subprocess.run(
            [sys.executable, "-m", "careplan_cli", "validate", "--today", day, "plans"],
            capture_output=True,
            env=env,
            check=False,
        )
        assert done.returncode == 1
    with sqlite3.connect(db_path()) as db:
        assert db.execute("SELECT count(*) FROM results").fetchone()[0] == 4 * len(plans)
    assert check_many(plans, SETTINGS) == check_many(plans, SETTINGS, use_cache=False)


def test_what_validate_stores_serves_due_and_list(work: Path) -> None:
    # validate does not need the summaries due and list show, but stores them for them.
    files = sorted((work / "plans").glob("*.yaml"))
    fresh = check_many(files, SETTINGS, use_cache=False)
    check_many(files, SETTINGS, summaries=False)  # fills the cache
    assert all(r.summary is None for r in check_many(files, SETTINGS, summaries=False))
    assert check_many(files, SETTINGS) == fresh  # summaries from the cache, as computed
    for command in (["due", "--today", "2026-11-22", "--format", "json"], ["list"]):
        assert careplan(*command).stdout == careplan(*command, "--no-cache").stdout


def test_a_large_set_is_hashed_with_a_helper_to_the_same_keys(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from careplan_cli.adapters import forked

    plans = sorted((work / "plans").glob("*.yaml"))
    os.mkfifo(work / "plans" / "fifo.yaml")  # never read (it would block): no key
    (work / "plans" / "link.yaml").symlink_to(plans[0])  # a link: no key
    paths = [*plans, work / "plans" / "fifo.yaml", work / "plans" / "link.yaml"] * 3
    opened = cache.ResultCache.open(SETTINGS)
    assert opened is not None
    serial = [opened._key(path) for path in paths]
    monkeypatch.setattr(cache, "KEYS_IN_PARALLEL", 2)
    monkeypatch.setattr(cache, "KEY_CHUNK", 4)
    monkeypatch.setattr(forked, "cores", lambda: 2)
    assert list(opened._keys_of(paths)) == serial
    assert serial.count(None) == 6 and len(set(serial)) == len(plans) + 1
    opened.close()
    cold = check_many(plans, SETTINGS)
    assert check_many(plans, SETTINGS) == cold  # warm, its keys from the helper
