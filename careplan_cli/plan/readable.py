"""One answer, everywhere, to a plan that cannot be read as a plan: the command refuses
(exit 1), naming the file, line, column and the finding."""

from __future__ import annotations

from typing import Any

from careplan_cli.errors import RefusedError
from careplan_cli.plan.yamlload import Loaded


def readable(
    loaded: Loaded, where: str, doing: str = "the plan cannot be read"
) -> tuple[str, dict[str, Any]]:
    """The plan's text and data, or a refusal saying why it cannot be read."""
    if loaded.text is None or loaded.data is None:
        first = loaded.findings[0]
        at = f"{where}:{first.line}:{first.column}"
        raise RefusedError(f"{at}: {doing}: {first.code} {first.message}")
    return loaded.text, loaded.data
