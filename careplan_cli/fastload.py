"""The fast read path: PyYAML's libyaml loader, made to give exactly ruamel.yaml's YAML 1.2 data.

Read-only commands over thousands of plans spend most of their time parsing. PyYAML's C
loader is about 2.5x faster than ruamel.yaml's here, but follows YAML 1.1 (``no`` is
false, ``010`` is 8) and silently keeps the last of two equal keys. This loader takes its
implicit types from ruamel.yaml's own YAML 1.2 resolver table, constructs numbers as ruamel
does, keeps dates as strings, and gives up (:class:`Fallback`) on anything unusual -- a
duplicate key, a tag, a directive, any error -- so that :mod:`careplan_cli.yamlload` can
hand the file to ruamel.yaml, whose findings are the canonical ones. A differential property
test (tests/test_fastload.py) holds the two to the same data.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml
from ruamel.yaml import resolver as ruamel_resolver

# Tags we construct ourselves; any other tag (explicit or merge-like) sends the file to ruamel.
_TAGGED = re.compile(r"(?:^|[\s\[{,:-])!")


class Fallback(Exception):
    """This text needs the full ruamel.yaml path."""


class _Loader(yaml.CSafeLoader):
    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012
    yaml_constructors: ClassVar[dict[Any, Any]] = dict(yaml.SafeLoader.yaml_constructors)


# ruamel.yaml's YAML 1.2 table, entry for entry (merge "<<", value "=" and the rest included,
# so that a scalar resolves to the same tag; tags we do not construct raise, and fall back).
for _versions, _tag, _regexp, _first in ruamel_resolver.implicit_resolvers:
    if (1, 2) in _versions:
        _Loader.add_implicit_resolver(_tag, _regexp, _first)


def _int(loader: Any, node: Any) -> int:
    # As ruamel.yaml constructs a YAML 1.2 int: 010 is ten, 0o10 is eight.
    text = str(node.value).replace("_", "")
    sign = -1 if text[0] == "-" else 1
    text = text.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if text.startswith(prefix):
            return sign * int(text[2:], base)
    return sign * int(text)


def _float(loader: Any, node: Any) -> float:
    text = str(node.value).replace("_", "").lower()
    sign = -1 if text[0] == "-" else 1
    text = text.lstrip("+-")
    if text == ".inf":
        return sign * float("inf")
    if text == ".nan":
        return float("nan")
    return sign * float(text)


def _bool(loader: Any, node: Any) -> bool:
    return str(node.value).lower() == "true"


def _mapping(loader: Any, node: Any) -> Any:
    if any(key.tag == "tag:yaml.org,2002:merge" for key, _ in node.value):
        raise Fallback("merge key")
    mapping: dict[Any, Any] = {}
    yield mapping
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=False)
        try:
            if key in mapping:
                raise Fallback("duplicate key")
        except TypeError:  # an unhashable key: let ruamel report it
            raise Fallback("unhashable key") from None
        mapping[key] = loader.construct_object(value_node, deep=False)


_Loader.add_constructor("tag:yaml.org,2002:int", _int)
_Loader.add_constructor("tag:yaml.org,2002:float", _float)
_Loader.add_constructor("tag:yaml.org,2002:bool", _bool)
_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    yaml.constructor.SafeConstructor.construct_yaml_str,  # type: ignore[type-var]
)


def fast_load(text: str) -> Any:
    """The document's data, exactly as ruamel.yaml (YAML 1.2, dates as strings) gives it.

    Raises :class:`Fallback` whenever it cannot promise that.
    """
    if text.startswith("%") or "\n%" in text or _TAGGED.search(text):
        raise Fallback("directive or tag")
    try:
        return yaml.load(text, Loader=_Loader)
    except Fallback:
        raise
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise Fallback(type(exc).__name__) from None
