"""Values hidden in key names: a key is named only when it looks like a field name.

A key such as ``Grace mobile 07700 900512:`` is a value typed where a key belongs; every
command that reports on keys must say "an unknown key" at its line and column instead, in
messages and JSON pointers alike. ``relatioship`` looks like a field name: it is named, with
"did you mean". Every command that can mention a key is in :data:`COMMANDS`; a new one is
covered by adding it there.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.plan.words import nameable, unknown_key
from tests.conftest import EXAMPLES, TODAY, git, invoke
from tests.security import surface

SECRET_KEY = "Grace mobile 07700 900512"
SECRETS = ("Grace", "07700", "900512")
PLAN = "CP-000101"
REVIEW = ["--no-input", "--date", "2026-11-20", "--next-review", "2027-02-18", "--no-commit"]

# Every command (tests/security/surface.py, the one list), plus the formats and inputs that
# name keys in other ways.
COMMANDS: dict[str, list[str]] = {c.name: c.args(PLAN) for c in surface.COMMANDS} | {
    "validate text": ["validate", "--today", TODAY, "-f", "text"],
    "validate json": ["validate", "--today", TODAY, "-f", "json"],
    "validate github": ["validate", "--today", TODAY, "-f", "github"],
    "due stderr": ["due", "--today", TODAY],
    "list stderr": ["list"],
    "review --no-commit": ["review", PLAN, *REVIEW, "--today", TODAY],
    "review --from-file": ["review", PLAN, "--from-file", "entry.yaml", *REVIEW, "--today", TODAY],
    "new --from-file": ["new", "--from-file", "partial.yaml", "--no-input", "--no-commit"],
    "diff --paths-only": ["diff", PLAN, "--paths-only"],
    "diff --paths-only json": ["diff", PLAN, "--paths-only", "-f", "json"],
}


def with_key(text: str, key: str) -> str:
    """The plan with ``key`` added at the top level and inside its first carer."""
    assert "carers:\n  - " in text
    text = text.replace("carers:\n  - ", f"carers:\n  - {key}: x\n    ", 1)
    return f"{key}: 1\n{text}"


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(EXAMPLES / f"{PLAN}.yaml", git_repo / "plans")
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "Add a plan")
    monkeypatch.chdir(git_repo)
    return git_repo


def plant(repo: Path, key: str, *, commit: bool = True) -> None:
    plan = repo / "plans" / f"{PLAN}.yaml"
    plan.write_text(with_key(plan.read_text(), key))
    if commit:  # review wants a committed plan; diff compares HEAD with the working tree
        git(repo, "commit", "-q", "-am", "Add a key", "--no-verify")
    (repo / "entry.yaml").write_text(f"date: 2026-11-20\n{key}: 1\n")
    (repo / "partial.yaml").write_text(
        "type: cpa\nlevel: standard\nservice_user: {name: A B}\n"
        f"coordinator: {{name: C D, role: care-coordinator}}\n{key}: 1\n"
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_value_in_a_key_is_never_repeated(repo: Path, name: str) -> None:
    plant(repo, SECRET_KEY, commit=not name.startswith("diff"))
    code, out, err = invoke(CliRunner(), *COMMANDS[name])
    assert "Traceback" not in err
    if name == "diff":  # values are what it shows (--paths-only is for logs): not as a name
        assert "  + an unknown key added: 1" in out
        return
    for secret in SECRETS:
        assert secret not in out + err, (name, out, err)
    if name.startswith("validate "):
        assert code == 1 and "an unknown key" in out + err
        assert ":1:1" in out or '"line": 1' in out or "line=1,col=1" in out


@pytest.mark.parametrize("name", [n for n in sorted(COMMANDS) if n.startswith("validate ")])
def test_a_misspelt_field_is_named_with_a_suggestion(repo: Path, name: str) -> None:
    plan = repo / "plans" / f"{PLAN}.yaml"
    plan.write_text(plan.read_text().replace("    relationship: wife", "    relatioship: wife"))
    code, out, err = invoke(CliRunner(), *COMMANDS[name])
    assert code == 1
    assert "unknown field 'relatioship' (did you mean 'relationship'?)" in out + err
    assert "/carers/0/relatioship" in out or name.endswith("text") or name.endswith("github")


def test_pointers_stop_at_the_mapping_of_a_key_that_is_not_named(repo: Path) -> None:
    plant(repo, SECRET_KEY)
    _, out, _ = invoke(CliRunner(), *COMMANDS["validate json"])
    found = json.loads(out)["findings"]
    places = {(f["path"], f["line"], f["column"]) for f in found if "unknown key" in f["message"]}
    line = 3 + (EXAMPLES / f"{PLAN}.yaml").read_text().splitlines().index("carers:")
    assert places == {("", 1, 1), ("/carers/0", line, 5)}


@pytest.mark.parametrize(
    ("key", "named"),
    [
        ("relatioship", True),
        ("next_review", True),
        ("_x", True),
        ("a" * 40, True),
        ("a" * 41, False),
        (SECRET_KEY, False),
        ("Grace", False),
        ("07700900512", False),
        ("name\n", False),
        ("naïve", False),
        ("", False),
        (1, False),
    ],
)
def test_one_function_decides(key: object, named: bool) -> None:
    assert nameable(key) is named
    if isinstance(key, str):
        assert (unknown_key(key, ["relationship"]) == "an unknown key") is not named
