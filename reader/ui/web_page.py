"""A web page (.html) opened as an article: its article text, or the original of the open one.

Rendering a saved page whole shows its cookie banner and navigation; the reader wants the
article in it, or wants it beside the translation already open.
"""

from __future__ import annotations

from pathlib import Path

# Dialogs as QtWidgets.X: PySide makes a class's Python type when it is first named, and
# these are not needed to start.
from PySide6 import QtWidgets
from PySide6.QtWidgets import QWidget

from reader.core.article import Article
from reader.core.errors import ReaderError
from reader.ui.i18n import tr
from reader.ui.session import DocumentSession

WEB_PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
AS_ORIGINAL, AS_ARTICLE = "original", "article"


def is_web_page(path: Path) -> bool:
    return path.suffix.lower() in WEB_PAGE_SUFFIXES


def ask(parent: QWidget, path: Path, open_title: str) -> str | None:
    """AS_ORIGINAL, AS_ARTICLE, or None (cancelled), for a page opened beside an article."""
    box = QtWidgets.QMessageBox(parent)
    box.setIcon(QtWidgets.QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Open a Web Page"))
    box.setText(tr("“%1” is a web page.", args=(path.name,)))
    box.setInformativeText(tr("Show it as the English original of “%1”, or open the article in it?",
                              args=(open_title,)))
    original = box.addButton(tr("Use as &Original"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    article = box.addButton(tr("Open the &Article in It"), QtWidgets.QMessageBox.ButtonRole.ActionRole)
    box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(original)
    box.exec()
    clicked = box.clickedButton()
    return AS_ORIGINAL if clicked is original else AS_ARTICLE if clicked is article else None


def extracted_article(path: Path) -> Article:
    """The article text of a saved page (as for an original), parsed like a Markdown article."""
    from reader.core.article import parse_markdown
    from reader.core.originals import load_original_file

    return parse_markdown(load_original_file(path).markdown, path=path)


def open_choice(parent: QWidget, path: Path, session: DocumentSession) -> Article | None:
    """The article in a web page, or None: it became the original of the open article, or
    the reader cancelled, or it cannot be read (said)."""
    if session.article is not None:
        choice = ask(parent, path, session.article.title)
        if choice == AS_ORIGINAL:
            session.load_original_file(path)
        if choice != AS_ARTICLE:
            return None
    try:
        return extracted_article(path)
    except ReaderError as exc:
        session.failed.emit(path, str(exc), False)
        return None
