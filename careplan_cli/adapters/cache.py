"""The result cache: one sqlite table in the user's cache directory, every entry authenticated.

An entry is one file's :class:`FileResult` (findings and summary, never the plan's data),
found by a key that hashes the value format, the tool version, the schema, the settings in
force, the file's name and its bytes -- and today's date when an enabled rule declares
``uses_today`` -- under a per-user secret. Each entry carries an HMAC of its key and value
under that secret: an entry that does not verify (copied from another machine, crafted,
damaged) is ignored, never believed. A lookup reads only the rows it asks for; growth is
bounded by keeping a few versions of each plan and pruning the entries of plans that are
gone, then the oldest.

Where it lives: ``$XDG_CACHE_HOME/careplan`` (default ``~/.cache/careplan``), never inside a
repository; the secret in ``$XDG_DATA_HOME/careplan/cache.key`` (default
``~/.local/share/careplan``), outside the cache directory. Directories are made 0700 and files
0600; a directory or file that is a symbolic link, or is not the user's own, switches the
cache off for the run. Any failure of the cache costs time, never a wrong answer or a traceback.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import os
import random
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careplan_cli import __version__
from careplan_cli.adapters.cachevalues import decode, encode
from careplan_cli.adapters.config import effective_values
from careplan_cli.adapters.userdirs import data_dir, private_dir, read_regular, secret_key, xdg
from careplan_cli.plan.findings import FileResult
from careplan_cli.plan.rules import all_rules
from careplan_cli.plan.schema import schema_path
from careplan_cli.plan.settings import Settings

if TYPE_CHECKING:
    import sqlite3

LAYOUT = 2  # the table's layout; a file with another user_version is left alone
DB_NAME = f"results-v{LAYOUT}.sqlite3"
# What a stored value holds (see cachevalues.encode); part of every key, so that entries
# written in an older form are never looked up (and, were one found, decode takes it for a miss).
# 2: each finding carries its place in words.
FORMAT = 2
KEY_NAME = "cache.key"  # in $XDG_DATA_HOME/careplan, outside the cache directory
KEEP_PER_FILE = 4  # versions of one plan kept (other settings, other days, recent edits)
MAX_ENTRIES = 200_000  # beyond this, entries of vanished plans go, then the oldest
PRUNE_TO = 0.9  # ... down to this share of MAX_ENTRIES
COUNT_EVERY = 1000  # entries written, on average, between two checks of the bound
KEYS_IN_PARALLEL = 2000  # files: below this, a helper costs more than it saves in hashing
KEY_CHUNK = 250  # files a process reads and hashes at a time
BATCH = 500  # keys per SELECT (sqlite's parameter limit is 999 on old builds)


def context_of(settings: Settings) -> bytes:
    """Everything besides the file that decides its result. The date is part of it only when
    an enabled rule declares that its verdict depends on it (``uses_today``)."""
    dated = sorted(r.code for r in all_rules() if r.uses_today and r.code not in settings.disabled)
    values = effective_values(settings)
    values.pop("plan_dir", None)  # where plans are does not change what they say
    today = settings.today.isoformat() if dated else None
    material = json.dumps([LAYOUT, FORMAT, __version__, values, dated, today], sort_keys=True)
    digest = hashlib.blake2b(material.encode(), digest_size=16)
    digest.update(schema_path().read_bytes())
    return digest.digest()


def cache_dir() -> Path:
    return xdg("XDG_CACHE_HOME", ".cache") / "careplan"


def key_file() -> Path:
    return data_dir() / KEY_NAME


class ResultCache:
    """Open with :meth:`open`; ``get_many`` then ``put_many`` then ``close``."""

    def __init__(self, db: sqlite3.Connection, secret: bytes, context: bytes, root: Path | None):
        self.db, self.secret, self.context = db, secret, context
        self.root = root.resolve() if root else None
        self.keys: dict[Path, tuple[bytes, str]] = {}  # path -> (key, where the plan is)
        # a plan's directory as given -> (where it really is, whether inside the repository)
        self._folders: dict[Path, tuple[str, bool]] = {}

    @classmethod
    def open(cls, settings: Settings, directory: Path | None = None) -> ResultCache | None:
        """The cache, or None when it cannot be trusted or used.

        ``CAREPLAN_NO_CACHE`` is honoured by its one caller, the engine, before this module
        is even imported.
        """
        import sqlite3

        where = directory or cache_dir()
        secret = secret_key(KEY_NAME)
        if secret is None or not private_dir(where):
            return None
        path = where / DB_NAME
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
            os.close(fd)
            db = sqlite3.connect(path, timeout=5.0, isolation_level=None)
        except (OSError, sqlite3.Error):
            return None
        try:
            if not _prepare(db):
                db.close()
                return None
        except sqlite3.Error:
            db.close()
            return None
        return cls(db, secret, context_of(settings), settings.root)

    def _key(self, path: Path) -> tuple[bytes, str] | None:
        folder = self._folders.get(path.parent)
        if folder is None:  # resolved once for each directory, not for each of its plans
            parent = path.parent.resolve()
            inside = self.root is None or parent.is_relative_to(self.root)
            folder = self._folders[path.parent] = (os.fsdecode(parent), inside)
        where, inside = folder
        raw = read_regular(path) if inside else None
        if raw is None:
            return None
        name = path.name.encode("utf-8", "surrogateescape")
        digest = hashlib.blake2b(self.context, key=self.secret, digest_size=24)
        digest.update(len(name).to_bytes(4, "big") + name)
        digest.update(raw)
        return digest.digest(), f"{where}{os.sep}{path.name}"

    def _keys_of(self, paths: Sequence[Path]) -> Iterator[tuple[bytes, str] | None]:
        """Each file's key (reading and hashing them: a helper process shares a large set)."""
        from careplan_cli.adapters import forked

        if len(paths) < KEYS_IN_PARALLEL or forked.cores() < 2 or not forked.can_fork():
            return map(self._key, paths)
        batches = forked.ordered_map(
            lambda chunk: [self._key(path) for path in chunk],
            forked.chunked(paths, KEY_CHUNK),
            forked.cores() - 1,
        )
        return itertools.chain.from_iterable(batches)

    def _mac(self, key: bytes, value: bytes) -> bytes:
        return hmac.digest(self.secret, key + value, "sha256")

    def get_many(self, paths: Sequence[Path], *, summaries: bool = True) -> dict[Path, FileResult]:
        """The results the cache holds for ``paths`` (only verified entries of these files);
        ``summaries=False`` leaves out what due and list show."""
        import sqlite3

        for path, found in zip(paths, self._keys_of(paths), strict=True):
            if found is not None:
                self.keys[path] = found
        wanted = {key: path for path, (key, _) in self.keys.items()}
        rows: list[Any] = []
        keys = list(wanted)
        try:
            for start in range(0, len(keys), BATCH):
                chunk = keys[start : start + BATCH]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, value, mac FROM results WHERE key IN ({marks})"
                rows.extend(self.db.execute(query, chunk).fetchall())
        except sqlite3.Error:
            return {}
        hits: dict[Path, FileResult] = {}
        for key, value, mac in rows:
            if not (isinstance(value, bytes) and isinstance(mac, bytes) and key in wanted):
                continue
            if not hmac.compare_digest(mac, self._mac(key, value)):
                continue  # not written by this user's careplan: never believed
            path = wanted[key]
            result = decode(value, path.as_posix(), summaries)
            if result is not None:
                hits[path] = result
        return hits

    def put_many(self, results: Iterable[tuple[Path, FileResult]]) -> None:
        """Store fresh results; keep a few versions of each plan; prune beyond the bound."""
        import sqlite3

        rows = []
        now = time.time_ns()
        for path, result in results:
            found = self.keys.get(path)
            if found is not None:
                value = encode(result)
                rows.append((found[0], found[1], value, self._mac(found[0], value), now))
        if not rows:
            return
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?,?,?)", rows)
                self.db.executemany(
                    "DELETE FROM results WHERE file = ? AND key NOT IN (SELECT key FROM results"
                    " WHERE file = ? ORDER BY stored DESC LIMIT ?)",
                    [(row[1], row[1], KEEP_PER_FILE) for row in rows],
                )
            # Counting is a scan: done about once per COUNT_EVERY entries written, not every run.
            if random.random() * COUNT_EVERY < len(rows):
                count = self.db.execute("SELECT count(*) FROM results").fetchone()[0]
                if count > MAX_ENTRIES:
                    self.prune()
        except sqlite3.Error:
            pass  # busy beyond the timeout, or a damaged file: this run's results are lost

    def prune(self) -> None:
        """Entries of plans that no longer exist, then the oldest, down to the bound."""
        files = [row[0] for row in self.db.execute("SELECT DISTINCT file FROM results")]
        gone = [(name,) for name in files if not Path(name).exists()]
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("DELETE FROM results WHERE file = ?", gone)
            keep = int(MAX_ENTRIES * PRUNE_TO)
            self.db.execute(
                "DELETE FROM results WHERE key IN (SELECT key FROM results ORDER BY stored DESC"
                " LIMIT -1 OFFSET ?)",
                (keep,),
            )

    def close(self) -> None:
        self.db.close()


def _prepare(db: sqlite3.Connection) -> bool:
    """Use the file when it is ours (or new); False for a foreign or damaged one."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version not in (0, LAYOUT):
        return False
    db.execute("PRAGMA busy_timeout = 5000")
    db.execute("PRAGMA synchronous = NORMAL")  # with WAL: never corrupt, one fsync per checkpoint
    if version == 0:
        db.execute("PRAGMA journal_mode = WAL")
        with db:
            db.execute("BEGIN IMMEDIATE")
            if db.execute("PRAGMA user_version").fetchone()[0] == 0:
                tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if tables:
                    return False  # someone else's database
                db.execute(
                    "CREATE TABLE results (key BLOB PRIMARY KEY, file TEXT NOT NULL,"
                    " value BLOB NOT NULL, mac BLOB NOT NULL, stored INTEGER NOT NULL)"
                    " WITHOUT ROWID"
                )
                db.execute("CREATE INDEX results_file ON results (file, stored)")
                db.execute("CREATE INDEX results_stored ON results (stored)")
                db.execute(f"PRAGMA user_version = {LAYOUT}")
    return True
