"""read_source reads a regular file whole (up to its limit), however the kernel hands it over.

A regular file may read short before its end: procfs and sysfs give a page or so a call, as
FUSE and some network file systems can. Taking a short read for the end truncated such a file
silently, and let one past the limit through.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from careplan_cli.plan import codes
from careplan_cli.plan.source import SourceError, read_source


@pytest.fixture
def in_pieces(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Every read hands over at most 100 bytes, as procfs and FUSE may."""
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: real_read(fd, min(n, 100)))
    return monkeypatch


def test_short_reads_before_the_end_are_read_on(tmp_path: Path, in_pieces: object) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"a: 1\n" * 1000)
    assert read_source(plan) == b"a: 1\n" * 1000


def test_short_reads_do_not_hide_a_file_past_the_limit(
    tmp_path: Path, in_pieces: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"x" * 5000)
    in_pieces.setattr(os, "fstat", _sized_zero(os.fstat))  # as procfs reports
    with pytest.raises(SourceError) as raised:
        read_source(plan, limit=4096)
    assert raised.value.code == codes.TOO_LARGE


@pytest.mark.skipif(not os.access("/proc/kallsyms", os.R_OK), reason="Linux procfs only")
def test_a_procfs_file_is_read_to_its_end() -> None:
    # a page a call, and st_size 0: it was read as its first few kilobytes
    with pytest.raises(SourceError) as raised:
        read_source(Path("/proc/kallsyms"))
    assert raised.value.code == codes.TOO_LARGE


def _sized_zero(fstat: Callable[[int], os.stat_result]) -> Callable[[int], os.stat_result]:
    def sized_zero(fd: int) -> os.stat_result:
        info = fstat(fd)
        fields = list(info)
        fields[6] = 0  # st_size
        return os.stat_result(fields)

    return sized_zero
