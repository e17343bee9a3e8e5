"""``careplan edit``: the editor on a copy, validation, and the copy kept when refused."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.plan_repo import head, last_commit, make_plan_repo, run
from tests.conftest import TODAY, invoke

PLAN = Path("plans/CP-000102.yaml")
LOWER_R2 = "sed -i -e 's/^    level: medium$/    level: low/'"  # R2 and R3 are both medium
BREAK_TYPE = "sed -i -e 's/^type: cpa/type: cpx/'"


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(git_repo)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    return make_plan_repo(git_repo)


def test_a_valid_edit_is_committed_alone_with_what_changed(repo: Path) -> None:
    code, out, err = run(repo, "edit", "CP-000102", "--today", TODAY, env={"EDITOR": LOWER_R2})
    assert (code, err) == (0, "")
    message = "Edit CP-000102: risk R2: level changed; risk R3: level changed"
    assert out == f"Saved plans/CP-000102.yaml; committed {head(repo)[:8]}: {message}.\n"
    assert last_commit(repo) == (message, ["plans/CP-000102.yaml"])
    assert not list((repo / ".git" / "careplan").glob("*.edit.yaml"))


def test_visual_comes_before_editor_and_an_empty_one_counts_as_unset(repo: Path) -> None:
    env = {"VISUAL": "", "EDITOR": LOWER_R2}
    assert run(repo, "edit", "CP-000102", "--today", TODAY, env=env)[0] == 0
    env = {"VISUAL": BREAK_TYPE, "EDITOR": LOWER_R2}
    code, _, err = run(repo, "edit", "CP-000102", "--today", TODAY, env=env)
    assert code == 1 and "CP020 type: must be one of" in err


def test_the_editor_runs_through_the_shell_with_the_path_appended(repo: Path) -> None:
    env = {"EDITOR": 'f() { cp "$1" "$PWD/seen.yaml"; }; f'}
    code, out, _ = run(repo, "edit", "CP-000102", env=env)
    assert (code, out) == (0, "No changes: the plan is as it was.\n")
    assert (repo / "seen.yaml").read_text() == (repo / PLAN).read_text()


def test_saving_unchanged_does_nothing(repo: Path) -> None:
    commit = head(repo)
    code, out, err = run(repo, "edit", "CP-000102", env={"EDITOR": "true"})
    assert (code, out, err) == (0, "No changes: the plan is as it was.\n", "")
    assert head(repo) == commit


def test_an_invalid_edit_without_a_terminal_keeps_the_copy(repo: Path) -> None:
    before, commit = (repo / PLAN).read_bytes(), head(repo)
    code, out, err = run(repo, "edit", "CP-000102", env={"EDITOR": BREAK_TYPE})
    assert (code, out) == (1, "")
    copy = repo / ".git" / "careplan" / "CP-000102.edit.yaml"
    assert err.endswith(
        "the plan is unchanged; your edited copy is kept at .git/careplan/CP-000102.edit.yaml\n"
    )
    assert "CP020 type: must be one of: cpa, social-care, substance-misuse" in err
    assert (repo / PLAN).read_bytes() == before and head(repo) == commit
    assert "type: cpx" in copy.read_text()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_an_editor_that_fails_changes_nothing(repo: Path) -> None:
    code, _, err = run(repo, "edit", "CP-000102", env={"EDITOR": "false"})
    assert code == 1 and "the editor exited with status 1; the plan is unchanged" in err


def test_no_editor_without_a_terminal_is_a_usage_error(repo: Path) -> None:
    code, _, err = run(repo, "edit", "CP-000102")
    assert code == 2 and "set VISUAL or EDITOR" in err


def test_on_a_terminal_an_invalid_edit_reopens_with_its_findings(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # First run breaks the type; the second sees the findings at the top and mends it.
    script = repo.parent / "editor.sh"
    script.write_text(
        "#!/bin/sh\n"
        'if [ -f "$0.once" ]; then\n'
        '  grep "^# careplan: .*CP020 type" "$1" > "$0.notes"\n'
        "  sed -i -e 's/^type: cpx/type: cpa/' -e 's/^    level: medium$/    level: low/' \"$1\"\n"
        "else\n"
        '  touch "$0.once"; sed -i -e \'s/^type: cpa/type: cpx/\' "$1"\n'
        "fi\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    code, _out, err = invoke(runner, "edit", "CP-000102", "--input", "--today", TODAY)
    assert code == 0, err
    assert "reopening the editor" in err
    assert Path(f"{script}.notes").read_text().startswith("# careplan: ")
    assert "# careplan:" not in (repo / PLAN).read_text()
    assert last_commit(repo)[0] == "Edit CP-000102: risk R2: level changed; risk R3: level changed"


def test_on_a_terminal_saving_the_invalid_copy_unchanged_gives_up(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = repo.parent / "editor.sh"
    script.write_text(
        '#!/bin/sh\n[ -f "$0.once" ] && exit 0\ntouch "$0.once"\n'
        "sed -i -e 's/^type: cpa/type: cpx/' \"$1\"\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    commit = head(repo)
    code, _, err = invoke(runner, "edit", "CP-000102", "--input")
    assert code == 1 and "your edited copy is kept at" in err
    assert head(repo) == commit


def test_a_plan_with_uncommitted_changes_is_refused(repo: Path) -> None:
    with (repo / PLAN).open("a") as handle:
        handle.write("# note\n")
    code, _, err = run(repo, "edit", "CP-000102", env={"EDITOR": LOWER_R2})
    assert code == 1 and "has uncommitted changes" in err
