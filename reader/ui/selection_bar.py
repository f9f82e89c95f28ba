"""A small floating bar near the selected text: five colours and a note."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from reader.ui.annotation_controller import COLORS
from reader.ui.i18n import tr


class SelectionBar(QFrame):
    color_chosen = Signal(str)
    note_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("selectionBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        for number, (name, color) in enumerate(COLORS.items(), 1):
            button = QToolButton()
            button.setAccessibleName(tr("Highlight %1", args=(name,)))
            button.setToolTip(tr("Highlight (Ctrl+%1)", args=(str(number),)))
            solid = color.toRgb()
            solid.setAlpha(255)
            button.setStyleSheet(f"QToolButton {{ background: {solid.name()}; border-radius: 8px; "
                                 "min-width: 16px; min-height: 16px; }")
            button.clicked.connect(lambda _=False, n=name: self.color_chosen.emit(n))
            layout.addWidget(button)
        note = QToolButton()
        note.setText(tr("Note"))
        note.setToolTip(tr("Add a note (Ctrl+Shift+N)"))
        note.clicked.connect(self.note_requested.emit)
        layout.addWidget(note)
        self.hide()

    def show_at(self, point: QPoint) -> None:
        self.adjustSize()
        parent = self.parentWidget()
        if parent is None:
            return
        x = min(max(4, point.x() - self.width() // 2), parent.width() - self.width() - 4)
        y = point.y() + 8
        if y + self.height() > parent.height():
            y = point.y() - self.height() - 28
        self.move(x, max(4, y))
        self.show()
        self.raise_()
