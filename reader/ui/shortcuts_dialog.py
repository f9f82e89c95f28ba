"""Help → Keyboard Shortcuts: every command of the command table that has keys."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.i18n import tr


class ShortcutsDialog(QDialog):
    def __init__(self, commands: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        """``commands``: (menu, command, keys) rows, as ``Actions.shortcut_rows`` gives them."""
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard Shortcuts"))
        self.resize(620, 560)
        layout = QVBoxLayout(self)
        rows = [r for r in commands if r[2]]
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
