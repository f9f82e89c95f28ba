"""Find in page: every match tinted, the current one selected, a count, next and previous."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

from reader.ui.article_view import ArticleView
from reader.ui.i18n import tr

MATCH_TINT = QColor(255, 200, 0, 90)
LAYER = "4-find"
MAX_MATCHES = 10_000
LONG_DOCUMENT = 100_000  # characters: past this, search once typing pauses (keys are never held up)
TYPING_PAUSE_MS = 180


class FindBar(QFrame):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.view: ArticleView | None = None  # the pane find was opened in
        self.partner: ArticleView | None = None  # the other pane, searched too with "Both panes"
        self.matches: list[QTextCursor] = []
        self.match_views: list[ArticleView] = []  # the pane of each match
        self.current = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.field = QLineEdit()
        self.field.setPlaceholderText(tr("Find in page"))
        self.field.setAccessibleName(tr("Find in page"))
        self.field.setClearButtonEnabled(True)
        self._plain: dict[int, tuple[int, str, str]] = {}  # document id -> (revision, text, lowered)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.search)
        self.field.textChanged.connect(self._typed)
        self.field.returnPressed.connect(self.next)
        self.count = QLabel()
        self.count.setMinimumWidth(90)
        self.where = QLabel()  # which pane is searched
        self.where.setAccessibleName(tr("Searched pane"))
        self.both = QCheckBox(tr("&Both panes"))
        self.both.setToolTip(tr("Search the translation and the original"))
        self.both.toggled.connect(lambda _on: self.search())
        self.previous_button = QToolButton()
        self.previous_button.setText("↑")
        self.previous_button.setToolTip(tr("Previous match (Shift+F3)"))
        self.previous_button.setAccessibleName(tr("Previous match"))
        self.previous_button.clicked.connect(self.previous)
        self.next_button = QToolButton()
        self.next_button.setText("↓")
        self.next_button.setToolTip(tr("Next match (F3)"))
        self.next_button.setAccessibleName(tr("Next match"))
        self.next_button.clicked.connect(self.next)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip(tr("Close (Esc)"))
        self.close_button.setAccessibleName(tr("Close the find bar"))
        self.close_button.clicked.connect(self.close_bar)
        for widget in (self.where, self.field, self.count, self.both, self.previous_button, self.next_button,
                       self.close_button):
            layout.addWidget(widget)
        layout.setStretch(1, 1)
        self.setMaximumWidth(760)
        self.hide()

    def open_in(self, views: tuple[ArticleView, ...], reading: ArticleView) -> None:
        """Find in the pane the reader is in: the one with the focus, else the one searched
        last, else ``reading``; the other pane of the two, if shown, can be searched too."""
        focused = QApplication.focusWidget()
        view = next((v for v in views if v is focused and v.isVisible()), None)
        if view is None and self.view is not None and self.view.isVisible():
            view = self.view
        view = view or reading
        panes = views[:2]
        partner = next((p for p in panes if view in panes and p is not view and p.isVisible() and p.has_content),
                       None)
        self.open_for(view, partner)

    def open_for(self, view: ArticleView, partner: ArticleView | None = None) -> None:
        """Find in ``view``; ``partner`` (the other pane, if shown) can be searched too."""
        for old in self._views():
            if old is not view and old is not partner:
                old.set_layer(LAYER, [])
        self.view, self.partner = view, partner
        self.both.setVisible(partner is not None)
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.search()

    def _views(self) -> list[ArticleView]:
        views = [v for v in (self.view, self.partner) if v is not None]
        return views if self.both.isChecked() and self.partner is not None else views[:1]

    def _show_where(self) -> None:
        views = self._views()
        names = [v.accessibleName() for v in views]
        self.where.setText(tr("In both panes:") if len(views) > 1 else tr("In %1:", args=(names[0],)) if names else "")

    def _typed(self) -> None:
        view = self.view
        if view is not None and view.document().characterCount() > LONG_DOCUMENT:
            self._pause.start()  # a long article: search when typing pauses
        else:
            self.search()

    def _text(self, document: QTextDocument) -> tuple[str, str]:
        """The document's plain text (one character per document position) and its lower case,
        kept while the document is unchanged."""
        kept = self._plain.get(id(document))
        if kept is None or kept[0] != document.revision():
            text = document.toPlainText()
            kept = self._plain[id(document)] = (document.revision(), text, text.lower())
        return kept[1], kept[2]

    def _find_all(self, document: QTextDocument, needle: str) -> list[QTextCursor]:
        text, lowered = self._text(document)
        low = needle.lower()
        if len(lowered) != len(text) or len(low) != len(needle):  # case folding moved positions
            return self._find_all_slowly(document, needle)
        found: list[QTextCursor] = []
        at = lowered.find(low)
        while at >= 0 and len(found) < MAX_MATCHES:
            cursor = QTextCursor(document)
            cursor.setPosition(at)
            cursor.setPosition(at + len(needle), QTextCursor.MoveMode.KeepAnchor)
            found.append(cursor)
            at = lowered.find(low, at + len(low))
        return found

    def _find_all_slowly(self, document: QTextDocument, needle: str) -> list[QTextCursor]:
        found: list[QTextCursor] = []
        cursor = QTextCursor(document)
        while len(found) < MAX_MATCHES:
            cursor = document.find(needle, cursor, QTextDocument.FindFlag(0))
            if cursor.isNull():
                break
            found.append(QTextCursor(cursor))
        return found

    def search(self) -> None:
        self._pause.stop()
        view = self.view
        if view is None:
            return
        self._show_where()
        text = self.field.text()
        self.matches, self.match_views = [], []
        searched = self._views()
        for pane in searched:
            found = self._find_all(pane.document(), text) if text else []
            pane.set_layer(LAYER, [_tint(c) for c in found])
            self.matches += found
            self.match_views += [pane] * len(found)
        if self.partner is not None and self.partner not in searched:
            self.partner.set_layer(LAYER, [])
        # Start at the first match at or below the top of the pane find was opened in.
        top = view.cursorForPosition(view.viewport().rect().topLeft()).position()
        self.current = next((k for k, c in enumerate(self.matches)
                             if self.match_views[k] is view and c.selectionStart() >= top),
                            0 if self.matches else -1)
        self._show_current()

    def next(self) -> None:
        self._step(+1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.matches:
            return
        self.current = (self.current + delta) % len(self.matches)
        self._show_current()

    def _show_current(self) -> None:
        if self.view is None:
            return
        if self.current < 0:
            self.count.setText(tr("No matches") if self.field.text() else "")
            for pane in (self.view, self.partner):
                cursor = pane.textCursor() if pane is not None else None
                if pane is not None and cursor is not None and cursor.hasSelection():
                    cursor.clearSelection()  # nothing is left selected from an earlier, shorter match
                    pane.select_quietly(cursor)
            return
        pane = self.match_views[self.current]
        pane.select_quietly(self.matches[self.current])
        pane.centre_cursor()
        self.count.setText(tr("%1 of %2", args=(str(self.current + 1), str(len(self.matches)))))

    def close_bar(self) -> None:
        for pane in (self.partner, self.view):
            if pane is not None:
                pane.set_layer(LAYER, [])
                cursor = pane.textCursor()
                cursor.clearSelection()
                pane.select_quietly(cursor)
        if self.view is not None:
            self.view.setFocus()
        self.matches = []
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)


def _tint(cursor: QTextCursor) -> QTextEdit.ExtraSelection:
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    selection.format.setBackground(MATCH_TINT)
    return selection
