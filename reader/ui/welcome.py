"""The empty window: a welcoming page with ways to start reading."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.paths import sample_articles
from reader.ui import settings as S
from reader.ui.i18n import tr


class WelcomePage(QWidget):
    open_requested = Signal(Path)
    browse_requested = Signal()

    def __init__(self, settings: S.Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.addStretch(1)
        title = QLabel(tr("Bilingual Reader"))
        title.setObjectName("welcomeTitle")
        title.setStyleSheet("font-size: 22pt; font-weight: 600;")
        subtitle = QLabel(tr("Read a Chinese translation beside its English original, paragraph by paragraph."))
        subtitle.setWordWrap(True)
        open_button = QPushButton(tr("Open file…"))
        open_button.setObjectName("welcomeOpen")
        open_button.clicked.connect(self.browse_requested.emit)
        open_button.setMaximumWidth(220)
        self.list_label = QLabel(tr("Sample articles and recent files"))
        self.list = QListWidget()
        self.list.setObjectName("welcomeList")
        self.list.setAccessibleName(tr("Sample articles and recent files"))
        self.list.setMaximumWidth(720)
        self.list.setMinimumHeight(160)
        self.list.itemActivated.connect(self._activate)
        self.list.itemDoubleClicked.connect(self._activate)
        for widget in (title, subtitle, open_button, self.list_label, self.list):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter if widget is not self.list else Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        seen: set[str] = set()
        for path in [Path(p) for p in self.settings.get(S.RECENT)] + sample_articles():
            key = str(path.resolve()) if path.exists() else str(path)
            if key in seen or not path.exists():
                continue
            seen.add(key)
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)

    def _activate(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
