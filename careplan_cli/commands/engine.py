"""Checking many plans fast: a content-addressed cache, and both cores for large sets.

Every read command goes through :func:`check_many`. Each file's result -- its findings and
the few fields ``due`` and ``list`` show -- is cached under a hash of its bytes and name and
of everything that decides its findings except today's date (tool version, schema, policy,
rule switches). A result that depends on today (a date after today, rule CP106) is never
cached. The cache is one JSON file, replaced atomically, so concurrent runs cannot corrupt
it; an unreadable cache is ignored.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from careplan_cli import __version__
from careplan_cli.adapters.config import effective_values, find_project_root
from careplan_cli.plan.dates import as_date
from careplan_cli.plan.due import PlanSummary, summarise_plan
from careplan_cli.plan.findings import Finding, Severity
from careplan_cli.plan.schema import schema_path
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.validate import check_file

PARALLEL_MIN = 200  # below this, starting a second process costs more than it saves
CHUNK = 100
CACHE_DIR = ".careplan-cache"
CACHE_FILE = "results-v1.json"
CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class Checked:
    """One file's findings, and (when it loaded and matched the schema) its summary."""

    file: str
    findings: tuple[Finding, ...]
    summary: PlanSummary | None
    latest_date: str | None = None  # latest date in the plan that rule CP106 compares

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


def _latest_date(plan: dict[str, Any]) -> str | None:
    reviews = plan.get("reviews") if isinstance(plan.get("reviews"), list) else []
    dates = [as_date(plan.get("created"))] + [
        as_date(r.get("date")) for r in reviews or [] if isinstance(r, dict)
    ]
    known = [d for d in dates if d is not None]
    return max(known).isoformat() if known else None


def check_one(path: Path, settings: Settings) -> Checked:
    result = check_file(path, settings)
    summary = latest = None
    if result.data is not None:
        latest = _latest_date(result.data)
        if not any(f.code == "CP020" for f in result.findings):
            summary = summarise_plan(result.file, result.data)
    return Checked(result.file, result.findings, summary, latest)


def _check_chunk(paths: Sequence[Path], settings: Settings) -> list[Checked]:
    # The data built while parsing holds no reference cycles (self-referring aliases are
    # refused), so the cycle collector only costs time here.
    gc.disable()
    try:
        return [check_one(path, settings) for path in paths]
    finally:
        gc.enable()


def _parallel(files: list[Path], settings: Settings) -> Iterator[Checked]:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    context = get_context("fork") if "fork" in _start_methods() else None
    workers = min(os.cpu_count() or 1, len(chunks))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for results in pool.map(_check_chunk, chunks, [settings] * len(chunks)):
            yield from results


def _start_methods() -> list[str]:
    from multiprocessing import get_all_start_methods

    return get_all_start_methods()


def check_many(
    files: Sequence[Path],
    settings: Settings,
    *,
    use_cache: bool = True,
    on_result: Callable[[Checked], None] | None = None,
) -> list[Checked]:
    """Check ``files`` (in order), from the cache where possible, in parallel when many."""
    cache = ResultCache.open(settings) if use_cache else None
    results: dict[int, Checked] = {}
    todo: list[tuple[int, Path]] = []
    for index, path in enumerate(files):
        hit = cache.get(path, settings.today) if cache else None
        if hit is not None:
            results[index] = hit
            if on_result:
                on_result(hit)
        else:
            todo.append((index, path))
    paths = [path for _, path in todo]
    fresh: Iterator[Checked]
    if len(paths) >= PARALLEL_MIN and (os.cpu_count() or 1) > 1:
        fresh = _parallel(paths, settings)
    else:
        fresh = (check_one(path, settings) for path in paths)
    for (index, path), checked in zip(todo, fresh, strict=True):
        results[index] = checked
        if cache:
            cache.put(path, checked, settings.today)
        if on_result:
            on_result(checked)
    if cache:
        cache.save()
    return [results[i] for i in range(len(files))]


# -- the cache --------------------------------------------------------------------------------


def _fingerprint(settings: Settings) -> str:
    """Everything but today's date that decides a file's findings."""
    values = effective_values(settings)
    values.pop("plan_dir", None), values.pop("id_prefix", None), values.pop("id_digits", None)
    values.pop("due_within", None)
    material = json.dumps([__version__, values], sort_keys=True).encode()
    digest = hashlib.blake2b(material, digest_size=16)
    digest.update(schema_path().read_bytes())
    return digest.hexdigest()


def cache_location(start: Path) -> Path:
    root = find_project_root(start)
    if root is not None:
        return root / CACHE_DIR / CACHE_FILE
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "careplan" / CACHE_FILE


class ResultCache:
    def __init__(self, path: Path, salt: str, entries: dict[str, Any]) -> None:
        self.path, self.salt, self.entries = path, salt, entries
        self.changed = False

    @classmethod
    def open(cls, settings: Settings) -> ResultCache | None:
        if os.environ.get("CAREPLAN_NO_CACHE"):
            return None
        path = cache_location(Path.cwd())
        salt = _fingerprint(settings)
        entries: dict[str, Any] = {}
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(stored, dict) and stored.get("salt") == salt:
                entries = stored.get("entries") or {}
        except (OSError, ValueError):
            pass  # no cache yet, or an unreadable one: start afresh
        return cls(path, salt, entries if isinstance(entries, dict) else {})

    @staticmethod
    def key(path: Path) -> str | None:
        try:
            content = path.read_bytes()
        except OSError:
            return None
        digest = hashlib.blake2b(content, digest_size=20)
        digest.update(b"\0" + path.name.encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def get(self, path: Path, today: date) -> Checked | None:
        key = self.key(path)
        entry = self.entries.get(key) if key else None
        if not isinstance(entry, dict):
            return None
        try:
            latest = entry["latest"]
            if latest is not None and latest > today.isoformat():
                return None  # rule CP106 may find something today: check afresh
            findings = tuple(
                Finding(c, Severity(s), m, p, line, col, path.as_posix())
                for c, s, m, p, line, col in entry["findings"]
            )
            summary = _summary(entry["summary"], path)
        except (KeyError, TypeError, ValueError):
            return None  # a damaged entry is a miss
        return Checked(path.as_posix(), findings, summary, latest)

    def put(self, path: Path, checked: Checked, today: date) -> None:
        if checked.latest_date is not None and checked.latest_date > today.isoformat():
            return  # its findings depend on today
        key = self.key(path)
        if key is None:
            return
        summary = asdict(checked.summary) if checked.summary else None
        if summary:
            for field in ("next_review", "last_review"):
                summary[field] = summary[field].isoformat() if summary[field] else None
            del summary["file"]
        self.entries[key] = {
            "findings": [
                [f.code, f.severity.value, f.message, f.path, f.line, f.column]
                for f in checked.findings
            ],
            "summary": summary,
            "latest": checked.latest_date,
        }
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        if len(self.entries) > CACHE_LIMIT:
            self.entries = dict(list(self.entries.items())[-CACHE_LIMIT:])
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            import tempfile

            handle, name = tempfile.mkstemp(dir=self.path.parent, prefix=".results-")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"salt": self.salt, "entries": self.entries}, stream)
            Path(name).replace(self.path)
        except OSError:
            pass  # a cache that cannot be written only costs time next run


def _summary(stored: Any, path: Path) -> PlanSummary | None:
    if stored is None:
        return None
    values = dict(stored)
    for field in ("next_review", "last_review"):
        values[field] = date.fromisoformat(values[field]) if values[field] else None
    return PlanSummary(file=path.as_posix(), **values)
