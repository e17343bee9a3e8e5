"""Hostile input, interrupted writes, concurrent edits: nothing lost, nothing leaked.

Every read command meets a corpus of broken and hostile files in a real subprocess with a
time and memory limit; writes are interrupted at each step; two reviews race; the output of
every command in every format is searched for the examples' personal data.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from careplan_cli.adapters import gitio
from careplan_cli.cli import app
from careplan_cli.plan.yamlload import read_plan_file
from tests.conftest import AUTHOR, EXAMPLES, EXAMPLES_V1, ROOT, TODAY, git

GOOD = ["CP-000101.yaml", "CP-000102.yaml"]


def hostile_files() -> dict[str, tuple[bytes, str]]:
    """name -> (bytes, the code its finding must have)."""
    example = (EXAMPLES / "CP-000101.yaml").read_bytes()
    bomb = b"a: &a [x, x, x, x, x, x, x, x, x, x]\n" + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n".encode()
        for i in range(8)
    )
    return {
        "unclosed-bracket.yaml": (b"id: [one, two\nstatus: active\n", "CP001"),
        "bad-indent.yaml": (b"a:\n  b: 1\n c: 2\n", "CP001"),
        "unterminated-quote.yaml": (b'name: "never closed\n', "CP001"),
        "tab-indent.yaml": (b"service_user:\n\tname: x\n", "CP001"),
        "colon-soup.yaml": (b": : :\n- - :\n", "CP001"),
        "latin1.yaml": ("name: Zoë\n".encode("latin-1"), "CP003"),
        "binary.yaml": (bytes(range(256)) * 8, "CP003"),
        "utf16.yaml": ("id: x\n".encode("utf-16"), "CP003"),
        "empty.yaml": (b"", "CP004"),
        "comments-only.yaml": (b"# nothing\n# here\n", "CP004"),
        "root-list.yaml": (b"- a\n- b\n", "CP005"),
        "root-scalar.yaml": (b"just words\n", "CP005"),
        "two-docs.yaml": (b"id: a\n---\nid: b\n", "CP006"),
        "python-tag.yaml": (b"x: !!python/object/apply:os.system [id]\n", "CP007"),
        "unknown-tag.yaml": (b"x: !vault secret\n", "CP007"),
        "alias-bomb.yaml": (bomb, "CP008"),
        "self-alias.yaml": (b"a: &a [1, *a]\n", "CP008"),
        "too-large.yaml": (b"a: " + b"x" * (1 << 21) + b"\n", "CP009"),
        "conflict.yaml": (b"<<<<<<< HEAD\nid: a\n=======\nid: b\n>>>>>>> theirs\n", "CP011"),
        "deep-flow.yaml": (b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "CP012"),
        "deep-compact-after-cr.yaml": (b"- x\r" + b"- " * 100_000 + b"x\n", "CP012"),
        "deep-compact-after-ls.yaml": ("- x\u2028".encode() + b"- " * 100_000 + b"x\n", "CP012"),
        "surrogate-escape.yaml": (b'id: "CP-\\ud800"\n', "CP003"),
        "deep-block.yaml": (
            "".join(" " * i + "k:\n" for i in range(900)).encode() + b" " * 900 + b"k: 1\n",
            "CP012",
        ),
        "impossible-date.yaml": (
            example.replace(b"created: 2025-09-29", b"created: 2025-02-30"),
            "CP020",
        ),
        "wide.yaml": (
            b"extensions:\n" + b"".join(b"  k%d: %d\n" % (i, i) for i in range(30_000)),
            "CP020",
        ),
        "dup-key.yaml": (b"id: a\nid: b\n", "CP002"),
    }


@pytest.fixture
def corpus(git_repo: Path) -> Path:
    plans = git_repo / "plans"
    for name in GOOD:
        shutil.copy(EXAMPLES / name, plans)
    # BOM and CRLF must still work: the second good plan is written that way.
    crlf = plans / GOOD[1]
    crlf.write_bytes(b"\xef\xbb\xbf" + crlf.read_bytes().replace(b"\n", b"\r\n"))
    for name, (content, _) in hostile_files().items():
        (plans / name).write_bytes(content)
    (plans / "escapes.yaml").symlink_to(
        "/etc/hostname" if Path("/etc/hostname").exists() else "/etc/passwd"
    )
    (plans / "dangling.yaml").symlink_to(plans / "nowhere.yaml")
    (plans / "directory.yaml").mkdir()
    return git_repo


EXPECTED_EXTRA = {"escapes.yaml": "CP010", "dangling.yaml": "CP010", "directory.yaml": "CP010"}


def limited_run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A real subprocess, with 60 s of CPU and 2 GiB of memory at most."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    env = {**os.environ, **AUTHOR, "CAREPLAN_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "careplan_cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limits,
    )


def test_validate_reports_every_hostile_file_and_checks_the_rest(corpus: Path) -> None:
    run = limited_run(["validate", "--today", TODAY, "-f", "json"], corpus)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    report = json.loads(run.stdout)
    by_file: dict[str, set[str]] = {}
    for finding in report["findings"]:
        by_file.setdefault(Path(finding["file"]).name, set()).add(finding["code"])
    expected = {name: code for name, (_, code) in hostile_files().items()} | EXPECTED_EXTRA
    # Rules run on schema-invalid plans too (issue 13): these two also have an id that
    # differs from their file name.
    rules_too = {"impossible-date.yaml": {"CP101"}, "wide.yaml": {"CP101"}}
    assert {name: codes for name, codes in by_file.items()} == {
        name: {code} | rules_too.get(name, set()) for name, code in expected.items()
    }
    assert report["files"] == len(expected) + len(GOOD)


@pytest.mark.parametrize("command", ["due", "list"])
def test_due_and_list_name_broken_files_and_list_the_rest(corpus: Path, command: str) -> None:
    run = limited_run([command, "--today", "2027-12-01", "-f", "json"], corpus)
    assert run.returncode == 0 and "Traceback" not in run.stderr
    listed = json.loads(run.stdout)
    ids = [p["id"] for p in (listed["due"] if command == "due" else listed)]
    assert sorted(ids) == ["CP-000101", "CP-000102"]
    for name in [*hostile_files(), *EXPECTED_EXTRA]:
        if name not in ("impossible-date.yaml", "wide.yaml"):
            assert f"plans/{name}:" in run.stderr, name


@pytest.mark.parametrize("name", sorted([*hostile_files(), *EXPECTED_EXTRA]))
def test_diff_review_and_log_refuse_a_hostile_plan_clearly(corpus: Path, name: str) -> None:
    target = f"plans/{name}"
    diff = limited_run(["diff", "--no-index", f"plans/{GOOD[0]}", target], corpus)
    review = limited_run(
        [
            "review",
            target,
            "--no-input",
            "--date",
            "2026-11-20",
            "--next-review",
            "2027-02-18",
            "--no-commit",
            "--today",
            TODAY,
        ],
        corpus,
    )
    loadable = name in ("impossible-date.yaml", "wide.yaml")  # YAML, but not a valid plan
    # diff compares any two YAML mappings; it refuses what is not one, naming the file.
    # a file that is not there is a usage error (2); one that is not a plan is refused (1)
    missing = name in ("dangling.yaml", "directory.yaml")
    expected = 0 if loadable else (2 if missing else 1)
    assert diff.returncode == expected and "Traceback" not in diff.stderr
    if not loadable:
        assert diff.stderr.startswith(f"error: {target}")
    assert review.returncode in (1, 2) and "Traceback" not in review.stderr
    assert review.stderr.startswith("error: ")
    if name in ("directory.yaml", "dangling.yaml"):
        return
    git(corpus, "add", "--", target)
    git(corpus, "commit", "-q", "-m", f"Add {name}", "--no-verify")
    log = limited_run(["log", target, "--format", "json"], corpus)
    assert log.returncode == 0 and "Traceback" not in log.stderr
    added = json.loads(log.stdout)[0]["reviews_added"]
    assert added == [] or loadable  # a loadable plan's reviews are read as reviews


# -- fuzzing every read command ---------------------------------------------------------------

PLANS = [path.read_text() for path in sorted(EXAMPLES.glob("*.yaml"))]


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    """An example with lines deleted, duplicated, re-indented or overwritten at random."""
    lines = draw(st.sampled_from(PLANS)).splitlines()
    for _ in range(draw(st.integers(1, 5))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "replace"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index].lstrip()
        else:
            lines[index] = draw(st.text(max_size=30))
    return "\n".join(lines) + "\n"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=mutated_text())
def test_fuzzed_plans_through_every_read_command(text: str, tmp_path: Path) -> None:
    plan = tmp_path / "CP-000101.yaml"
    plan.write_text(
        text, encoding="utf-8", errors="surrogatepass"
    ) if "\ud800" not in text else plan.write_bytes(text.encode("utf-8", "replace"))
    runner = CliRunner()
    expected = {
        ("validate", "--today", TODAY, str(plan)): {0, 1},
        ("validate", "--today", TODAY, "-f", "github", str(plan)): {0, 1},
        ("due", "--today", TODAY, "-f", "ics", str(tmp_path)): {0},
        ("list", "-f", "csv", str(tmp_path)): {0},
        ("diff", "--no-index", str(EXAMPLES / "CP-000101.yaml"), str(plan)): {0, 1},
    }
    for args, codes in expected.items():
        result = runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code in codes, (args, result.output)


# -- interrupted and failed writes ------------------------------------------------------------


@pytest.fixture
def reviewed(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(EXAMPLES_V1 / "CP-000102.yaml", git_repo / "plans")
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Add plan")
    monkeypatch.chdir(git_repo)
    return git_repo


def review(*extra: str) -> Any:
    return CliRunner().invoke(
        app,
        [
            "review",
            "CP-000102",
            "--no-input",
            "--date",
            "2026-11-20",
            "--next-review",
            "2027-02-18",
            "--today",
            TODAY,
            *extra,
        ],
    )


def assert_untouched(repo: Path, before: bytes, head: str) -> None:
    plan = repo / "plans" / "CP-000102.yaml"
    assert plan.read_bytes() == before
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""
    assert sorted(p.name for p in (repo / "plans").iterdir()) == ["CP-000102.yaml"]


@pytest.mark.parametrize("fault", ["half-write", "rename", "read-only-dir", "fsync"])
def test_failed_writes_leave_the_old_plan(
    reviewed: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    plan = reviewed / "plans" / "CP-000102.yaml"
    before, head = plan.read_bytes(), git(reviewed, "rev-parse", "HEAD")
    if fault == "half-write":
        real_write = os.write

        def half(fd: int, data: Any) -> int:  # only the plan's text (a lock writes a pid)
            if len(data) < 100:
                return real_write(fd, data)
            real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "write", half)
    elif fault == "rename":

        def refuse(self: Path, target: Any) -> Path:
            raise OSError(errno.EXDEV, "Invalid cross-device link")

        monkeypatch.setattr(Path, "replace", refuse)
    elif fault == "read-only-dir":

        def denied(*args: Any, **kwargs: Any) -> Any:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", denied)
    else:

        def no_sync(fd: int) -> None:
            raise OSError(errno.EIO, "Input/output error")

        monkeypatch.setattr(os, "fsync", no_sync)
    result = review()
    assert result.exit_code == 2
    assert result.stderr.startswith("error: plans/CP-000102.yaml: could not ")
    assert result.stderr.rstrip().endswith("the plan is unchanged")
    assert_untouched(reviewed, before, head)


def test_killed_between_write_and_commit(reviewed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The new version is on disk and valid, nothing is staged, and the next run says so."""
    head = git(reviewed, "rev-parse", "HEAD")

    def killed(*args: Any) -> str:
        raise KeyboardInterrupt

    original = gitio.commit_files
    monkeypatch.setattr(gitio, "commit_files", killed)
    result = review()
    assert result.exit_code == 130  # the interrupt, as click reports it
    assert git(reviewed, "rev-parse", "HEAD") == head
    assert git(reviewed, "diff", "--cached", "--name-only") == ""
    assert git(reviewed, "status", "--porcelain") == " M plans/CP-000102.yaml\n"
    assert read_plan_file(reviewed / "plans" / "CP-000102.yaml").findings == ()
    assert list(_lock_files(reviewed)) == []
    monkeypatch.setattr(gitio, "commit_files", original)
    again = review()
    assert again.exit_code == 1 and "has uncommitted changes" in again.stderr


