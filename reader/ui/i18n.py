"""Translation of visible strings. Every string a user sees goes through ``tr``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "BilingualReader"


def tr(text: str, context: str = CONTEXT) -> str:
    return QCoreApplication.translate(context, text)
