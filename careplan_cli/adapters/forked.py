"""Work shared with forked copies of this process, the process itself working too.

:func:`ordered_map` runs ``work`` over chunks and yields each chunk's result in the chunks'
order, as soon as it and every chunk before it are done. On a machine with two cores that is
one helper and this process, both taking chunks from one queue; a pool of fresh workers
(``concurrent.futures``) would cost its imports, a manager thread and a third busy process,
and each worker would load the parsers and compile the schema again.

How it holds together:

- **The queue** is a pipe written once, before any fork, with every chunk's number in four
  bytes (fewer than ``PIPE_BUF`` bytes in all, so it fits any pipe). Whoever reads four
  bytes owns that chunk: the kernel hands each read its own bytes, so two processes never
  take the same chunk, and a read at the end gives nothing.
- **The first chunk** is worked here before any fork, so the helpers inherit whatever it
  loaded (the parsers, the compiled schema) instead of loading it again each.
- **Results** come back pickled, each helper on its own pipe, framed by chunk number and
  length. They are collected between this process's own chunks, so a helper seldom waits
  for room in its pipe. The pipes are this process's own, made before the fork; nothing
  else can write to them.
- **Nothing depends on a helper.** A helper that dies, is killed or raises leaves its chunks
  undelivered; this process works every undelivered chunk itself at the end, so an error
  is raised here with its own traceback, exactly as in a serial run.
- A helper never returns into the caller's code: it leaves with ``os._exit`` whatever
  happens, without flushing the buffers it inherited (output is not written twice). If the
  caller stops early (an interrupt, a closed output pipe), the helpers are killed and
  reaped.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
from collections.abc import Callable, Generator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_CHUNKS = 1000  # 4,000 bytes of queue: under PIPE_BUF, so one write fills it before any fork
_INDEX = struct.Struct("<I")
_FRAME = struct.Struct("<IQ")  # chunk number, length of the pickled result


def can_fork() -> bool:
    return hasattr(os, "fork")


def cores() -> int:
    """The cores this process may run on (fewer than the machine's under taskset or a cpuset)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not on macOS or Windows)
        return os.cpu_count() or 1


def chunked(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """``items`` in chunks for :func:`ordered_map`: the first of one item (worked before the
    fork, so that the helpers inherit what it loaded), the others of ``size`` or more (as
    many more as keeps them within :data:`MAX_CHUNKS`)."""
    size = max(size, -(-len(items) // (MAX_CHUNKS - 1)))
    return [items[:1], *(items[i : i + size] for i in range(1, len(items), size))]


def ordered_map(
    work: Callable[[T], R], chunks: Sequence[T], helpers: int
) -> Generator[R, None, None]:
    """``work(chunk)`` for each chunk, in order; ``helpers`` forked processes help."""
    if len(chunks) > MAX_CHUNKS:
        raise ValueError(f"at most {MAX_CHUNKS} chunks, not {len(chunks)}")
    if not chunks:
        return
    done: dict[int, R] = {0: work(chunks[0])}
    try:
        queue_in, queue_out = os.pipe()
    except OSError:  # no descriptor left: this process works alone
        yield done.pop(0)
        yield from map(work, chunks[1:])
        return
    _write_all(queue_out, b"".join(_INDEX.pack(i) for i in range(1, len(chunks))))
    os.close(queue_out)
    children: dict[int, int] = {}  # pid -> the read end of its results pipe
    try:
        for _ in range(helpers):
            if not _start(work, chunks, queue_in, children):
                break  # no process or descriptor left: fewer helpers, or none
        buffers = {fd: bytearray() for fd in children.values()}
        shown = 0
        while (index := _take(queue_in)) is not None:
            done[index] = work(chunks[index])
            _collect(buffers, done, len(chunks), wait=False)
            while shown in done:
                yield done.pop(shown)
                shown += 1
        _collect(buffers, done, len(chunks), wait=True)
        for index in range(shown, len(chunks)):
            if index not in done:  # its helper did not deliver it
                done[index] = work(chunks[index])
            yield done.pop(index)
    finally:
        _stop(children)
        os.close(queue_in)


def _start(
    work: Callable[[T], R], chunks: Sequence[T], queue_in: int, children: dict[int, int]
) -> bool:
    """Fork one helper; False if the system has no process or descriptor to give."""
    try:
        results_in, results_out = os.pipe()
    except OSError:
        return False
    # An interrupt between the fork and the helper's own handler would run the caller's code
    # in the helper: signals wait until each side is ready.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _deferred())
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        os.close(results_in)
        os.close(results_out)
        return False
    if pid == 0:  # pragma: no cover - runs in the helper, which never returns
        _helper(work, chunks, queue_in, (results_in, results_out), children, blocked)
    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    os.close(results_out)
    os.set_blocking(results_in, False)
    children[pid] = results_in
    return True


def _helper(
    work: Callable[[T], R],
    chunks: Sequence[T],
    queue_in: int,
    results: tuple[int, int],
    siblings: dict[int, int],
    signals: set[int | signal.Signals],
) -> None:  # pragma: no cover - coverage does not follow a fork
    code = 1
    results_in, results_out = results
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, signals)
        os.close(results_in)
        for fd in siblings.values():
            os.close(fd)
        while (index := _take(queue_in)) is not None:
            result = pickle.dumps(work(chunks[index]), protocol=pickle.HIGHEST_PROTOCOL)
            _write_all(results_out, _FRAME.pack(index, len(result)) + result)
        code = 0
    except BaseException:  # the parent works whatever is undelivered
        pass
    finally:
        os._exit(code)


def _deferred() -> set[signal.Signals]:
    return {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}  # POSIX only, as fork is


def _take(queue_in: int) -> int | None:
    taken = os.read(queue_in, _INDEX.size)
    return _INDEX.unpack(taken)[0] if taken else None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _collect(buffers: dict[int, bytearray], done: dict[int, R], count: int, wait: bool) -> None:
    """Read what the helpers have sent; with ``wait``, until every helper has finished."""
    for fd, buffer in buffers.items():
        if wait:
            os.set_blocking(fd, True)
        while True:
            try:
                data = os.read(fd, 1 << 20)
            except BlockingIOError:
                break
            if not data:
                break
            buffer += data
            _unframe(buffer, done, count)


def _unframe(buffer: bytearray, done: dict[int, R], count: int) -> None:
    while len(buffer) >= _FRAME.size:
        index, length = _FRAME.unpack_from(buffer)
        end = _FRAME.size + length
        if len(buffer) < end:
            return
        if index < count:
            done[index] = pickle.loads(buffer[_FRAME.size : end])  # our own child's
        del buffer[:end]


def _stop(children: dict[int, int]) -> None:
    for pid, fd in children.items():
        os.close(fd)  # a helper still writing gets EPIPE and leaves
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
