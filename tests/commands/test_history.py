"""``careplan log`` follows a plan by its path and careplan's own record of its renames
(``previous_ids``), never by git's copy detection; ``maintenance`` turns on the commit-graph."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.adapters import gitcli
from tests.conftest import AUTHOR, EXAMPLES, git, invoke

TEMPLATE = EXAMPLES / "CP-000101.yaml"


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def plan_text(plan_id: str, extra: str = "") -> str:
    return TEMPLATE.read_text().replace("CP-000101", plan_id) + extra


def messages(runner: CliRunner, repo: Path, plan: str) -> list[str]:
    os.chdir(repo)
    code, out, err = invoke(runner, "log", plan, "--format", "json")
    assert code == 0, err
    return [entry["message"] for entry in json.loads(out)]


def test_log_shows_only_that_plans_commits_when_another_was_copied_from_it(
    runner: CliRunner, git_repo: Path
) -> None:
    plans = git_repo / "plans"
    (plans / "CP-000001.yaml").write_text(plan_text("CP-000001"))
    commit(git_repo, "Create CP-000001")
    (plans / "CP-000001.yaml").write_text(plan_text("CP-000001", "# reviewed\n"))
    commit(git_repo, "Review CP-000001")
    # A second plan made from the same template: git's copy detection takes it for a copy.
    shutil.copy(plans / "CP-000001.yaml", plans / "CP-000002.yaml")
    commit(git_repo, "Create CP-000002")
    followed = git(git_repo, "log", "--follow", "--format=%s", "--", "plans/CP-000002.yaml")
    assert "Create CP-000001" in followed  # what `--follow` shows, and careplan must not
    assert messages(runner, git_repo, "plans/CP-000002.yaml") == ["Create CP-000002"]
    assert messages(runner, git_repo, "CP-000001") == ["Review CP-000001", "Create CP-000001"]


def test_log_follows_a_renumbered_plan_through_previous_ids(
    runner: CliRunner, git_repo: Path
) -> None:
    plans = git_repo / "plans"
    (plans / "CP-000005.yaml").write_text(plan_text("CP-000005"))
    commit(git_repo, "Create CP-000005")
    (plans / "CP-000005.yaml").write_text(plan_text("CP-000005", "# reviewed\n"))
    commit(git_repo, "Review CP-000005")
    (plans / "CP-000005.yaml").unlink()
    renumbered = plan_text("CP-000010", "# reviewed\nprevious_ids: [CP-000005]\n")
    (plans / "CP-000010.yaml").write_text(renumbered)
    commit(git_repo, "Renumber CP-000005 as CP-000010")
    # The old id is then given to a new, unrelated plan: not part of CP-000010's history.
    (plans / "CP-000005.yaml").write_text(plan_text("CP-000005", "# another person\n"))
    commit(git_repo, "Create CP-000005 (new)")
    (plans / "CP-000010.yaml").write_text(renumbered + "# edited\n")
    commit(git_repo, "Edit CP-000010")
    assert messages(runner, git_repo, "CP-000010") == [
        "Edit CP-000010",
        "Renumber CP-000005 as CP-000010",
        "Review CP-000005",
        "Create CP-000005",
    ]
    assert messages(runner, git_repo, "CP-000005") == [
        "Create CP-000005 (new)",
        "Renumber CP-000005 as CP-000010",
        "Review CP-000005",
        "Create CP-000005",
    ]


def test_log_of_a_plan_never_committed_is_empty(runner: CliRunner, git_repo: Path) -> None:
    (git_repo / "plans" / "CP-000001.yaml").write_text(plan_text("CP-000001"))
    assert messages(runner, git_repo, "CP-000001") == []


def test_blobs_of_many_revisions_come_through_one_stream(git_repo: Path) -> None:
    plan = git_repo / "plans" / "CP-000001.yaml"
    shas = []
    for n in range(3):
        plan.write_text(plan_text("CP-000001", f"# version {n}\n"))
        shas.append(commit(git_repo, f"v{n}"))
    with gitcli.BlobReader(git_repo, limit=1 << 20) as blobs:
        seen = [blobs.read(sha, "plans/CP-000001.yaml") for sha in shas]
        assert blobs.read(shas[0], "plans/missing.yaml") is None
        assert blobs.read("0" * 40, "plans/CP-000001.yaml") is None
        assert blobs.read(shas[0], "plans") is None  # a tree, not a file
        assert blobs.read(shas[2], "plans/CP-000001.yaml") == plan.read_bytes()
    assert [(s or b"").endswith(f"# version {n}\n".encode()) for n, s in enumerate(seen)] == [
        True
    ] * 3
    with gitcli.BlobReader(git_repo, limit=10) as blobs:
        assert len(blobs.read(shas[0], "plans/CP-000001.yaml") or b"") == 11
        assert (
            blobs.read(
                shas[1],
                "plans/CP-000001.yaml",
            )
            is not None
        )


def test_maintenance_turns_on_the_commit_graph_with_bloom_filters(git_repo: Path) -> None:
    (git_repo / "plans" / "CP-000001.yaml").write_text(plan_text("CP-000001"))
    commit(git_repo, "Create CP-000001")
    env = {**os.environ, **AUTHOR}
    done = subprocess.run(
        [sys.executable, "-m", "careplan_cli", "maintenance"],
        cwd=git_repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert git(git_repo, "config", "--get", "core.commitGraph") == "true\n"
    assert git(git_repo, "config", "--get", "fetch.writeCommitGraph") == "true\n"
    graph = git_repo / ".git" / "objects" / "info" / "commit-graph"
    assert graph.is_file() and b"BIDX" in graph.read_bytes()  # the Bloom filter chunks


def test_maintenance_outside_a_repository(runner: CliRunner, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    code, _, err = invoke(runner, "maintenance")
    assert code == 2 and "not in a git repository" in err


def test_reviews_that_do_not_stand_alone_are_read_from_the_whole_plan(
    runner: CliRunner, git_repo: Path
) -> None:
    plan = git_repo / "plans" / "CP-000001.yaml"
    text = plan_text("CP-000001")
    plan.write_text(text)
    commit(git_repo, "Create")
    # A review whose kind is an alias of an anchor outside the reviews block.
    anchored = text.replace("status: active", "status: &k active", 1)
    anchored = anchored.replace("reviews:\n", "reviews:\n  - {date: 2026-11-20, kind: *k}\n", 1)
    assert anchored.count("*k") == 1 and anchored.count("&k") == 1
    plan.write_text(anchored)
    commit(git_repo, "Review")
    os.chdir(git_repo)
    code, out, _ = invoke(runner, "log", "CP-000001", "--format", "json")
    assert code == 0
    assert json.loads(out)[0]["reviews_added"] == [{"date": "2026-11-20", "kind": "active"}]


def test_versions_read_in_batches_are_the_files_each_commit_left(
    git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = git_repo / "plans" / "CP-000001.yaml"
    for n in range(12):
        if n == 5:
            plan.unlink()  # deleted, then made again
        else:
            plan.write_text(plan_text("CP-000001", f"# version {n}\n"))
        commit(git_repo, f"v{n} \x1e odd \x1f subject")
    commits = gitcli.path_log(git_repo, ["plans/CP-000001.yaml"])
    subjects = [f"v{n} \x1e odd \x1f subject" for n in range(11, -1, -1)]
    assert [c.message for c in commits] == subjects
    assert [c.blob is None for c in commits] == [n == 5 for n in range(11, -1, -1)]
    monkeypatch.setattr(gitcli, "_AHEAD", 100)  # a few requests to a batch
    with gitcli.BlobReader(git_repo, limit=1 << 20) as blobs:
        batched = blobs.read_versions(commits)
        one_by_one = [blobs.read(c.sha, c.path) for c in commits]
    assert batched == one_by_one
    assert batched[0] == plan.read_bytes() and batched[6] is None
