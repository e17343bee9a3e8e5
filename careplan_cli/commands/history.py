"""A plan's history from git, with the reviews each commit recorded (``careplan log``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from careplan_cli.adapters import gitcli, gitio
from careplan_cli.commands.locate import resolve_plan
from careplan_cli.errors import CareplanError, UsageError
from careplan_cli.plan.history import HistoryEntry
from careplan_cli.plan.ids import ID_PATTERN
from careplan_cli.plan.reviewlog import ReviewReader
from careplan_cli.plan.yamlload import MAX_BYTES, load_bytes


def plan_log(ref: str, cwd: Path | None = None) -> list[HistoryEntry]:
    """``careplan log``: the history of the plan ``ref`` names."""
    path = resolve_plan(ref, cwd or Path.cwd())
    root = gitcli.find_root(path)
    if root is None:
        raise UsageError(f"{path} is not in a git repository, so it has no history")
    return plan_history(root, path)


Source = tuple[bytes | None, str]  # a version's bytes (None: it did not exist), and its name


def revisions_of(
    ref: str, rev_a: str | None, rev_b: str | None, cwd: Path | None = None
) -> tuple[Source, Source, str]:
    """The two versions ``careplan diff`` compares: ``rev_a`` (default HEAD) and ``rev_b``
    (default the working tree), and a title naming them."""
    path = resolve_plan(ref, cwd or Path.cwd())
    repo = gitio.find_repo(path)
    if repo is None:
        raise UsageError(f"{path} is not in a git repository; use --no-index OLD NEW")
    root = gitio.work_tree(repo)
    rel = gitcli.relative(root, path)
    old_rev = rev_a or "HEAD"
    old_sha = gitio.resolve_revision(repo, old_rev)
    new_sha = gitio.resolve_revision(repo, rev_b) if rev_b is not None else None
    from careplan_cli.plan.diff import read_version

    with gitcli.BlobReader(root, MAX_BYTES) as blobs:
        old = (blobs.read(old_sha, rel), f"{path} at {old_rev}")
        if new_sha is None:
            current = read_version(path, str(path), gitio.work_tree(repo))
            return old, (current, str(path)), f"{path}: {old_rev} -> working tree"
        new = (blobs.read(new_sha, rel), f"{path} at {rev_b}")
    return old, new, f"{path}: {old_rev} -> {rev_b}"


def _previous_paths(path: Path, rel: str, newest: bytes | None) -> list[str]:
    """Where the plan lived under the ids it had before (``previous_ids``, recorded by
    careplan when it renumbers a plan): ``plans/<OLD>.yaml`` beside it."""
    from careplan_cli.plan.source import SourceError, read_source

    try:
        raw: bytes | None = read_source(path)
    except SourceError:
        raw = newest
    if raw is None or b"previous_ids" not in raw:
        return []  # never renumbered: no need to read the plan for it
    data = load_bytes(raw).data
    ids = data.get("previous_ids") if isinstance(data, dict) else None
    if not isinstance(ids, list):
        return []
    folder = rel.rpartition("/")[0]
    return [
        f"{folder}/{old}{path.suffix}" if folder else f"{old}{path.suffix}"
        for old in ids
        if isinstance(old, str) and ID_PATTERN.fullmatch(old)
    ]


def plan_history(root: Path, path: Path) -> list[HistoryEntry]:
    """Commits that changed the plan, newest first, each with the reviews it added.

    The plan is followed by its path, then by careplan's own record of its renames: each
    path it had under a previous id, up to the commit that created it under its present one.
    Never by git's copy detection, which takes plans made from one template for one plan.
    """
    rel = gitcli.relative(root, path)
    commits = gitcli.path_log(root, [rel])
    with gitcli.BlobReader(root, MAX_BYTES) as blobs:
        newest = blobs.read_version(commits[0]) if commits else None
        old_paths = _previous_paths(path, rel, newest)
        if commits and old_paths:
            seen = {c.sha for c in commits}
            earlier = gitcli.path_log(root, old_paths, start=commits[-1].sha)
            commits += [c for c in earlier if c.sha not in seen]
        reader = ReviewReader()
        versions = [reader.keys(raw) for raw in blobs.read_versions(commits)]
    entries = []
    for index, commit in enumerate(commits):
        before = set(versions[index + 1]) if index + 1 < len(commits) else set()
        added = [{"date": d, "kind": k} for d, k in versions[index] if (d, k) not in before]
        entries.append(HistoryEntry(commit.sha, commit.date, commit.author, commit.message, added))
    return entries


def driver_diff(name: str, old_file: Path, new_file: Path) -> tuple[list[Any], str | None]:
    """What ``careplan git-diff-driver`` shows: the changes, or, when a version is no plan, a
    note saying why and git's own line-by-line diff of the two files (so that git, which
    stops at a failing driver, goes on)."""
    from careplan_cli.plan.diff import diff_plans, plan_data, read_version

    try:
        old_raw = read_version(old_file, f"a/{name}")
        new_raw = read_version(new_file, f"b/{name}")
        return diff_plans(plan_data(old_raw, f"a/{name}"), plan_data(new_raw, f"b/{name}")), None
    except CareplanError as exc:
        note = f"careplan diff {name}: {exc.message}\n"
        return [], note + gitio.plain_diff(old_file, new_file)
