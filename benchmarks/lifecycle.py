"""Writing commands at scale: new, review, set and the lifecycle commands (add, status, level,
handover, renumber) in a repository of many plans and commits against the same command in a
small one (issues 16 and 18: within 2x).

    python benchmarks/lifecycle.py --plans 10000 --commits 40000 --runs 3

``--keep DIR`` builds them in DIR, and a later run with the same DIR reuses them.
Both repositories are built with ``git fast-import``: every plan added in the first commit,
then one commit per change of a plan, round the plans. Each command runs ``--runs`` times
(reset to the same commit between runs); medians are compared.
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
TARGET = "CP-000002"
TODAY = "2026-11-22"
REVIEW = """\
kind: scheduled
attendees: [{name: Marcus Reid, role: service user}]
relevance: Still relevant.
effectiveness: Going well.
outcomes:
  - {goal: G1, progress: improving}
  - {goal: G2, progress: improving}
  - {goal: G3, progress: achieved}
unmet_needs: []
satisfaction: {rating: satisfied}
changes: None.
"""
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "CAREPLAN_NO_CACHE": "1",
}


def build(directory: Path, plans: int, commits: int) -> None:
    """A repository of ``plans`` plans (CP-000001...) and ``commits`` commits."""
    template = (ROOT / "examples" / "CP-000102.yaml").read_text()
    subprocess.run(["git", "init", "-q", "-b", "main", str(directory)], check=True, env=ENV)
    importer = subprocess.Popen(
        ["git", "fast-import", "--quiet"], cwd=directory, stdin=subprocess.PIPE, env=ENV
    )
    assert importer.stdin is not None
    stream = importer.stdin  # written commit by commit: the whole history never sits in memory

    def data(text: str) -> None:
        raw = text.encode()
        stream.write(b"data %d\n" % len(raw) + raw + b"\n")

    def commit(number: int, message: str, files: dict[str, str]) -> None:
        stream.write(b"commit refs/heads/main\n")
        stream.write(b"committer Bench <bench@example.org> %d +0000\n" % (1767225600 + number))
        data(message)  # later commits on the branch follow the one before
        for name, text in files.items():
            stream.write(f"M 100644 inline {name}\n".encode())
            data(text)

    def plan(number: int, edits: int) -> str:
        text = template.replace("CP-000102", f"CP-{number:06d}")
        return text + "".join(f"# edit {k}\n" for k in range(edits))

    commit(1, "Add plans", {f"plans/CP-{n:06d}.yaml": plan(n, 0) for n in range(1, plans + 1)})
    edits = [0] * (plans + 1)
    for index in range(2, commits + 1):
        number = (index % plans) + 1
        if number == int(TARGET[3:]):
            number = 1  # keep the target plan as committed first
        edits[number] += 1
        commit(
            index,
            f"Edit CP-{number:06d}",
            {f"plans/CP-{number:06d}.yaml": plan(number, edits[number])},
        )
    stream.close()
    if importer.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=directory, check=True, env=ENV)
    (directory / "review.yaml").write_text(REVIEW)


COMMANDS = {
    "new": ["new", "--no-input", "--type", "cpa", "--level", "non-cpa", "--name", "A Person",
            "--coordinator", "Tom Adeyemi"],
    "review": ["review", TARGET, "--no-input", "--from-file", "review.yaml", "--date",
               "2026-11-20", "--next-review", "2027-02-18"],
    "set": ["set", TARGET, "risks.R2.level=low", "--no-input"],
    "add": ["add", TARGET, "risk", "--category", "falls", "--level", "low",
            "--management", "Rails fitted", "--no-input"],
    "status": ["status", TARGET, "on-hold", "--reason", "Admitted", "--review-by", "2027-01-10",
               "--no-input"],
    "level": ["level", TARGET, "standard", "--reason", "Fewer needs", "--no-input"],
    "handover": ["handover", "--from", "Tom Adeyemi", "--to", "Priya Raman", TARGET,
                 "--reason", "Leaving", "--date", "2026-11-20", "--no-input"],
    "renumber": ["renumber", TARGET, "CP-900000", "--no-input"],
}  # fmt: skip


def timed(directory: Path, argv: list[str], runs: int) -> float:
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=directory, capture_output=True, text=True, env=ENV
    ).stdout.strip()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "careplan_cli", *argv, "--today", TODAY],
            cwd=directory, capture_output=True, text=True, env=ENV,
        )  # fmt: skip
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"{argv[0]} failed in {directory}: {done.stderr}")
        subprocess.run(["git", "reset", "-q", "--hard", head], cwd=directory, env=ENV, check=True)
        subprocess.run(["git", "clean", "-qfd", "plans"], cwd=directory, env=ENV, check=True)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=10000)
    parser.add_argument("--commits", type=int, default=40000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--keep", type=Path, help="build the repositories here, or reuse them if already there"
    )
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="careplan-bench-"))
    try:
        small, large = work / "small", work / "large"
        started = time.perf_counter()
        if not (args.keep and (large / ".git").is_dir()):
            work.mkdir(parents=True, exist_ok=True)
            build(small, 10, 10)
            build(large, args.plans, args.commits)
        print(f"built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        print(f"| command | 10 plans, 10 commits (s) | {args.plans} plans, {args.commits} "
              "commits (s) | ratio | target |")  # fmt: skip
        print("| --- | ---: | ---: | ---: | --- |")
        for name, argv in COMMANDS.items():
            a, b = timed(small, argv, args.runs), timed(large, argv, args.runs)
            print(f"| careplan {name} | {a:.3f} | {b:.3f} | {b / a:.2f}x | <= 2x |")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
