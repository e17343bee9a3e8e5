"""``careplan import --from fhir BUNDLE.json``: a plan from a FHIR Bundle, written to
``plans/<id>.yaml`` through the plan session (committed inside a repository).

The bundle is read with a bound: opened without blocking, refused unless it is a regular file,
at most :data:`MAX_BUNDLE_BYTES` read, so that a FIFO or ``/dev/zero`` named by mistake (or on
purpose) can neither hang the command nor fill its memory.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from careplan_cli.commands.new import schema_ref
from careplan_cli.commands.session import Outcome, PlanSession
from careplan_cli.errors import RefusedError, UsageError
from careplan_cli.plan.settings import Settings

MAX_BUNDLE_BYTES = 16 * 1024 * 1024
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Imported:
    plan_id: str
    outcome: Outcome
    unmapped: tuple[str, ...]  # what the bundle held that the plan does not (FHIR paths)


def read_bounded(path: Path, limit: int = MAX_BUNDLE_BYTES) -> bytes:
    """The bytes of the regular file ``path``; refused when it is anything else or too big."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UsageError(f"{path}: cannot open the bundle ({exc.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise RefusedError(f"{path}: not a regular file; give a bundle saved as a file")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise RefusedError(f"{path}: cannot read the bundle ({exc.strerror})") from None
    finally:
        os.close(fd)
    if total > limit:
        raise RefusedError(f"{path}: larger than {limit // (1024 * 1024)} MiB; not a plan's bundle")
    return b"".join(chunks)


def parse_bundle(path: Path) -> Any:
    try:
        return json.loads(read_bounded(path))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise RefusedError(f"{path}: not JSON, so not a FHIR Bundle") from None


def import_bundle(settings: Settings, bundle_path: Path, *, no_commit: bool) -> Imported:
    """Write the plan the bundle describes as a new plan; refused when none can be made."""
    from careplan_cli.plan.create import check_id
    from careplan_cli.report.fhir import from_bundle

    bundle = parse_bundle(bundle_path)
    try:
        read = from_bundle(bundle)
    except ValueError as exc:
        raise RefusedError(f"{bundle_path}: nothing to import: {exc}") from None
    except (TypeError, AttributeError, KeyError, IndexError, RecursionError):
        raise RefusedError(
            f"{bundle_path}: nothing to import: its resources are not shaped as FHIR R4 says"
        ) from None
    plan, unmapped = dict(read.plan), list(read.unmapped)
    if not read.careplan_bundle and plan.get("status", "draft") != "draft":
        unmapped.append(f"CarePlan.status (was {plan['status']}; imported as draft to complete)")
        plan["status"] = "draft"
    if not plan.get("id"):
        raise RefusedError(f"{bundle_path}: nothing to import: the CarePlan has no identifier")
    plan_id = check_id(str(plan["id"]))
    with PlanSession(settings, no_commit=no_commit) as session:
        path = session.inside(settings.plan_dir / f"{plan_id}.yaml")
        if path.exists() or path.is_symlink():
            raise RefusedError(f"{session.show(path)} already exists; plans are never overwritten")
        session.stage_new(path, plan_text(plan, schema_ref(settings.plan_dir)))
        outcome = session.commit(f"Import care plan {plan_id} from a FHIR bundle")
    return Imported(plan_id, outcome, tuple(unmapped))


def plan_text(plan: dict[str, Any], schema: str) -> str:
    """The plan as YAML styled like the examples, fields in the schema's order."""
    from careplan_cli.plan.roundtrip import dump_text
    from careplan_cli.plan.schema import schema as plan_schema

    document = plan_schema()
    header = f"# yaml-language-server: $schema={schema}\n# Imported from a FHIR bundle.\n"
    return header + dump_text(_styled(_ordered(plan, document, document), top=True))


def _node(node: Any, document: dict[str, Any]) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = document["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node if isinstance(node, dict) else {}


def _ordered(value: Any, node: Any, document: dict[str, Any]) -> Any:
    """``value`` with every mapping's keys in the order the schema lists its properties."""
    node = _node(node, document)
    if isinstance(value, dict):
        properties = node.get("properties", {})
        order = {key: index for index, key in enumerate(properties)}
        keys = sorted(value, key=lambda k: order.get(k, len(order)))
        return {k: _ordered(value[k], properties.get(k, {}), document) for k in keys}
    if isinstance(value, list):
        return [_ordered(item, node.get("items", {}), document) for item in value]
    return value


def _styled(value: Any, *, top: bool = False) -> Any:
    """Like :func:`careplan_cli.plan.roundtrip.to_yaml_value`, but multi-line text keeps its
    exact ending (the round trip must give back the same text)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    from careplan_cli.plan.roundtrip import block_text, to_yaml_value

    if isinstance(value, dict):
        styled = CommentedMap((k, _styled(v)) for k, v in value.items())
        if to_yaml_value(value, top=top).fa.flow_style():
            styled.fa.set_flow_style()
        return styled
    if isinstance(value, list):
        return CommentedSeq(_styled(v) for v in value)
    if isinstance(value, str) and block_text(value) and value.strip():
        return LiteralScalarString(value)
    if isinstance(value, str) and DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)  # written plain, read back as the same text
        except ValueError:
            return value
    return value
