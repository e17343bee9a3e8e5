"""Output libraries cost start-up time: only the commands that need them import them."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, TODAY

HEAVY = {"jinja2", "markupsafe", "icalendar", "tomlkit"}


def _imported(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careplan_cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    names = re.findall(r"^import time:.*\|\s+(\S+)$", result.stderr, re.MULTILINE)
    return {name.split(".")[0] for name in names} & HEAVY


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
