"""Checking plans: discover files, load each, validate against the schema, run the rules.

Every file gives a :class:`FileResult`; a broken file is a result with findings, never an
exception, so one bad file cannot hide the others.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from careplan_cli.errors import UsageError
from careplan_cli.plan.due import summarise_plan
from careplan_cli.plan.findings import FileResult, Finding
from careplan_cli.plan.rules import REGISTRY, PlanContext, all_rules
from careplan_cli.plan.rules import builtin as codes
from careplan_cli.plan.rules.registry import Check
from careplan_cli.plan.schema import schema_problems
from careplan_cli.plan.settings import Settings
from careplan_cli.plan.words import plain_path
from careplan_cli.plan.yamlload import Locator, read_plan_file

PLAN_SUFFIXES = (".yaml", ".yml")


def discover(paths: Sequence[Path]) -> list[Path]:
    """Plan files named by ``paths``: files as given, directories searched for *.yaml / *.yml.

    Hidden directories (``.git``, caches) are skipped and links to directories not followed.
    A path that does not exist is a usage error.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_walk(path))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise UsageError(f"{path}: no such file or directory")
    return found if len(paths) == 1 else list(dict.fromkeys(found))  # (one walk: no repeats)


def _walk(root: Path) -> Iterator[Path]:
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        # A directory (or a link to one) named like a plan is reported, not silently skipped;
        # FIFOs, devices and links are among ``files``: the reader refuses them unread.
        named = [*files, *(d for d in subdirs if d.endswith(PLAN_SUFFIXES))]
        base = Path(directory)
        for name in sorted(named):
            if name.endswith(PLAN_SUFFIXES) and not name.startswith("."):
                yield base / name


def check_file(
    path: Path, settings: Settings, *, rules: bool = True, summary: bool = True
) -> FileResult:
    """Load and check one file; ``rules=False`` stops after the schema (for read commands);
    ``summary=False`` leaves out what due and list show (validate without a cache)."""
    loaded = read_plan_file(path, settings.root)
    findings, summarised = list(loaded.findings), None
    display = path.as_posix()
    if loaded.data is not None and loaded.text is not None:
        findings, matches = _check(loaded.data, loaded.text, _stem(path), settings, rules)
        summarised = summarise_plan(display, loaded.data) if matches and summary else None
    located = sorted((replace(f, file=display) for f in findings), key=Finding.sort_key)
    return FileResult(display, tuple(located), summarised, loaded.data)


def _stem(path: Path) -> str:
    return path.name.rsplit(".", 1)[0]


def check_data(
    data: dict[str, Any], text: str, file_stem: str, settings: Settings, *, rules: bool = True
) -> list[Finding]:
    """Schema and care-planning rules; findings located in text.

    The rules run on every plan that loaded, whether or not it matches the schema, so that one
    run shows everything (a bad status and a bad NHS number together); each rule skips what
    it cannot read. A rule checks only the plan format versions it is written for.
    """
    return _check(data, text, file_stem, settings, rules)[0]


def _check(
    data: dict[str, Any], text: str, file_stem: str, settings: Settings, rules: bool
) -> tuple[list[Finding], bool]:
    """The findings, and whether the plan matches the schema."""
    locate = Locator(text, data)
    findings: list[Finding] = []
    problems = schema_problems(data, text=text)
    for error in problems:
        if codes.SCHEMA not in settings.disabled:
            line, column = locate(error.where, key=error.at_key)
            severity = settings.severity(codes.SCHEMA, REGISTRY[codes.SCHEMA].severity)
            place = _place(error.ptr, data)
            findings.append(
                Finding(codes.SCHEMA, severity, error.message, error.ptr, line, column, place=place)
            )
    if not rules:
        return findings, not problems
    ctx = PlanContext(data, file_stem, settings.today, settings.policy, settings.required_fields)
    for code, check in _checks_for(len(REGISTRY), ctx.version, settings.disabled):
        for problem in check(ctx):
            place = _place(problem.path, data)
            findings.append(_located(code, settings, problem.path, problem.message, locate, place))
    return findings, not problems


@functools.cache
def _checks_for(
    registered: int, version: int, disabled: frozenset[str]
) -> tuple[tuple[str, Check], ...]:
    """(code, check) of the rules to run on a plan of format ``version``, in code order:
    worked out once for each size of the registry, version and set of rules switched off."""
    return tuple(
        (rule.code, rule.check)
        for rule in all_rules()
        if rule.check is not None and rule.code not in disabled and rule.applies_to(version)
    )


def _located(
    code: str,
    settings: Settings,
    ptr: str,
    message: str,
    locate: Locator,
    place: str,
) -> Finding:
    line, column = locate(ptr)
    severity = settings.severity(code, REGISTRY[code].severity)
    return Finding(code, severity, message, ptr, line, column, place=place)


def _place(ptr: str, data: dict[str, Any]) -> str:
    """Where a finding is, in words; "" for the whole file (its line and column say where)."""
    return plain_path(ptr, data) if ptr else ""


def summarise(results: Iterable[FileResult], strict: bool) -> tuple[int, int, int, int]:
    """(files, invalid files, errors, warnings) over ``results``."""
    files = invalid = errors = warnings = 0
    for result in results:
        files += 1
        invalid += result.failed(strict)
        errors += result.errors
        warnings += result.warnings
    return files, invalid, errors, warnings
