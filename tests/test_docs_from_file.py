"""Every example in docs/from-file.md, and the README's review with options, run as written
through the real command in a new repository: the docs cannot go stale.

A ```yaml block whose first line is a comment naming a file (``# intake-cpa.yaml: ...``) is
written to that file; in a ```console block each ``$ careplan ...`` line (``\\`` continues
it) is run as a real process with ``--today`` added, and the lines after it are its output
(commit ids aside).
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

from careplan_cli.plan.vocabulary import choices
from careplan_cli.plan.yamlload import read_plan_file
from tests.cli.plan_repo import run
from tests.conftest import EXAMPLES, ROOT, TODAY, git

DOC = ROOT / "docs" / "from-file.md"
BLOCK = re.compile(r"^```(yaml|console)\n(.*?)^```$", re.M | re.S)
COMMIT = re.compile(r"committed [0-9a-f]{8}")


def blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(text)]


def file_name(block: str) -> str | None:
    """``intake-cpa.yaml`` for a block that starts ``# intake-cpa.yaml: ...``."""
    match = re.match(r"# ([\w.-]+\.yaml)\b", block)
    return match.group(1) if match else None


def commands(block: str) -> list[tuple[list[str], list[str]]]:
    """Each ``$`` command of a console block (its arguments after ``careplan``) and the output
    lines shown after it."""
    steps: list[tuple[list[str], list[str]]] = []
    lines = block.replace("\\\n", " ").splitlines()
    for line in lines:
        if line.startswith("$ "):
            argv = shlex.split(line[2:])
            assert argv[0] == "careplan", line
            steps.append((argv[1:], []))
        else:
            steps[-1][1].append(line)
    return steps


def run_blocks(repo: Path, found: list[tuple[str, str]]) -> int:
    """Write the files and run the commands of ``found`` in ``repo``; how many commands ran."""
    ran = 0
    for kind, body in found:
        if kind == "yaml":
            name = file_name(body)
            assert name, f"a yaml block in the docs does not name its file:\n{body}"
            (repo / name).write_text(body)
            continue
        for argv, shown in commands(body):
            code, out, err = run(repo, *argv, "--today", TODAY)
            assert (code, err) == (0, ""), (argv, out, err)
            assert COMMIT.sub("committed X", out).splitlines() == [
                COMMIT.sub("committed X", line) for line in shown
            ], argv
            ran += 1
    return ran


def test_every_example_in_docs_from_file_runs_as_written(git_repo: Path) -> None:
    found = blocks(DOC.read_text(encoding="utf-8"))
    assert run_blocks(git_repo, found) == 5
    code, out, err = run(git_repo, "validate", "--today", TODAY, "plans")
    assert (code, err) == (0, ""), out
    assert git(git_repo, "status", "--porcelain", "plans") == ""  # every change committed


def test_every_plan_type_has_an_example(git_repo: Path) -> None:
    """One partial plan for ``careplan new`` per plan type of the schema, and a review file."""
    found = blocks(DOC.read_text(encoding="utf-8"))
    run_blocks(git_repo, found)
    documented = set()
    for kind, body in found:
        name = file_name(body) if kind == "yaml" else None
        if name and name.startswith("intake-"):
            data = read_plan_file(git_repo / name).data
            assert isinstance(data, dict)
            documented.add(data["type"])
    assert documented == set(choices("type"))
    assert any("review" in argv[:1] and "--from-file" in argv
               for kind, body in found if kind == "console"
               for argv, _ in commands(body))  # fmt: skip


def test_an_option_wins_over_the_file_as_the_docs_say(git_repo: Path) -> None:
    run_blocks(git_repo, blocks(DOC.read_text(encoding="utf-8")))
    plan = read_plan_file(git_repo / "plans" / "CP-000002.yaml").data
    assert isinstance(plan, dict)
    assert plan["service_user"]["name"] == "Edna May Example"


def test_the_readme_review_with_options_runs_as_written(git_repo: Path) -> None:
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, git_repo / "plans")
    git(git_repo, "add", "plans")
    git(git_repo, "commit", "-q", "-m", "Add plans")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in blocks(readme) if b[0] == "console" and "--outcome" in b[1]]
    assert run_blocks(git_repo, [block]) == 1
    assert run(git_repo, "validate", "--today", TODAY, "plans/CP-000102.yaml")[0] == 0


def test_the_readme_links_the_doc() -> None:
    assert "(docs/from-file.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
