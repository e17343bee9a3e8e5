"""The layers of docs/architecture.md, held by walking every import in the package.

Imports inside functions count (they run all the same); those under ``if TYPE_CHECKING:``
do not. A failure names the module and the import that breaks the rule.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "careplan_cli"
LAYERS = ("cli", "commands", "report", "adapters", "plan")
# What each layer may import from the package (besides itself and the top-level modules).
ALLOWED = {
    "cli": {"commands", "report", "plan"},
    "commands": {"adapters", "report", "plan"},
    "report": {"plan"},
    "adapters": {"plan"},
    "plan": set(),
}
# Foreign libraries that one place owns.
OWNERS = {
    "typer": "careplan_cli.cli",
    "rich": "careplan_cli.cli.output",
    "git": "careplan_cli.adapters.gitio",
    "yaml_rs": "careplan_cli.plan.quickload",
}
NOT_IN_CLI = ("git", "ruamel", "yaml", "yaml_rs", "jsonschema", "jsonschema_rs")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import that runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _type_checking(node):
            skipped.update(id(n) for child in node.body for n in ast.walk(child))
    package = _package_of(path)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield node.lineno, candidate if candidate in MODULES else base


def _package_of(path: Path) -> str:
    """The package a relative import in ``path`` starts from ("" outside careplan_cli)."""
    if not path.is_relative_to(PACKAGE):
        return ""
    name = module_name(path)
    return name if path.name == "__init__.py" else name.rsplit(".", 1)[0]


def internal_edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for _, target in imports(path):
            if target.startswith("careplan_cli") and target in MODULES and target != name:
                edges[name].add(target)
    return edges


def layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_the_layers_are_sub_packages() -> None:
    for name in LAYERS:
        assert (PACKAGE / name / "__init__.py").is_file(), name


def test_each_layer_imports_only_the_layers_below_it() -> None:
    broken = []
    for name, path in MODULES.items():
        own = layer(name)
        if own is None:
            continue
        for line, target in imports(path):
            other = layer(target) if target.startswith("careplan_cli") else None
            if other is not None and other != own and other not in ALLOWED[own]:
                broken.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}")
    assert broken == []


@pytest.mark.parametrize("library", sorted(OWNERS))
def test_one_module_owns_each_foreign_library(library: str) -> None:
    owner = OWNERS[library]
    broken = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for name, path in MODULES.items()
        for line, target in imports(path)
        if target.split(".")[0] == library and not (name == owner or name.startswith(owner + "."))
    ]
    assert broken == []


def test_the_command_line_layer_parses_no_yaml_and_runs_no_git() -> None:
    broken = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}"
        for name, path in MODULES.items()
        if layer(name) == "cli"
        for line, target in imports(path)
        if target.split(".")[0] in NOT_IN_CLI
    ]
    assert broken == []


def test_no_import_cycles() -> None:
    edges = internal_edges()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in edges:
        if name not in index:
            visit(name)
    assert cycles == []


def test_no_module_is_over_300_lines() -> None:
    long = {
        name: n
        for name, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 300
    }
    assert long == {}


def test_the_walker_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import git\n"
        "def f():\n    import rich\n"
    )
    assert [t for _, t in imports(sample)] == ["typing", "rich"]


def test_every_command_goes_through_the_one_error_handler() -> None:
    from careplan_cli.cli import app

    unwrapped = [
        info.callback.__name__
        for info in app.registered_commands
        if info.callback is not None and not hasattr(info.callback, "__wrapped__")
    ]
    assert unwrapped == []
