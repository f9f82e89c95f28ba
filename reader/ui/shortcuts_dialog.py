"""Help → Keyboard Shortcuts: every menu command and its keys."""

from __future__ import annotations

import re

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.i18n import tr


def menu_commands(bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, command, shortcut) for every action reachable from the menus."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            if isinstance(submenu := action.menu(), QMenu):
                walk(submenu, f"{path} › {_clean(action.text())}")
                continue
            keys = ", ".join(name for k in action.shortcuts()
                             if _typed(name := k.toString(QKeySequence.SequenceFormat.NativeText)))
            rows.append((path, _clean(action.text()), keys))

    for action in bar.actions():
        if isinstance(menu := action.menu(), QMenu):
            walk(menu, _clean(action.text()))
    return rows


def _typed(key: str) -> bool:
    """A combination one types (Ctrl+W, F3), not a dedicated key of some keyboards (Open, Find)."""
    return "+" in key or bool(re.fullmatch(r"F\d{1,2}", key)) or len(key) == 1


def _clean(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class ShortcutsDialog(QDialog):
    def __init__(self, bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard Shortcuts"))
        self.resize(620, 560)
        layout = QVBoxLayout(self)
        rows = [r for r in menu_commands(bar) if r[2]]
        table = QTableWidget(len(rows), 3)
        table.setAccessibleName(tr("Keyboard shortcuts"))
        table.setHorizontalHeaderLabels([tr("Menu"), tr("Command"), tr("Shortcut")])
        table.verticalHeader().hide()
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(value))
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table = table
