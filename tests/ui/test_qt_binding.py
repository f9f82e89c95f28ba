"""The Qt binding must not leak references of None (PySide6 6.12.0 did, fatally, on 3.11)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QTextBrowser


def test_void_calls_keep_none_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = QTextBrowser()
    qtbot.addWidget(view)
    app = QApplication.instance()
    before = sys.getrefcount(None)
    for _ in range(2000):
        view.setExtraSelections([])
        view.verticalScrollBar().setValue(0)
        app.processEvents()
    # A binding that drops a reference per call would be thousands below.
    assert sys.getrefcount(None) - before > -100
