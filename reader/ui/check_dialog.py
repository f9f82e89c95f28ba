"""Translation check: the pairs whose translation lacks numbers, URLs or code of the original."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reader.core.parallel import ParallelText
from reader.ui.i18n import tr


class TranslationCheckDialog(QDialog):
    pair_chosen = Signal(int)

    def __init__(self, parallel: ParallelText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Translation Check"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Pairs to check"))
        self.list.setWordWrap(True)
        for k, pair in enumerate(parallel.pairs):
            missing = pair.differences()
            if not missing:
                continue
            item = QListWidgetItem(
                tr("%1 — missing in the translation: %2", args=(pair.zh_text()[:60], ", ".join(missing)))
            )
            item.setData(Qt.ItemDataRole.UserRole, k)
            self.list.addItem(item)
        summary = QLabel(tr("%n pair(s) to check", "", self.list.count()))
        layout.addWidget(summary)
        layout.addWidget(self.list)
        if not self.list.count():  # say so, rather than show an empty list
            self.list.hide()
            summary.setText(tr("Nothing to check: every translated paragraph keeps the numbers, "
                               "links and code of its original."))
            summary.setWordWrap(True)
            layout.addStretch(1)
            self.resize(480, 160)
        self.list.itemActivated.connect(self._choose)
        self.list.itemClicked.connect(self._choose)

    def _choose(self, item: QListWidgetItem) -> None:
        self.pair_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
