"""The plan format's JSON Schema: where it lives, and schema errors as value-free messages.

jsonschema's own messages quote the instance (``'xyz' is not one of [...]``), which would
print plan contents into CI logs; every message here is written from the schema alone.

jsonschema-rs gives every verdict and, read by :mod:`careplan_cli.plan.schema_explain`,
explains a plan that fails; jsonschema (Python) is imported only for what that module does not
map, and for texts that may hold year 0000 (jsonschema-rs takes it as a date).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from careplan_cli.plan.findings import pointer
from careplan_cli.plan.schema_explain import RsError, rs_errors
from careplan_cli.plan.words import safe_parts, unknown_key
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


# jsonschema-rs takes year 0000 as a date; Python (jsonschema, check-jsonschema) does not. A
# text that may hold one is given to jsonschema, whose verdict is the reference.
YEAR_ZERO = re.compile(r"0000-[0-9]{2}-[0-9]{2}")


def is_valid(data: Any, text: str | None = None) -> bool:
    if text is not None and may_hold_year_zero(data, text):
        return bool(validator(version_of(data)).is_valid(data))
    return bool(_verdict(version_of(data)).is_valid(data))


def may_hold_year_zero(data: Any, text: str | None = None) -> bool:
    """Whether ``data`` (read from ``text``, when given) may hold year 0000. A text holds one
    only where it spells one out, or through an escape (``"\\x300\\x300-01-01"``): only then
    is the data itself searched."""
    if text is not None and "\\" not in text:
        return YEAR_ZERO.search(text) is not None
    try:
        return YEAR_ZERO.search(json.dumps(data, default=str)) is not None
    except (TypeError, ValueError):  # keys json cannot write: let jsonschema judge
        return True


@cache
def _part_schema(definition: str, version: int = CURRENT_VERSION) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{definition}", "$defs": schema(version)["$defs"]}


@cache
def part_validator(definition: str, version: int = CURRENT_VERSION) -> Draft202012Validator:
    """A validator for one part of a plan (``$defs/<definition>``), e.g. a review on its own."""
    from jsonschema import Draft202012Validator

    wrapper = _part_schema(definition, version)
    return Draft202012Validator(wrapper, format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def _part_verdict(definition: str, version: int = CURRENT_VERSION) -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(_part_schema(definition, version), validate_formats=True)


def part_problems(definition: str, data: Any) -> list[Problem]:
    """:func:`schema_problems` of one part of a plan (``$defs/<definition>``), from
    jsonschema-rs as for whole plans."""
    if may_hold_year_zero(data):
        return schema_problems(data, part_validator(definition))
    if _part_verdict(definition).is_valid(data):
        return []
    errors = rs_errors(_part_verdict(definition), _part_schema(definition), data)
    return _explained(errors or part_validator(definition).iter_errors(data))


class Problem(NamedTuple):
    """A schema error: its pointer (keys named only when :func:`words.nameable` allows), its
    message, whether it is about a key, and the full pointer that locates it."""

    ptr: str
    message: str
    at_key: bool
    where: str


def schema_problems(
    data: Any, against: Draft202012Validator | None = None, text: str | None = None
) -> list[Problem]:
    """Schema errors, with messages and pointers free of plan values (``text``: the plan's
    text, when there is one; ``against``: a jsonschema validator to explain ``data`` with).

    A whole plan is given its verdict by jsonschema-rs (tests/plan/test_schema.py holds it to
    jsonschema's), and a plan that fails is explained from jsonschema-rs's errors
    (tests/plan/test_schema_explain.py holds that to jsonschema's explanation). jsonschema
    judges and explains a plan that may hold year 0000, and explains a plan with .nan or .inf
    and any error :mod:`~careplan_cli.plan.schema_explain` does not map.
    """
    problems = non_finite(data) if text is not None and NON_FINITE.search(text) else []
    if against is not None:
        return _explained(against.iter_errors(data), problems)
    version = version_of(data)
    fast = not problems and not may_hold_year_zero(data, text)
    if fast and _verdict(version).is_valid(data):
        return []
    errors = rs_errors(_verdict(version), schema(version), data) if fast else None
    return _explained(errors or validator(version).iter_errors(data), problems)


def _explained(
    errors: Iterable[ValidationError | RsError], problems: list[Problem] | None = None
) -> list[Problem]:
    """``problems`` and then each error's, each (place, message) once."""
    problems = problems if problems is not None else []
    seen: set[tuple[str, str]] = set()
    for error in errors:
        for problem in _explain(error):
            if (problem.where, problem.message) not in seen:
                seen.add((problem.where, problem.message))
                problems.append(problem)
    return problems


MAX_SUGGESTIONS = 20
MAX_UNKNOWN = 100  # unknown keys reported one by one in a mapping; the rest are counted
# YAML's .nan and .inf are floats, which JSON Schema's "number" takes; JSON has neither, and
# no plan means either (a budget of "nan a week").
NON_FINITE = re.compile(r"\.(?:nan|NaN|NAN|inf|Inf|INF)")


def non_finite(data: Any, path: list[Any] | None = None) -> list[Problem]:
    """A problem for each .nan or .inf in ``data``."""
    path = path or []
    if isinstance(data, float) and not math.isfinite(data):
        return [_problem(path, "must be a finite number (.nan and .inf are not numbers here)")]
    children = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    return [p for key, child in children for p in non_finite(child, [*path, key])]


def _problem(parts: list[Any], message: str, at_key: bool = False) -> Problem:
    return Problem(pointer(*safe_parts(parts)), message, at_key, pointer(*parts))


def _explain(error: ValidationError | RsError) -> Iterator[Problem]:
    path = list(error.absolute_path)
    keyword = error.validator
    value: Any = error.validator_value
    instance = error.instance
    if keyword == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        for name in missing:
            yield _problem(path, f"missing required field '{name}'")
    elif keyword == "additionalProperties":
        known = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
        unknown = (
            [name for name in instance if name not in known] if isinstance(instance, dict) else []
        )
        for index, name in enumerate(unknown[:MAX_UNKNOWN]):
            # Suggestions cost a fuzzy match each: a file of 100,000 stray keys gets a few.
            what = unknown_key(name, known, suggest=index < MAX_SUGGESTIONS)
            yield _problem([*path, name], f"{what}; local fields go under 'extensions'", True)
        if len(unknown) > MAX_UNKNOWN:
            more = len(unknown) - MAX_UNKNOWN
            yield _problem(path, f"and {more} more unknown keys in this mapping", False)
    elif keyword == "not" and not value:
        yield _problem(path, "this field is not used for this plan type", True)
    elif keyword in ("anyOf", "oneOf") and error.context:
        context: Sequence[ValidationError | RsError] = error.context
        best = max(context, key=lambda e: len(e.absolute_path))  # the deepest is closest
        yield from _explain(best)
    else:
        yield _problem(path, _message(str(keyword), value, instance))


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
