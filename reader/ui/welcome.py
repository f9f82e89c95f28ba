"""The empty window: a welcoming page with ways to start reading."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
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

COLUMN_WIDTH = 620


class WelcomePage(QWidget):
    open_requested = Signal(Path)
    browse_requested = Signal()
    folder_requested = Signal()

    def __init__(self, settings: S.Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        column = QWidget()
        column.setFixedWidth(COLUMN_WIDTH)
        layout = QVBoxLayout(column)
        layout.setSpacing(12)
        title = QLabel(tr("Bilingual Reader"))
        title.setObjectName("welcomeTitle")
        title.setStyleSheet("font-size: 24pt; font-weight: 600;")
        subtitle = QLabel(tr("Read a Chinese translation beside its English original, paragraph by paragraph."))
        subtitle.setWordWrap(True)
        subtitle.setStyleSheet("font-size: 12pt;")
        buttons = QHBoxLayout()
        open_button = QPushButton(tr("Open file…"))
        open_button.setObjectName("welcomeOpen")
        open_button.clicked.connect(self.browse_requested.emit)
        folder_button = QPushButton(tr("Open folder…"))
        folder_button.setObjectName("welcomeFolder")
        folder_button.setToolTip(tr("Add a folder of articles to the library"))
        folder_button.clicked.connect(self.folder_requested.emit)
        buttons.addWidget(open_button)
        buttons.addWidget(folder_button)
        buttons.addStretch(1)
        self.list_label = QLabel(tr("Sample articles and recent files"))
        self.list_label.setStyleSheet("font-weight: 600; margin-top: 12px;")
        self.list = QListWidget()
        self.list.setObjectName("welcomeList")
        self.list.setAccessibleName(tr("Sample articles and recent files"))
        self.list.setMinimumHeight(180)
        self.list.setStyleSheet("QListWidget::item { padding: 5px 4px; }")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.itemActivated.connect(self._activate)
        self.list.itemDoubleClicked.connect(self._activate)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addLayout(buttons)
        layout.addWidget(self.list_label)
        layout.addWidget(self.list)
        outer.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.setTabOrder(open_button, folder_button)
        self.setTabOrder(folder_button, self.list)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        seen: set[str] = set()
        for path in [Path(p) for p in self.settings.get(S.RECENT)] + sample_articles():
            key = str(path.resolve()) if path.exists() else str(path)
            if key in seen or not path.exists():
                continue
            seen.add(key)
            item = QListWidgetItem(f"{_title(path)}  —  {path.name}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)

    def _activate(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole)))


def _title(path: Path) -> str:
    """The first heading, read cheaply (the list must not wait for a full parse)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            for _, line in zip(range(40), fh, strict=False):
                if line.startswith("# "):
                    return line[2:].strip()
    except OSError:
        pass
    return path.stem
