"""Golden copies: render's HTML and Markdown of every example (add an example, get a test)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, golden, invoke

FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_render_golden(runner: CliRunner, path: Path, fmt: str) -> None:
    code, out, err = invoke(runner, "render", str(path), "--format", fmt)
    assert (code, err) == (0, "")
    golden(f"render/{path.stem}.{fmt}", out)
