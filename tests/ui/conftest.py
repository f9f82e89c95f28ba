"""UI fixtures: a real main window on a temp data dir, offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.ui.app import create_window, make_application
from reader.ui.tasks import wait_for_all


@pytest.fixture
def window(qtbot, data_dir: Path) -> Iterator:  # type: ignore[no-untyped-def]
    make_application()
    win = create_window(data_dir)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.originals.cancel()
    wait_for_all(10_000)


def open_and_settle(qtbot, win, path: Path, original: str | None = None, timeout: int = 15_000) -> None:  # type: ignore[no-untyped-def]
    win.open_file(path, original=original)
    qtbot.waitUntil(win.settled, timeout=timeout)
