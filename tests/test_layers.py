"""The layers stay apart: the core and the CLI commands never load Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_IMPORT_ALL = """
import importlib, pkgutil, sys
import reader.core, reader.commands
names = [m.name for pkg in (reader.core, reader.commands)
         for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")]
for name in names:
    importlib.import_module(name)
import reader.cli
reader.cli.build_parser()
print(len(names))
print(" ".join(sorted(n for n in sys.modules if n.split(".")[0] in ("PySide6", "shiboken6"))))
"""


def test_core_and_commands_load_no_qt() -> None:
    """Every module of reader.core and reader.commands, imported in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", _IMPORT_ALL], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert int(out[0]) >= 25  # all of them were found
    assert out[1:] == [""], f"Qt loaded by the core or the CLI: {out[1]}"


def _ui_imports() -> dict[str, set[str]]:
    """reader.ui module -> the reader.ui modules it imports anywhere (lazily and for types too)."""
    import ast

    graph: dict[str, set[str]] = {}
    for path in sorted((ROOT / "reader" / "ui").glob("*.py")):
        name = f"reader.ui.{path.stem}" if path.stem != "__init__" else "reader.ui"
        edges = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            edges.update(t for t in targets if t.startswith("reader.ui.") and t != name)
    known = set(graph)
    return {name: {t for t in edges if t in known} for name, edges in graph.items()}


def test_no_import_circle_in_the_ui() -> None:
    graph = _ui_imports()
    assert "reader.ui.main_window" in graph and graph["reader.ui.main_window"]
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (circle := visit(target)):
                return circle
        path.pop()
        state[name] = 2
        return None

    for name in sorted(graph):
        if name not in state:
            circle = visit(name)
            assert circle is None, " -> ".join(circle)
