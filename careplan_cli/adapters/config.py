"""Settings that shape a run, and the organisation's ``careplan.toml`` that sets them.

``careplan.toml`` is found by walking up from the working directory, like ruff or git. It
is validated strictly, key by key (:mod:`careplan_cli.adapters.configkeys` holds the keys
and their checks): an unknown key or a value of the wrong type is a usage error naming the
key, because a typo in a policy file must not silently weaken the checks.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from careplan_cli.adapters.configkeys import KEYS, check_entry, is_code_key
from careplan_cli.errors import UsageError
from careplan_cli.plan.findings import Severity
from careplan_cli.plan.policy import ReviewPolicy
from careplan_cli.plan.profiles import OFF, PROFILES
from careplan_cli.plan.settings import Settings, profile_severities

CONFIG_NAME = "careplan.toml"


CONFIG_LIMIT = 256 * 1024  # a careplan.toml is a few lines; refuse anything near this


def repository_top(start: Path) -> Path | None:
    """The root of the git work tree at or above ``start`` (the directory holding .git)."""
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def find_config(start: Path) -> Path | None:
    """The careplan.toml that applies at ``start``: the nearest one at or above it, but
    never above the repository's root; outside a repository, only ``./careplan.toml``.

    A configuration can switch rules off and move the plan directory, so one left in a
    parent directory by someone else must not apply to a repository below it.
    """
    top = repository_top(start)
    searched = (start,) if top is None else (start, *start.parents)
    for directory in searched:
        candidate = directory / CONFIG_NAME
        if candidate.exists() or candidate.is_symlink():  # anything there is read, or refused
            return candidate
        if directory == top:
            break
    return None


def find_project_root(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` holding careplan.toml or .git."""
    start = start.resolve()
    for directory in (start, *start.parents):
        if (directory / CONFIG_NAME).is_file() or (directory / ".git").exists():
            return directory
    return None


def _inside(root: Path, plan_dir: str, config_file: Path | None) -> Path:
    """``plan_dir`` under ``root``; a configuration error if it names a place outside the
    repository. (A link on the way is the plan session's to refuse, when it is used.)"""
    chosen = root / plan_dir
    top = (repository_top(root) or root).absolute()
    if not Path(os.path.normpath(chosen.absolute())).is_relative_to(top):
        raise UsageError(
            f"{config_file}: 'plan_dir' must be a directory inside the repository ({top})"
        )
    return chosen


def default_plan_dir(cwd: Path) -> Path:
    """The plan directory of the project around ``cwd``."""
    return load_settings(cwd, date.today()).plan_dir


def load_settings(cwd: Path, today: date) -> Settings:
    """Settings from the careplan.toml around ``cwd`` (defaults where it is silent)."""
    config_file = find_config(cwd.resolve())
    root = config_file.parent if config_file else (find_project_root(cwd) or cwd.resolve())
    values: dict[str, Any] = {}
    if config_file is not None:
        values = parse_config(config_file)
    sources = {key: str(config_file) if key in values else "default" for key in KEYS}
    merged = {key: values.get(key, default) for key, (default, _) in KEYS.items()}
    chosen = PROFILES[merged["policy"]]
    max_months = {**chosen.max_months, **values.get("review_policy.max_months", {})}
    weeks = values.get("review_policy.social_care_first_review_weeks", chosen.first_review_weeks)
    per_code = {k.split(".", 1)[1]: v for k, v in values.items() if is_code_key(k)}
    explicit = {**merged["rules.severity"], **per_code}
    severities = {**profile_severities(chosen)}
    severities.update({c: Severity(v) for c, v in explicit.items() if v != OFF})
    disabled = (chosen.switched_off() - set(explicit)) | set(merged["rules.disable"])
    disabled |= {c for c, v in explicit.items() if v == OFF}
    plan_dir = _inside(root, merged["plan_dir"], config_file)
    return Settings(
        today=today,
        policy=ReviewPolicy(max_months, weeks, chosen.follow_up),
        disabled=frozenset(disabled),
        severities=severities,
        profile=chosen.name,
        plan_dir=plan_dir,
        id_prefix=merged["id_prefix"],
        id_digits=merged["id_digits"],
        due_within=merged["due_within"],
        required_fields=tuple(merged["required.fields"]),
        staff=tuple(merged["staff"]),
        report_thresholds=tuple(merged["report.thresholds"]),
        config_file=config_file,
        sources=sources,
        root=config_file.parent if config_file else find_project_root(cwd),
    )


def parse_config(path: Path) -> dict[str, Any]:
    """careplan.toml as flat ``{"section.key": value}``, checked key by key."""
    import tomllib

    from careplan_cli.plan.source import SourceError, read_source

    try:
        raw = read_source(path, limit=CONFIG_LIMIT, boundary=repository_top(path.parent))
        document = tomllib.loads(raw.decode("utf-8"))
    except SourceError as exc:
        raise UsageError(f"{path}: cannot read the configuration ({exc.message})") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: cannot read the configuration (not UTF-8)") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None
    flat: dict[str, Any] = {}
    for key, value in document.items():
        if isinstance(value, dict) and key in {k.split(".")[0] for k in KEYS if "." in k}:
            for sub, sub_value in value.items():
                flat[f"{key}.{sub}"] = sub_value
        else:
            flat[key] = value
    for key, value in flat.items():
        check_entry(path, key, value)
    return flat


def effective_values(settings: Settings) -> dict[str, Any]:
    """Each key's value in force, for ``careplan config``."""
    root = settings.config_file.parent if settings.config_file else None
    plan_dir = settings.plan_dir
    weeks = settings.policy.social_care_first_review_weeks
    shown_dir = (
        plan_dir.relative_to(root).as_posix()
        if root and plan_dir.is_relative_to(root)
        else plan_dir.name
    )
    return {
        "policy": settings.profile,
        "plan_dir": shown_dir,
        "id_prefix": settings.id_prefix,
        "id_digits": settings.id_digits,
        "due_within": settings.due_within,
        "review_policy.max_months": dict(settings.policy.max_months),
        "review_policy.social_care_first_review_weeks": weeks,
        "rules.disable": sorted(settings.disabled),
        "rules.severity": {k: v.value for k, v in sorted(settings.severities.items())},
        "required.fields": list(settings.required_fields),
        "staff": [dict(person) for person in settings.staff],
        "report.thresholds": list(settings.report_thresholds),
        "ods_code": parse_config(settings.config_file).get("ods_code", "")
        if settings.config_file
        else "",
    }


def organisation_code(cwd: Path) -> str | None:
    """The ``ods_code`` of the careplan.toml around ``cwd``, or None when it sets none."""
    config_file = find_config(cwd.resolve())
    if config_file is None:
        return None
    return parse_config(config_file).get("ods_code") or None
