"""What the window's middle shows: the welcome page, the two panes, or one interleaved column.

``ReadingLayout`` switches between them keeping the reading place, and builds the
interleaved column (a long article's off the UI thread) from what the session holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout, QWidget

from reader.core.article import Article
from reader.core.render import RenderedDocument, Renderer, interleaved_document
from reader.core.themes import Theme, Typography, font_stack
from reader.ui.article_view import ArticleView
from reader.ui.documents import SYNC_RENDER_BLOCKS
from reader.ui.i18n import tr
from reader.ui.session import DocumentSession, with_document
from reader.ui.sync import READING_LINE, PaneSync
from reader.ui.tasks import LatestTasks

if TYPE_CHECKING:  # made when first shown: a window opening an article never shows them
    from reader.core.parallel import ParallelText
    from reader.ui.find_bar import FindBar
    from reader.ui.welcome import WelcomePage


def interleave(article: Article, parallel: ParallelText | None, theme: Theme, only_translation: str,
               not_translated: str, en_family: str) -> RenderedDocument:
    """The interleaved column: each paragraph above its original (just the translation
    until the two are aligned)."""
    zh = Renderer(article.base_dir, article.references, theme, lang="zh")
    if parallel is None:
        return zh.document(article.blocks)
    en = Renderer(None, {}, theme, lang="en", anchor_prefix="e")
    in_pairs = set(parallel.zh_pair)
    header = [b for b in article.blocks if b.index not in in_pairs and b.meta]
    return interleaved_document(parallel, header, zh, en, only_translation=only_translation,
                                not_translated=not_translated, en_family=en_family)


class ReadingLayout(QObject):
    shown = Signal()  # a view shows a new document (annotations paint on it again)
    failed = Signal(str)

    def __init__(self, session: DocumentSession, translation: ArticleView, original: QWidget,
                 interleaved: ArticleView, sync: PaneSync, make_welcome: Callable[[], WelcomePage],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.translation_view = translation
        self.original_pane = original
        self.interleaved_view = interleaved
        self.sync = sync
        self.name = "side"
        self.theme: Theme = session.theme
        self.typography = Typography()
        self.stylesheet = session.stylesheet
        self.tasks = LatestTasks()  # "interleave": a long article's column, building
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(translation)
        self.splitter.addWidget(original)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(interleaved)
        self.split_restored = False  # the pane sizes came from the settings (or were set once)
        self._welcome: WelcomePage | None = None
        self._find_bar: FindBar | None = None
        self.make_welcome = make_welcome
        session.failed.connect(self._failed)
        session.closed.connect(self._closed)

    def page(self) -> QWidget:
        """The window's middle: the page shown, and below it the find bar once it is used."""
        page = QWidget()
        self._column = QVBoxLayout(page)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.stack, 1)
        return page

    @property
    def find_bar(self) -> FindBar:
        """Made when first used (Ctrl+F, F3): a window that is only read never needs it."""
        if self._find_bar is None:
            from reader.ui.find_bar import FindBar

            self._find_bar = FindBar()
            self._column.addWidget(self._find_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        return self._find_bar

    def _failed(self) -> None:
        if self.session.article is None:
            self.show()  # the welcome page, not an empty pane

    def _closed(self) -> None:
        self.tasks.cancel("interleave")
        self.stack.setCurrentWidget(self.welcome)

    @property
    def welcome(self) -> WelcomePage:
        """The page of an empty window, made when first shown."""
        if self._welcome is None:
            self._welcome = self.make_welcome()
            self.stack.insertWidget(0, self._welcome)
        return self._welcome

    @property
    def welcome_made_yet(self) -> WelcomePage | None:
        return self._welcome

    @property
    def interleaved(self) -> bool:
        return self.name == "interleaved"

    @property
    def building(self) -> bool:
        return self.tasks.running("interleave")

    # -- the two panes ---------------------------------------------------------------------------
    @property
    def swapped(self) -> bool:
        """The original is the first pane (left, or top)."""
        return self.splitter.widget(0) is self.original_pane

    def swap(self) -> None:
        self.splitter.insertWidget(1, self.splitter.widget(0) or self.original_pane)

    def set_orientation(self, name: str) -> None:
        """``horizontal`` (side by side) or ``vertical`` (stacked)."""
        vertical = name == "vertical"
        self.splitter.setOrientation(Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal)

    def split_evenly_once(self, width: int) -> None:
        """Equal panes on the first start; later starts restore what the user chose."""
        if not self.split_restored:
            self.splitter.setSizes([width // 2, width - width // 2])
            self.split_restored = True

    # -- the page shown --------------------------------------------------------------------------
    def reading_view(self) -> ArticleView:
        """The view that shows the translation in this layout."""
        return self.interleaved_view if self.interleaved else self.translation_view

    def set(self, name: str) -> bool:
        """``side`` or ``interleaved``, keeping the reading position; False: no change."""
        if name == self.name:
            return False
        reading = self.reading_block()
        self.name = name
        self.show(then=lambda: self.back_to(reading))
        return True

    def reading_block(self) -> int | None:
        view = self.reading_view()
        if not view.has_content:
            return None
        hit = view.block_at_y(view.verticalScrollBar().value() + view.viewport().height() * READING_LINE)
        return hit[0] if hit else None

    def back_to(self, reading: int | None) -> None:
        """Scroll the column shown to block ``reading`` (the other pane follows)."""
        if reading is not None:
            self.reading_view().scroll_to_block(reading, READING_LINE)
            self.sync.follow("zh")

    def show(self, then: Callable[[], None] | None = None) -> None:
        """Show the page for the state: welcome, the two panes, or the interleaved column;
        ``then`` runs once it shows the article (a long article's column is built first)."""
        if not self.interleaved:
            self.tasks.cancel("interleave")  # a column nobody will look at
        if self.session.article is None:
            self.stack.setCurrentWidget(self.welcome)
        elif self.interleaved:
            self.stack.setCurrentWidget(self.interleaved_view)  # laid out at its size first
            self.build_interleaved(then)
            return
        else:
            self.stack.setCurrentWidget(self.splitter)
        if then is not None:
            then()

    def build_interleaved(self, then: Callable[[], None] | None = None) -> None:
        """Each paragraph above its original; a long article's is built off the UI thread."""
        article, parallel = self.session.article, self.session.parallel
        if article is None:
            return
        self.tasks.cancel("interleave")
        theme, css = self.theme, self.stylesheet("zh")
        labels = (tr("Only in the translation"), tr("Not translated"), font_stack("en", self.typography))

        def render() -> RenderedDocument:
            return interleave(article, parallel, theme, *labels)

        size = len(article.blocks) + (sum(len(p.en) for p in parallel.pairs) if parallel else 0)
        if size <= SYNC_RENDER_BLOCKS:
            self._show_interleaved(render(), css, None, then)
            return
        font = QFont(self.interleaved_view.font())
        self.tasks.start(
            "interleave",
            lambda ctx: with_document(render(), css, font, ctx),
            on_done=lambda result: self._show_interleaved(result[0], css, result[1], then),
            on_error=lambda message: self.failed.emit(tr("Alignment failed: %1", args=(message,))),
            discard=lambda result: result[1].deleteLater(),  # another article, theme or alignment
        )

    def _show_interleaved(self, rendered: RenderedDocument, css: str, document: QTextDocument | None,
                          then: Callable[[], None] | None) -> None:
        self.interleaved_view.show_document(rendered, css, document)
        self.shown.emit()
        if then is not None:
            then()
