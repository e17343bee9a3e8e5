"""Side-by-side timings of careplan and check-jsonschema; writes benchmarks/RESULTS.md.

    python benchmarks/run.py            # 10,000 plans, 3 runs of each large command
    python benchmarks/run.py --plans 2000 --runs 5

Every number is a median of runs made in this one session, the commands taking turns round
after round, so that ratios compare like with like on a shared, noisy machine. Peak memory
is the largest resident set of any process of the command (the helpers included).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "careplan.schema.json"
BIN = Path(sys.executable).parent


@dataclass
class Measure:
    label: str
    n: int
    seconds: list[float]
    peak_mb: float
    exit_code: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run(
    argv: list[str], runs: int, label: str, n: int, cwd: Path, env: dict[str, str] | None = None
) -> Measure:
    """``runs`` runs of one command, one after another (for a warm-up; see :func:`interleaved`)."""
    measure = Measure(label, n, [], 0.0, 0)
    for _ in range(runs):
        _once(measure, argv, cwd, env)
    return measure


def _once(measure: Measure, argv: list[str], cwd: Path, env: dict[str, str] | None) -> None:
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    measure.seconds.append(time.perf_counter() - start)
    measure.peak_mb = max(measure.peak_mb, usage.ru_maxrss / 1024)  # KiB on Linux
    measure.exit_code = os.waitstatus_to_exitcode(status)


@dataclass
class Case:
    label: str
    argv: list[str]
    runs: int
    n: int
    env: dict[str, str] | None = None


def interleaved(cases: list[Case], cwd: Path) -> list[Measure]:
    """Every case run in turn, round after round: a spell of load on the shared machine
    slows careplan and its anchor alike, instead of whichever ran during it."""
    measures = [Measure(case.label, case.n, [], 0.0, 0) for case in cases]
    for round_number in range(max(case.runs for case in cases)):
        for case, measure in zip(cases, measures, strict=True):
            if round_number < case.runs:
                _once(measure, case.argv, cwd, case.env)
    return measures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = parser.parse_args()
    careplan, cjs = str(BIN / "careplan"), str(BIN / "check-jsonschema")
    env = {**os.environ, "CAREPLAN_NO_CACHE": ""}
    env.pop("CAREPLAN_NO_CACHE")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        plans = work / "plans"
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(args.plans), str(plans)],
            check=True,
        )
        (work / ".git").mkdir()  # a project root
        files = sorted(str(p) for p in plans.glob("*.yaml"))
        one = files[0]
        today = ["--today", "2026-11-22"]
        n, r = args.plans, args.runs
        run([careplan, "validate", *today, "plans"], 1, "warm-up", n, work, env)  # the cache
        results = interleaved(
            [
                Case(
                    "check-jsonschema --schemafile",
                    [cjs, "--schemafile", str(SCHEMA), *files],
                    r,
                    n,
                ),
                Case(
                    "careplan validate --no-cache",
                    [careplan, "validate", "--no-cache", *today, "plans"],
                    r,
                    n,
                    env,
                ),
                Case(
                    "careplan validate (cache warm)",
                    [careplan, "validate", *today, "plans"],
                    r,
                    n,
                    env,
                ),
                Case(
                    "careplan due --no-cache",
                    [careplan, "due", "--no-cache", *today, "plans"],
                    r,
                    n,
                    env,
                ),
                Case("check-jsonschema --version", [cjs, "--version"], 10, 1),
                Case("careplan --version", [careplan, "--version"], 10, 1, env),
                Case(
                    "check-jsonschema --schemafile (one plan)",
                    [cjs, "--schemafile", str(SCHEMA), one],
                    10,
                    1,
                ),
                Case(
                    "careplan validate --no-cache (one plan)",
                    [careplan, "validate", "--no-cache", *today, one],
                    10,
                    1,
                    env,
                ),
            ],
            work,
        )
    write(args.out, results, args)


def write(out: Path, results: list[Measure], args: argparse.Namespace) -> None:
    by = {m.label: m for m in results}
    anchors = {
        "careplan validate --no-cache": "check-jsonschema --schemafile",
        "careplan validate (cache warm)": "check-jsonschema --schemafile",
        "careplan due --no-cache": "check-jsonschema --schemafile",
        "careplan --version": "check-jsonschema --version",
        "careplan validate --no-cache (one plan)": "check-jsonschema --schemafile (one plan)",
    }
    targets = {
        "careplan validate --no-cache": ">= 10x faster",
        "careplan validate (cache warm)": ">= 50x faster",
        "careplan due --no-cache": ">= 10x faster",
        "careplan --version": "<= 1/3 of the time (>= 3x)",
        "careplan validate --no-cache (one plan)": "<= 1/2 of the time (>= 2x)",
    }
    lines = [
        "# Benchmark results",
        "",
        f"`python benchmarks/run.py --plans {args.plans} --runs {args.runs}` on "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
        "Medians of runs made side by side (the commands in turn, round after round) in one "
        "session; ratios are anchor / careplan.",
        "",
        "| command | plans | median s | runs | peak MB | exit | anchor | ratio | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
    ]
    for m in results:
        anchor = anchors.get(m.label)
        ratio = f"{by[anchor].median / m.median:.1f}x" if anchor else ""
        lines.append(
            f"| {m.label} | {m.n} | {m.median:.3f} | {len(m.seconds)} | {m.peak_mb:.0f} | "
            f"{m.exit_code} | {anchor or ''} | {ratio} | {targets.get(m.label, '')} |"
        )
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sys.stdout.write(out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
