"""jsonschema-rs's errors, read as jsonschema's: so a failing plan is explained without
jsonschema (a tenth of a second to import and build in every process that explains one).

:func:`rs_errors` turns each jsonschema-rs error into an :class:`RsError`, which carries what
``schema._explain`` reads of a jsonschema ``ValidationError`` (the instance's path, the
keyword, the keyword's value in the schema, the instance, the schema object holding the
keyword, the ``anyOf``/``oneOf`` context), in the order jsonschema would yield them. The
keyword's value and its schema object are read from the schema itself, as jsonschema's are,
and the instance from the plan's own data; so both validators' errors become the same
problems, with the same value-free messages. Anything this module does not read exactly as
jsonschema would (a keyword it does not map, a ``$ref`` it cannot follow, a path it cannot
walk) makes :func:`rs_errors` answer ``None``: the caller then asks jsonschema.
tests/plan/test_schema_explain.py holds the two explanations to each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

# The keywords whose errors are mapped, each with the jsonschema-rs error kinds it gives.
# Every one of them yields, in jsonschema, one error where jsonschema-rs gives one (or, for
# "required", one per missing name in both), located at the same instance.
KINDS: dict[str, tuple[str, ...]] = {
    "required": ("Required",),
    "additionalProperties": ("AdditionalProperties",),
    "not": ("Not",),
    "anyOf": ("AnyOf",),
    "oneOf": ("OneOfNotValid", "OneOfMultipleValid"),
    "type": ("Type",),
    "enum": ("Enum",),
    "const": ("Constant",),
    "format": ("Format",),
    "pattern": ("Pattern",),
    "minLength": ("MinLength",),
    "maxLength": ("MaxLength",),
    "minItems": ("MinItems",),
    "maxItems": ("MaxItems",),
    "minimum": ("Minimum",),
    "maximum": ("Maximum",),
    "exclusiveMinimum": ("ExclusiveMinimum",),
    "exclusiveMaximum": ("ExclusiveMaximum",),
    "uniqueItems": ("UniqueItems",),
    "multipleOf": ("MultipleOf",),
    "minProperties": ("MinProperties",),
    "maxProperties": ("MaxProperties",),
}
# Keywords that only lead to others on the way to an error, as jsonschema walks them.
_ONWARD = {"then": "if", "else": "if"}  # jsonschema yields these where it meets "if"


class Unmapped(Exception):
    """An error, or a schema, that this module cannot read exactly as jsonschema would."""


@dataclass(frozen=True)
class RsError:
    """A jsonschema-rs error, with the attributes of jsonschema's that ``_explain`` reads."""

    absolute_path: Sequence[str | int]
    validator: str
    validator_value: Any
    instance: Any
    schema: Any
    context: list[RsError]


def rs_errors(verdict: Any, root: dict[str, Any], data: Any) -> list[RsError] | None:
    """``data``'s errors from jsonschema-rs's ``verdict`` (a validator built from ``root``),
    read as jsonschema's and in jsonschema's order; ``None`` when any of them is not one this
    module maps. (Callers that find ``[]`` where they expected errors ask jsonschema too.)"""
    try:
        return _adapted(verdict.iter_errors(data), root, data)
    except Unmapped:
        return None


def _adapted(errors: Iterable[Any], root: dict[str, Any], data: Any) -> list[RsError]:
    keyed = [_adapt(error, root, data) for error in errors]
    keyed.sort(key=lambda pair: pair[0])  # stable: errors of one keyword keep their order
    return [error for _, error in keyed]


def _adapt(error: Any, root: dict[str, Any], data: Any) -> tuple[tuple[int, ...], RsError]:
    kind = type(error.kind).__name__
    steps = list(error.evaluation_path)
    where = list(error.instance_path)
    keyword = steps[-1] if steps else None
    if not isinstance(keyword, str) or kind not in KINDS.get(keyword, ()):
        raise Unmapped(kind)
    order, node = _walk(root, steps, where)
    value = node[keyword]
    if keyword == "additionalProperties" and (value is not False or "patternProperties" in node):
        raise Unmapped(keyword)  # only "no other keys" is read here
    context: list[RsError] = []
    if kind in ("AnyOf", "OneOfNotValid"):
        context = _adapted((e for branch in error.kind.context for e in branch), root, data)
    instance = _instance(data, where)
    return order, RsError(where, keyword, value, instance, node, context)


def _walk(
    root: dict[str, Any], steps: list[str | int], where: list[str | int]
) -> tuple[tuple[int, ...], dict[str, Any]]:
    """The schema object holding an error's keyword, found by following its evaluation path
    (``steps``) from ``root``, and the error's place in jsonschema's order: at each schema
    object, the place of the keyword taken among its keywords (jsonschema checks them in the
    schema's own order), then of the property in ``properties``, the item's index, or the
    ``allOf`` branch."""
    node: Any = root
    order: list[int] = []
    depth = 0  # how much of the instance path the steps have used
    at = 0
    while at < len(steps) - 1:
        step = steps[at]
        if not isinstance(node, dict) or not isinstance(step, str) or step not in node:
            raise Unmapped(step)
        if node is not root and "$id" in node:
            raise Unmapped("$id")  # a new base for "$ref": not followed here
        order.append(_place(node, _ONWARD.get(step, step)))
        if step == "properties":
            name = steps[at + 1]
            if not isinstance(name, str) or name not in node[step] or where[depth:][:1] != [name]:
                raise Unmapped(step)
            order.append(_place(node[step], name))
            node, depth, at = node[step][name], depth + 1, at + 2
        elif step in ("allOf", "anyOf", "oneOf"):
            branch = steps[at + 1]
            if not isinstance(branch, int) or not 0 <= branch < len(node[step]):
                raise Unmapped(step)
            order.append(branch)
            node, at = node[step][branch], at + 2
        elif step == "items" and "prefixItems" not in node:
            index = where[depth] if depth < len(where) else None
            if not isinstance(index, int):
                raise Unmapped(step)
            order.append(index)
            node, depth, at = node[step], depth + 1, at + 1
        elif step == "$ref":
            node, at = _resolve(root, node[step]), at + 1
        elif step in ("then", "else") and "if" in node:
            node, at = node[step], at + 1
        else:
            raise Unmapped(step)
    keyword = steps[-1]
    if not isinstance(node, dict) or keyword not in node or depth != len(where):
        raise Unmapped(keyword)
    order.append(_place(node, str(keyword)))
    return tuple(order), node


def _place(mapping: dict[str, Any], key: str) -> int:
    return list(mapping).index(key)


def _resolve(root: dict[str, Any], ref: Any) -> Any:
    """A ``$ref`` within ``root`` written as a JSON pointer (``#/$defs/date``)."""
    if not isinstance(ref, str) or "%" in ref or not (ref == "#" or ref.startswith("#/")):
        raise Unmapped("$ref")  # another document, an anchor, or an escape not read here
    node: Any = root
    for part in ref.split("/")[1:]:
        key = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            raise Unmapped("$ref")
    return node


def _instance(data: Any, where: list[str | int]) -> Any:
    """The part of the plan's own data at ``where`` (jsonschema-rs's copy of it is JSON)."""
    node = data
    for part in where:
        if isinstance(node, dict):
            found = isinstance(part, str) and part in node
        else:
            found = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not found:
            raise Unmapped("instance")
        node = node[part]
    return node
