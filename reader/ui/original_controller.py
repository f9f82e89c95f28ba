"""Loads the English original for the open article, off the UI thread, into its pane."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QTextDocument

from reader.core.article import Article, parse_markdown
from reader.core.render import RenderedDocument, Renderer, header_html
from reader.core.store import Store
from reader.core.themes import Theme, get_theme
from reader.ui.documents import SYNC_RENDER_BLOCKS, build_document
from reader.ui.i18n import tr
from reader.ui.original_pane import OriginalPane, OriginalState
from reader.ui.tasks import LatestTasks, TaskContext

if TYPE_CHECKING:  # imported in the worker: httpx and friends would slow the start
    from reader.core.originals import Original


@dataclass
class LoadedOriginal:
    original: Original
    article: Article  # the original parsed into blocks, like the translation
    rendered: RenderedDocument
    document: QTextDocument | None = None  # ``rendered``, built off the UI thread; shown once
    stylesheet: str = ""  # the stylesheet ``document`` was built with


class OriginalController(QObject):
    loaded = Signal(object)  # LoadedOriginal
    cleared = Signal()
    redrawn = Signal()  # the original shows again, in the new theme or type

    def __init__(self, pane: OriginalPane, data_dir: Path, stylesheet, parent: QObject | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.pane = pane
        self.data_dir = data_dir
        self.stylesheet = stylesheet  # callable: lang -> css
        self.timeouts: tuple[float, float] | None = None  # connect, read; None = the defaults
        self.deadline: float | None = None  # seconds for a whole fetch; None = the default
        self.theme: Theme = get_theme("light")
        self.article: Article | None = None
        self.current: LoadedOriginal | None = None
        self.tasks = LatestTasks()  # "load" and "redraw"; results of superseded ones are dropped
        pane.retry_requested.connect(lambda: self.load(refresh=False))
        pane.cancel_requested.connect(self.cancel_by_user)

    def open_article(self, article: Article, explicit: str | None = None) -> None:
        if explicit is None and self.current is not None and self.article is not None \
                and article.key == self.article.key:
            # The same article again (its file was edited): the original shown stays.
            self.article = article
            self.loaded.emit(self.current)
            return
        self.cancel()
        self.article = article
        self.current = None
        self.cleared.emit()
        self.load(explicit=explicit)

    def close_article(self) -> None:
        self.cancel()
        self.article = None
        self.current = None
        self.cleared.emit()

    def load(self, *, refresh: bool = False, explicit: str | None = None) -> None:
        article = self.article
        if article is None:
            return
        self.cancel()
        self.pane.set_state(OriginalState.LOADING, explicit or article.source_url or "")
        data_dir, timeouts, key, theme = self.data_dir, self.timeouts, article.key, self.theme
        deadline = self.deadline
        css, font = self.stylesheet("en"), QFont(self.pane.view.font())

        def work(ctx: TaskContext) -> LoadedOriginal | None:
            from reader.core.fetch import FetchSettings
            from reader.core.originals import OriginalError, get_original

            with Store(data_dir) as store:
                try:
                    original = get_original(
                        store, key, article.source_url, article.path, explicit=explicit,
                        refresh=refresh, settings=_fetch_settings(FetchSettings, timeouts, deadline),
                        progress=ctx.progress,
                        cancelled=ctx.cancelled,
                    )
                except OriginalError:
                    if explicit or article.source_url:
                        raise
                    return None  # nothing names an original: not an error
            ctx.check()
            loaded = render_original(original, parse_markdown(original.markdown), theme)
            ctx.check()
            return replace(loaded, document=build_document(loaded.rendered.html, css, font), stylesheet=css)

        self.tasks.start("load", work, on_done=self._done, on_error=self._failed,
                         on_progress=self.pane.set_progress, discard=_discard)

    @property
    def redrawing(self) -> bool:
        return self.tasks.running("redraw")

    def redraw(self, rerender: bool = True) -> None:
        """Draw the loaded original again: ``rerender`` for a new theme, else a new type."""
        current = self.current
        if current is None:
            return
        self.tasks.cancel("redraw")
        theme, css = self.theme, self.stylesheet("en")
        if len(current.article.blocks) <= SYNC_RENDER_BLOCKS:
            if rerender:
                current = self.current = render_original(current.original, current.article, theme)
            self.pane.view.show_document(current.rendered, css)
            self.redrawn.emit()
            return
        font = QFont(self.pane.view.font())

        def work(ctx: TaskContext) -> LoadedOriginal:
            loaded = render_original(current.original, current.article, theme) if rerender else current
            ctx.check()
            return replace(loaded, document=build_document(loaded.rendered.html, css, font), stylesheet=css)

        # superseded by another redraw, or another original: dropped
        self.tasks.start("redraw", work, on_done=self._redrawn, discard=_discard)

    def _redrawn(self, loaded: LoadedOriginal) -> None:
        css = self.stylesheet("en")
        document = loaded.document if loaded.stylesheet == css else None
        _discard(loaded if document is None else None)
        self.current = replace(loaded, document=None)
        self.pane.view.show_document(loaded.rendered, css, document)
        self.redrawn.emit()

    def refresh(self) -> None:
        self.load(refresh=True)

    def load_file(self, path: Path) -> None:
        self.load(explicit=str(path))

    def cancel(self) -> None:
        """Stop the running load (and redraw); their late results are ignored."""
        self.tasks.cancel_all()

    def cancel_by_user(self) -> None:
        self.cancel()
        if self.pane.state == OriginalState.LOADING:
            self.pane.set_state(OriginalState.FAILED, tr("Fetching was cancelled."),
                                title=tr("Original not loaded"))

    @property
    def busy(self) -> bool:
        return self.tasks.running("load")

    def _done(self, loaded: LoadedOriginal | None) -> None:
        if loaded is None:
            self.pane.show_source(None)
            return
        css = self.stylesheet("en")
        document = loaded.document if loaded.stylesheet == css else None
        _discard(loaded if document is None else None)
        self.current = replace(loaded, document=None)  # the view owns the document now
        self.pane.view.show_document(loaded.rendered, css, document)
        self.pane.set_state(OriginalState.LOADED)
        self.loaded.emit(self.current)

    def _failed(self, message: str) -> None:
        self.pane.set_state(OriginalState.FAILED, message)


def render_original(original: Original, parsed: Article, theme: Theme) -> LoadedOriginal:
    renderer = Renderer(None, parsed.references, theme, lang="en")
    header = header_html(_meta_lines(original), _archived_banner(original))
    return LoadedOriginal(original, parsed, renderer.document(parsed.blocks, header))


def _archived_banner(original: Original) -> tuple[str, str] | None:
    """The notice above a copy from the Wayback Machine, linking to the live address."""
    if original.archived is None:
        return None
    text = tr("Archived copy of %1 — the original is gone", args=(original.archived.date,))
    return text, original.archived.original_url


def _discard(loaded: LoadedOriginal | None) -> None:
    """A result nobody will show: its document is deleted on the UI thread, as it must be."""
    if loaded is not None and loaded.document is not None:
        loaded.document.deleteLater()


def _fetch_settings(factory, timeouts: tuple[float, float] | None,  # type: ignore[no-untyped-def]
                    deadline: float | None = None):
    chosen: dict[str, float] = {} if deadline is None else {"deadline": deadline}
    if timeouts is not None:
        chosen.update(connect_timeout=timeouts[0], read_timeout=timeouts[1])
    return factory(**chosen)


def _meta_lines(original: Original) -> list[str]:
    lines = [original.site_name or "", original.author or "", original.date or ""]
    if original.origin in ("cache", "network") and original.from_cache:
        when = dt.datetime.fromtimestamp(original.fetched_at).strftime("%Y-%m-%d %H:%M")
        lines.append(tr("saved copy from %1", args=(when,)))
    if original.origin in ("file", "sibling") and original.requested_url:
        lines.append(tr("from file %1", args=(Path(original.requested_url).name,)))
    if original.stale_reason:
        lines.append(tr("could not refresh: %1", args=(original.stale_reason,)))
    return lines
