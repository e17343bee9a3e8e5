"""Make a plan repository with years of history, fast: N plans, M commits over Y years.

    python benchmarks/history.py 10000 40000 /tmp/repo --years 5

The first commit adds every plan (from benchmarks/generate.py: seeded, realistic, fictional);
each further commit records one review in one plan, as ``careplan review`` would, on dates
spread evenly over the years. Plans are picked with a skew (a few plans are reviewed very
often, most a few times), so the history has plans with many commits and plans with two.
Everything goes through one ``git fast-import`` stream: 40,000 commits take seconds, not the
hours one ``git commit`` each would. Prints the busiest and the quietest plan (for ``log``).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from generate import make_plan  # noqa: E402

from careplan_cli.plan.yamlload import read_plan_file  # noqa: E402

END = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
AUTHORS = ["Kim Worker", "Tom Adeyemi", "Rachel Osei", "Priya Shah", "Sam Evans"]


def dump(plan: dict[str, Any]) -> bytes:
    text = yaml.dump(plan, Dumper=yaml.CSafeDumper, sort_keys=False, width=4096)
    return ("# yaml-language-server: $schema=careplan.schema.json\n" + text).encode()


def dump_items(value: Any) -> bytes:
    if not value:
        return b""
    return yaml.dump(value, Dumper=yaml.CSafeDumper, sort_keys=False, width=4096).encode()


def emit_commit(
    out: IO[bytes], when: datetime, author: str, message: str, files: dict[str, bytes]
) -> None:
    stamp = f"{int(when.timestamp())} +0000"
    email = author.lower().replace(" ", ".") + "@example.org"
    head = f"commit refs/heads/main\nauthor {author} <{email}> {stamp}\n"
    head += f"committer {author} <{email}> {stamp}\n"
    body = message.encode()
    out.write(head.encode() + f"data {len(body)}\n".encode() + body + b"\n")
    for name, data in files.items():
        out.write(f"M 100644 inline {name}\ndata {len(data)}\n".encode() + data + b"\n")
    out.write(b"\n")


def build(plans: int, commits: int, years: float, repo: Path, seed: int = 2026) -> Counter[str]:
    """Write the repository; the number of commits that touched each plan."""
    rng = random.Random(seed)
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    templates = [t for t in (read_plan_file(p).data for p in examples) if t]
    state: dict[str, bytes] = {}  # each plan's text, its reviews last so a review appends
    last_review: dict[str, dict[str, Any]] = {}
    for number in range(1, plans + 1):
        plan = make_plan(rng.choice(templates), number, rng)
        name = f"plans/{plan['id']}.yaml"
        reviews = plan.pop("reviews", None) or []
        last_review[name] = dict(reviews[-1]) if reviews else {"kind": "scheduled"}
        state[name] = dump(plan) + dump_items({"reviews": reviews} if reviews else {})
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    start = END - timedelta(days=365.25 * years)
    step = (END - start) / max(commits, 1)
    touched: Counter[str] = Counter(dict.fromkeys(state, 1))
    names = list(state)
    feed = subprocess.Popen(
        ["git", "-C", str(repo), "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE
    )
    assert feed.stdin is not None
    out = feed.stdin
    emit_commit(out, start, AUTHORS[0], "Add plans", state)
    for index in range(1, commits):
        name = names[int(len(names) * rng.random() ** 1.5)]  # skewed: low ids reviewed most
        when = start + step * index
        entry = dict(last_review[name], date=when.date().isoformat())
        if b"\nreviews:\n" not in state[name]:
            state[name] += b"reviews:\n"
        state[name] += dump_items([entry])
        message = f"Review {Path(name).stem} {entry['date']}"
        emit_commit(out, when, rng.choice(AUTHORS), message, {name: state[name]})
        touched[name] += 1
    out.write(b"done\n")
    out.close()
    if feed.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "-f", "main"], check=True)
    return touched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("plans", type=int)
    parser.add_argument("commits", type=int)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--years", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    touched = build(args.plans, args.commits, args.years, args.repo, args.seed)
    busiest, quietest = pick(touched)
    sys.stdout.write(f"busiest {busiest} {touched[busiest]}\n")
    sys.stdout.write(f"quietest {quietest} {touched[quietest]}\n")


def pick(touched: Counter[str]) -> tuple[str, str]:
    """The plan with the most commits, and one with two (the fewest when none has two)."""
    ranked = touched.most_common()
    two = [name for name, count in ranked if count == 2]
    return ranked[0][0], (two[0] if two else ranked[-1][0])


if __name__ == "__main__":
    main()
