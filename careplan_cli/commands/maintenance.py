"""``careplan maintenance``: keep a plan repository's history fast to read as it grows.

git answers "which commits changed this file" from its commit-graph's changed-path Bloom
filters without opening the trees of commits that did not; ``careplan log`` asks exactly
that. This turns them on (``init`` does too) and writes them for the history so far.
"""

from __future__ import annotations

from pathlib import Path

from careplan_cli.adapters import gitcli
from careplan_cli.errors import UsageError


def maintain(cwd: Path) -> list[tuple[str, bool]]:
    """Each step taken in the repository around ``cwd``, and whether it succeeded."""
    root = gitcli.find_root(cwd)
    if root is None:
        raise UsageError(f"{cwd} is not in a git repository")
    return gitcli.enable_commit_graph(root)
