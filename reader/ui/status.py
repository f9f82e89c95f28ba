"""The window's title and status bar: what the session is doing, said to the reader."""

from __future__ import annotations

from pathlib import Path

# Dialogs as QtWidgets.X: PySide makes a class's Python type when it is first named, and
# these are not needed to start.
from PySide6 import QtWidgets
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from reader.ui import settings as S
from reader.ui.i18n import tr
from reader.ui.session import DocumentSession, LoadedArticle


class StatusPresenter(QObject):
    def __init__(self, window: QMainWindow, session: DocumentSession) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.bar = window.statusBar()
        self.path_label = QLabel()
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel()
        self.bar.addWidget(self.path_label, 1)
        self.bar.addPermanentWidget(self.count_label)
        session.opening.connect(lambda path: self.bar.showMessage(tr("Opening %1…", args=(path.name,))))
        session.opened.connect(self._opened)
        session.patched.connect(lambda _article: self.show_counts())
        session.failed.connect(self._failed)
        session.closed.connect(self._closed)
        session.alignment_changed.connect(self.show_counts)
        session.alignment_failed.connect(self.alignment_failed)

    def say_once_if_no_chinese_font(self, settings: S.Settings) -> None:
        """Without a CJK font Chinese shows as boxes: say once (ever) how to install one."""
        if settings.get(S.CJK_FONT_NOTICE) or has_chinese_font():
            return
        settings.set(S.CJK_FONT_NOTICE, True)
        notice = QLabel(tr("No Chinese font is installed, so Chinese text may show as boxes. "
                           "Install one, e.g. on Debian or Ubuntu: sudo apt install fonts-noto-cjk"))
        notice.setObjectName("cjk_font_notice")
        notice.setWordWrap(True)
        self.bar.addWidget(notice, 1)

    def say(self, text: str, timeout: int = 10000) -> None:
        self.bar.showMessage(text, timeout)

    def alignment_failed(self, message: str) -> None:
        self.say(tr("Alignment failed: %1", args=(message,)))

    def _opened(self, loaded: LoadedArticle) -> None:
        article = loaded.article
        self.window.setWindowTitle(f"{article.title} — {tr('Bilingual Reader')}")
        self.path_label.setText(str(article.path) if article.path else "")
        self.show_counts()
        self.bar.clearMessage()
        if article.warnings:
            self.say(tr("Opened with warnings: %1", args=("; ".join(article.warnings[:3]),)))
        if self.session.reloading:
            self.say(tr("Reloaded: the file changed on disk."), 4000)

    def _failed(self, path: Path, message: str, quiet: bool) -> None:
        self.bar.clearMessage()
        if quiet:  # no dialog for a save caught half-way: the last good text stays
            self.say(tr("Not reloaded: %1", args=(message,)))
            return
        if not self.window.isVisible():  # started on this file: the window first, the message over it
            QTimer.singleShot(0, self, lambda: QtWidgets.QMessageBox.warning(self.window, tr("Cannot open article"), message))
            return
        QtWidgets.QMessageBox.warning(self.window, tr("Cannot open article"), message)

    def _closed(self) -> None:
        self.window.setWindowTitle(tr("Bilingual Reader"))
        self.path_label.clear()
        self.count_label.clear()

    def show_counts(self) -> None:
        article, parallel = self.session.article, self.session.parallel
        if article is None:
            self.count_label.clear()
            return
        words, chars = article.counts
        text = tr("%1 words · %2 characters", args=(f"{words:,}", f"{chars:,}"))
        if parallel is not None:
            text = tr("%n pair(s) · %1 unpaired", "", parallel.paired_count, args=(parallel.unpaired_count,)) + "   " + text
        self.count_label.setText(text)


def has_chinese_font() -> bool:
    """Is a font that writes Simplified Chinese installed?"""
    from PySide6.QtGui import QFontDatabase

    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
