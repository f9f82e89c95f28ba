"""The open document: the article, its original, their alignment, and loading them.

``DocumentSession`` is the one owner of "what is open". It parses and renders the article
(a long one off the UI thread), reads it again when its file changes on disk, has the
original loaded beside it, aligns the two, and remembers the reading state through the
store writer. It shows nothing itself: it emits signals, and the panes, docks and the
window listen and show what concerns them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFont, QTextDocument

from reader.core.article import Article, parse_article
from reader.core.errors import ReaderError
from reader.core.render import RenderedDocument, Renderer
from reader.core.textio import EMPTY_FILE_WARNING
from reader.core.themes import Theme
from reader.ui import settings as S
from reader.ui.article_view import ArticleView
from reader.ui.documents import SYNC_RENDER_BLOCKS, build_document
from reader.ui.file_watch import FileWatch
from reader.ui.original_controller import LoadedOriginal, OriginalController
from reader.ui.tasks import LatestTasks, TaskContext
from reader.ui.writer import StoreWriter

if TYPE_CHECKING:  # the pairs load with the first original
    from reader.core.parallel import ParallelText

SYNC_LOAD_BYTES = 48 * 1024  # larger files are parsed, rendered and built off the UI thread


@dataclass
class LoadedArticle:
    article: Article
    rendered: RenderedDocument
    document: QTextDocument | None = None  # ``rendered`` built off the UI thread (long articles)
    stylesheet: str = ""  # the stylesheet ``document`` was built with


def load_article(path: Path, theme: Theme, ctx: TaskContext | None = None, *,
                 stylesheet: str | None = None, font: QFont | None = None) -> LoadedArticle:
    """Parse and render; in a background task (``stylesheet`` given) build the document too."""
    article = parse_article(path)
    if ctx:
        ctx.check()
    rendered = render_translation(article, theme)
    if stylesheet is None:
        return LoadedArticle(article, rendered)
    if ctx:
        ctx.check()
    _ = article.counts  # cached: the status bar will not count on the UI thread
    return LoadedArticle(article, rendered, build_document(rendered.html, stylesheet, font), stylesheet)


def render_translation(article: Article, theme: Theme) -> RenderedDocument:
    return Renderer(article.base_dir, article.references, theme, lang="zh").document(article.blocks)


def with_document(rendered: RenderedDocument, css: str, font: QFont,
                  ctx: TaskContext) -> tuple[RenderedDocument, QTextDocument]:
    ctx.check()
    return rendered, build_document(rendered.html, css, font)


def drop_document(document: QTextDocument | None) -> None:
    """A document built for nothing (superseded): deleted on the UI thread, as it must be."""
    if document is not None:
        document.deleteLater()


class DocumentSession(QObject):
    opening = Signal(Path)  # a file is being read
    opened = Signal(object)  # LoadedArticle: the article is the current one now
    closed = Signal()
    failed = Signal(Path, str, bool)  # path, message, quiet (a reload caught a half-saved file)
    restyled = Signal(object, object)  # RenderedDocument, QTextDocument | None: new theme
    alignment_changed = Signal()  # ``parallel`` was set or cleared
    alignment_failed = Signal(str)
    patched = Signal(object)  # Article: the app's own edit, drawn in place (the same blocks, new text)

    def __init__(self, settings: S.Settings, writer: StoreWriter, originals: OriginalController,
                 theme: Theme, stylesheet: Callable[[str], str], font: Callable[[], QFont],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.writer = writer
        self.originals = originals
        self.theme = theme  # the window's appearance sets it
        self.stylesheet = stylesheet  # lang -> css
        self.font = font  # the translation view's font, for documents built off the UI thread
        self.article: Article | None = None
        self.rendered: RenderedDocument | None = None  # the translation as last rendered
        self.parallel: ParallelText | None = None
        # Background jobs, the latest winning: "load" (a long article), "align", "restyle"
        # (a long article drawn in a new theme or type).
        self.tasks = LatestTasks()
        self._reloading = False  # the article is being read again after a change on disk
        self._reload_next = False  # the next open is that reading
        self._pending_original: str | None = None
        self._progress_view: ArticleView | None = None
        self._progress_timer: QTimer | None = None
        self.file_watch = FileWatch(self)
        self.file_watch.changed.connect(self._file_changed)
        self.own_change: Callable[[Path], bool] = lambda _path: False  # Proofread's own saves
        originals.loaded.connect(self._start_alignment)
        originals.cleared.connect(self._clear_alignment)

    # -- opening and closing -----------------------------------------------------------------
    def open(self, path: Path, original: str | None = None, *, article: Article | None = None) -> None:
        """Open an article; ``original`` (URL or path) is shown beside it and remembered.
        ``article`` is the file already parsed, when the caller has it."""
        path = Path(path).expanduser().absolute()  # remembered in recent files
        self._reloading, self._reload_next = self._reload_next, False  # a user's open is not quiet
        self._pending_original = original
        self.tasks.cancel("load")
        self.opening.emit(path)
        if article is not None and len(article.blocks) <= SYNC_RENDER_BLOCKS:
            self._ready(LoadedArticle(article, render_translation(article, self.theme)))
            return
        if _is_small(path):
            # A typical article parses and renders in a few ms: a thread hop would only add latency.
            try:
                loaded = load_article(path, self.theme)
            except ReaderError as exc:
                self._failed(path, str(exc))
            else:
                self._ready(loaded)
            return
        theme, css, font = self.theme, self.stylesheet("zh"), self.font()
        self.tasks.start(
            "load",
            lambda ctx: load_article(path, theme, ctx, stylesheet=css, font=font),
            on_done=self._ready,
            on_error=lambda message: self._failed(path, message),
            discard=lambda loaded: drop_document(loaded.document),  # another article was opened
        )

    @property
    def loading(self) -> bool:
        return self.tasks.running("load")

    def _ready(self, loaded: LoadedArticle) -> None:
        self.tasks.cancel("load")
        self.tasks.cancel("restyle")  # it was drawing the previous article
        article = loaded.article
        self.article = article
        self.rendered = loaded.rendered
        self._clear_alignment(notify=False)  # the views show the new article without pairs
        if loaded.document is not None and loaded.stylesheet != self.stylesheet("zh"):
            loaded.document.deleteLater()  # the theme changed meanwhile
            loaded.document = None
        if article.path:
            self.settings.add_recent(str(article.path))
            self.settings.set(S.LAST_DIR, str(article.path.parent))
        self.opened.emit(loaded)
        self.originals.open_article(article, explicit=self._pending_original)
        self._pending_original = None
        if article.path:
            from reader.core import reading

            path = article.path
            self.writer.submit(lambda store: reading.mark_opened(store, path, article))
        self.file_watch.watch(article.path)
        self._reloading = False

    @property
    def reloading(self) -> bool:
        """The article on show is a reading that followed a change on disk."""
        return self._reloading

    def _failed(self, path: Path, message: str) -> None:
        quiet, self._reloading = self._reloading, False  # no dialog for a save caught half-way
        self.failed.emit(path, message, quiet)

    def _file_changed(self, path: Path) -> None:
        if not self.own_change(path):  # not our own save, nor under the editor
            self.reload()

    def reload(self) -> None:
        """Read the open article again (it changed on disk), keeping the original beside it
        and the annotations (re-anchored to the new text)."""
        article = self.article
        if article is None or article.path is None:
            return
        if _is_small(article.path):
            try:
                fresh = parse_article(article.path)
            except ReaderError as exc:
                self._reloading = True
                self._failed(article.path, str(exc))
                return
            if not fresh.blocks and EMPTY_FILE_WARNING in fresh.warnings and article.blocks:
                # An editor caught half-way through its save: the last good text stays.
                self._reloading = True
                self._failed(article.path, EMPTY_FILE_WARNING)
                return
            self._reload_next = True
            self.open(article.path, article=fresh)
        else:
            self._reload_next = True
            self.open(article.path)

    def adopt_patch(self, fresh: Article, parallel: ParallelText | None) -> None:
        """The open file was edited by the app and the panes show it already (Proofreader):
        the article and pairs of the new text become the current ones, nothing is redrawn."""
        self.article = fresh
        self.rendered = None  # rendered again on the next restyle
        self.parallel = parallel
        self.originals.article = fresh  # the same original stays beside it
        self.patched.emit(fresh)

    def close(self) -> None:
        self.file_watch.watch(None)
        self.tasks.cancel("restyle")
        self.article = None
        self.rendered = None
        self._clear_alignment(notify=False)
        self.originals.close_article()
        self.closed.emit()

    def shut_down(self) -> None:
        """The window closes: stop everything (the file watch also spares ~10 ms at exit)."""
        self.tasks.cancel_all()
        self.originals.cancel()
        self.file_watch.watch(None)
        if self._progress_timer is not None:
            self._progress_timer.stop()  # the window saves the progress at once; the store closes after

    # -- the original --------------------------------------------------------------------------
    def load_original_file(self, path: Path) -> None:
        if self.article is not None:
            self.originals.load_file(path)

    def refresh_original(self) -> None:
        if self.article is not None:
            self.originals.refresh()

    # -- drawing in a new theme or type ---------------------------------------------------------
    def restyle(self, theme: Theme, rerender: bool) -> None:
        """Draw the article (and its original) again; ``restyled`` brings the translation."""
        self.theme = theme
        self.originals.theme = theme
        article = self.article
        self.tasks.cancel("restyle")
        if article is None:
            return
        if self.originals.current is not None:
            self.originals.redraw(rerender=rerender)
        kept = None if rerender else self.rendered
        css = self.stylesheet("zh")
        if len(article.blocks) <= SYNC_RENDER_BLOCKS:
            self.rendered = kept or render_translation(article, theme)
            self.restyled.emit(self.rendered, None)
            return
        font = self.font()
        self.tasks.start(
            "restyle",
            lambda ctx: with_document(kept or render_translation(article, theme), css, font, ctx),
            on_done=lambda result: self._restyled(result, css),
            discard=lambda result: result[1].deleteLater(),  # another theme, or another article
        )

    def _restyled(self, result: tuple[RenderedDocument, QTextDocument], css: str) -> None:
        rendered, document = result
        self.rendered = rendered
        if css != self.stylesheet("zh"):
            document.deleteLater()
            self.restyled.emit(rendered, None)
        else:
            self.restyled.emit(rendered, document)

    # -- alignment -----------------------------------------------------------------------------
    def _clear_alignment(self, notify: bool = True) -> None:
        had_pairs = self.parallel is not None
        self.tasks.cancel("align")
        self.parallel = None
        if notify and had_pairs:
            self.alignment_changed.emit()

    def _start_alignment(self, loaded: LoadedOriginal) -> None:
        article = self.article
        if article is None:
            return

        def work(ctx: TaskContext) -> ParallelText:
            from reader.core.parallel import align_articles

            return align_articles(article, loaded.article)

        self.tasks.start("align", work, on_done=self._aligned, on_error=self.alignment_failed.emit)

    def _aligned(self, parallel: ParallelText) -> None:
        self.parallel = parallel
        self.alignment_changed.emit()

    # -- reading state --------------------------------------------------------------------------
    def track_progress(self, view: ArticleView) -> None:
        """Store how far ``view`` is read, 1.5 s after the reader stops scrolling it."""
        self._progress_view = view
        timer = self._progress_timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(1500)
        timer.timeout.connect(self.save_progress)
        view.verticalScrollBar().valueChanged.connect(lambda _v: timer.start())

    def save_progress(self) -> None:
        """How far the article is read (0..1), stored off the UI thread."""
        view = self._progress_view
        if self.article is None or view is None or not view.has_content:
            return
        from reader.core import reading

        bar = view.verticalScrollBar()
        total = bar.maximum() + bar.pageStep()
        fraction = 1.0 if bar.maximum() == 0 else (bar.value() + bar.pageStep()) / max(1, total)
        key = self.article.key
        self.writer.submit(lambda store: reading.set_progress(store, key, fraction))


def _is_small(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size <= SYNC_LOAD_BYTES
    except OSError:
        return False
