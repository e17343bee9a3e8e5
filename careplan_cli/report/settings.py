"""The config command's output, and TOML written by tomlkit (for init's careplan.toml too).

:data:`WRITERS` maps each ``--format`` name to its writer. tomlkit is imported only here, and
only when TOML is written.
"""

from __future__ import annotations

from collections.abc import Callable

from careplan_cli.report.document import Document
from careplan_cli.report.escape import json_text, shown


def toml_value(value: object) -> str:
    """``value`` written as a TOML value (inline tables and arrays on one line)."""
    import tomlkit

    item = tomlkit.item(value)
    if isinstance(item, tomlkit.items.Table):  # a table written inline, as one line
        inline = tomlkit.inline_table()
        inline.update(item)
        return inline.as_string()
    return item.as_string()


def config_text(
    values: dict[str, object],
    sources: dict[str, str],
    descriptions: dict[str, str],
    config_file: str | None,
) -> str:
    lines = [f"# careplan.toml: {shown(config_file or 'none found (all defaults)')}"]
    for key, value in values.items():
        lines.append(f"# {descriptions[key]}")
        lines.append(shown(f"{key} = {toml_value(value)}  # from {sources[key]}"))
    return "\n".join(lines) + "\n"


def config_json(values: dict[str, object], sources: dict[str, str]) -> str:
    return json_text({k: {"value": v, "source": sources[k]} for k, v in values.items()})


ConfigWriter = Callable[[dict[str, object], dict[str, str], dict[str, str], "str | None"], Document]


def _json(
    values: dict[str, object],
    sources: dict[str, str],
    descriptions: dict[str, str],
    config_file: str | None,
) -> Document:
    return config_json(values, sources)


WRITERS: dict[str, ConfigWriter] = {"text": config_text, "json": _json}
