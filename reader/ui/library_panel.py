"""The library and search docks (built when first opened) and opening what they find."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

# Dialogs as QtWidgets.X: PySide makes a class's Python type when it is first named, and
# these are not needed to start.
from PySide6 import QtWidgets
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow

from reader.core.store import Store, has_library_folders
from reader.ui import settings as S
from reader.ui.actions import Command, Existing
from reader.ui.article_view import ArticleView
from reader.ui.i18n import tr
from reader.ui.lazy_dock import LazyDock
from reader.ui.session import DocumentSession

if TYPE_CHECKING:  # built when first needed: a window opening an article never shows them
    from reader.ui.library_dock import LibraryDock
    from reader.ui.search_dock import SearchDock


class LibraryPanel(QObject):
    def __init__(self, window: QMainWindow, session: DocumentSession, store: Store, data_dir: Path,
                 settings: S.Settings, views: tuple[ArticleView, ArticleView]) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.store = store  # the UI thread's (reading) connection
        self.data_dir = data_dir
        self.settings = settings
        self.views = views  # translation, original: where a search hit is looked for
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        self.library = LazyDock(window, "libraryDock", left, self._make_library_dock, tr("&Library"),
                                "Ctrl+Shift+L")
        self.search = LazyDock(window, "searchDock", left, self._make_search_dock, tr("Search Pan&el"))
        self._pending_find: str | None = None
        session.opened.connect(lambda _loaded: self._find_pending_now())

    def commands(self) -> list[Command | Existing]:
        return [
            Existing("library", self.library.action, "view"),
            Command("search", tr("&Search Library…"), lambda: self.search_dock.focus_query(), "view",
                    ("Ctrl+Shift+F",)),
            Existing("search_panel", self.search.action, "view"),
        ]

    @property
    def library_dock(self) -> LibraryDock:
        return self.library.get()

    @property
    def search_dock(self) -> SearchDock:
        return self.search.get()

    def _make_library_dock(self) -> LibraryDock:
        from reader.ui.library_dock import LibraryDock

        dock = LibraryDock(self.data_dir, self.window)
        dock.open_requested.connect(self.session.open)
        dock.add_folder_requested.connect(self.choose_folder)
        dock.notice.connect(lambda text: self.window.statusBar().showMessage(text, 15000))
        if has_library_folders(self.store):
            dock.reload()
        return dock

    def _make_search_dock(self) -> SearchDock:
        from reader.ui.search_dock import SearchDock

        dock = SearchDock(self.data_dir, self.window)
        dock.open_requested.connect(self.open_search_hit)
        return dock

    def choose_folder(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self.window, tr("Add a Folder to the Library"),
                                                  self.settings.get(S.LAST_DIR) or str(Path.home()))
        if folder:
            self.library_dock.show()
            self.library_dock.index([folder])

    def open_search_hit(self, path: Path, query: str) -> None:
        self._pending_find = query
        self.session.open(path)

    def _find_pending_now(self) -> None:
        """The hit may be in the translation: look there at once; the original gets a second look."""
        query = self._pending_find
        if not query:
            return
        self.session.originals.loaded.connect(self._find_pending, Qt.ConnectionType.SingleShotConnection)
        self._find_pending()
        if self.views[0].textCursor().hasSelection():
            return
        self._pending_find = query

    def _find_pending(self) -> None:
        """After opening a search result: select the first hit in the translation or original."""
        query, self._pending_find = self._pending_find, None
        if not query:
            return
        from reader.core.library import parse_query

        terms = parse_query(query)
        if not terms:
            return
        for view in self.views:
            cursor = view.document().find(terms[0])
            if not cursor.isNull():
                view.select_quietly(cursor)
                view.centre_cursor()
                return

    def reload_if_open(self) -> None:
        if self.library.is_open:
            self.library_dock.reload()

    def show_on_first_start(self) -> None:
        """Nothing saved yet: a library (indexed from the command line, say) is shown."""
        if has_library_folders(self.store):
            self.library.set_visible(True)

    def shut_down(self) -> None:
        if self.library.built:
            self.library_dock.cancel_indexing()
