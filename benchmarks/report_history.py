"""A 12-month trend report on a repository with a long history, against one cold validate.

    python benchmarks/report_history.py                       # issue 17's scale: 10,000 plans,
                                                              # 40,000 commits over five years
    python benchmarks/report_history.py --plans 1000 --commits 4000 --runs 1

The plans come from benchmarks/generate.py; the history is written with ``git fast-import``:
one commit adding every plan five years ago, then commits each changing one plan (a new
comment line, so a new blob) spread evenly up to the day of the report. Measured: wall time
and peak resident memory (the largest of any process of the command) of
``careplan validate --no-cache`` (cold) and ``careplan report --months 12``, as of the last
day and as recorded. The target: the report within 3x of the validate, under 500 MB.
Results are appended to benchmarks/REPORT.md.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import BIN, ROOT, Measure, run

TODAY = "2026-11-22"


def fast_import(work: Path, plans: Path, commits: int, years: int, seed: int) -> None:
    """A history of ``commits`` commits over ``years`` years ending on TODAY."""
    rng = random.Random(seed)
    texts = {p.name: p.read_bytes() for p in sorted(plans.glob("*.yaml"))}
    names = sorted(texts)
    end = datetime.fromisoformat(f"{TODAY}T12:00:00").replace(tzinfo=UTC)
    start = end - timedelta(days=365 * years)
    step = (end - start) / max(commits - 1, 1)
    stream = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=work, stdin=subprocess.PIPE)
    assert stream.stdin is not None
    out = stream.stdin

    def commit(index: int, changed: list[str]) -> None:
        when = int((start + step * index).timestamp())
        message = f"Change {index}".encode()
        out.write(b"commit refs/heads/main\n")
        out.write(f"committer Bench <bench@example.org> {when} +0000\n".encode())
        out.write(b"data %d\n%s\n" % (len(message), message))
        for name in changed:
            data = texts[name]
            out.write(f"M 100644 inline plans/{name}\ndata {len(data)}\n".encode() + data + b"\n")

    commit(0, names)
    for index in range(1, commits):
        name = rng.choice(names)
        texts[name] += f"# edit {index}\n".encode()
        commit(index, [name])
    out.close()
    if stream.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=work, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=40_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "REPORT.md")
    args = parser.parse_args()
    careplan = str(BIN / "careplan")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        generated = work / "generated"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "generate.py"),
                str(args.plans),
                str(generated),
            ],
            check=True,
        )
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=work, check=True)
        fast_import(work, generated, args.commits, args.years, seed=2026)
        n, r, day = args.plans, args.runs, ["--today", TODAY]
        results: list[Measure] = [
            run([careplan, "validate", "--no-cache", *day, "plans"], r, "validate", n, work),
            run(
                [careplan, "report", *day, "--months", "12", "-f", "json", "plans"],
                r,
                "report --months 12 (as of)",
                n,
                work,
            ),
            run(
                [careplan, "report", *day, "--as-of", "2026-10-31", "--as-recorded",
                 "--months", "12", "-f", "json", "plans"],
                r,
                "report --months 12 --as-recorded",
                n,
                work,
            ),
        ]  # fmt: skip
    base = results[0].median
    lines = [
        f"\n## {args.plans:,} plans, {args.commits:,} commits over {args.years} years "
        f"(medians of {r})\n",
        "| command | seconds | x validate | peak MB | exit |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| `careplan {m.label}` | {m.median:.2f} | {m.median / base:.2f} | "
            f"{m.peak_mb:.0f} | {m.exit_code} |"
            for m in results
        ),
    ]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    with args.out.open("a", encoding="utf-8") as stream:
        stream.write(text)


if __name__ == "__main__":
    main()
