"""Explaining plans that fail the schema does not import jsonschema (a tenth of a second in
every process that explains one): jsonschema-rs's errors are read instead."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT, TODAY


def test_validate_explains_failing_plans_without_jsonschema() -> None:
    command = ["validate", "--today", TODAY, "tests/data/invalid", "tests/data/v1"]
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careplan_cli", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr[-2000:]
    assert len(re.findall(r" CP020 ", run.stdout)) >= 10  # plans that fail the schema, explained
    loaded = set(re.findall(r"^import time:.*\|\s+(\S+)$", run.stderr, re.MULTILINE))
    assert "jsonschema_rs" in loaded
    assert not {name for name in loaded if name.split(".")[0] == "jsonschema"}
