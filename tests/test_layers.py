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
