"""Hostile inputs in the window (issue 14): the window stays responsive and says what failed."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer

from reader.ui.original_pane import OriginalState
from tests.conftest import Handler, trickle


def _article(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "article.md"
    path.write_text(f"# 标题\n\n> 原文：<{url}>\n\n第一段。\n\n第二段。\n", encoding="utf-8")
    return path


def test_a_trickling_original_fails_at_the_deadline_and_the_window_stays_responsive(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, raw_server: Callable[[Handler], str]) -> None:
    url = raw_server(trickle("body"))
    window.originals.deadline = 1.5
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    window.open_file(_article(tmp_path, url))
    pane = window.original_pane
    qtbot.waitUntil(lambda: pane.state == OriginalState.FAILED, timeout=10_000)
    timer.stop()
    assert "within 1.5 s" in pane.detail.text()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert ticks and max(gaps) < 1.0  # the UI thread never waited on the server
