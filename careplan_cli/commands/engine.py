"""Checking many plans fast: the result cache, and both cores for large sets.

Every read command goes through :func:`check_many`. Each file gives one
:class:`~careplan_cli.plan.findings.FileResult`; results come from the cache
(:mod:`careplan_cli.adapters.cache`) where it holds them, and fresh ones are stored there.
Which results may be reused on another day is decided by the rules' own declarations
(``uses_today``), not here.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from careplan_cli.plan.findings import FileResult
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.validate import check_file

if TYPE_CHECKING:
    from careplan_cli.adapters.cache import ResultCache

CACHE_MIN_FILES = 8  # below this, opening the cache costs more than it can save (not even
# its module is imported then: hashlib and sqlite3 are a tenth of a one-file run's start-up)
PARALLEL_MIN = 200  # below this, starting a second process costs more than it saves
CHUNK = 20  # plans a process takes at a time: about 10 ms of work, so all finish together


def check_one(path: Path, settings: Settings, summary: bool = True) -> FileResult:
    """One file's result, without the plan's data (a batch keeps only what it reports)."""
    checked = check_file(path, settings, summary=summary)
    return FileResult(checked.file, checked.findings, checked.summary)


def _check_chunk(paths: Sequence[Path], settings: Settings, summary: bool) -> list[FileResult]:
    # The data built while parsing holds no reference cycles (self-referring aliases are
    # refused), so the cycle collector only costs time here.
    gc.disable()
    try:
        return [check_one(path, settings, summary) for path in paths]
    finally:
        gc.enable()


def _parallel(files: list[Path], settings: Settings, summary: bool) -> Iterator[FileResult]:
    from careplan_cli.adapters import forked

    chunks = forked.chunked(files, CHUNK)
    batches: Iterator[list[FileResult]]
    if forked.can_fork():
        work = partial(_check_chunk, settings=settings, summary=summary)
        batches = forked.ordered_map(work, chunks, forked.cores() - 1)
    else:
        batches = _pool(chunks, settings, summary, forked.cores())
    for batch in batches:
        yield from batch


def _pool(
    chunks: list[Sequence[Path]], settings: Settings, summary: bool, workers: int
) -> Iterator[list[FileResult]]:
    """Where processes cannot be forked (Windows): a pool of fresh ones."""
    from concurrent.futures import ProcessPoolExecutor

    n = len(chunks)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_check_chunk, chunks, [settings] * n, [summary] * n)


def _several_cores() -> bool:
    from careplan_cli.adapters.forked import cores

    return cores() > 1


def check_many(
    files: Sequence[Path],
    settings: Settings,
    *,
    use_cache: bool = True,
    on_result: Callable[[FileResult], None] | None = None,
    summaries: bool = True,
) -> list[FileResult]:
    """Check ``files`` (in order), from the cache where possible, in parallel when many.

    ``summaries=False``: the caller does not need what due and list show (the cache, when it
    is used, still stores it for them).
    """
    cache: ResultCache | None = None
    if use_cache and len(files) >= CACHE_MIN_FILES and not os.environ.get("CAREPLAN_NO_CACHE"):
        from careplan_cli.adapters.cache import ResultCache  # (switched off: not even imported)

        cache = ResultCache.open(settings)
    try:
        return _check_many(files, settings, cache, on_result, summaries)
    finally:
        if cache:
            cache.close()


def _check_many(
    files: Sequence[Path],
    settings: Settings,
    cache: ResultCache | None,
    on_result: Callable[[FileResult], None] | None,
    summaries: bool,
) -> list[FileResult]:
    hits = cache.get_many(files, summaries=summaries) if cache else {}
    summary = summaries or cache is not None  # fresh results are stored for due and list too
    results: dict[int, FileResult] = {}
    shown = 0

    def show_ready() -> None:  # in the files' order, whichever came from the cache
        nonlocal shown
        while shown in results:
            if on_result:
                on_result(results[shown])
            shown += 1

    todo: list[tuple[int, Path]] = []
    for index, path in enumerate(files):
        hit = hits.get(path)
        if hit is not None:
            results[index] = hit
        else:
            todo.append((index, path))
    show_ready()
    paths = [path for _, path in todo]
    fresh: Iterator[FileResult]
    if len(paths) >= PARALLEL_MIN and _several_cores():
        fresh = _parallel(paths, settings, summary)
    else:
        fresh = (check_one(path, settings, summary) for path in paths)
    stored: list[tuple[Path, FileResult]] = []
    for (index, path), checked in zip(todo, fresh, strict=True):
        results[index] = checked
        stored.append((path, checked))
        show_ready()
    if cache:
        cache.put_many(stored)
    return [results[i] for i in range(len(files))]
