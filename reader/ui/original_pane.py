"""The English pane: the original article, or a calm message about its state."""

from __future__ import annotations

import html
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.ui.article_view import ArticleView
from reader.ui.i18n import tr


class OriginalState(Enum):
    EMPTY = "empty"  # no article open
    NO_SOURCE = "no_source"  # the article names no original
    NOT_LOADED = "not_loaded"  # an original exists but is not loaded
    LOADING = "loading"
    FAILED = "failed"
    LOADED = "loaded"


SETTLED = {OriginalState.EMPTY, OriginalState.NO_SOURCE, OriginalState.NOT_LOADED,
           OriginalState.FAILED, OriginalState.LOADED}  # fmt: skip


class OriginalPane(QStackedWidget):
    retry_requested = Signal()
    cancel_requested = Signal()
    load_file_requested = Signal()
    state_changed = Signal(object)

    def __init__(self, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.state = OriginalState.EMPTY
        self.message_page = QWidget()
        self.message_page.setObjectName("originalMessage")
        layout = QVBoxLayout(self.message_page)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addStretch(1)
        self.title = QLabel()
        self.title.setObjectName("stateTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.detail.setOpenExternalLinks(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setMaximumWidth(360)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.retry_button = QPushButton(tr("Retry"))
        self.cancel_button = QPushButton(tr("Cancel"))
        self.file_button = QPushButton(tr("Load original from file…"))
        for button, signal in (
            (self.retry_button, self.retry_requested),
            (self.cancel_button, self.cancel_requested),
            (self.file_button, self.load_file_requested),
        ):
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addWidget(self.detail)
        layout.addSpacing(12)
        layout.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.addWidget(self.message_page)
        self.addWidget(view)
        self.set_state(OriginalState.EMPTY)

    @property
    def finished(self) -> bool:
        """Loading is over, whatever the outcome (the pane may be hidden)."""
        return self.state in SETTLED

    @property
    def settled(self) -> bool:
        return self.state in SETTLED and (self.state != OriginalState.LOADED or self.view.painted_since_load)

    def set_state(self, state: OriginalState, detail: str = "", *, title: str | None = None) -> None:
        self.state = state
        titles = {
            OriginalState.EMPTY: tr("English original"),
            OriginalState.NO_SOURCE: tr("This article names no English original"),
            OriginalState.NOT_LOADED: tr("Original not loaded"),
            OriginalState.LOADING: tr("Fetching the English original…"),
            OriginalState.FAILED: tr("The original could not be loaded"),
            OriginalState.LOADED: "",
        }
        self.title.setText(title if title is not None else titles[state])
        self.detail.setText(detail)
        self.progress.setVisible(state == OriginalState.LOADING)
        self.cancel_button.setVisible(state == OriginalState.LOADING)
        self.retry_button.setVisible(state == OriginalState.FAILED)
        self.file_button.setVisible(state in (OriginalState.NO_SOURCE, OriginalState.NOT_LOADED,
                                              OriginalState.FAILED))
        if state == OriginalState.LOADING:
            self.progress.setRange(0, 0)
        self.setCurrentWidget(self.view if state == OriginalState.LOADED else self.message_page)
        self.state_changed.emit(state)

    def show_source(self, url: str | None) -> None:
        """The state before any fetch: say which original belongs to the article."""
        if not url:
            self.set_state(OriginalState.NO_SOURCE, tr("Load a saved copy of the original from a file."))
            return
        link = f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>'
        self.set_state(OriginalState.NOT_LOADED, link)

    def set_progress(self, received: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(received, total))
            self.progress.setFormat(tr("%1 of %2 KB", args=(f"{received // 1024}", f"{total // 1024}")))
        else:
            self.progress.setRange(0, 0)
            self.progress.setFormat(tr("%1 KB received", args=(f"{received // 1024}",)))
