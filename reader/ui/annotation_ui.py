"""The window's annotation commands: actions, menus, the floating bar, the dock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu

from reader.core.annotations import COLORS, Annotation
from reader.core.errors import ReaderError
from reader.ui.annotation_controller import COLOR_NAMES, AnnotationController, ViewSide
from reader.ui.article_view import ArticleView
from reader.ui.i18n import tr
from reader.ui.lazy_dock import LazyDock
from reader.ui.sync import READING_LINE

if TYPE_CHECKING:
    from reader.ui.annotations_dock import AnnotationsDock
    from reader.ui.main_window import MainWindow
    from reader.ui.selection_bar import SelectionBar


class AnnotationUI(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller = AnnotationController(window.data_dir, self)
        self.controller.notice.connect(lambda text: window.statusBar().showMessage(text, 8000))
        self.controller.set_placements([
            ViewSide(window.translation_view, "zh", "b"),
            ViewSide(window.original_view, "en", "b"),
            ViewSide(window.interleaved_view, "zh", "b"),
            ViewSide(window.interleaved_view, "en", "e"),
        ])
        self._dock = LazyDock(window, "annotationsDock", Qt.DockWidgetArea.RightDockWidgetArea, self._build_dock,
                              tr("&Annotations"), "Ctrl+Shift+A")
        self.bars: dict[int, SelectionBar] = {}  # the floating bar of each view, made when first shown
        for view in self.views():
            self._decorate(view)
        self._build_actions()

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
        w = self.window
        return [w.translation_view, w.original_view, w.interleaved_view]

    # -- actions ---------------------------------------------------------------------
    def _build_actions(self) -> None:
        w = self.window
        self.highlight_actions: list[QAction] = []
        for number, name in enumerate(COLORS, 1):
            action = w._action(tr("Highlight %1", args=(tr(COLOR_NAMES[name]),)),
                               lambda _=False, n=name: self.highlight(n), f"Ctrl+{number}")
            self.highlight_actions.append(action)
        self.note_action = w._action(tr("Add or Edit &Note…"), self.note, "Ctrl+Shift+N")
        self.bookmark_action = w._action(tr("&Bookmark This Place…"), self.bookmark, "Ctrl+D")
        self.undo_action = w._action(tr("&Undo Delete"), self.undo, QKeySequence.StandardKey.Undo)
        self.dock_action = self._dock.action
        w.addAction(self.dock_action)
        menu = w.menuBar().addMenu(tr("&Annotate"))
        for action in self.highlight_actions:
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.note_action)
        menu.addAction(self.undo_action)
        menu.addSeparator()
        menu.addAction(self.dock_action)
        self.bookmarks_menu = w.menuBar().addMenu(tr("&Bookmarks"))
        self.bookmarks_menu.aboutToShow.connect(self._fill_bookmarks)
        self._fill_bookmarks()
        w.menuBar().insertMenu(w.help_menu.menuAction(), menu)
        w.menuBar().insertMenu(w.help_menu.menuAction(), self.bookmarks_menu)

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
        w = self.window
        for view in self.views():
            if view.hasFocus() and view.isVisible():
                return view
        for view in self.views():
            if view.isVisible() and view.textCursor().hasSelection():
                return view
        return w.interleaved_view if w.layout_name == "interleaved" else w.translation_view

    def highlight(self, color: str, view: ArticleView | None = None) -> Annotation | None:
        view = view or self.active_view()
        try:
            annotation = self.controller.highlight(view, color)
        except ReaderError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)
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
            self.window.statusBar().showMessage(tr("Select some text to add a note to."), 8000)
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
            self.window.statusBar().showMessage(str(exc), 8000)
        return True

    def bookmark(self) -> None:
        view = self.active_view()
        name, ok = QInputDialog.getText(self.window, tr("Bookmark"), tr("Name (optional):"))
        if not ok:
            return
        if self.controller.bookmark(view, name.strip()) is not None:
            self.window.statusBar().showMessage(tr("Bookmarked."), 4000)

    def undo(self) -> None:
        if self.controller.undo_delete() is None:
            self.window.statusBar().showMessage(tr("Nothing to undo."), 4000)

    def attach(self, annotation: Annotation, view: ArticleView | None = None) -> None:
        view = view or self.active_view()
        try:
            self.controller.attach_here(annotation.id, view)
        except ReaderError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)

    def go_to(self, annotation: Annotation) -> None:
        """Scroll to an annotation (the counterpart follows in the other pane) and flash it."""
        w = self.window
        if annotation.status == "orphaned":
            return
        if w.layout_name == "interleaved":
            view = w.interleaved_view
        else:
            view = w.translation_view if annotation.side == "zh" else w.original_view
        span = self.controller.document_range(annotation, view)
        if span is None:
            return
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(view.document())
        cursor.setPosition(span[0])
        y = view.cursorRect(cursor).top() + view.verticalScrollBar().value()
        view.verticalScrollBar().setValue(int(y - view.viewport().height() * READING_LINE))
        block = view.block_at_position(span[0])
        if block is not None and w.layout_name != "interleaved" and w.sync.parallel is not None:
            w.sync.show_counterpart(annotation.side, block)
        self.controller.flash(annotation, view)
