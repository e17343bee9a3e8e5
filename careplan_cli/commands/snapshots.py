"""The plans a team report counts: as the working tree holds them, or as committed by a date.

Only plans that load and match the schema count (as in ``due`` and ``list``); the others are
counted as skipped. Committed plans are read from git by blob id, and a blob already parsed
for an earlier month is not parsed again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careplan_cli.adapters import gitcli
from careplan_cli.errors import UsageError
from careplan_cli.plan.asof import essentials
from careplan_cli.plan.schema import is_valid
from careplan_cli.plan.validate import PLAN_SUFFIXES, discover
from careplan_cli.plan.yamlload import load_bytes, read_plan_file

Plans = list[dict[str, Any]]


def _valid(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the figures read of a schema-valid plan; None for any other."""
    return essentials(data) if data is not None and is_valid(data) else None


def blob_id(raw: bytes) -> str:
    """The id git gives a file with these bytes."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()


def working_tree(
    files: list[Path], root: Path | None
) -> tuple[Plans, int, dict[str, dict[str, Any] | None]]:
    """(plans, number skipped, the plans by blob id) from the files as they are now."""
    plans: Plans = []
    by_blob: dict[str, dict[str, Any] | None] = {}
    for path in files:
        loaded = read_plan_file(path, root)
        data = _valid(loaded.data)
        if loaded.text is not None:
            by_blob[blob_id(loaded.text.encode("utf-8"))] = data
        if data is not None:
            plans.append(data)
    return plans, len(files) - len(plans), by_blob


def _is_plan_name(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    hidden = any(part.startswith(".") for part in name.split("/"))
    return base.endswith(PLAN_SUFFIXES) and not hidden


@dataclass
class History:
    """The plans under ``paths`` as committed on HEAD by the end of a day."""

    root: Path
    under: list[str]
    parsed: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    now: dict[str, dict[str, Any] | None] = field(default_factory=dict)  # working tree, by blob

    @classmethod
    def find(cls, paths: list[Path]) -> History | None:
        """The history of the repository holding ``paths``; None outside one."""
        root = gitcli.toplevel(paths[0]) if paths else None
        if root is None:
            return None
        under = []
        for path in paths:
            try:
                under.append(path.resolve().relative_to(root.resolve()).as_posix())
            except ValueError:
                raise UsageError(f"{path} is not inside the repository at {root}") from None
        return cls(root, under)

    def at_end_of(self, day: str) -> tuple[Plans, int] | None:
        """(plans, skipped) as committed by the end of ``day``; None before the first commit."""
        sha = gitcli.commit_at_end_of(self.root, day)
        if sha is None:
            return None
        blobs = {
            name: blob
            for under in self.under
            for name, blob in gitcli.tree_blobs(self.root, sha, under)
            if _is_plan_name(name)
        }
        wanted = sorted(set(blobs.values()))
        for blob in wanted:
            if blob not in self.parsed and blob in self.now:
                self.parsed[blob] = self.now[blob]
        fresh = [blob for blob in wanted if blob not in self.parsed]
        for blob, raw in gitcli.blob_bytes_by_id(self.root, fresh).items():
            self.parsed[blob] = _valid(load_bytes(raw).data)
        self.parsed = {blob: self.parsed.get(blob) for blob in wanted}  # keep this month's only
        plans = [self.parsed[blobs[name]] for name in sorted(blobs)]
        kept = [plan for plan in plans if plan is not None]
        return kept, len(plans) - len(kept)


def plan_files(paths: list[Path]) -> list[Path]:
    return discover(paths)
