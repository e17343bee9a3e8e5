"""The fast read path: libyaml's parser and composer (through PyYAML), careplan's constructor.

Read-only commands over thousands of plans spend most of their time parsing, and PyYAML's C
parser and composer are much faster than ruamel.yaml's here. Only the composing is PyYAML's:
plain scalars are resolved (YAML 1.2 core schema) and data built by
:mod:`careplan_cli.plan.build`, the constructor ruamel.yaml's node trees go through too. Any
error of libyaml's raises :class:`Fallback`, so that :mod:`careplan_cli.plan.yamlload` hands
the text to :mod:`careplan_cli.plan.reference`, whose findings are the canonical ones.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from careplan_cli.plan.build import PLAIN, Builder, Fallback


class _Composer(yaml.CSafeLoader):
    """libyaml's parser and composer; plain scalars are left for careplan to resolve."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode and implicit[0]:
            return PLAIN
        return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]


__all__ = ["KINDS", "Fallback", "fast_compose", "fast_load"]
KINDS = (ScalarNode, MappingNode, SequenceNode)


def fast_load(text: str) -> Any:
    """The document's data (see :mod:`careplan_cli.plan.build`), or None for no document.

    Raises :class:`Fallback` when libyaml cannot read the text, and
    :class:`~careplan_cli.plan.build.LoadProblem` when the document is no plan.
    """
    node = fast_compose(text)
    return None if node is None else Builder(KINDS).build(node)


def fast_compose(text: str) -> Any:
    """The document's node tree, positions included (for locating findings)."""
    composer = _Composer(text)
    try:
        return composer.get_single_node()
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise Fallback(type(exc).__name__) from None
    finally:
        composer.dispose()
