"""Bounded time and memory on hostile files, for every command that reads plans.

Each hostile file is put in ``plans/`` of a real repository and every command in
:data:`READERS` runs on it in a real subprocess with a CPU limit of 10 s and an address-space
limit; the peak resident memory of the run must stay under 500 MB. A command that hangs (a
FIFO opened for reading blocks until a writer comes) is killed by the wall-clock timeout and
fails the test. A new read command is covered by adding it to :data:`READERS`.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AUTHOR, EXAMPLES, TODAY, git
from tests.security import surface

CPU_SECONDS = 10
PEAK_BYTES = 500 * 1024 * 1024
GOOD = "CP-000101"
REVIEW = ["--no-input", "--date", "2026-11-20", "--next-review", "2027-02-18", "--no-commit"]

# Every command that reads plans (tests/security/surface.py, the one list), and the ways of
# reading that list does not hold; {plan} is the hostile plan.
READERS: dict[str, list[str]] = {
    c.name: c.args("{plan}") for c in surface.COMMANDS if c.takes_plan or c.name in ("due", "list")
} | {
    "validate all": ["validate", "--today", TODAY],
    "diff --no-index": ["diff", "--no-index", f"plans/{GOOD}.yaml", "{plan}"],
}


def merge_bomb(levels: int = 7, width: int = 10) -> bytes:
    """``<<: [*a, *a, ...]`` nested: 70 s and 1 GB before the budget counted merges."""
    lines = ["a: &a {x: 1, y: 2, z: 3, w: 4}"]
    previous = "a"
    for level in range(1, levels + 1):
        name = f"l{level}"
        lines += [f"{name}: &{name}", f"  <<: [{', '.join(['*' + previous] * width)}]"]
        lines.append(f"  k{level}: 1")
        previous = name
    return ("\n".join(lines) + "\n").encode()


def flow_merge_bomb() -> bytes:
    """Merged mappings whose values are aliased lists, referred to again and again."""
    lines = ["a: &a {x: [1, 2, 3, 4, 5, 6, 7, 8]}"]
    for level in range(1, 9):
        lines.append(f"b{level}: &b{level} {{<<: [{', '.join(['*a'] * 10)}], y: [*a, *a]}}")
    lines += [f"c{i}: [{', '.join(f'*b{j}' for j in range(1, 9))}]" for i in range(2000)]
    return ("\n".join(lines) + "\n").encode()


def many_unknown_keys(count: int = 100_000) -> bytes:
    """A plan with ``count`` unknown keys (quadratic to locate before)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    body = "".join(
        f"{letters[i // 676 % 26]}{letters[i // 26 % 26]}{letters[i % 26]}{i // 17576}: 0\n"
        for i in range(count)
    )
    return (EXAMPLES / f"{GOOD}.yaml").read_bytes() + body.encode()


def compact_nesting(levels: int = 400_000) -> bytes:
    """A line of block sequences, one inside the next: crashed libyaml's composer (and yaml-rs
    at some 12,000) before they were refused unparsed."""
    return b"- " * levels + b"x\n"


def indented_nesting(limit: int = 1 << 20) -> bytes:
    """Lines of 62 compact levels each, every line indented inside the last: some 8,000
    levels within the size limit."""
    lines: list[bytes] = []
    while sum(len(line) + 1 for line in lines) + 125 * (len(lines) + 1) + 2 < limit:
        lines.append(b" " * (125 * len(lines)) + b"- " * 62 + b"k:")
    return b"\n".join(lines) + b"\n"


HOSTILE: dict[str, Callable[[Path], object]] = {
    "merge-bomb": lambda p: p.write_bytes(merge_bomb()),
    "flow-merge-bomb": lambda p: p.write_bytes(flow_merge_bomb()),
    "unknown-keys-100k": lambda p: p.write_bytes(many_unknown_keys()),
    "compact-nesting": lambda p: p.write_bytes(compact_nesting()),
    "indented-nesting": lambda p: p.write_bytes(indented_nesting()),
    "long-integer": lambda p: p.write_bytes(b"schema_version: " + b"9" * 500_000 + b"\n"),
    "long-float": lambda p: p.write_bytes(b"schema_version: 1." + b"9" * 500_000 + b"\n"),
    "yaml-1.3": lambda p: p.write_bytes(
        b"%YAML 1.3\n---\n" + (EXAMPLES / f"{GOOD}.yaml").read_bytes()
    ),
    "fifo": lambda p: os.mkfifo(p),
    "sparse-3gib": lambda p: _sparse(p, 3 << 30),
    "directory": lambda p: p.mkdir(),
    "link-out": lambda p: p.symlink_to("/etc/passwd"),
}


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)


