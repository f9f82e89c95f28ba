"""A dock built the first time it is needed; its checkable menu action exists from the start.

Most sessions never open most docks: building them (and importing their modules) at start
would delay the first paint for nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

D = TypeVar("D", bound=QDockWidget)
DEFAULT_WIDTH = 320  # px: a side dock leaves the reading panes most of the window


class LazyDock(QObject, Generic[D]):
    def __init__(self, window: QMainWindow, name: str, area: Qt.DockWidgetArea, build: Callable[[], D],
                 text: str, shortcut: str | None = None) -> None:
        super().__init__(window)
        self.name = name  # the dock's objectName: how the window's saved state knows it
        self._window = window
        self._area = area
        self._build = build
        self._dock: D | None = None
        self._needs_width = False
        self.action = QAction(text, window)
        self.action.setCheckable(True)
        if shortcut:
            self.action.setShortcut(QKeySequence(shortcut))
        self.action.triggered.connect(self.set_visible)

    @property
    def built(self) -> bool:
        return self._dock is not None

    def get(self) -> D:
        """The dock, built (hidden) on the first call."""
        if self._dock is None:
            dock = self._build()
            dock.setObjectName(self.name)
            dock.hide()
            self._window.addDockWidget(self._area, dock)
            # Its place and size from the last session; else a modest width, set when first shown.
            self._needs_width = not self._window.restoreDockWidget(dock)
            # Closing the dock by its title bar, or showing it from code, updates the menu.
            dock.toggleViewAction().toggled.connect(self.action.setChecked)
            self._dock = dock
        return self._dock

    @property
    def is_open(self) -> bool:
        """Built and not closed (a dock tabbed behind another is open too)."""
        return self._dock is not None and self._dock.toggleViewAction().isChecked()

    def set_visible(self, visible: bool) -> None:
        if not visible and self._dock is None:
            return
        dock = self.get()
        dock.setVisible(visible)
        if visible:
            dock.raise_()
            if self._needs_width and self._area in (Qt.DockWidgetArea.LeftDockWidgetArea,
                                                    Qt.DockWidgetArea.RightDockWidgetArea):
                self._needs_width = False  # the reader's own width is saved with the window
                # Once the dock is laid out (a dock not yet placed ignores the request).
                QTimer.singleShot(0, dock, lambda: self._window.resizeDocks(
                    [dock], [min(DEFAULT_WIDTH, self._window.width() // 4)], Qt.Orientation.Horizontal))
