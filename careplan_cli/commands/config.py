"""``careplan config``, and the settings every command runs with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from careplan_cli.adapters.config import effective_values, load_settings
from careplan_cli.adapters.configkeys import KEYS
from careplan_cli.plan.settings import Settings


def settings_for(today: date, cwd: Path | None = None) -> Settings:
    """The settings in force around ``cwd`` (careplan.toml), as of ``today``."""
    return load_settings(cwd or Path.cwd(), today)


@dataclass(frozen=True)
class Configuration:
    values: dict[str, Any]
    sources: dict[str, str]  # key -> the file it came from, or "default"
    descriptions: dict[str, str]
    config_file: str | None


def configuration(cwd: Path | None = None) -> Configuration:
    """Each key's value in force, where it came from, and what it means."""
    settings = settings_for(date.today(), cwd)
    return Configuration(
        effective_values(settings),
        dict(settings.sources),
        {key: description for key, (_, description) in KEYS.items()},
        str(settings.config_file) if settings.config_file else None,
    )
