"""The window's annotation commands: actions, menus, the floating bar, the dock, export and import.

It listens to the session (which article is open, which original beside it) and to the
views (a new document to paint on); it never reaches into the window.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

# Dialogs as QtWidgets.X: PySide makes a class's Python type when it is first named, and
# these are not needed to start.
from PySide6 import QtWidgets
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from reader.core.annotations import COLORS, Annotation
from reader.core.errors import ReaderError
from reader.ui import settings as S
from reader.ui.actions import Command, Existing, Menu, Row
from reader.ui.annotation_controller import COLOR_NAMES, AnnotationController, ViewSide
from reader.ui.article_view import ArticleView
from reader.ui.i18n import tr
from reader.ui.layouts import ReadingLayout
from reader.ui.lazy_dock import LazyDock
from reader.ui.original_controller import LoadedOriginal
from reader.ui.session import DocumentSession, LoadedArticle
from reader.ui.sync import READING_LINE
from reader.ui.tasks import LatestTasks
from reader.ui.writer import StoreWriter

if TYPE_CHECKING:
    from reader.core.importer import ImportReport
    from reader.ui.annotations_dock import AnnotationsDock
    from reader.ui.selection_bar import SelectionBar


class AnnotationUI(QObject):
    def __init__(self, window: QMainWindow, session: DocumentSession, layout: ReadingLayout,
                 original_view: ArticleView, writer: StoreWriter, settings: S.Settings,
                 data_dir: Path) -> None:
        super().__init__(window)
        self.window = window  # the parent of dialogs and docks, and its status bar
        self.session = session
        self.layout = layout
        self.settings = settings
        self.data_dir = data_dir
        self.tasks = LatestTasks()  # "import"
        self.controller = AnnotationController(data_dir, writer, self)
        self.controller.notice.connect(self.tell)
        self.translation_view, self.original_view = layout.translation_view, original_view
        self.interleaved_view = layout.interleaved_view
        self.controller.set_placements([
            ViewSide(self.translation_view, "zh", "b"),
            ViewSide(original_view, "en", "b"),
            ViewSide(self.interleaved_view, "zh", "b"),
            ViewSide(self.interleaved_view, "en", "e"),
        ])
        # Connected before the window shows the new article: the old one's reading place is
        # saved from the view that still shows it.
        session.opened.connect(self._article_opened)
        session.closed.connect(self.controller.close_article)
        session.originals.loaded.connect(self._original_loaded)
        session.originals.cleared.connect(self.controller.original_cleared)
        self._dock = LazyDock(window, "annotationsDock", Qt.DockWidgetArea.RightDockWidgetArea, self._build_dock,
                              tr("&Annotations"), "Ctrl+Shift+A")
        self.bars: dict[int, SelectionBar] = {}  # the floating bar of each view, made when first shown
        for view in self.views():
            self._decorate(view)
            view.document_shown.connect(self.controller.views_changed)

    def tell(self, text: str, timeout: int = 8000) -> None:
        self.window.statusBar().showMessage(text, timeout)

    def _article_opened(self, loaded: LoadedArticle) -> None:
        self.controller.open_article(loaded.article)

    def _original_loaded(self, loaded: LoadedOriginal) -> None:
        self.controller.original_loaded(loaded.article)

    @property
    def dock(self) -> AnnotationsDock:
        return self._dock.get()

    def _build_dock(self) -> AnnotationsDock:
        from reader.ui.annotations_dock import AnnotationsDock

        dock = AnnotationsDock(self.controller, self.window)
        dock.activated.connect(self.go_to)
        dock.edit_requested.connect(self.edit)
        dock.attach_requested.connect(self.attach)
        return dock

    def views(self) -> list[ArticleView]:
        return [self.translation_view, self.original_view, self.interleaved_view]

    # -- commands ----------------------------------------------------------------------
    def file_commands(self) -> list[Row]:
        return [
            Command("export", tr("&Export Annotations…"), self.export_annotations, "file", ("Ctrl+E",)),
            Command("import", tr("&Import Annotations…"), self.import_annotations, "file", ("Ctrl+I",)),
        ]

    def menu_commands(self) -> list[Row]:
        highlights: list[Row] = [
            Command(f"highlight_{name}", tr("Highlight %1", args=(tr(COLOR_NAMES[name]),)),
                    partial(self.highlight, name), "annotate", (f"Ctrl+{number}",))
            for number, name in enumerate(COLORS, 1)
        ]
        return [
            Menu("annotate", tr("&Annotate")),
            *highlights,
            Command("note", tr("Add or Edit &Note…"), self.note, "annotate", ("Ctrl+Shift+N",), separator=True),
            Command("undo_delete", tr("&Undo Delete"), self.undo, "annotate", (QKeySequence.StandardKey.Undo,)),
            Existing("annotations_dock", self._dock.action, "annotate", separator=True),
            Menu("bookmarks", tr("&Bookmarks")),
            Command("bookmark", tr("&Bookmark This Place…"), self.bookmark, "bookmarks", ("Ctrl+D",)),
        ]

    def commands_declared(self, actions: dict[str, QAction], bookmarks_menu: QMenu) -> None:
        """The table made the actions: keep the ones the context menu and bookmarks use."""
        self.highlight_actions = [actions[f"highlight_{name}"] for name in COLORS]
        self.note_action = actions["note"]
        self.bookmark_action = actions["bookmark"]
        self.undo_action = actions["undo_delete"]
        self.dock_action = self._dock.action
        self.bookmarks_menu = bookmarks_menu
        bookmarks_menu.aboutToShow.connect(self._fill_bookmarks)
        self._fill_bookmarks()

    def _fill_bookmarks(self) -> None:
        menu = self.bookmarks_menu
        menu.clear()
        menu.addAction(self.bookmark_action)
        marks = [a for a in self.controller.annotations if a.kind == "bookmark"]
        if marks:
            menu.addSeparator()
        for mark in sorted(marks, key=lambda a: (a.side, a.start)):
            title = mark.note or mark.exact[:40]
            action = menu.addAction(f"{'中' if mark.side == 'zh' else 'EN'}  {title}")
            action.triggered.connect(lambda _=False, a=mark: self.go_to(a))

    # -- the floating bar and the context menu -------------------------------------------
    def _decorate(self, view: ArticleView) -> None:
        view.selectionChanged.connect(lambda v=view: self._selection_changed(v))
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(lambda point, v=view: self._context_menu(v, point))

    def _bar(self, view: ArticleView) -> SelectionBar:
        bar = self.bars.get(id(view))
        if bar is None:
            from reader.ui.selection_bar import SelectionBar

            bar = SelectionBar(view.viewport())
            bar.color_chosen.connect(lambda name, v=view: self.highlight(name, v))
            bar.note_requested.connect(lambda v=view: self.note(v))
            self.bars[id(view)] = bar
        return bar

    def _hide_bar(self, view: ArticleView) -> None:
        bar = self.bars.get(id(view))
        if bar is not None:
            bar.hide()

    def _selection_changed(self, view: ArticleView) -> None:
        cursor = view.textCursor()
        if cursor.hasSelection() and cursor.selectedText().strip() and not view.quiet_selection:
            self._bar(view).show_at(view.cursorRect(cursor).bottomLeft())
        else:
            self._hide_bar(view)

    def _context_menu(self, view: ArticleView, point: QPoint) -> None:
        menu: QMenu = view.createStandardContextMenu(point)
        menu.addSeparator()
        if view.textCursor().hasSelection():
            for action in self.highlight_actions:
                menu.addAction(action)
            menu.addAction(self.note_action)
            current = self.dock.current() if self._dock.built else None
            if current is not None and current.status == "orphaned":
                menu.addAction(tr("Attach “%1” Here", args=(current.exact[:20],)),
                               lambda: self.attach(current, view))
        else:
            annotation = self.controller.annotation_at(view, view.cursorForPosition(point).position())
            if annotation is not None:
                menu.addAction(tr("Edit Note…"), lambda: self.edit(annotation))
                menu.addAction(tr("Delete Highlight"), lambda: self.controller.delete(annotation.id))
        menu.addAction(self.bookmark_action)
        menu.exec(view.viewport().mapToGlobal(point))

    # -- commands ----------------------------------------------------------------------
    def active_view(self) -> ArticleView:
        for view in self.views():
            if view.hasFocus() and view.isVisible():
                return view
        for view in self.views():
            if view.isVisible() and view.textCursor().hasSelection():
                return view
        return self.layout.reading_view()

    def highlight(self, color: str, view: ArticleView | None = None) -> Annotation | None:
        view = view or self.active_view()
        try:
            annotation = self.controller.highlight(view, color)
        except ReaderError as exc:
            self.tell(str(exc), 8000)
            return None
        self._hide_bar(view)
        return annotation

    def note(self, view: ArticleView | None = None) -> None:
        """A note on the selection (highlighted yellow, unless it is highlighted already), or
        on the highlight at the caret or just made; Cancel leaves everything as it was."""
        view = view or self.active_view()
        annotation, made = None, False
        if view.textCursor().hasSelection():
            annotation = self.controller.highlight_of_selection(view)
            if annotation is None:
                annotation = self.highlight("yellow", view)
                made = annotation is not None
        else:
            annotation = self.controller.highlight_near_caret(view)
        if annotation is None:
            self.tell(tr("Select some text to add a note to."), 8000)
            return
        if not self.edit(annotation) and made:
            self.controller.discard(annotation.id)

    def edit(self, annotation: Annotation) -> bool:
        """The note dialog on ``annotation``; whether the reader saved it."""
        from reader.ui.note_dialog import NoteDialog

        dialog = NoteDialog(annotation, self.controller.tags(), self.window)
        if not dialog.exec():
            return False
        note, tags, color = dialog.values()
        try:
            self.controller.update(annotation.id, note=note, tags=tags, color=color)
        except ReaderError as exc:
            self.tell(str(exc), 8000)
        return True

    def bookmark(self) -> None:
        view = self.active_view()
        name, ok = QtWidgets.QInputDialog.getText(self.window, tr("Bookmark"), tr("Name (optional):"))
        if not ok:
            return
        if self.controller.bookmark(view, name.strip()) is not None:
            self.tell(tr("Bookmarked."), 4000)

    def undo(self) -> None:
        if self.controller.undo_delete() is None:
            self.tell(tr("Nothing to undo."), 4000)

    def attach(self, annotation: Annotation, view: ArticleView | None = None) -> None:
        view = view or self.active_view()
        try:
            self.controller.attach_here(annotation.id, view)
        except ReaderError as exc:
            self.tell(str(exc), 8000)

    def go_to(self, annotation: Annotation) -> None:
        """Scroll to an annotation (the counterpart follows in the other pane) and flash it."""
        if annotation.status == "orphaned":
            return
        if self.layout.interleaved:
            view = self.interleaved_view
        else:
            view = self.translation_view if annotation.side == "zh" else self.original_view
        span = self.controller.document_range(annotation, view)
        if span is None:
            return
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(view.document())
        cursor.setPosition(span[0])
        y = view.cursorRect(cursor).top() + view.verticalScrollBar().value()
        view.verticalScrollBar().setValue(int(y - view.viewport().height() * READING_LINE))
        block = view.block_at_position(span[0])
        sync = self.layout.sync
        if block is not None and not self.layout.interleaved and sync.parallel is not None:
            sync.show_counterpart(annotation.side, block)
        self.controller.flash(annotation, view)

    # -- export and import -------------------------------------------------------------
    def export_annotations(self) -> None:
        from reader.core.annotations import count_annotations
        from reader.ui.export_dialog import ExportDialog

        article = self.session.article
        current = len(self.controller.annotations) if article is not None else 0
        dialog = ExportDialog(self.data_dir, article.path if article else None,
                              article.title if article else "", current, count_annotations(self.controller.store),
                              self.settings.get(S.LAST_DIR), self.window)
        dialog.exported.connect(lambda n, where: self.tell(
            tr("Exported %n annotation(s) to %1", "", n, args=(where,)), 10000))
        dialog.exec()

    def import_annotations(self) -> None:
        from reader.ui.export_dialog import import_annotations_file

        name, _ = QtWidgets.QFileDialog.getOpenFileName(self.window, tr("Import Annotations"), self.settings.get(S.LAST_DIR),
                                              tr("Web annotations (*.json *.jsonld);;All files (*)"))
        if name:
            import_annotations_file(self.tasks, self.data_dir, Path(name), self._imported,
                                    lambda message: self._warn(tr("Import failed"), message))

    def _warn(self, title: str, message: str) -> None:
        QtWidgets.QMessageBox.warning(self.window, title, message)

    def _imported(self, report: ImportReport) -> None:
        text = tr("Imported %n annotation(s); %1 were already here.", "", report.imported,
                  args=(report.skipped_duplicates,))
        if report.errors:
            text += "\n\n" + tr("Skipped %n entry(ies):", "", len(report.errors)) + "\n" + "\n".join(
                report.errors[:12])
        self.tell(text.split("\n")[0], 10000)
        self.controller.refresh()  # imported notes may belong to the open article
        QtWidgets.QMessageBox.information(self.window, tr("Import Annotations"), text)