def limited(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], int]:
    """A real subprocess under a CPU limit; its result, and its peak resident memory."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    env = {**os.environ, **AUTHOR, "CAREPLAN_NO_CACHE": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "careplan_cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # far beyond the CPU limit: only a blocked process gets here
        preexec_fn=limits,
        stdin=subprocess.DEVNULL,
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return run, peak


@pytest.fixture
def repo(git_repo: Path) -> Path:
    shutil.copy(EXAMPLES / f"{GOOD}.yaml", git_repo / "plans")
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "Add a plan")
    return git_repo


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
@pytest.mark.parametrize("command", sorted(READERS))
def test_every_reader_is_bounded_on_every_hostile_file(
    repo: Path, hostile: str, command: str
) -> None:
    target = repo / "plans" / "hostile.yaml"
    HOSTILE[hostile](target)
    args = [a.replace("{plan}", "plans/hostile.yaml") for a in READERS[command]]
    run, peak = limited(args, repo)
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.returncode in (0, 1, 2), (run.returncode, run.stderr[-2000:])
    assert peak < PEAK_BYTES, peak
    if command == "validate all" and hostile != "yaml-1.3":
        assert "hostile.yaml" in run.stdout  # reported, never silently skipped
    if command in ("due", "list") and hostile != "yaml-1.3":
        assert "plans/hostile.yaml:" in run.stderr


@pytest.mark.parametrize(
    ("hostile", "code"),
    [
        ("merge-bomb", "CP008"),
        ("flow-merge-bomb", "CP008"),
        ("long-integer", "CP009"),
        ("long-float", "CP009"),
        ("fifo", "CP010"),
        ("sparse-3gib", "CP009"),
        ("directory", "CP010"),
        ("link-out", "CP010"),
        ("unknown-keys-100k", "CP020"),
        ("compact-nesting", "CP012"),
        ("indented-nesting", "CP012"),
    ],
)
def test_each_hostile_file_is_one_kind_of_finding(repo: Path, hostile: str, code: str) -> None:
    HOSTILE[hostile](repo / "plans" / "hostile.yaml")
    run, _ = limited(["validate", "--today", TODAY], repo)
    lines = [x for x in run.stdout.splitlines() if x.startswith("plans/hostile.yaml:")]
    codes = {line.split()[1] for line in lines}
    # Rules run on schema-invalid plans too: the example's id differs from this file's name.
    assert codes - {"CP101"} == {code}, run.stdout[-2000:]


def test_a_later_yaml_1_minor_version_is_read_as_1_2(repo: Path) -> None:
    HOSTILE["yaml-1.3"](repo / "plans" / f"{GOOD}.yaml")
    run, _ = limited(["validate", "--today", TODAY], repo)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_merge_bomb_is_found_where_it_expands(repo: Path) -> None:
    (repo / "plans" / "hostile.yaml").write_bytes(merge_bomb())
    run, _ = limited(["validate", "--today", TODAY, "plans/hostile.yaml"], repo)
    [line] = [x for x in run.stdout.splitlines() if "CP008" in x]
    assert line.startswith("plans/hostile.yaml:12:3: CP008 aliases expand the document past")


@pytest.mark.parametrize("command", ["new", "review"])
@pytest.mark.parametrize("source", ["/dev/zero", "fifo", "huge", "link"])
def test_from_file_reads_are_bounded(repo: Path, command: str, source: str) -> None:
    path = {"fifo": "in.fifo", "huge": "in.yaml", "link": "in-link.yaml"}.get(source, source)
    if source == "fifo":
        os.mkfifo(repo / path)
    elif source == "huge":
        _sparse(repo / path, 3 << 30)
    elif source == "link":
        (repo / path).symlink_to(EXAMPLES / f"{GOOD}.yaml")
    args = (
        ["new", "--from-file", path, "--no-input", "--no-commit"]
        if command == "new"
        else ["review", GOOD, "--from-file", path, *REVIEW, "--today", TODAY]
    )
    run, peak = limited(args, repo)
    assert run.returncode == 2 and run.stderr.startswith("error: "), run.stderr[-2000:]
    assert "Traceback" not in run.stderr and peak < PEAK_BYTES


def test_diff_of_a_huge_file_is_refused_unread(repo: Path) -> None:
    _sparse(repo / "huge.yaml", 3 << 30)
    run, peak = limited(["diff", "--no-index", f"plans/{GOOD}.yaml", "huge.yaml"], repo)
    assert run.returncode == 1 and "CP009" in run.stderr and peak < PEAK_BYTES


def test_a_plan_linked_inside_the_repository_is_read(repo: Path) -> None:
    (repo / "elsewhere").mkdir()
    shutil.move(repo / "plans" / f"{GOOD}.yaml", repo / "elsewhere" / f"{GOOD}.yaml")
    (repo / "plans" / f"{GOOD}.yaml").symlink_to(repo / "elsewhere" / f"{GOOD}.yaml")
    run, _ = limited(["validate", "--today", TODAY], repo)
    assert run.returncode == 0, run.stdout


def test_a_plan_linked_out_of_the_repository_is_flagged_and_not_read(
    repo: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("secret: Grace mobile 07700 900512\n")
    (repo / "plans" / "linked.yaml").symlink_to(outside)
    run, _ = limited(["validate", "--today", TODAY, "-f", "json"], repo)
    assert run.returncode == 1 and "07700" not in run.stdout
    assert "leads outside the repository" in run.stdout


def test_a_fifo_does_not_hang_a_run_with_the_cache(repo: Path, tmp_path: Path) -> None:
    os.mkfifo(repo / "plans" / "hostile.yaml")
    env = {**os.environ, **AUTHOR, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("CAREPLAN_NO_CACHE", None)
    run = subprocess.run(
        [sys.executable, "-m", "careplan_cli", "validate", "--today", TODAY],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 1 and "CP010 not a regular file (a FIFO)" in run.stdout
