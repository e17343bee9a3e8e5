"""Round-trip YAML for commands that edit plans: comments, order, quoting and style are kept.

Only editing commands use this (it is several times slower than the read path in
:mod:`careplan_cli.yamlload`). The settings match the examples' layout: two-space mappings,
sequences indented by two with the dash inside, no re-wrapping of long lines.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

from ruamel.yaml import YAML


@lru_cache(maxsize=1)
def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_text(text: str) -> Any:
    """A plan's text as ruamel's commented mapping (call only on text that already validated)."""
    return _yaml().load(text)


def dump_text(document: Any) -> str:
    out = io.StringIO()
    _yaml().dump(document, out)
    return out.getvalue()
