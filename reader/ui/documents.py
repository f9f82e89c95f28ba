"""Text documents built off the UI thread.

Qt's HTML import is the slow part of showing a long article (a 500 kB chapter: ~1.3 s, its
layout ~0.1 s). A QTextDocument is reentrant, so a background task can build one and hand
it over; the view then adopts it in a few milliseconds (ArticleView.show_document).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QTextCursor, QTextDocument, QTextFormat

# Documents of more blocks than this are rendered and built off the UI thread; smaller ones
# take a few ms, less than a thread hop.
SYNC_RENDER_BLOCKS = 300


def build_document(html: str, stylesheet: str, font: QFont | None = None) -> QTextDocument:
    """A document of ``html`` styled by ``stylesheet``, owned by the UI thread once built.

    Call it from a background task; nothing here lays the document out (that needs the
    view's width and happens on the UI thread).
    """
    document = QTextDocument()
    document.setDocumentMargin(0)
    if font is not None:
        document.setDefaultFont(font)
    document.setDefaultStyleSheet(stylesheet)
    document.setHtml(html)
    sized_headings(document)
    app = QCoreApplication.instance()
    if app is not None:
        document.moveToThread(app.thread())  # only the thread it lives in may hand it over
    return document


def sized_headings(document: QTextDocument) -> None:
    """Let h1–h3 take their size from the stylesheet. Qt's HTML import gives them a relative
    size step (xx-large, x-large, large) that wins over the stylesheet's points, so headings
    stayed the same size while the body text was zoomed."""
    adjustment = QTextFormat.Property.FontSizeAdjustment
    block = document.begin()
    cursor: QTextCursor | None = None
    while block.isValid():
        if block.blockFormat().headingLevel():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.hasProperty(adjustment) and fmt.hasProperty(QTextFormat.Property.FontPointSize):
                    fmt.clearProperty(adjustment)
                    if cursor is None:
                        cursor = QTextCursor(document)
                        cursor.beginEditBlock()
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(fmt)
                it += 1
        block = block.next()
    if cursor is not None:
        cursor.endEditBlock()
