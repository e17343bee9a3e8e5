"""Many careplans at once, and careplans killed part way: nothing is lost, nothing left behind.

The default sizes keep the suite quick; ``CAREPLAN_RELIABILITY=full`` runs the sizes the
README's "Reliability" section reports (100 parallel reviews, 150 kills).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from careplan_cli.plan.yamlload import read_plan_file
from tests.conftest import AUTHOR, EXAMPLES_V1, git

FULL = os.environ.get("CAREPLAN_RELIABILITY") == "full"
PARALLEL = 100 if FULL else 16
KILLS = 150 if FULL else 20
TODAY = "2026-11-22"


def review_command(plan_id: str, day: str = "2026-11-20") -> list[str]:
    return [
        sys.executable,
        "-m",
        "careplan_cli",
        "review",
        plan_id,
        "--no-input",
        "--date",
        day,
        "--next-review",
        "2027-02-18",
        "--today",
        TODAY,
    ]


def plan_ids(count: int) -> list[str]:
    return [f"CP-{900000 + n:06d}" for n in range(count)]


@pytest.fixture
def many(git_repo: Path) -> Path:
    template = (EXAMPLES_V1 / "CP-000102.yaml").read_text(encoding="utf-8")  # see conftest
    for plan_id in plan_ids(PARALLEL):
        text = template.replace("id: CP-000102", f"id: {plan_id}")
        (git_repo / "plans" / f"{plan_id}.yaml").write_text(text, encoding="utf-8")
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Add plans")
    return git_repo


def careplan_files(repo: Path) -> list[Path]:
    """Lock and temporary files of careplan's, anywhere in the repository (git's own
    index.lock aside)."""
    found = [*repo.rglob("*.lock"), *repo.rglob("*.tmp")]
    return [p for p in found if p.name != "index.lock"]


def test_parallel_reviews_of_different_plans_are_all_recorded(many: Path) -> None:
    env = {**os.environ, **AUTHOR}
    started = time.monotonic()
    processes = [
        subprocess.Popen(
            review_command(plan_id),
            cwd=many,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for plan_id in plan_ids(PARALLEL)
    ]
    failures = []
    for process in processes:
        _, err = process.communicate(timeout=300)
        if process.returncode != 0:
            failures.append(err)
    elapsed = time.monotonic() - started
    assert failures == []
    log = git(many, "log", "--format=%s").splitlines()
    assert sorted(log[:PARALLEL]) == sorted(f"Review {i} 2026-11-20" for i in plan_ids(PARALLEL))
    assert git(many, "status", "--porcelain") == ""
    for plan_id in plan_ids(PARALLEL):
        shown = git(many, "show", "--stat", "--format=", f":/Review {plan_id} ")
        assert shown.strip().startswith(f"plans/{plan_id}.yaml"), shown  # that file alone
    assert careplan_files(many) == []
    print(f"{PARALLEL} parallel reviews in {elapsed:.1f} s")


def commit_when_git_is_free(repo: Path) -> None:
    """Commit what a kill left uncommitted, as a person would: the killed careplan's own git
    child may still hold the index for a moment, so wait for it (never remove its lock)."""
    deadline = time.monotonic() + 30
    while True:
        done = subprocess.run(
            ["git", "commit", "-q", "-m", "Commit an interrupted review", "--", "plans"],
            cwd=repo,
            env={**os.environ, **AUTHOR},
            capture_output=True,
            text=True,
        )
        if done.returncode == 0 or not git(repo, "status", "--porcelain", "--", "plans"):
            return
        assert "index.lock" in done.stderr and time.monotonic() < deadline, done.stderr
        time.sleep(0.1)


def test_kills_at_random_points_lose_nothing(many: Path) -> None:
    env = {**os.environ, **AUTHOR}
    plan = many / "plans" / "CP-900000.yaml"
    chance = random.Random(20261203)
    outcomes = {"old": 0, "new": 0}
    for _ in range(KILLS):
        before = plan.read_bytes()
        reviews_before = len(read_plan_file(plan).data["reviews"])  # type: ignore[index]
        process = subprocess.Popen(
            # the same date each time: --force records a second review that day
            [*review_command("CP-900000"), "--force", "--reason", "test"],
            cwd=many,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(chance.uniform(0.0, 0.9))
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = plan.read_bytes()
        loaded = read_plan_file(plan)
        assert loaded.findings == () or after == before, "a half-written plan"
        if after == before:
            outcomes["old"] += 1
        else:
            outcomes["new"] += 1
            assert len(loaded.data["reviews"]) == reviews_before + 1  # type: ignore[index]
        # A kill between writing and committing leaves the new version uncommitted: commit
        # it as a person would, so the next attempt starts from a clean plan.
        if git(many, "status", "--porcelain", "--", "plans"):
            commit_when_git_is_free(many)
    assert sum(outcomes.values()) == KILLS
    # The next careplan run clears what the killed ones left.
    done = subprocess.run(
        review_command("CP-900001"), cwd=many, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert careplan_files(many) == []
    assert git(many, "status", "--porcelain") == ""
    print(f"{KILLS} kills: {outcomes}")
