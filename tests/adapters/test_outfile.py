"""--out files: mode 0600 whatever the umask, atomic, never written through a symbolic link."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careplan_cli.adapters.outfile import write_private
from careplan_cli.errors import RefusedError
from tests.conftest import EXAMPLES, invoke

PLAN = str(EXAMPLES / "CP-000102.yaml")
COMMANDS = [
    ["render", PLAN],
    ["render", PLAN, "--format", "md"],
    ["export", PLAN, "--ods-code", "RX4"],
]


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_is_0600_under_umask_022(tmp_path: Path, umask_022: None) -> None:
    write_private(tmp_path / "copy.html", "text")
    assert _mode(tmp_path / "copy.html") == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["copy.html"]  # no temporary file left


def test_an_existing_file_is_replaced_and_made_0600(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "copy.html"
    target.write_text("old")
    target.chmod(0o644)
    write_private(target, "new")
    assert target.read_text() == "new" and _mode(target) == 0o600


def test_a_symlink_destination_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "elsewhere.txt"
    victim.write_text("untouched")
    link = tmp_path / "copy.html"
    link.symlink_to(victim)
    with pytest.raises(RefusedError, match="symbolic link"):
        write_private(link, "personal data")
    assert victim.read_text() == "untouched" and link.is_symlink()


def test_a_dangling_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "copy.html"
    link.symlink_to(tmp_path / "not-yet")
    with pytest.raises(RefusedError):
        write_private(link, "personal data")
    assert not (tmp_path / "not-yet").exists()


def test_a_directory_is_not_replaced(tmp_path: Path) -> None:
    with pytest.raises(RefusedError, match="not a regular file"):
        write_private(tmp_path, "x")


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a[::2]))
def test_commands_write_0600_files(
    runner: CliRunner, tmp_path: Path, umask_022: None, args: list[str]
) -> None:
    out = tmp_path / "out"
    code, stdout, err = invoke(runner, *args, "--out", str(out))
    assert (code, stdout, err) == (0, "", "")
    assert _mode(out) == 0o600 and out.stat().st_size > 1000


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a[::2]))
def test_commands_refuse_a_symlink_destination(
    runner: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    victim = tmp_path / "victim"
    victim.write_text("untouched")
    (tmp_path / "out").symlink_to(victim)
    code, stdout, err = invoke(runner, *args, "--out", str(tmp_path / "out"))
    assert code == 1 and stdout == "" and err.startswith("error: ") and "symbolic link" in err
    assert victim.read_text() == "untouched"
