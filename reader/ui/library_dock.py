"""The Library dock: every indexed article, sortable and filtered as you type."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.store import Store
from reader.ui.i18n import QT_TR_NOOP, tr
from reader.ui.tasks import LatestTasks, TaskContext

if TYPE_CHECKING:  # the library module (process pools, FTS) loads when first used
    from reader.core.library import IndexReport, LibraryArticle
    from reader.core.review import Progress

PATH_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = (QT_TR_NOOP("Title"), QT_TR_NOOP("Site"), QT_TR_NOOP("Progress"), QT_TR_NOOP("Notes"),
           QT_TR_NOOP("Last opened"), QT_TR_NOOP("Review"))
REVIEW_COLUMN = 5
# Proofreading states the Library filters by (core/review.py Progress.state)
REVIEW_FILTERS = (("", QT_TR_NOOP("All")), ("not started", QT_TR_NOOP("Not started")),
                  ("in progress", QT_TR_NOOP("In progress")), ("reviewed", QT_TR_NOOP("Reviewed")))


class LibraryModel(QAbstractTableModel):
    """All articles, filtered and sorted in Python: a proxy model would call ``data()``
    hundreds of thousands of times to sort 13k rows, which takes seconds."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.all_rows: list[LibraryArticle] = []
        self.rows: list[LibraryArticle] = []  # what is shown: filtered, sorted
        self._words: list[str] = []
        self._sort = (0, Qt.SortOrder.AscendingOrder)
        self.review: dict[str, Progress] = {}  # article key -> proofreading progress
        self.review_state = ""  # "" (all) or a Progress.state to show only

    def set_rows(self, rows: list[LibraryArticle], review: dict[str, Progress] | None = None) -> None:
        self.all_rows = rows
        self.review = review or {}
        self._refresh()

    def set_review_filter(self, state: str) -> None:
        self.review_state = state
        self._refresh()

    def review_of(self, row: LibraryArticle) -> tuple[str, str]:
        """(state, what the Review column says) of an article."""
        progress = self.review.get(row.key)
        state = progress.state if progress is not None else "not started"
        if progress is None or state == "not started":
            return state, ""
        if state == "reviewed":
            return state, tr("Reviewed")
        return state, tr("In progress (%1 of %2)", args=(progress.reviewed, progress.pairs))

    def set_filter(self, text: str) -> None:
        self._words = text.lower().split()
        self._refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self._refresh()

    def _refresh(self) -> None:
        rows = self.all_rows
        if self._words:
            rows = [r for r in rows if all(w in _haystack(r) for w in self._words)]
        if self.review_state:
            rows = [r for r in rows if self.review_of(r)[0] == self.review_state]
        column, order = self._sort
        key = _SORT_KEYS[column] if column < len(_SORT_KEYS) else self._review_key
        rows = sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == PATH_ROLE or role == Qt.ItemDataRole.ToolTipRole:
            return row.path
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.title
            if column == 1:
                return row.site or ""
            if column == 2:
                return f"{round(row.progress * 100)}%" if row.progress else ""
            if column == 3:
                return str(row.annotations) if row.annotations else ""
            if column == REVIEW_COLUMN:
                return self.review_of(row)[1]
            return time.strftime("%Y-%m-%d", time.localtime(row.last_opened)) if row.last_opened else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


    def _review_key(self, row: LibraryArticle) -> tuple[float, str]:
        progress = self.review.get(row.key)
        done = progress.reviewed / progress.pairs if progress is not None and progress.pairs else 0.0
        return done, row.title.lower()


def _haystack(row: LibraryArticle) -> str:
    return f"{row.title}\n{row.site or ''}\n{Path(row.path).name}".lower()


_SORT_KEYS = (
    lambda r: (r.title.lower(), r.path),
    lambda r: (r.site or "", r.title.lower()),
    lambda r: (r.progress, r.title.lower()),
    lambda r: (r.annotations, r.title.lower()),
    lambda r: (r.last_opened or 0.0, r.title.lower()),
)


COLUMN_WIDTHS = (130, 70, 60, 95, 120)  # Site, Progress, Notes, Opened, Review, where there is room
TITLE_SHARE = 0.55  # of the table's width, at least, for the titles


