"""The plan session: the one way every command changes plans.

    with PlanSession(settings, no_commit=False) as session:
        plan = session.open("CP-000102")           # resolve, lock, check clean, read once
        session.stage(plan, change(plan.text))      # validate; refuse an invalid result
        outcome = session.commit("Update CP-000102: ...")   # write atomically, commit alone

Every failure is decided here, once: a plan outside the repository or behind a symbolic link
is refused (exit 1); a plan with uncommitted changes is refused unless ``--no-commit``; a git
with no identity is a usage error before anything is written; a result that fails validation
is never written. Several plans may be opened and staged in one session, and are then written
and committed together (all or nothing: every result is validated before any is written).
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from careplan_cli.adapters import files, gitio
from careplan_cli.commands.locate import find_plan, inside, repository_root
from careplan_cli.errors import RefusedError
from careplan_cli.plan.findings import Finding, Severity
from careplan_cli.plan.readable import readable
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.validate import check_data
from careplan_cli.plan.words import describe_finding
from careplan_cli.plan.yamlload import parse_text, read_plan_file
from careplan_cli.report.escape import shown, shown_lines

# careplans committing in one repository queue for it; a long queue (a bulk run of many
# commands) waits its turn rather than failing after the plan was written.
COMMIT_QUEUE_SECONDS = 300.0


@dataclass(frozen=True)
class OpenPlan:
    """A plan read once, under its lock: what a change function works on."""

    path: Path  # absolute, in the work tree
    display: str  # as the user should see it: relative to the working directory
    plan_id: str  # the file's stem
    text: str
    data: dict[str, Any]
    findings: tuple[Finding, ...]  # the plan's findings before the change


@dataclass(frozen=True)
class Outcome:
    """What a session did: the files written, the commit, and findings left in them."""

    written: tuple[str, ...]
    message: str
    committed: str  # a sentence: "committed 1a2b3c4d: <message>", or why not
    remaining: tuple[Finding, ...] = ()

    @property
    def errors_remain(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.remaining)


@dataclass
class _Staged:
    plan: OpenPlan | None
    path: Path
    text: str
    new: bool = False
    removes: Path | None = None  # a rename: the old path, removed in the same commit
    remaining: tuple[Finding, ...] = field(default=())


class PlanSession:
    def __init__(self, settings: Settings, *, no_commit: bool, cwd: Path | None = None) -> None:
        self.settings = settings
        self.cwd = cwd or Path.cwd()
        self.no_commit = no_commit
        self.repo = gitio.find_repo(self.cwd)
        self.root = repository_root(settings, self.cwd)
        self.scratch = files.scratch_dir(
            gitio.git_dir(self.repo) if self.repo is not None else None
        )
        self._locks = contextlib.ExitStack()
        self._staged: list[_Staged] = []

    def __enter__(self) -> PlanSession:
        try:
            self._locks.enter_context(files.owner_lock(self.scratch))
            files.clear_orphans(self.scratch)
            if self.repo is not None and not self.no_commit:
                gitio.require_identity(self.repo)  # before anything is read or written
        except BaseException:
            self._locks.close()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._locks.close()

    # -- finding and opening plans ------------------------------------------------------------

    def resolve(self, ref: str) -> Path:
        return find_plan(ref, self.settings, self.cwd, self.root)

    def inside(self, path: Path) -> Path:
        return inside(path, self.root, self.cwd)

    def show(self, path: Path) -> str:
        return os.path.relpath(path, self.cwd)

    def lock(self, path: Path) -> None:
        """Hold the plan's lock for the rest of the session (a file under .git/careplan)."""
        rel = path.relative_to(self.root).as_posix()
        import zlib  # not hashlib (OpenSSL's, 4 ms to load): a shared tag only shares a lock

        tag = f"{zlib.crc32(rel.encode('utf-8', 'surrogateescape')):08x}"
        lock = self.scratch / f"{path.name}.{tag}.lock"
        self._locks.enter_context(files.file_lock(lock, self.show(path)))

    def open(self, ref: str, *, must_be_clean: bool = True) -> OpenPlan:
        path = self.resolve(ref)
        self.lock(path)
        if must_be_clean and self._dirty(path):
            raise RefusedError(
                f"{self.show(path)} has uncommitted changes; commit or discard them first, "
                "or use --no-commit to record this change without a commit"
            )
        text, data = readable(read_plan_file(path, self.root), self.show(path))
        stem = path.name.rsplit(".", 1)[0]
        before = check_data(data, text, stem, self.settings)
        return OpenPlan(path, self.show(path), stem, text, data, tuple(before))

    # -- staging changes ----------------------------------------------------------------------

    def stage(
        self,
        plan: OpenPlan,
        text: str,
        *,
        records_event: bool = False,
        rename_to: Path | None = None,
    ) -> None:
        """Validate ``text`` as the plan's new version and hold it for :meth:`commit`.

        A result with errors is refused, nothing written. When the change records something
        that happened (``records_event``: a review, a copy given) only errors the change
        brings are refused; the plan's other findings are reported after it is written.
        """
        target = self.inside(rename_to) if rename_to is not None else plan.path
        stem = target.name.rsplit(".", 1)[0]
        data, after = _check_text(text, stem, self.settings)
        refused = _errors(after)
        if records_event:
            refused = _introduced(_errors(list(plan.findings)), refused)
        if refused:
            raise RefusedError(_refusal(self.show(plan.path), refused, plan.findings, data))
        if text == plan.text and rename_to is None:
            return  # nothing to write: committing it would fail, there being nothing to commit
        removes = plan.path if rename_to is not None else None
        self._staged.append(_Staged(plan, target, text, removes=removes, remaining=tuple(after)))

    def stage_new(self, path: Path, text: str) -> None:
        """A new plan at ``path`` (never overwriting one), validated like any change."""
        target = self.inside(path)
        stem = target.name.rsplit(".", 1)[0]
        data, after = _check_text(text, stem, self.settings)
        if _errors(after):
            raise RefusedError(
                _refusal(
                    self.show(target), _errors(after), (), data, "the new plan would not be valid"
                )
            )
        self._staged.append(_Staged(None, target, text, new=True, remaining=tuple(after)))

    def _dirty(self, path: Path) -> bool:
        if self.no_commit or self.repo is None:
            return False
        return gitio.has_uncommitted_changes(self.repo, path)

    # -- writing and committing ---------------------------------------------------------------

    def commit(self, subject: str, body: str = "") -> Outcome:
        """Write every staged plan atomically, then commit exactly those files.

        The message is made of plan values too (a coordinator's name, a reason): their control
        characters are shown as escapes, as in every output (a NUL would stop git), and the
        subject stays one line (a newline in a value cannot forge the body)."""
        message = shown(subject) + (f"\n\n{shown_lines(body)}" if body else "")
        if not self._staged:
            return Outcome((), message, "nothing changed")
        for staged in self._staged:
            if staged.new or staged.removes is not None:
                staged.path.parent.mkdir(parents=True, exist_ok=True)
                self.inside(staged.path)  # the directory made must not lead out either
                files.create_exclusive(
                    staged.path, staged.text, self.scratch, self.show(staged.path)
                )
            else:
                files.atomic_write(staged.path, staged.text, self.scratch, self.show(staged.path))
        for staged in self._staged:
            if staged.removes is not None:
                staged.removes.unlink()
        paths = [s.path for s in self._staged] + [s.removes for s in self._staged if s.removes]
        said = self._commit_paths(paths, message)
        remaining = tuple(f for s in self._staged for f in s.remaining)
        written = tuple(self.show(s.path) for s in self._staged)
        self._staged.clear()
        return Outcome(written, message, said, remaining)

    def _commit_paths(self, paths: list[Path], message: str) -> str:
        if self.no_commit:
            return "not committed (--no-commit given)"
        if self.repo is None:
            return "not committed (not in a git repository)"
        lock = self.scratch / "commit.lock"
        with files.file_lock(lock, "the repository", wait=COMMIT_QUEUE_SECONDS):
            sha = gitio.commit_files(self.repo, paths, message)
        return f"committed {sha[:8]}: {message}"


def _check_text(text: str, stem: str, settings: Settings) -> tuple[Any, list[Finding]]:
    data, findings = parse_text(text)
    if data is None:
        return None, list(findings)
    return data, check_data(data, text, stem, settings)


def _errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


def _introduced(before: list[Finding], after: list[Finding]) -> list[Finding]:
    """Errors in ``after`` that ``before`` did not have (by code and field, not position)."""
    had = Counter((f.code, f.path) for f in before)
    fresh = []
    for finding in after:
        key = (finding.code, finding.path)
        if had[key]:
            had[key] -= 1
        else:
            fresh.append(finding)
    return fresh


def _refusal(
    display: str,
    errors: list[Finding],
    before: tuple[Finding, ...],
    data: Any,
    what: str = "the change would leave the plan invalid",
) -> str:
    old = {(f.code, f.path) for f in before}
    lines = []
    for finding in errors:
        note = " (already in the plan)" if (finding.code, finding.path) in old else ""
        lines.append(
            f"{display}:{finding.line}:{finding.column}: {describe_finding(finding, data)}{note}"
        )
    return f"{what}, so nothing was written:\n  " + "\n  ".join(lines)
