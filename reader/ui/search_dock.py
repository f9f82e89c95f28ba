"""Full-text search over the library: titles, translations and cached originals."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QLineEdit, QTextBrowser, QVBoxLayout, QWidget

from reader.core.store import Store
from reader.ui.i18n import tr
from reader.ui.tasks import LatestTasks, TaskContext

if TYPE_CHECKING:  # the library module (process pools, FTS) loads when first used
    from reader.core.library import SearchResult

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # snippet markers that never occur in text

# Markdown a snippet of the indexed text may hold; a reader wants the words.
_MARKDOWN = (
    (re.compile(r"!?\[([^\]\n]*)\]\([^)\s]*\)?"), r"\1"),  # links and images (even cut off): their text
    (re.compile(r"\[([^\]\n]*)\]\[[^\]\n]*\]"), r"\1"),  # reference links
    (re.compile(r"<[^>\n]+>"), ""),  # inline HTML
    (re.compile(r"(^|\n)\s{0,3}(?:#{1,6}|>|[-+*]|\d+[.)])\s+"), r"\1"),  # headings, quotes, list marks
    (re.compile(r"`+"), ""),
    # Emphasis marks hug their words: not snake_case, not "2 * 3".
    (re.compile(r"(?<![\w*_])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_])[*_]{1,3}(?![\w*_])"), ""),
    (re.compile(r"\s+"), " "),
)


def plain_snippet(snippet: str) -> str:
    """``snippet`` without its Markdown (``*hypervisor*`` reads hypervisor); markers kept."""
    for pattern, replacement in _MARKDOWN:
        snippet = pattern.sub(replacement, snippet)
    return snippet.strip()
LIMIT = 50


class SearchDock(QDockWidget):
    open_requested = Signal(Path, str)  # file, the query to scroll to
    searched = Signal(object)  # SearchResult

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(tr("Search"), parent)
        self.setObjectName("searchDock")
        self.data_dir = data_dir
        self.result: SearchResult | None = None
        self.tasks = LatestTasks()  # "search": only the latest query's results show
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        self.query = QLineEdit()
        self.query.setPlaceholderText(tr("Search the library (words or \"a phrase\")…"))
        self.query.setAccessibleName(tr("Search query"))
        self.query.setClearButtonEnabled(True)
        self.summary = QLabel()
        self.results = QTextBrowser()
        self.results.setAccessibleName(tr("Search results"))
        self.results.setOpenLinks(False)
        self.results.anchorClicked.connect(self._clicked)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self.setWidget(body)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.search_now)
        self.query.textChanged.connect(lambda _t: self._debounce.start())
        self.query.returnPressed.connect(self.search_now)

    def focus_query(self) -> None:
        self.show()
        self.raise_()
        self.query.setFocus()
        self.query.selectAll()

    def search_now(self) -> None:
        from reader.core import library

        self._debounce.stop()
        query = self.query.text().strip()
        self.tasks.cancel("search")
        if not query:
            self.result = None
            self.results.clear()
            self.summary.clear()
            return
        data_dir = self.data_dir

        def work(ctx: TaskContext) -> SearchResult:
            with Store(data_dir) as store:
                return library.search(store, query, limit=LIMIT, markers=(MARK_OPEN, MARK_CLOSE))

        self.tasks.start("search", work, on_done=lambda result: self._show(query, result),
                         on_error=self.summary.setText)

    def _show(self, query: str, result: SearchResult) -> None:
        self.result = result
        if not result.total:
            self.summary.setText(tr("No articles contain “%1”.", args=(query,)))
            self.results.clear()
            self.searched.emit(result)
            return
        self.summary.setText(tr("%Ln article(s) · %1 ms", "", result.total, args=(f"{result.elapsed_ms:.0f}",)))
        parts = []
        for k, hit in enumerate(result.results):
            snippet = html.escape(plain_snippet(hit.snippet)).replace(MARK_OPEN, "<b style='background-color:#ffe58a'>")
            snippet = snippet.replace(MARK_CLOSE, "</b>")
            parts.append(f"<p><a href='hit:{k}'><b>{html.escape(hit.title)}</b></a><br>"
                         f"<span style='color:gray'>{html.escape(Path(hit.file).name)}</span><br>{snippet}</p>")
        self.results.setHtml("".join(parts))
        self.searched.emit(result)

    def _clicked(self, url: QUrl) -> None:
        if self.result is None or url.scheme() != "hit":
            return
        k = int(url.path())
        if 0 <= k < len(self.result.results):
            self.open_requested.emit(Path(self.result.results[k].file), self.query.text().strip())
