"""The window's place, pane split, toolbar and docks, kept from one run to the next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow

from reader.ui import settings as S
from reader.ui.layouts import ReadingLayout
from reader.ui.lazy_dock import LazyDock


def restore_window(window: QMainWindow, settings: S.Settings, layout: ReadingLayout,
                   first_start: Callable[[], None]) -> None:
    """As at the last quit; ``first_start`` runs when nothing was saved yet."""
    geometry = settings.get(S.GEOMETRY)
    if geometry:
        window.restoreGeometry(QByteArray(geometry))
    else:
        window.resize(1400, 900)
    layout.set_orientation(settings.get(S.ORIENTATION))
    if settings.get(S.SWAPPED) and not layout.swapped:
        layout.swap()
    state = settings.get(S.SPLITTER)  # sizes are in the order of the panes
    if state:
        layout.split_restored = layout.splitter.restoreState(QByteArray(state))
    layout.name = "interleaved" if settings.get(S.LAYOUT) == "interleaved" else "side"
    # The toolbar and the docks open at the last quit, in their places.
    window_state = settings.get(S.WINDOW_STATE)
    if window_state is None:
        first_start()
        return
    window.restoreState(QByteArray(window_state))  # docks made later take their places from it
    docks = {lazy.name: lazy for lazy in window.findChildren(LazyDock)}
    for name in settings.get(S.OPEN_DOCKS):
        if name in docks:
            docks[name].set_visible(True)


def save_window(window: QMainWindow, settings: S.Settings, layout: ReadingLayout) -> None:
    settings.set(S.GEOMETRY, window.saveGeometry())
    settings.set(S.SPLITTER, layout.splitter.saveState())
    settings.set(S.WINDOW_STATE, window.saveState())
    settings.set(S.OPEN_DOCKS, [lazy.name for lazy in window.findChildren(LazyDock) if lazy.is_open])
    settings.q.sync()
