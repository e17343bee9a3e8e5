"""Two revisions of careplan side by side: is any figure worse than before a change?

    python benchmarks/compare.py --base 1602e72 --plans 2000 --runs 5

Runs each command with the base revision's code and this tree's code in turn (A B A B ...),
with the same Python and the same installed libraries, and prints the medians and the
ratio new/base. Both are run as ``python -m careplan_cli`` from their source trees, so a
library added by the change is the only difference in what is imported besides the code.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(argv: list[str], cwd: Path, code_root: Path) -> tuple[float, int]:
    env = {
        **os.environ,
        "PYTHONPATH": str(code_root),
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "careplan_cli", *argv],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start, done.returncode


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default="1602e72", help="the revision to compare with")
    parser.add_argument("--plans", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="careplan-compare-"))
    base = work / "base"
    git(ROOT, "worktree", "add", "--detach", str(base), options.base)
    try:
        compare(work, base, options.plans, options.runs)
    finally:
        git(ROOT, "worktree", "remove", "--force", str(base))
        shutil.rmtree(work, ignore_errors=True)


def compare(work: Path, base: Path, plans: int, runs: int) -> None:
    many = work / "many"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(plans), str(many / "plans")],
        check=True,
        capture_output=True,
    )
    one = sorted((many / "plans").iterdir())[0]
    repo = work / "repo"
    (repo / "plans").mkdir(parents=True)
    # The plan as format v1 had it (the base's format): both trees can review it as it is.
    shutil.copy(ROOT / "tests" / "data" / "v1" / "CP-000102.yaml", repo / "plans")
    for tree in (base, ROOT):  # bytecode for both, so neither compiles its sources each run
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(tree / "careplan_cli")], check=True
        )
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=B", "-c", "user.email=b@example.org", "add", ".")
    git(repo, "-c", "user.name=B", "-c", "user.email=b@example.org", "commit", "-qm", "x")
    today = ["--today", "2026-11-22"]
    cases = [
        ("careplan --version", ["--version"], many, {}),
        ("validate one plan --no-cache", ["validate", "--no-cache", str(one), *today], many, {}),
        (f"validate {plans} plans --no-cache", ["validate", "--no-cache", *today], many, {}),
        (f"due {plans} plans --no-cache", ["due", "--no-cache", *today], many, {}),
        ("review one plan --no-commit", [
            "review", "CP-000102", "--no-input", "--date", "2026-11-20",
            "--next-review", "2027-02-18", "--no-commit", *today,
        ], repo, {"reset": True}),
    ]  # fmt: skip
    print("| command | base s | new s | new/base | exit base/new |")
    print("| --- | ---: | ---: | ---: | --- |")
    for label, argv, cwd, extra in cases:
        times: dict[str, list[float]] = {"base": [], "new": []}
        codes: dict[str, int] = {}
        for _ in range(runs):
            for name, code_root in (("base", base), ("new", ROOT)):
                seconds, codes[name] = timed(argv, cwd, code_root)
                times[name].append(seconds)
                if extra.get("reset"):
                    git(repo, "checkout", "--", "plans")
        old, new = statistics.median(times["base"]), statistics.median(times["new"])
        exits = f"{codes['base']}/{codes['new']}"
        print(f"| {label} | {old:.3f} | {new:.3f} | {new / old:.2f} | {exits} |", flush=True)


if __name__ == "__main__":
    main()