class _LibraryTable(QTableView):
    """The articles; the title keeps most of the width in a narrow dock."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        width = self.viewport().width()
        shown = [(c, w) for c, w in enumerate(COLUMN_WIDTHS, 1) if not self.isColumnHidden(c)]
        total = sum(w for _, w in shown)
        if not total or width <= 0:
            return
        scale = min(1.0, width * (1 - TITLE_SHARE) / total)
        for column, natural in shown:
            self.horizontalHeader().resizeSection(column, max(36, int(natural * scale)))


class LibraryDock(QDockWidget):
    open_requested = Signal(Path)
    add_folder_requested = Signal()
    loaded = Signal(int)  # rows shown
    indexing_finished = Signal(object)  # IndexReport
    notice = Signal(str)  # something to tell the user (status bar)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(tr("Library"), parent)
        self.setObjectName("libraryDock")
        self.data_dir = data_dir
        self.model = LibraryModel(self)
        self.tasks = LatestTasks()  # "load" (the latest reading of the rows wins) and "index"
        self.skipped: list[tuple[str, str]] = []
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("Filter by title or site…"))
        self.filter.setAccessibleName(tr("Filter the library"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.model.set_filter)
        self.review_filter = QComboBox()
        self.review_filter.setAccessibleName(tr("Filter by proofreading state"))
        for state, label in REVIEW_FILTERS:
            self.review_filter.addItem(tr(label), state)
        self.review_filter.currentIndexChanged.connect(
            lambda _i: self.model.set_review_filter(self.review_filter.currentData() or ""))
        self.folders = QComboBox()
        self.folders.setAccessibleName(tr("Library folders"))
        self.add_button = QPushButton(tr("Add Folder…"))
        self.add_button.clicked.connect(self.add_folder_requested.emit)
        self.remove_button = QPushButton(tr("Remove"))
        self.remove_button.setToolTip(tr("Remove the chosen folder from the library (files stay on disk)"))
        self.remove_button.clicked.connect(self.remove_current_folder)
        self.reindex_button = QPushButton(tr("Update"))
        self.reindex_button.setToolTip(tr("Index new and changed files again"))
        self.reindex_button.clicked.connect(self.reindex_all)
        top.addWidget(self.filter, 3)
        top.addWidget(self.review_filter, 1)
        top.addWidget(self.folders, 2)
        for button in (self.add_button, self.remove_button, self.reindex_button):
            top.addWidget(button)
        layout.addLayout(top)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(tr("Indexing progress"))
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_indexing)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_widget = QWidget()
        self.progress_widget.setLayout(progress_row)
        self.progress_widget.hide()
        layout.addWidget(self.progress_widget)
        self.table = _LibraryTable()
        self.table.setAccessibleName(tr("Library articles"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Fixed widths: ResizeToContents would measure every one of 13k rows.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate(COLUMN_WIDTHS, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.activated.connect(self._open_index)  # Enter and double click
        layout.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.status.linkActivated.connect(lambda _link: self.show_skipped())
        layout.addWidget(self.status)
        self.setWidget(body)

    # -- contents --------------------------------------------------------------------
    def reload(self) -> None:
        """Read the rows off the UI thread; 13k articles arrive in well under a second."""
        from reader.core import library

        data_dir = self.data_dir

        def work(ctx: TaskContext) -> tuple[list[LibraryArticle], list, list[tuple[str, str]], str | None,
                                            dict[str, Progress]]:
            from reader.core.review import review_progress

            with Store(data_dir) as store:
                rows, folders = library.list_articles(store), library.folders(store)
                return (rows, folders, library.skipped_files(store), store.report.notice,
                        review_progress(store))

        self.tasks.start("load", work, on_done=self._loaded, on_error=self._error)

    def _loaded(self, result: tuple) -> None:  # type: ignore[type-arg]
        rows, folders, skipped, notice, review = result
        if notice:  # the index was damaged and rebuilt: say so (once)
            self.notice.emit(notice)
        self.model.set_rows(rows, review)
        # One site for every article says nothing: its column's width goes to the titles.
        self.table.setColumnHidden(1, len(rows) > 1 and len({row.site for row in rows}) == 1)
        # Nothing proofread yet: the Review column and its filter would only take room.
        proofread = any(progress.state != "not started" for progress in review.values())
        self.table.setColumnHidden(REVIEW_COLUMN, not proofread)
        self.review_filter.setVisible(proofread)
        self.table.fit_columns()
        self.folders.clear()
        for folder in folders:
            self.folders.addItem(f"{Path(folder.path).name} ({folder.articles})", folder.path)
        self.remove_button.setEnabled(bool(folders))
        self.reindex_button.setEnabled(bool(folders))
        persistent = {path for path, _ in skipped}
        self.skipped = skipped + [s for s in self.skipped if s[0] not in persistent]
        self._show_status()
        self.loaded.emit(len(rows))
        unindexed = [folder.path for folder in folders if folder.indexed_at == 0]
        if unindexed:  # a rebuilt index: fill the Library again
            self.index(unindexed)

    def _show_status(self, report: IndexReport | None = None) -> None:
        text = tr("%Ln article(s)", "", len(self.model.rows))
        if report is not None:
            text += " · " + tr("%1 indexed, %2 unchanged, %3 removed", args=(str(report.indexed), str(report.unchanged), str(report.removed)))
        if self.skipped:
            text += " · <a href='#skipped'>" + tr("%1 skipped", args=(str(len(self.skipped)),)) + "</a>"
        self.status.setText(text)

    def show_skipped(self) -> None:
        lines = "\n".join(f"{Path(path).name}: {reason}" for path, reason in self.skipped[:200])
        QMessageBox.information(self, tr("Skipped files"), lines or tr("No file was skipped."))

    def _open_index(self, index: QModelIndex) -> None:
        path = self.model.data(index, PATH_ROLE)
        if isinstance(path, str) and path:
            self.open_requested.emit(Path(path))

    def _error(self, message: str) -> None:
        self.status.setText(message)

    # -- indexing --------------------------------------------------------------------
    def index(self, folders: list[str]) -> None:
        """Index folders in the background, with progress and Cancel."""
        from reader.core import library

        if self.tasks.running("index") or not folders:
            return
        data_dir = self.data_dir

        def work(ctx: TaskContext) -> IndexReport:
            total = library.IndexReport()
            with Store(data_dir) as store:
                for folder in folders:
                    report = library.index_folder(store, folder, progress=ctx.progress,
                                                  cancelled=ctx.cancelled)
                    total.indexed += report.indexed
                    total.unchanged += report.unchanged
                    total.removed += report.removed
                    total.skipped += report.skipped
                    total.elapsed_ms += report.elapsed_ms
                    total.cancelled = total.cancelled or report.cancelled
                    if ctx.cancelled():
                        break
            return total

        self.progress.setRange(0, 0)
        self.progress.setFormat(tr("Indexing… %v of %m"))
        self.progress_widget.show()
        self.tasks.start("index", work, on_done=self._indexed, on_error=self._index_failed,
                         on_progress=self._progress, on_cancelled=self._index_cancelled)

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _indexed(self, report: IndexReport) -> None:
        self.progress_widget.hide()
        self.skipped = list(report.skipped)
        self.reload()
        self._show_status(report)
        self.indexing_finished.emit(report)

    def _index_failed(self, message: str) -> None:
        self.progress_widget.hide()
        self.status.setText(tr("Indexing failed: %1", args=(message,)))
        self.indexing_finished.emit(None)

    def _index_cancelled(self) -> None:
        self.progress_widget.hide()
        self.reload()
        self.indexing_finished.emit(None)

    def cancel_indexing(self) -> None:
        if self.tasks.running("index"):
            self.tasks.stop("index")
            self.progress.setFormat(tr("Cancelling…"))

    def reindex_all(self) -> None:
        self.index([self.folders.itemData(i) for i in range(self.folders.count())])

    def remove_current_folder(self) -> None:
        from reader.core import library

        folder, data_dir = self.folders.currentData(), self.data_dir
        if not folder:
            return

        def work(ctx: TaskContext) -> None:  # a write: never on the UI thread
            with Store(data_dir) as store:
                library.remove_folder(store, folder)

        self.tasks.start("remove", work, on_done=lambda _none: self.reload(), on_error=self._error)
