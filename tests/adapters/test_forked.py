"""Work shared with forked helpers: every chunk's result once, in order, whatever a helper does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Generator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careplan_cli.adapters import forked
from careplan_cli.adapters.forked import ordered_map

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="needs os.fork")


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _squares(chunk: list[int]) -> list[int]:
    return [n * n for n in chunk]


def _chunks(count: int, size: int = 3) -> list[list[int]]:
    return [list(range(i * size, i * size + size)) for i in range(count)]


@settings(max_examples=25, deadline=None)
@given(count=st.integers(0, 60), helpers=st.integers(0, 3))
def test_every_chunk_once_in_order(count: int, helpers: int) -> None:
    chunks = _chunks(count)
    assert list(ordered_map(_squares, chunks, helpers)) == [_squares(c) for c in chunks]
    assert _no_children_left()


def test_helpers_do_share_the_work() -> None:
    def slow_pid(_chunk: list[int]) -> int:
        time.sleep(0.002)  # long enough for the helper to start before the queue is empty
        return os.getpid()

    workers = set(ordered_map(slow_pid, [[i] for i in range(200)], 1))
    assert os.getpid() in workers and len(workers) == 2


def test_results_larger_than_a_pipe_holds_come_through() -> None:
    big = [[i] * 300_000 for i in range(6)]  # a few MB each, pickled
    assert list(ordered_map(list, big, 2)) == big


def test_a_helper_that_dies_leaves_its_chunks_to_this_process() -> None:
    parent = os.getpid()

    def dies_in_a_helper(chunk: list[int]) -> list[int]:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return _squares(chunk)

    chunks = _chunks(50)
    assert list(ordered_map(dies_in_a_helper, chunks, 2)) == [_squares(c) for c in chunks]
    assert _no_children_left()


def test_an_error_in_a_helper_is_raised_here_as_in_a_serial_run() -> None:
    def fails_on_seven(chunk: list[int]) -> list[int]:
        if 7 in chunk:
            raise ZeroDivisionError("chunk with 7")
        return chunk

    with pytest.raises(ZeroDivisionError, match="chunk with 7"):
        list(ordered_map(fails_on_seven, _chunks(40), 1))
    assert _no_children_left()


def test_stopping_early_stops_and_reaps_the_helpers() -> None:
    results: Generator[list[int], None, None] = ordered_map(_squares, _chunks(500, size=1), 2)
    assert next(results) == [0]
    results.close()  # (a closed output pipe, or an interrupt, ends the loop like this)
    assert _no_children_left()


def test_an_interrupt_here_stops_the_helpers() -> None:
    parent = os.getpid()

    def interrupted(chunk: list[int]) -> list[int]:
        time.sleep(0.001)
        if os.getpid() == parent and chunk[0] > 0:  # its first chunk after the fork
            os.kill(parent, signal.SIGINT)
        return chunk

    with pytest.raises(KeyboardInterrupt):
        list(ordered_map(interrupted, _chunks(200, size=1), 1))
    assert _no_children_left()


def test_too_many_chunks_is_refused() -> None:
    with pytest.raises(ValueError, match="at most"):
        list(ordered_map(_squares, _chunks(forked.MAX_CHUNKS + 1, size=1), 1))


def test_helpers_never_write_what_this_process_had_buffered(tmp_path: object) -> None:
    """Buffered output is copied by fork; a helper must leave without flushing it."""
    script = textwrap.dedent(
        """
        import sys
        from careplan_cli.adapters.forked import ordered_map
        sys.stdout.write("before\\n")  # still in the buffer: stdout is a pipe
        for batch in ordered_map(lambda c: c, [[i] for i in range(50)], 2):
            sys.stdout.write(f"{batch[0]}\\n")
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert run.stdout.splitlines() == ["before", *map(str, range(50))]
    assert run.stderr == ""


@pytest.mark.parametrize("failing", ["fork", "pipe", "second pipe"])
def test_without_processes_or_descriptors_this_process_works_alone(
    failing: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A system at its process or file limit (EAGAIN, EMFILE) gives fewer helpers, not an error."""
    pipes = 0
    real_pipe = os.pipe

    def pipe() -> tuple[int, int]:
        nonlocal pipes
        pipes += 1
        if failing == "pipe" or (failing == "second pipe" and pipes == 2):
            raise OSError(24, "Too many open files")
        return real_pipe()

    def fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "pipe", pipe)
    if failing == "fork":
        monkeypatch.setattr(os, "fork", fork)
    chunks = _chunks(30)
    assert list(ordered_map(_squares, chunks, 2)) == [_squares(c) for c in chunks]
    assert signal.pthread_sigmask(signal.SIG_BLOCK, set()) == set()  # nothing left blocked
    assert _no_children_left()
