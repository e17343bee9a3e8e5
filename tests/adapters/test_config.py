"""careplan.toml: found by walking up, checked key by key, and in force everywhere."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.adapters.config import load_settings
from careplan_cli.adapters.configkeys import KEYS
from tests.conftest import DATA, EXAMPLES, ROOT, TODAY, NewPlan, git, invoke


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with its plans two levels above the working directory."""
    git(tmp_path, "init", "-q")
    (tmp_path / "caseload").mkdir()
    for name in ("CP-000102.yaml", "DA-000301.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / "caseload")
    (tmp_path / "caseload" / "deep").mkdir()
    monkeypatch.chdir(tmp_path / "caseload" / "deep")
    return tmp_path


def write_config(project: Path, text: str) -> None:
    (project / "careplan.toml").write_text(text)


def test_defaults_without_a_config(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, date(2026, 11, 22))
    assert settings.config_file is None and settings.plan_dir == tmp_path.resolve() / "plans"
    assert set(settings.sources.values()) == {"default"}


def test_config_is_found_by_walking_up_and_sets_the_plan_dir(
    runner: CliRunner, project: Path
) -> None:
    write_config(project, 'plan_dir = "caseload"\ndue_within = "4w"\n')
    assert invoke(runner, "validate", "--today", TODAY) == (0, "2 files checked: all valid.\n", "")
    _, out, _ = invoke(runner, "due", "--today", "2026-11-10", "-f", "json")
    # 4 weeks from 2026-11-10 reaches DA-000301's review on 2026-12-04.
    assert [d["id"] for d in json.loads(out)["due"]] == ["CP-000102", "DA-000301"]


def test_policy_and_rule_switches(runner: CliRunner, project: Path) -> None:
    write_config(
        project,
        """\
plan_dir = "caseload"
[review_policy.max_months]
"cpa/enhanced" = 2
[rules]
disable = ["CP312"]
severity = {CP204 = "warning"}
""",
    )
    code, out, _ = invoke(runner, "validate", "--today", TODAY)
    assert code == 0
    assert (
        "CP204 warning: next review: is later than the review policy allows: at most "
        "2 months after the latest review" in out
    )


def test_required_fields(runner: CliRunner, project: Path) -> None:
    write_config(
        project,
        'plan_dir = "caseload"\n[required]\nfields = ["diversity.language", '
        '"service_user.address"]\n',
    )
    code, out, _ = invoke(runner, "validate", "--today", TODAY)
    assert code == 1
    assert (
        "DA-000301.yaml:" in out
        and "CP501 : the organisation requires 'service_user.address'" not in out
    )
    assert "CP501 service user: the organisation requires 'service_user.address'" in out


def test_the_cp501_case_file_fails_under_its_config(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = DATA / "invalid" / "cp501-organisation-required-field.yaml"
    shutil.copy(case, tmp_path)
    write_config(tmp_path, '[required]\nfields = ["diversity.language"]\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke(runner, "validate", "--today", TODAY, case.name)
    assert code == 1 and f"{case.name}:16:1: CP501 diversity:" in out


@pytest.mark.parametrize(
    "text, message",
    [
        ('plan_dri = "x"\n', "unknown key 'plan_dri'"),
        ("[rules]\ndisabel = []\n", "unknown key 'rules.disabel'"),
        ('id_digits = "6"\n', "'id_digits' must be a whole number"),
        ("id_digits = 40\n", "'id_digits' must be between 1 and 12"),
        ('due_within = "soon"\n', "'due_within' must be a period such as 14d, 2w or 1m"),
        (
            '[rules]\ndisable = ["CP999"]\n',
            "'rules.disable' must be rule codes ('CP999' is not one",
        ),
        ('[rules]\ndisable = ["CP020"]\n', "'rules.disable' must be codes of care-planning rules"),
        (
            '[rules]\nseverity = {CP310 = "fatal"}\n',
            "'rules.severity' must be a table of \"error\"",
        ),
        ('[review_policy.max_months]\n"cpa/weekly" = 1\n', "'review_policy.max_months' must be"),
        ('[review_policy.max_months]\n"cpa/standard" = 0\n', "whole numbers of months"),
        ("plan_dir = [\n", "not valid TOML"),
    ],
)
def test_config_errors_exit_2_naming_the_key(
    runner: CliRunner, project: Path, text: str, message: str
) -> None:
    write_config(project, text)
    code, out, err = invoke(runner, "validate", "--today", TODAY)
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {project.resolve()}/careplan.toml: ") and message in err


def test_config_command_shows_values_and_sources(runner: CliRunner, project: Path) -> None:
    write_config(project, 'id_prefix = "NT-"\n')
    code, out, _ = invoke(runner, "config", "--format", "json")
    shown = json.loads(out)
    assert code == 0 and set(shown) == set(KEYS)
    assert shown["id_prefix"] == {
        "value": "NT-",
        "source": str(project.resolve() / "careplan.toml"),
    }
    assert shown["id_digits"] == {"value": 6, "source": "default"}
    code, out, _ = invoke(runner, "config")
    assert 'id_prefix = "NT-"  # from ' in out and "id_digits = 6  # from default" in out


def test_every_config_key_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for key in KEYS:
        assert f"`{key}`" in readme, key


def test_generated_ids_use_the_configured_prefix(new_plan: NewPlan, project: Path) -> None:
    write_config(project, 'plan_dir = "caseload"\nid_prefix = "NT-"\nid_digits = 4\n')
    code, out, _ = new_plan("--no-commit")
    assert code == 0 and "NT-0001.yaml" in out
    assert (project / "caseload" / "NT-0001.yaml").exists()


# -- a careplan.toml placed by someone else -----------------------------------------------


def test_a_config_above_the_repository_is_not_applied(tmp_path: Path) -> None:
    """careplan.toml in a parent directory could switch rules off for every repository
    below it; the search stops at the repository's root."""
    (tmp_path / "careplan.toml").write_text('plan_dir = "elsewhere"\n[rules]\nCP401 = "off"\n')
    repo = tmp_path / "team"
    (repo / "plans").mkdir(parents=True)
    git(repo, "init", "-q")
    settings = load_settings(repo / "plans", date(2026, 11, 22))
    assert settings.config_file is None
    assert settings.plan_dir == repo.resolve() / "plans"
    assert "CP401" not in settings.disabled


def test_outside_a_repository_only_the_working_directory_config_is_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "careplan.toml").write_text('plan_dir = "elsewhere"\n')
    (tmp_path / "below").mkdir()
    assert load_settings(tmp_path / "below", date(2026, 11, 22)).config_file is None
    assert load_settings(tmp_path, date(2026, 11, 22)).config_file == tmp_path / "careplan.toml"


@pytest.mark.parametrize("plan_dir", ["../outside", "/tmp", "plans/../../x"])
def test_a_plan_dir_outside_the_repository_is_a_configuration_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan_dir: str
) -> None:
    repo = tmp_path / "team"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "careplan.toml").write_text(f'plan_dir = "{plan_dir}"\n')
    monkeypatch.chdir(repo)
    code, out, err = invoke(runner, "validate")
    assert (code, out) == (2, "")
    assert "'plan_dir' must be a directory inside the repository" in err


def test_a_config_that_is_a_fifo_does_not_hang(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    git(tmp_path, "init", "-q")
    os.mkfifo(tmp_path / "careplan.toml")
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke(runner, "config")
    assert code == 2 and "cannot read the configuration (not a regular file" in err
