"""The Qt layer: windows, panes, docks, dialogs and background workers. Thin over the core."""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401  # first Qt import, so the hook below exists


def _cheaper_feature_scan() -> None:
    """Make PySide's per-import source scan a plain file read.

    PySide6 hooks ``__import__`` for its opt-in ``from __feature__ import …`` and, on the first
    import of every module, reads the module's source with ``inspect.getsource`` to see whether
    it mentions "PySide6". Through ``inspect`` that costs ~40 ms of our start-up; a byte search
    of the same file gives the same answer. Left alone if PySide changes its internals.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return

    def mod_uses_pyside(module: object) -> bool:
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None)
        if not isinstance(origin, str) or not origin.endswith(".py"):
            return False  # builtin, extension or frozen: no source, as inspect would find
        try:
            with open(origin, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False

    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[attr-defined]


_cheaper_feature_scan()
