"""The window with a store that takes no writes: it reads, and says why nothing is saved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.store import StoreError
from reader.ui.app import create_window, make_application
from reader.ui.tasks import wait_for_all
from tests.conftest import SAMPLE
from tests.ui.conftest import open_and_settle


def _window(qtbot, data_dir: Path):  # type: ignore[no-untyped-def]
    make_application()
    win = create_window(data_dir)
    qtbot.addWidget(win)
    win.resize(1000, 700)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_read_only_data_folder_opens_articles_with_their_annotations(
        qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """(The read-only folder itself is tested for real from the CLI, in a mount namespace.)"""
    assert main(["annotate", str(SAMPLE), "--quote", "Meta 决定启动", "--data-dir", str(data_dir)]) == 0
    real_access = os.access
    monkeypatch.setattr("reader.core.store.os.access",
                        lambda path, mode: False if Path(path) == data_dir else real_access(path, mode))
    win = _window(qtbot, data_dir)
    try:
        qtbot.waitUntil(lambda: "read-only" in win.statusBar().currentMessage(), timeout=5_000)
        open_and_settle(qtbot, win, SAMPLE)
        qtbot.waitUntil(lambda: len(win.annotations.annotations) == 1, timeout=10_000)
        win.translation_view.verticalScrollBar().setValue(200)
        win.session.save_progress()  # reading state is not saved, and nothing breaks
        win.annotations.save_reading_position()
        assert win.writer.flush()
    finally:
        win.originals.cancel()
        wait_for_all(10_000)
        win.close()


def test_a_store_that_stops_taking_writes_is_said_not_raised(
        qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A disk that fills while reading: saving the reading state says why it failed."""
    win = _window(qtbot, data_dir)
    try:
        def full(*_args: object, **_kwargs: object) -> None:
            raise StoreError("Cannot save to the store: the disk is full")

        open_and_settle(qtbot, win, SAMPLE)
        assert win.writer.flush()  # the UI thread writes nothing itself: the store writer does
        monkeypatch.setattr(win.writer.connection(), "write", full)  # (idle now: safe to patch)
        win.close_article()
        open_and_settle(qtbot, win, SAMPLE)
        qtbot.waitUntil(lambda: "disk is full" in win.statusBar().currentMessage(), timeout=5_000)
        win.statusBar().clearMessage()
        win.session.save_progress()
        qtbot.waitUntil(lambda: "disk is full" in win.statusBar().currentMessage(), timeout=5_000)
        win.statusBar().clearMessage()
        win.annotations.save_reading_position()
        qtbot.waitUntil(lambda: "disk is full" in win.statusBar().currentMessage(), timeout=5_000)
    finally:
        win.originals.cancel()
        wait_for_all(10_000)
        win.close()
