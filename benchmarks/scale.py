"""Every command on a repository with years of history, beside its baseline (issue 18).

    python benchmarks/scale.py --plans 1000 --commits 4000          # a few minutes
    python benchmarks/scale.py --plans 10000 --commits 40000 --runs 3
    python benchmarks/scale.py ... --keep /tmp/repo   # build it there once, reuse it after

Builds the repository with benchmarks/history.py (git fast-import), turns on the commit-graph
with ``careplan maintenance``, then times each case and its baseline side by side, medians of
``--runs``: ``log`` against ``git log --oneline -- PATH``; ``validate``, ``due`` and ``list``
cold against check-jsonschema and warm against a fresh cache; the cache at the repository's
size and grown to ``--entries`` (default 200,000) entries; ``review`` against
``git commit --only``. The cache lives in a scratch XDG home, never the user's. Prints a
Markdown table (``ratio`` is careplan's time over the baseline's: below 1 is faster).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from time import perf_counter

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from run import BIN, SCHEMA  # noqa: E402
from run import Measure as WallMeasure  # noqa: E402


@dataclass
class Measure(WallMeasure):
    """Wall-clock seconds, and CPU seconds (user + system, the command's processes and
    their children): on a shared machine the CPU time is the steadier of the two."""

    cpu: list[float] = field(default_factory=list)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else 0.0


Pair = tuple[Measure, Measure | None]


def run(
    argv: list[str], runs: int, label: str, n: int, cwd: Path, env: dict[str, str] | None = None
) -> Measure:
    seconds, cpu, peak, code = [], [], 0.0, 0
    for _ in range(runs):
        start = perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds.append(perf_counter() - start)
        cpu.append(usage.ru_utime + usage.ru_stime)
        peak = max(peak, usage.ru_maxrss / 1024)
        code = os.waitstatus_to_exitcode(status)
    return Measure(label, n, seconds, peak, code, cpu)


TODAY = ["--today", "2026-11-22"]
Case = tuple[list[str], str]  # a command, and its label


def joined(measures: list[Measure]) -> Measure:
    """One measure of several single runs of the same command."""
    first = measures[0]
    return Measure(
        first.label,
        first.n,
        [m.seconds[0] for m in measures],
        max(m.peak_mb for m in measures),
        measures[-1].exit_code,
        [m.cpu[0] for m in measures],
    )


def review_argv(careplan: str, plan: str) -> list[str]:
    """``careplan review`` of ``plan`` with what a v2 review must say, one outcome for each of
    its active goals, as a key worker would give them without a terminal."""
    data = yaml.safe_load(Path(plan).read_text(encoding="utf-8")) or {}
    goals = [
        g["id"]
        for g in data.get("goals") or []
        if isinstance(g, dict) and g.get("status", "active") == "active"
    ]
    outcomes = [arg for goal in goals for arg in ("--outcome", f"{goal}=improving")]
    return [
        careplan, "review", "--no-input", "--date", "2026-11-22", "--next-review", "2027-02-18",
        *TODAY, "--relevance", "Still relevant", "--effectiveness", "Going well", *outcomes,
        "--no-unmet-needs", "--satisfaction", "satisfied", plan,
    ]  # fmt: skip


def reviews_beside_commits(
    careplan: str, files: list[str], runs: int, n: int, repo: Path
) -> tuple[Measure, Measure]:
    """``careplan review`` of one plan (it commits) in turn with ``git commit --only`` of an
    edit to another: a review each round, of plans nobody else touched in this run."""
    mine, base = [], []
    for index in range(runs):
        plan = files[len(files) // 2 + index]
        mine.append(
            run(review_argv(careplan, plan), 1, "careplan review (one plan; commits)", n, repo)
        )
        target = Path(files[-1 - index])
        target.write_text(target.read_text() + "# edited\n")
        argv = ["git", "commit", "--only", "-q", "-m", "edit", "--", str(target)]
        base.append(run(argv, 1, "git commit --only PATH", n, repo))
    return joined(mine), joined(base)


def grow_cache(entries: int, plan_files: list[Path]) -> int:
    """Fill the (scratch) cache with authentic entries of earlier versions, up to ``entries``."""
    from careplan_cli.adapters import cache
    from careplan_cli.commands.engine import check_one
    from careplan_cli.plan.settings import Settings

    opened = cache.ResultCache.open(Settings(today=date(2026, 11, 22)))
    assert opened is not None, "the cache did not open"
    have = opened.db.execute("SELECT count(*) FROM results").fetchone()[0]
    value = cache._encode(check_one(plan_files[0], Settings(today=date(2026, 11, 22))))
    rng = random.Random(18)
    rows = []
    for index in range(max(entries - have, 0)):
        key = rng.randbytes(24)
        name = os.fsdecode(plan_files[index % len(plan_files)].resolve())
        rows.append((key, name, value, opened._mac(key, value), index))
    with opened.db:
        opened.db.execute("BEGIN")
        opened.db.executemany("INSERT INTO results VALUES (?,?,?,?,?)", rows)
    total = int(opened.db.execute("SELECT count(*) FROM results").fetchone()[0])
    opened.close()
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=4000)
    parser.add_argument("--years", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--grow-cache", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--keep", type=Path, help="build the repository here, or reuse it if already there"
    )
    args = parser.parse_args()
    if args.grow_cache:  # the child that fills the cache of the repository it runs in
        plans = sorted(Path("plans").glob("*.yaml"))
        sys.stdout.write(f"{grow_cache(args.grow_cache, plans)}\n")
        return
    careplan, cjs = str(BIN / "careplan"), str(BIN / "check-jsonschema")
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        repo = args.keep or Path(scratch) / "repo"
        os.environ.update(
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_DATA_HOME=str(home / "data"),
            GIT_AUTHOR_NAME="Bench",
            GIT_AUTHOR_EMAIL="bench@example.org",
            GIT_COMMITTER_NAME="Bench",
            GIT_COMMITTER_EMAIL="bench@example.org",
        )
        os.environ.pop("CAREPLAN_NO_CACHE", None)
        # The repository is built, and the cache grown, by child processes: a child's peak
        # memory as the kernel reports it counts its parent's at the fork, so the parent
        # stays small for the figures to be the commands' own.
        saved = repo / ".git" / "careplan-bench.txt"  # what history.py said, and its HEAD
        if args.keep and saved.is_file():
            made = saved.read_text().split()
            git_run = ["git", "-C", str(repo)]
            subprocess.run([*git_run, "reset", "-q", "--hard", made[-1]], check=True)
            subprocess.run([*git_run, "clean", "-qfd"], check=True)
        else:
            made = subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "benchmarks" / "history.py"),
                    str(args.plans),
                    str(args.commits),
                    str(repo),
                    "--years",
                    str(args.years),
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            head = subprocess.run(
                ["git", "-C", str(repo), "rev-parse", "HEAD"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            made.append(head)
            saved.write_text(" ".join(made) + "\n")
        busy, quiet = made[1], made[4]
        touched = {busy: int(made[2]), quiet: int(made[5])}
        subprocess.run([careplan, "maintenance"], cwd=repo, check=True, capture_output=True)
        files = sorted(str(p) for p in (repo / "plans").glob("*.yaml"))
        ten = files[1:11]
        n, r = args.plans, args.runs
        scale = f"{args.plans} plans, {args.commits} commits"

        def time(argv: list[str], label: str, runs: int = r) -> Measure:
            return run(argv, runs, label, n, repo)

        def both(mine: Case, base: Case, runs: int = r) -> Pair:
            """The two commands run in turn, ``runs`` times each: side by side, so that a
            change in the machine's load falls on both."""
            rounds = [(time(*mine, runs=1), time(*base, runs=1)) for _ in range(runs)]
            return joined([a for a, _ in rounds]), joined([b for _, b in rounds])

        first_of_busy = subprocess.run(
            ["git", "log", "--format=%H", "--reverse", "--", busy],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[0]
        pairs = Rows()
        for plan in (busy, quiet):
            pairs.append(
                both(
                    ([careplan, "log", plan], f"careplan log ({touched[plan]} commits)"),
                    (
                        ["git", "log", "--oneline", "--", plan],
                        f"git log --oneline -- PATH ({touched[plan]} commits)",
                    ),
                )
            )
        pairs.append(
            both(
                ([careplan, "diff", busy, first_of_busy, "HEAD"], "careplan diff PLAN REV HEAD"),
                (["git", "diff", first_of_busy, "HEAD", "--", busy], "git diff REV HEAD -- PATH"),
            )
        )
        cold, cjs_all = both(
            (
                [careplan, "validate", "--no-cache", *TODAY, "plans"],
                "careplan validate --no-cache plans/ (cold)",
            ),
            ([cjs, "--schemafile", str(SCHEMA), *files], "check-jsonschema (all plans)"),
        )
        pairs.append((cold, cjs_all))
        run([careplan, "validate", *TODAY, "plans"], 1, "warm-up", n, repo)
        warm = time(
            [careplan, "validate", *TODAY, "plans"],
            f"careplan validate plans/ (warm, {n}-entry cache)",
        )
        pairs.append((warm, cjs_all))
        for command in ("due", "list"):
            run([careplan, command, *TODAY, "plans"], 1, "warm-up", n, repo)
            pairs.append(
                both(
                    ([careplan, command, *TODAY, "plans"], f"careplan {command} (warm)"),
                    ([careplan, command, "--no-cache", *TODAY, "plans"], f"{command} --no-cache"),
                )
            )
        one_nc: Case = (
            [careplan, "validate", "--no-cache", *TODAY, files[0]],
            "careplan validate --no-cache ONE.yaml",
        )
        pairs.append(
            both(
                one_nc, ([cjs, "--schemafile", str(SCHEMA), files[0]], "check-jsonschema (one)"), 10
            )
        )
        pairs.append(
            both(
                ([careplan, "--version"], "careplan --version"),
                ([cjs, "--version"], "check-jsonschema --version"),
                10,
            )
        )
        grown = subprocess.run(
            [sys.executable, __file__, "--grow-cache", str(args.entries)],
            cwd=repo,
            check=True,
            capture_output=True,
            text=True,
        )
        total = int(grown.stdout)
        pairs.append(
            both(
                (
                    [careplan, "validate", *TODAY, files[0]],
                    f"careplan validate ONE.yaml ({total}-entry cache)",
                ),
                one_nc,
                10,
            )
        )
        run([careplan, "validate", *TODAY, *ten], 1, "warm-up", n, repo)
        pairs.append(
            both(
                (
                    [careplan, "validate", *TODAY, *ten],
                    f"careplan validate 10 plans ({total}-entry cache, warm)",
                ),
                (
                    [careplan, "validate", "--no-cache", *TODAY, *ten],
                    "careplan validate --no-cache (10 plans)",
                ),
                10,
            )
        )
        pairs.append(
            (
                time(
                    [careplan, "validate", *TODAY, "plans"],
                    f"careplan validate plans/ (warm, {total}-entry cache)",
                ),
                warm,
            )
        )
        pairs.append(reviews_beside_commits(careplan, files, r, n, repo))
    report(pairs, args, scale)


def row(pair: Pair) -> str:
    mine, base = pair
    if base is None:
        return f"| {mine.label} | {mine.median:.3f} | {mine.cpu_median:.3f} | {mine.peak_mb:.0f} |"
    ratio = mine.median / base.median
    cpu_ratio = mine.cpu_median / base.cpu_median if base.cpu_median else float("nan")
    return (
        f"| {mine.label} | {mine.median:.3f} | {mine.cpu_median:.3f} | {mine.peak_mb:.0f} | "
        f"{mine.exit_code} | {base.label} | {base.median:.3f} | {base.cpu_median:.3f} | "
        f"{ratio:.2f} | {cpu_ratio:.2f} |"
    )


class Rows(list[Pair]):
    """The table so far: each row is shown on stderr as soon as it is measured."""

    def append(self, pair: Pair) -> None:
        super().append(pair)
        sys.stderr.write(row(pair) + "\n")
        sys.stderr.flush()


def report(pairs: list[Pair], args: argparse.Namespace, scale: str) -> None:
    lines = [
        f"### {scale} ({date.today().isoformat()})",
        "",
        f"`python benchmarks/scale.py --plans {args.plans} --commits {args.commits} "
        f"--runs {args.runs}` on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; medians; ratio = careplan / baseline.",
        "",
        "| case | wall s | CPU s | peak MB | exit | baseline | wall s | CPU s | ratio wall"
        " | ratio CPU |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
        *(row(pair) for pair in pairs),
    ]
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