# -- concurrent edits -------------------------------------------------------------------------


def _scratch(repo: Path) -> Path:
    return repo / ".git" / "careplan"


def test_a_live_lock_refuses_a_second_editor(
    reviewed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process holding the plan's lock (under .git/, never in the work tree): the
    second editor waits, then is refused with nothing written."""
    from careplan_cli.adapters import files

    monkeypatch.setattr(files, "LOCK_WAIT_SECONDS", 0.3)
    before, head = (
        (reviewed / "plans" / "CP-000102.yaml").read_bytes(),
        git(reviewed, "rev-parse", "HEAD"),
    )
    scratch = _scratch(reviewed)
    scratch.mkdir(exist_ok=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, pathlib, sys, time\n"
            "lock = open(sys.argv[1] + '/' + sys.argv[2], 'w')\n"
            "fcntl.flock(lock, fcntl.LOCK_EX)\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
            str(scratch),
            _plan_lock_name(reviewed),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        result = review()
        assert result.exit_code == 1
        assert "plans/CP-000102.yaml is being changed by another careplan" in result.stderr
        assert_untouched(reviewed, before, head)
    finally:
        holder.kill()
        holder.communicate()
    assert review().exit_code == 0  # the kernel released the dead holder's lock


def _plan_lock_name(repo: Path) -> str:

    tag = f"{zlib.crc32(b'plans/CP-000102.yaml'):08x}"
    return f"CP-000102.yaml.{tag}.lock"


def test_a_lock_file_left_by_a_killed_run_is_no_obstacle(reviewed: Path) -> None:
    scratch = _scratch(reviewed)
    scratch.mkdir(exist_ok=True)
    (scratch / _plan_lock_name(reviewed)).write_text("12345\n")
    (scratch / "4194303.CP-000102.yaml.abc123.tmp").write_text("a half-written copy\n")
    assert review().exit_code == 0
    assert list(_lock_files(reviewed)) == []


def test_two_reviews_at_once_lose_nothing(reviewed: Path) -> None:
    env = {**os.environ, **AUTHOR}
    dates = ["2026-11-19", "2026-11-20"]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "careplan_cli",
                "review",
                "CP-000102",
                "--no-input",
                "--date",
                day,
                "--next-review",
                "2027-02-10",
                "--today",
                TODAY,
            ],
            cwd=reviewed,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for day in dates
    ]
    outcomes = []
    for process in processes:
        _, err = process.communicate(timeout=60)
        outcomes.append((process.returncode, err))
    won = [day for day, (code, _) in zip(dates, outcomes, strict=True) if code == 0]
    for code, err in outcomes:
        assert code == 0 or (
            code == 1
            and (
                "being changed by another careplan" in err
                or "has uncommitted changes" in err
                or "is earlier than" in err
            )
        ), err
    assert won, outcomes
    text = (reviewed / "plans" / "CP-000102.yaml").read_text()
    assert all(f"  - date: {day}\n" in text for day in won)
    assert int(git(reviewed, "rev-list", "--count", "HEAD")) == 1 + len(won)
    assert git(reviewed, "status", "--porcelain") == ""
    assert read_plan_file(reviewed / "plans" / "CP-000102.yaml").findings == ()


def test_two_clones_reviewing_then_merging(reviewed: Path, tmp_path: Path) -> None:
    """git reports the conflict, and careplan validate flags the markers at their line."""
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(reviewed), str(other))
    for repo, day in ((reviewed, "2026-11-19"), (other, "2026-11-20")):
        git(repo, "config", "user.name", AUTHOR["GIT_AUTHOR_NAME"])
        git(repo, "config", "user.email", AUTHOR["GIT_AUTHOR_EMAIL"])
        run = limited_run(
            [
                "review",
                "CP-000102",
                "--no-input",
                "--date",
                day,
                "--next-review",
                "2027-02-10",
                "--today",
                TODAY,
            ],
            repo,
        )
        assert run.returncode == 0, run.stderr
    git(reviewed, "remote", "add", "other", str(other))
    git(reviewed, "fetch", "-q", "other")
    merge = subprocess.run(
        ["git", "merge", "-q", "other/main"],
        cwd=reviewed,
        capture_output=True,
        text=True,
        env={**os.environ, **AUTHOR},
    )
    assert merge.returncode != 0 and "CONFLICT" in merge.stdout + merge.stderr
    check = limited_run(["validate", "--today", TODAY, "plans"], reviewed)
    assert check.returncode == 1
    line = next(
        i
        for i, text in enumerate(
            (reviewed / "plans" / "CP-000102.yaml").read_text().splitlines(), 1
        )
        if text.startswith("<<<<<<<")
    )
    assert f"plans/CP-000102.yaml:{line}:1: CP011 unresolved merge conflict" in check.stdout


# -- no leaks ---------------------------------------------------------------------------------


def personal_values() -> set[str]:
    """Every value in the examples that says something about a person (not codes or ids)."""
    values: set[str] = set()

    def walk(node: Any, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, str) and len(node) >= 6 and key not in NOT_PERSONAL:
            values.add(node)

    coordinators = set()
    for path in EXAMPLES.glob("*.yaml"):
        plan = read_plan_file(path).data
        assert plan is not None
        coordinator = plan.pop("coordinator")
        coordinators.add(coordinator["name"])
        walk(plan)
        walk({k: v for k, v in coordinator.items() if k != "name"})
    # Coordinators' names are shown by due and list on purpose: they are the caseload key.
    return values - coordinators


# Codes from the schema's code lists, ids and dates: structure, not personal data.
NOT_PERSONAL = {
    "id",
    "type",
    "level",
    "status",
    "client_group",
    "created",
    "start",
    "end",
    "date",
    "next_review",
    "role",
    "sector",
    "domain",
    "category",
    "kind",
    "progress",
    "rating",
    "recipient",
    "period",
    "managed_as",
    "due",
    "achieved_on",
    "target_date",
    "last_assessed",
    "assessment_offered",
    "goal",
    "goals",
    "needs",
    "requested_by",
    "sections",
    # Format v2: code lists and dates.
    "from",
    "to",
    "hold_review_by",
    "basis",
    "agreed_by",
    "section",
    "mha_section",
    "eligible_after",
    "eligibility_outcomes",
    "outcome",
    "since",
    "renew_or_expire_by",
    "registered",
    "assessed_on",
    "admitted",
    "discharged",
    "follow_up",
    "referral_date",
    "review_by",
    "closed",
    "informed",  # recipients, as in copies
    "substance",  # TOP's substance names (alcohol, opiates...)
}


def leaks(text: str) -> list[str]:
    return sorted(v for v in personal_values() if v in text)


@pytest.fixture
def sweep_repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, git_repo / "plans")
    broken = git_repo / "plans" / "CP-000101.yaml"
    broken.write_text(
        broken.read_text()
        .replace("status: active", "status: Daniel Okafor")
        .replace('"999 000 0018"', '"999 000 0019"')
    )
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-q", "-m", "Plans")
    plan = git_repo / "plans" / "CP-000102.yaml"
    plan.write_text(plan.read_text().replace("level: medium", "level: low"))
    monkeypatch.chdir(git_repo)
    return git_repo


SWEEP = [
    *[["validate", "--today", TODAY, "-f", fmt] for fmt in ("text", "json", "github")],
    *[["due", "--today", TODAY, "-f", fmt] for fmt in ("text", "json", "csv", "ics")],
    *[["list", "-f", fmt] for fmt in ("text", "json", "csv")],
    *[["report", "--today", TODAY, "-f", fmt] for fmt in ("text", "json", "csv", "html")],
    ["report", "--today", TODAY, "-f", "json", "--by", "type", "--by", "level"],
    ["rules"],
    ["rules", "CP401"],
    ["config"],
    ["log", "CP-000102"],
    ["log", "CP-000102", "-f", "json"],
    ["diff", "CP-000102", "--paths-only"],
    ["diff", "CP-000102", "--paths-only", "-f", "json"],
    [
        "review",
        "CP-000101",
        "--no-input",
        "--no-commit",
        "--date",
        "2026-11-20",
        "--next-review",
        "2027-02-18",
    ],
    [
        "new",
        "--no-input",
        "--no-commit",
        "--type",
        "cpa",
        "--level",
        "standard",
        "--name",
        "Daniel Okafor",
        "--coordinator",
        "Priya Raman",
        "--nhs-number",
        "999 000 0019",
    ],
]


@pytest.mark.parametrize("args", SWEEP, ids=lambda a: " ".join(a[:3]))
def test_no_plan_values_leak(sweep_repo: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert leaks(result.stdout + result.stderr) == []
    assert "Daniel Okafor" not in result.stdout + result.stderr
    assert "999 000 0019" not in result.stdout + result.stderr


def test_the_sweep_would_catch_a_leak(sweep_repo: Path) -> None:
    shown = CliRunner().invoke(app, ["due", "--today", TODAY, "--show-names"])
    assert "Marcus Reid" in leaks(shown.stdout)
    assert len(personal_values()) > 100


# -- no injection -----------------------------------------------------------------------------


def test_option_like_file_names_and_revisions_stay_arguments(reviewed: Path) -> None:
    odd = reviewed / "plans" / "--output=stolen.yaml"
    shutil.copy(reviewed / "plans" / "CP-000102.yaml", odd)
    git(reviewed, "add", "--", str(odd))
    git(reviewed, "commit", "-q", "-m", "Odd name")
    runner = CliRunner()
    for args in (
        ["diff", str(odd), "HEAD~1"],
        ["log", str(odd)],
        ["diff", "CP-000102", "--", "--output=stolen.txt"],
    ):
        result = runner.invoke(app, args, catch_exceptions=False)
        assert result.exit_code in (0, 2) and "Traceback" not in result.output
    assert not (reviewed / "stolen").exists() and not (reviewed / "stolen.txt").exists()
    assert not Path("stolen.txt").exists()


def test_from_file_must_be_a_readable_plan_file(reviewed: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "review",
            "CP-000102",
            "--no-input",
            "--from-file",
            "plans",
            "--next-review",
            "2027-02-18",
        ],
    )
    assert result.exit_code == 2 and "cannot read the review" in result.stderr


def _lock_files(root: Path) -> Iterator[Path]:
    """careplan's lock and temporary files, wherever they are (none in the work tree)."""
    for pattern in ("*.lock", "*.tmp"):
        for path in root.rglob(pattern):
            if path.name != "index.lock":
                yield path


def test_no_lock_files_are_left_behind(reviewed: Path) -> None:
    assert review().exit_code == 0
    assert list(_lock_files(reviewed)) == []
    assert ROOT.is_dir()
