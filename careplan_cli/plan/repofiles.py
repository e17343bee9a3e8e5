"""The files ``careplan init`` writes for pre-commit and GitHub Actions, for plans at the
repository's root or in a sub-folder of it.

pre-commit and GitHub read their files only at the repository root. For a sub-folder the hook
and the workflow run careplan in that folder, where its careplan.toml is, and say which plans
they check; a folder name that a shell or YAML could misread is not written into them.
"""

from __future__ import annotations

import re

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com): `pre-commit install` once per clone, then every commit
# that touches a plan is validated first, by the careplan installed where git runs (a local
# hook: no download, and always the careplan this team uses).
repos:
  - repo: local
    hooks:
      - id: careplan-validate
        name: careplan validate
        entry: careplan validate
        language: system
        files: (^|/)plans/.*\\.ya?ml$
"""

WORKFLOW = """\
# Validate every plan on each push and pull request; findings appear on the changed lines.
name: careplan
on: [push, pull_request]
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0   # --changed-since needs the history it compares with
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install careplan
      - run: careplan validate --format github
"""

# Folder names written as they are into a shell command, a regular expression and YAML.
SAFE_FOLDER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")


def safe_folder(folder: str) -> bool:
    return SAFE_FOLDER.fullmatch(folder) is not None


def pre_commit_config(folder: str) -> str:
    """``.pre-commit-config.yaml`` for plans in ``folder`` (``""``: the repository root)."""
    if not folder:
        return PRE_COMMIT
    _check(folder)
    pattern = folder.replace(".", "\\.")
    return f"""\
# pre-commit (https://pre-commit.com): `pre-commit install` once per clone, then every commit
# that touches a plan in {folder}/plans is validated first, by the careplan installed where
# git runs (a local hook). pre-commit runs hooks here, at the repository root, with paths from
# here; careplan runs in {folder}/, where its careplan.toml is, with "{folder}/" taken off.
repos:
  - repo: local
    hooks:
      - id: careplan-validate
        name: careplan validate ({folder})
        entry: sh -c 'cd {folder} && for f in "$@"; do shift; set -- "$@" "${{f#{folder}/}}"; done; exec careplan validate "$@"' careplan-validate
        language: system
        files: ^{pattern}/plans/.*\\.ya?ml$
"""  # noqa: E501


def workflow(folder: str) -> str:
    """``.github/workflows/careplan.yml`` for plans in ``folder`` (``""``: the root)."""
    if not folder:
        return WORKFLOW
    _check(folder)
    return f"""\
# Validate every plan in {folder}/plans on each push and pull request; findings appear on the
# changed lines. careplan runs in {folder}/, where its careplan.toml is, and is given the
# plans' full path: GitHub places a finding by its path from the repository root.
name: careplan ({folder})
on: [push, pull_request]
jobs:
  validate:
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: "{folder}"
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0   # --changed-since needs the history it compares with
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install careplan
      - run: careplan validate --format github "$GITHUB_WORKSPACE/{folder}/plans"
"""


def _check(folder: str) -> None:
    if not safe_folder(folder):
        raise ValueError(f"not a folder name to write into a hook: {folder!r}")
