"""The one-way import rule: each layer of foggyhill imports only the layers below it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "foggyhill"

# layer -> the layers it may import (besides itself)
ALLOWED: dict[str, set[str]] = {
    "lang": set(),  # the words' catalogs, beneath everything that says a word
    "core": set(),
    "timeline": {"core"},
    "nn": {"core"},
    "studio": {"nn", "core"},
    "render": {"timeline", "nn", "core"},
    "web": {"studio", "render", "timeline", "nn", "core"},
    "notebook": {"web", "studio", "render", "timeline", "nn", "core"},
    "cli": {"web", "studio", "render", "timeline", "nn", "core", "notebook"},
    "__init__": {"core", "studio", "notebook"},  # studio and notebook only lazily, on first use (module __getattr__)
    "__main__": {"cli"},
}
# The package root re-exports core (and holds __version__): every layer above core may import it.
for _layer in ALLOWED.keys() - {"lang", "core", "__init__"}:
    ALLOWED[_layer].add("__init__")
for _layer in ALLOWED.keys() - {"lang"}:
    ALLOWED[_layer].add("lang")


def layer_of(path: Path) -> str:
    """The layer a source file belongs to: its first folder under the package, or its module name."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def imported_layers(path: Path) -> list[tuple[int, str]]:
    """Every foggyhill layer a file imports, with the line, relative imports resolved."""
    module = list(path.relative_to(PACKAGE).with_suffix("").parts)
    package = ["foggyhill", *module[:-1]] if module[-1] != "__init__" else ["foggyhill", *module[:-1]]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = [*base, *(node.module.split(".") if node.module else [])]
                if not node.module:  # "from . import x": x is a module of the base package, or a name in it
                    names = [
                        ".".join([*base, alias.name]) if _is_module([*base, alias.name]) else ".".join(base)
                        for alias in node.names
                    ]
                else:
                    names = [".".join(target)]
            elif node.module:
                names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "foggyhill":
                found.append((node.lineno, parts[1] if len(parts) > 1 else "__init__"))
    return found


def _is_module(dotted: list[str]) -> bool:
    """Whether foggyhill.a.b names a module or package (rather than a name defined in one)."""
    path = PACKAGE.joinpath(*dotted[1:])
    return path.is_dir() or path.with_suffix(".py").is_file()


def upward_imports() -> list[str]:
    """Every import that breaks the one-way rule, as 'file:line imports layer'."""
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = layer_of(path)
        assert layer in ALLOWED, f"{path}: new layer {layer!r}; add it to ALLOWED in tests/test_layers.py"
        for line, target in imported_layers(path):
            if target != layer and target not in ALLOWED[layer]:
                problems.append(f"{path.relative_to(PACKAGE)}:{line} ({layer}) imports {target}")
    return problems


def test_no_layer_imports_upward() -> None:
    assert upward_imports() == []


def test_the_checker_catches_an_upward_import(tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "foggyhill"
    (fake / "core").mkdir(parents=True)
    (fake / "web").mkdir()
    (fake / "core" / "bad.py").write_text("from ..web import app\nimport foggyhill.cli\n")
    (fake / "web" / "fine.py").write_text("from ..core import descend\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    assert upward_imports() == ["core/bad.py:1 (core) imports web", "core/bad.py:2 (core) imports cli"]
