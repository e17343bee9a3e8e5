"""The parse floor (issue 18): careplan's loaders against rapidyaml and yaml-rs, end to end.

    pip install rapidyaml==0.15.2
    python benchmarks/parse_floor.py

End to end means bytes to the data careplan uses, with careplan's scalar resolution
(``plan/scalars.py``), merge keys and the one expansion budget. rapidyaml gives a tree with
each scalar's text and style, so careplan's resolution can run on it (``ryml_load`` below);
yaml-rs gives only its own Python data (``0b1`` and ``1_000`` as integers, dates as
``datetime.date``, merge keys kept as ``<<`` entries), so it is measured as it comes, and as
careplan uses it: behind the screen of ``plan/quickload.py``, which sends every text it might
read differently down the libyaml path. Prints medians per plan (the examples, and plans from
benchmarks/generate.py), conformance on the copy of the yaml-test-suite, and hostile inputs.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careplan_cli.plan import scalars  # noqa: E402
from careplan_cli.plan.build import MAX_DEPTH, MAX_EXPANSION  # noqa: E402


class Refused(Exception):
    pass


def ryml_load(text: str) -> Any:
    """rapidyaml's tree built into careplan's data: core-schema scalars, merges, budget."""
    import ryml

    tree = ryml.parse_in_arena(text.encode())
    anchors: dict[bytes, tuple[Any, int]] = {}
    spent = [0]

    def scalar(raw: memoryview | None, quoted: bool) -> Any:
        value = "" if raw is None else bytes(raw).decode()
        if quoted:
            return value
        return scalars.construct(scalars.resolve(value), value)

    def value_of(node: int, depth: int) -> tuple[Any, int]:
        if depth > MAX_DEPTH:
            raise Refused("too deep")
        if tree.is_val_ref(node):
            data, size = anchors[bytes(tree.val_ref(node))]
            spent[0] += size
            if spent[0] > MAX_EXPANSION:
                raise Refused("alias budget")
            return data, size
        if tree.is_map(node):
            data, size = mapping(node, depth)
        elif tree.is_seq(node):
            data, size = [], 1
            child = tree.first_child(node)
            while child != ryml.NONE:
                item, item_size = value_of(child, depth + 1)
                data.append(item)
                size += item_size
                child = tree.next_sibling(child)
        else:
            data, size = scalar(tree.val(node), tree.is_val_quoted(node)), 1
        if tree.has_val_anchor(node):
            anchors[bytes(tree.val_anchor(node))] = (data, size)
        return data, size

    def mapping(node: int, depth: int) -> tuple[dict[str, Any], int]:
        explicit: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        size = 1
        child = tree.first_child(node)
        while child != ryml.NONE:
            raw_key = tree.key(child)
            key_text = "" if raw_key is None else bytes(raw_key).decode()
            quoted = tree.is_key_quoted(child)
            value, value_size = value_of(child, depth + 1)
            if key_text == "<<" and not quoted:
                for source in value if isinstance(value, list) else [value]:
                    spent[0] += len(source)
                    for name, item in source.items():
                        merged.setdefault(name, item)
            else:
                key = scalars.key_text(scalar(tree.key(child), quoted))
                if key in explicit:
                    raise Refused("duplicate key")
                explicit[key] = value
            size += value_size
            child = tree.next_sibling(child)
        if spent[0] > MAX_EXPANSION:
            raise Refused("alias budget")
        return ({**{k: v for k, v in merged.items() if k not in explicit}, **explicit}, size)

    root = tree.root_id()
    if tree.is_stream(root):
        root = tree.first_child(root)
    return value_of(root, 0)[0]


def libyaml_path(text: str) -> Any:
    """fast_load, and ruamel.yaml's composer where libyaml cannot read the text (any root)."""
    from careplan_cli.plan import reference
    from careplan_cli.plan.fastload import Fallback, fast_load

    try:
        return fast_load(text)
    except Fallback:
        data, finding = reference.load(text)
        if finding is not None:
            raise Refused(finding.code) from None
        return data


def careplan(text: str) -> Any:
    """What careplan reads today: yaml-rs behind the screen, else the libyaml path."""
    from careplan_cli.plan.build import Fallback
    from careplan_cli.plan.quickload import quick_load

    try:
        return quick_load(text)
    except Fallback:
        return libyaml_path(text)


def yaml_rs(text: str) -> Any:
    import yaml_rs as impl  # noqa: TID251 (measured as it comes, beside careplan's use)

    return impl.loads(text)


def median_ms(load: Any, texts: list[str], rounds: int = 7) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()  # CPU time: the machine may be shared
        for text in texts:
            load(text)
        times.append((time.process_time() - start) / len(texts))
    return statistics.median(times) * 1000


def conformance(load: Any) -> tuple[int, int]:
    cases = json.loads((ROOT / "tests/data/yaml-test-suite/cases.json").read_text())["cases"]
    agree = 0
    for case in cases.values():
        try:
            got: Any = ("data", load(case["yaml"]))
        except Exception:  # any refusal or error counts as refusing the text
            got = ("refused",)
        wanted = ("refused",) if case["error"] else ("data", case.get("json"))
        agree += got == wanted
    return agree, len(cases)


def hostile(load: Any) -> dict[str, str]:
    from tests.security.test_resources import merge_bomb

    bombs = {
        "merge bomb (7 levels)": merge_bomb().decode(),
        "alias bomb (9 levels)": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
            for i in range(8)
        ),
        "flow nesting 20,000 deep": "a: " + "[" * 20_000 + "]" * 20_000 + "\n",
    }  # fmt: skip
    outcome = {}
    for name, text in bombs.items():
        start = time.process_time()
        try:
            load(text)
            verdict = "loaded"
        except Exception as exc:  # any refusal is an outcome here
            verdict = f"refused ({type(exc).__name__})"
        outcome[name] = f"{verdict} in {time.process_time() - start:.2f} s CPU"
    return outcome


def generated(count: int) -> list[str]:
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        generator = ROOT / "benchmarks" / "generate.py"
        subprocess.run([sys.executable, generator, str(count), scratch], check=True)
        return [p.read_text() for p in sorted(Path(scratch).glob("*.yaml"))]


def main() -> None:
    texts = [p.read_text() for p in sorted((ROOT / "examples").glob("*.yaml"))]
    made = generated(500)
    loaders = {
        "libyaml path (libyaml + careplan)": libyaml_path,
        "careplan (yaml-rs screened, else libyaml path)": careplan,
        "rapidyaml + careplan": ryml_load,
        "yaml-rs as is": yaml_rs,
    }
    for name, load in loaders.items():
        same = all(load(t) == libyaml_path(t) for t in texts)
        agree, total = conformance(load)
        print(
            f"{name}: {median_ms(load, texts):.3f} ms/plan on the examples, "
            f"{median_ms(load, made):.3f} on 500 generated plans; same data as the libyaml "
            f"path on the examples: {same}; yaml-test-suite {agree}/{total}"
        )
        if name != "yaml-rs as is":  # it can recurse without bound: run it last, if at all
            for case, result in hostile(load).items():
                print(f"    {case}: {result}")  # fmt: skip


if __name__ == "__main__":
    main()
