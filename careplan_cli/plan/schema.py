"""The plan format's JSON Schema: where it lives, and schema errors as value-free messages.

jsonschema's own messages quote the instance (``'xyz' is not one of [...]``), which would
print plan contents into CI logs; every message here is written from the schema alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careplan_cli.plan.findings import pointer
from careplan_cli.plan.yamlload import json_type

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_NAME = "careplan.schema.json"  # the current format, v2 (what ``careplan schema`` prints)
# Each format version's schema file. v1 is kept unchanged so that v1 plans keep validating as
# they did until ``careplan migrate`` rewrites them.
SCHEMA_FILES = {1: "careplan.v1.schema.json", 2: SCHEMA_NAME}
CURRENT_VERSION = 2
# Patterns end with this rather than "$": Python's "$" also matches before a final newline,
# ECMA-262's (and jsonschema-rs's) does not, and every validator must read them the same way.
END_OF_TEXT = "(?![\\s\\S])"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # careplan_cli/


def version_of(data: Any) -> int:
    """The format version whose schema checks ``data``: 1 when it says so, else the current one.

    A plan with a missing or unknown ``schema_version`` is checked against the current schema,
    which then reports the version itself.
    """
    if isinstance(data, dict):
        version = data.get("schema_version")
        if type(version) is int and version in SCHEMA_FILES:
            return version
    return CURRENT_VERSION


def schema_path(version: int = CURRENT_VERSION) -> Path:
    """A schema file: inside the installed package, or in the source tree's ``schemas/``."""
    name = SCHEMA_FILES[version]
    shipped = _PACKAGE_DIR / "schemas" / name
    if shipped.is_file():
        return shipped
    # An editable install or a source checkout: the schema is kept at the top level.
    return _PACKAGE_DIR.parent / "schemas" / name


@cache
def schema(version: int = CURRENT_VERSION) -> dict[str, Any]:
    with schema_path(version).open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


@cache
def validator(version: int = CURRENT_VERSION) -> Draft202012Validator:
    """jsonschema's validator: slower, but its errors say what is wrong and where."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(version), format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def _verdict(version: int) -> Any:
    """jsonschema-rs: hundreds of times faster, used for the yes/no answer only."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(schema(version), validate_formats=True)


def is_valid(data: Any) -> bool:
    return bool(_verdict(version_of(data)).is_valid(data))


@cache
def part_validator(definition: str, version: int = CURRENT_VERSION) -> Draft202012Validator:
    """A validator for one part of a plan (``$defs/<definition>``), e.g. a review on its own."""
    from jsonschema import Draft202012Validator

    wrapper = {"$ref": f"#/$defs/{definition}", "$defs": schema(version)["$defs"]}
    return Draft202012Validator(wrapper, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_problems(
    data: Any, against: Draft202012Validator | None = None
) -> list[tuple[str, str, bool]]:
    """Schema errors as ``(json_pointer, message, points_at_key)``.

    A whole plan is first given its verdict by jsonschema-rs; jsonschema runs only to explain
    a plan that fails (tests/test_schema.py holds the two to the same verdicts).
    """
    if against is None and is_valid(data):
        return []
    problems: list[tuple[str, str, bool]] = []
    seen: set[tuple[str, str]] = set()
    for error in (against or validator(version_of(data))).iter_errors(data):
        for problem in _explain(error):
            if (problem[0], problem[1]) not in seen:
                seen.add((problem[0], problem[1]))
                problems.append(problem)
    return problems


def _explain(error: ValidationError) -> Iterator[tuple[str, str, bool]]:
    where = pointer(*error.absolute_path)
    keyword = error.validator
    value: Any = error.validator_value
    instance = error.instance
    if keyword == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        for name in missing:
            yield where, f"missing required field '{name}'", False
    elif keyword == "additionalProperties":
        known = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
        for name in instance if isinstance(instance, dict) else ():
            if name not in known:
                yield (
                    pointer(*error.absolute_path, name),
                    "unknown field (check its spelling; local fields go under 'extensions')",
                    True,
                )
    elif keyword == "not" and not value:
        yield where, "this field is not used for this plan type", True
    elif keyword in ("anyOf", "oneOf") and error.context:
        best = max(error.context, key=lambda e: len(e.absolute_path))  # the deepest is closest
        yield from _explain(best)
    else:
        yield where, _message(str(keyword), value, instance), False


def _message(keyword: str, value: Any, instance: Any) -> str:
    if keyword == "type":
        expected = " or ".join(value) if isinstance(value, list) else str(value)
        names = {"object": "mapping", "array": "list", "null": "empty"}
        for json_name, user_name in names.items():
            expected = expected.replace(json_name, user_name)
        return f"must be {expected}, not {json_type(instance)}"
    if keyword == "enum":
        return "must be one of: " + ", ".join(str(v) for v in value)
    if keyword == "const":
        return f"must be {json.dumps(value)}"
    if keyword == "format":
        return "must be a real date written YYYY-MM-DD" if value == "date" else f"must be a {value}"
    if keyword == "pattern":
        shown = str(value).removesuffix(END_OF_TEXT) + "$"
        return f"does not have the required form (pattern {shown})"
    if keyword == "minLength":
        return "must not be empty" if value == 1 else f"must be at least {value} characters"
    if keyword == "maxLength":
        return f"must be at most {value} characters"
    if keyword == "minItems":
        return "must not be an empty list" if value == 1 else f"must have at least {value} items"
    if keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        relation = {
            "minimum": ">=",
            "exclusiveMinimum": ">",
            "maximum": "<=",
            "exclusiveMaximum": "<",
        }[keyword]
        return f"must be {relation} {value}"
    if keyword == "uniqueItems":
        return "items must not repeat"
    return f"does not match the plan format ({keyword})"
