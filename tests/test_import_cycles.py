"""No import cycles between foggyhill's modules: two modules that import each other (even only for type checking,
even inside a function) are one concept split in two, or one of them holds what belongs to the other."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "foggyhill"


def module_name(path: Path, package: Path) -> str:
    """foggyhill.studio.parser for …/studio/parser.py; foggyhill.studio for …/studio/__init__.py."""
    parts = list(path.relative_to(package).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["foggyhill", *parts])


def imports_of(path: Path, package: Path, modules: set[str]) -> set[str]:
    """The foggyhill modules a file imports, relative imports resolved; its own enclosing packages left out (they
    are already being imported when it runs, so an import of them closes no cycle)."""
    name = module_name(path, package)
    base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parent = base[: len(base) - (node.level - 1)] if node.level else []
            module = ".".join([*parent, *(node.module.split(".") if node.module else [])])
            targets = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        for target in targets:
            while target and target not in modules:  # `import foggyhill.core.x.y`: the deepest module it names
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                found.add(target)
    return found


def import_cycles(package: Path = PACKAGE) -> list[list[str]]:
    """Every group of modules that import one another in a circle (strongly connected, Tarjan), each sorted."""
    paths = {module_name(p, package): p for p in sorted(package.rglob("*.py"))}
    graph = {name: sorted(imports_of(path, package, set(paths))) for name, path in paths.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for name in graph:
        if name not in index:
            visit(name)
    return sorted(cycles)


def test_no_import_cycles() -> None:
    assert import_cycles() == []


def test_the_checker_catches_a_cycle(tmp_path: Path) -> None:
    fake = tmp_path / "foggyhill"
    (fake / "studio").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "studio" / "__init__.py").write_text("from .parser import parse\n")
    (fake / "studio" / "parser.py").write_text("from . import errors\nfrom .diagnose import explain\n")
    (fake / "studio" / "errors.py").write_text("import foggyhill\n")
    (fake / "studio" / "diagnose.py").write_text("from .mistakes import EXPLAINERS\n")
    (fake / "studio" / "mistakes.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from foggyhill.studio.diagnose import Context\n"
    )
    assert import_cycles(fake) == [["foggyhill.studio.diagnose", "foggyhill.studio.mistakes"]]
    (fake / "studio" / "mistakes.py").write_text("from .errors import Span\n")
    assert import_cycles(fake) == []
