"""Output libraries cost start-up time: only the commands that need them import them."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, TODAY

HEAVY = {"jinja2", "markupsafe", "icalendar", "tomlkit"}


def _modules(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """Every module a careplan run imports."""
    return _run(*args, env=env)[0]


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """Every module a careplan run imports, and what it printed."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careplan_cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    modules = set(re.findall(r"^import time:.*\|\s+(\S+)$", result.stderr, re.MULTILINE))
    return modules, result.stdout


def _imported(*args: str) -> set[str]:
    return {name.split(".")[0] for name in _modules(*args)} & HEAVY


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--version"], set()),
        (["validate", "--today", TODAY, "examples"], set()),
        (["due", "--today", TODAY, "examples"], set()),
        (["list", "examples"], set()),
        (["render", "examples/CP-000101.yaml", "--format", "md"], set()),
        (["render", "examples/CP-000101.yaml"], {"jinja2", "markupsafe"}),
        (["due", "--today", TODAY, "-f", "ics", "examples"], {"icalendar"}),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_heavy_output_libraries_load_only_when_needed(args: list[str], expected: set[str]) -> None:
    assert _imported(*args) == expected


def test_version_is_answered_before_the_command_line_loads() -> None:
    loaded = _modules("--version")
    assert "careplan_cli.launch" in loaded
    assert not {"typer", "click", "careplan_cli.cli", "yaml", "jsonschema_rs"} & loaded


def test_a_run_on_a_handful_of_files_does_not_load_the_cache() -> None:
    few = _modules("validate", "--today", TODAY, "examples/CP-000101.yaml")
    assert "careplan_cli.commands.engine" in few
    assert not {"careplan_cli.adapters.cache", "sqlite3", "hmac"} & few
    assert "careplan_cli.adapters.cache" not in _modules("validate", "examples")  # switched off
    cache_on = {k: v for k, v in os.environ.items() if k != "CAREPLAN_NO_CACHE"}
    many = _modules("validate", "--today", TODAY, "examples", env=cache_on)  # twelve: worth it
    assert "careplan_cli.adapters.cache" in many


def test_validate_runs_without_loading_typer() -> None:
    # The pre-commit hook's command: typer and click are a third of a one-file check's start-up.
    loaded = _modules("validate", "--today", TODAY, "examples/CP-000101.yaml")
    assert "careplan_cli.cli.quick" in loaded
    assert not {"typer", "click", "careplan_cli.cli.commandline", "yaml", "ruamel"} & loaded
    assert "typer" in _modules("validate", "--help")  # what it does not take, typer does


def test_validate_explains_failing_plans_without_jsonschema() -> None:
    # jsonschema-rs's errors are read instead: jsonschema is a tenth of a second to import and
    # build in every process that explains a plan.
    loaded, out = _run("validate", "--today", TODAY, "tests/data/invalid", "tests/data/v1")
    assert len(re.findall(r" CP020 ", out)) >= 10  # plans that fail the schema, explained
    assert "jsonschema_rs" in loaded
    assert not {name for name in loaded if name.split(".")[0] == "jsonschema"}
