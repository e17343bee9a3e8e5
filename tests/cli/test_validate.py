"""``careplan validate`` and friends through the CLI: exit codes, formats, no leaked values."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli import __version__
from careplan_cli.cli import app
from tests.conftest import DATA, EXAMPLES, ROOT, TODAY, golden, invoke

ANSI = re.compile(r"\x1b\[")


def test_version_and_help(runner: CliRunner) -> None:
    assert invoke(runner, "--version") == (0, f"careplan {__version__}\n", "")
    code, out, _ = invoke(runner, "--help")
    assert code == 0 and "validate" in out and "Examples:" in out


def test_every_command_has_an_example_in_its_help(runner: CliRunner) -> None:
    import typer.main

    group = typer.main.get_group(app)
    for name in group.commands:
        code, out, _ = invoke(runner, name, "--help")
        assert code == 0
        assert re.search(r"Examples?:\n\s+careplan " + name, out), f"{name} help has no example"


def test_examples_are_valid(runner: CliRunner) -> None:
    assert invoke(runner, "validate", "--today", TODAY, str(EXAMPLES)) == (
        0,
        "12 files checked: all valid.\n",
        "",
    )


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """Two examples broken as the acceptance list says: an unknown status, a wrong check digit."""
    text = (EXAMPLES / "CP-000101.yaml").read_text()
    # One plan with both (issue 13): a schema finding and a rule finding, in one run.
    text = text.replace("\nstatus: active", "\nstatus: finito").replace("0018", "0019")
    (tmp_path / "CP-000101.yaml").write_text(text)
    text = (EXAMPLES / "CP-000102.yaml").read_text()
    (tmp_path / "CP-000102.yaml").write_text(text.replace("999 000 0026", "999 000 0027"))
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_broken_examples_in_every_format(
    runner: CliRunner, broken: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken)
    code, out, err = invoke(runner, "validate", "--today", TODAY, "--format", fmt, ".")
    assert code == 1 and err == ""
    for value in ("finito", "999 000 0027", "0027", "Daniel", "Marcus", "Okafor"):
        assert value not in out
    golden(f"validate-broken.{fmt}", out)


def test_json_findings_carry_line_and_pointer(runner: CliRunner, broken: Path) -> None:
    _, out, _ = invoke(runner, "validate", "--today", TODAY, "-f", "json", str(broken))
    report = json.loads(out)
    assert (report["files"], report["invalid"]) == (2, 2)
    got = {(Path(f["file"]).name, f["line"], f["code"], f["path"]) for f in report["findings"]}
    assert got == {
        ("CP-000101.yaml", 9, "CP020", "/status"),
        ("CP-000101.yaml", 19, "CP401", "/service_user/nhs_number"),
        ("CP-000102.yaml", 24, "CP401", "/service_user/nhs_number"),
    }


def test_each_invalid_case_exits_1(runner: CliRunner) -> None:
    for path in sorted((DATA / "invalid").glob("*.yaml")):
        if "\n# settings: " in path.read_text():
            continue  # needs a careplan.toml; see tests/test_config.py
        code, out, _ = invoke(runner, "validate", "--strict", "--today", TODAY, str(path))
        assert code == 1, path.name
        assert out.startswith(f"{path}:"), path.name


def test_warnings_fail_only_with_strict(runner: CliRunner) -> None:
    case = str(DATA / "invalid" / "cp309-no-review-triggers.yaml")
    code, out, _ = invoke(runner, "validate", "--today", TODAY, case)
    # A v1 case: CP309, and CP021 pointing at careplan migrate.
    assert code == 0 and "CP309 warning: " in out and "0 invalid, 0 errors, 2 warnings." in out
    assert invoke(runner, "validate", "--strict", "--today", TODAY, case)[0] == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["validate", "no-such-dir"], "error: no-such-dir: no such file or directory\n"),
        (
            ["validate", "--today", "22/11/2026", "examples"],
            "error: --today must be a date in the form YYYY-MM-DD\n",
        ),
        (["rules", "CP999"], "error: no rule CP999; 'careplan rules' lists them\n"),
    ],
)
def test_usage_errors_exit_2_without_traceback(
    runner: CliRunner, args: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert invoke(runner, *args) == (2, "", message)


def test_unknown_format_is_a_usage_error(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "validate", "--format", "xml", str(EXAMPLES))
    assert code == 2 and "xml" in err


def test_default_path_is_the_repository_plans_directory(
    runner: CliRunner, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(EXAMPLES / "DA-000301.yaml", git_repo / "plans")
    (git_repo / "plans" / "sub").mkdir()
    monkeypatch.chdir(git_repo / "plans" / "sub")
    assert invoke(runner, "validate", "--today", TODAY) == (0, "1 file checked: all valid.\n", "")


def test_no_plan_directory_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke(runner, "validate")
    assert code == 2 and err.startswith("error: no plan directory at ")


def test_one_broken_file_does_not_hide_the_others(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "CP-000101.yaml", tmp_path)
    (tmp_path / "a-broken.yaml").write_bytes(b"\xff\xfe garbage")
    (tmp_path / "z-broken.yml").write_text("- not a mapping\n")
    code, out, _ = invoke(runner, "validate", "--today", TODAY, str(tmp_path))
    assert code == 1
    assert "a-broken.yaml:1:1: CP003" in out and "z-broken.yml:1:1: CP005" in out
    assert out.endswith("3 files checked: 2 invalid, 2 errors, 0 warnings.\n")


def test_rules_listing_and_explanation(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "rules")
    assert code == 0 and out.startswith("code   severity  name")
    assert "CP401  error     nhs-number" in out
    code, out, _ = invoke(runner, "rules", "cp401")
    assert code == 0 and out.startswith("CP401 nhs-number (error, rules stage)\n")
    rules = json.loads(invoke(runner, "rules", "--format", "json")[1])
    assert {"code", "name", "severity", "stage", "title", "rationale"} == set(rules[0])


def test_schema_command_prints_the_schema(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "schema")
    assert code == 0 and json.loads(out)["$id"].endswith("careplan.schema.json")


def test_real_subprocess_no_tty_no_ansi(tmp_path: Path, broken: Path) -> None:
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    ok = subprocess.run(
        [sys.executable, "-m", "careplan_cli", "validate", "--today", TODAY, str(EXAMPLES)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "12 files checked: all valid.\n", "")
    bad = subprocess.run(
        [sys.executable, "-m", "careplan_cli", "validate", "--today", TODAY, str(broken)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert bad.returncode == 1 and not ANSI.search(bad.stdout + bad.stderr)
    assert "Traceback" not in bad.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--help"],
        ["due", "--help"],
        ["rules", "CP401"],
        ["list", "--format", "xml", "examples"],
    ],
)
def test_the_installed_entry_point_behaves_like_the_app(runner: CliRunner, args: list[str]) -> None:
    """main() builds only the invoked command; what users see must not change."""
    in_process = runner.invoke(app, args, prog_name="careplan", env={"COLUMNS": "80"})
    env = {**os.environ, "COLUMNS": "80", "TERM": "dumb"}
    real = subprocess.run(
        [sys.executable, "-m", "careplan_cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert real.returncode == in_process.exit_code

    def words(text: str) -> str:  # the two wrap help at slightly different widths
        return "".join(text.split())

    assert words(real.stdout) == words(in_process.stdout)
    assert words(real.stderr) == words(in_process.stderr)
