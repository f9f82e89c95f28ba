"""Proofread mode: correct a translated paragraph in place, beside its original, and track
the review of every pair.

The editor is an overlay over the paragraph in the translation pane holding the block's
Markdown source (``core/source_blocks.py``); saving replaces only that block's lines
(``core/editing.replace_lines``, checked against the bytes it was read from), then the
window reads the file again in place. The window's file watch asks ``is_own_write``
first, so the app's own save is not taken for a change made elsewhere; a real change
while a paragraph is being edited shows both texts and lets the proofreader choose.
Edits are undone and redone by their exact bytes (per file, across re-renders). Review
marks live in the store (``core/review.py``), written off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QMouseEvent, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from reader.core.blocks import Block
from reader.core.errors import ReaderError
from reader.core.vocabulary import FLAGGED, REVIEWED, UNREVIEWED
from reader.ui.actions import Command, Existing, Menu, Row
from reader.ui.article_view import ArticleView, Marker
from reader.ui.i18n import tr
from reader.ui.layouts import ReadingLayout
from reader.ui.lazy_dock import LazyDock
from reader.ui.session import DocumentSession
from reader.ui.tasks import LatestTasks, TaskContext

if TYPE_CHECKING:  # editing and review load with the first edit or review (fast start)
    from reader.core.article import Article
    from reader.core.editing import Edit
    from reader.core.fixes import Fix
    from reader.core.parallel import ParallelText
    from reader.core.render import RenderedDocument
    from reader.core.review import ReviewItem
    from reader.core.source_blocks import SourceFile
    from reader.ui.annotation_ui import AnnotationUI
    from reader.ui.changes_dock import ChangesDock

EDITOR_MIN_HEIGHT = 110
REVIEW_COLORS = {REVIEWED: "#2e9d4f", FLAGGED: "#d9480f"}
COUNTERPART_TINT = QColor(255, 196, 0, 60)


class BlockEditor(QFrame):
    """The Markdown source of one block, over its place in the pane."""

    save_requested = Signal()  # Ctrl+Enter
    cancel_requested = Signal()  # Esc
    next_requested = Signal()  # Tab: save and edit the next pair
    keep_mine = Signal()
    take_theirs = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("proofreadEditor")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("proofreadText")
        self.edit.setTabChangesFocus(False)
        self.edit.installEventFilter(self)
        column.addWidget(self.edit, 1)
        self.fixes = QWidget()  # the check's corrections of this paragraph, each with Apply
        self.fixes.setObjectName("proofreadFixes")
        self.fixes_column = QVBoxLayout(self.fixes)
        self.fixes_column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.fixes)
        self.fixes.hide()
        self.fix_rows: list[QWidget] = []
        self.conflict = QWidget()
        conflict_column = QVBoxLayout(self.conflict)
        conflict_column.setContentsMargins(0, 0, 0, 0)
        self.conflict_label = QLabel(tr("The file changed on disk while you were editing. On disk now:"))
        self.conflict_label.setWordWrap(True)
        self.theirs = QPlainTextEdit()
        self.theirs.setObjectName("proofreadTheirs")
        self.theirs.setReadOnly(True)
        buttons = QHBoxLayout()
        self.keep_button = QPushButton(tr("Keep My Text"))
        self.keep_button.clicked.connect(self.keep_mine)
        self.take_button = QPushButton(tr("Take the File's Text"))
        self.take_button.clicked.connect(self.take_theirs)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        conflict_column.addWidget(self.conflict_label)
        conflict_column.addWidget(self.theirs, 1)
        conflict_column.addLayout(buttons)
        column.addWidget(self.conflict, 1)
        self.conflict.hide()
        hint = QLabel(tr("Ctrl+Enter save · Esc cancel · Tab save and next"))
        hint.setObjectName("proofreadHint")
        column.addWidget(hint)

    def show_fixes(self, fixes: list[Fix]) -> None:
        """One row per fix: what it changes (shown before it is applied) and an Apply button."""
        for old in self.fix_rows:
            old.deleteLater()
        self.fix_rows = []
        for fix in fixes:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            preview = QLabel(fix_preview_html(fix))
            preview.setObjectName("fixPreview")
            preview.setTextFormat(Qt.TextFormat.RichText)
            preview.setWordWrap(True)
            button = QPushButton(tr("Apply"))
            button.setObjectName("applyFix")
            button.setToolTip(tr("Put the corrected sentence into the editor (Ctrl+Enter saves it)"))
            button.clicked.connect(lambda _checked=False, f=fix, r=row: self.apply_fix(f, r))
            line.addWidget(preview, 1)
            line.addWidget(button)
            self.fixes_column.addWidget(row)
            self.fix_rows.append(row)
        self.fixes.setVisible(bool(fixes))

    def apply_fix(self, fix: Fix, row: QWidget) -> None:
        """Correct the sentence in the editor (undoable there with Ctrl+Z); saving stays the
        proofreader's."""
        text = self.edit.toPlainText()
        if not fix.applies_to(text):
            row.setEnabled(False)
            row.setToolTip(tr("The sentence was changed in the editor: this fix no longer fits."))
            return
        start = text.index(fix.before)
        cursor = self.edit.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(start + len(fix.before), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(fix.after)
        self.edit.setTextCursor(cursor)
        row.hide()
        if all(r.isHidden() for r in self.fix_rows):
            self.fixes.hide()
        self.edit.setFocus()

    def show_conflict(self, theirs: str) -> None:
        self.theirs.setPlainText(theirs)
        self.conflict.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods & Qt.KeyboardModifier.ControlModifier:
                self.save_requested.emit()
                return True
            if key == Qt.Key.Key_Escape:
                self.cancel_requested.emit()
                return True
            if key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ControlModifier:
                self.next_requested.emit()
                return True
        return super().eventFilter(watched, event)


def fix_preview_html(fix: Fix) -> str:
    """The sentence before and after the fix, changed characters marked (struck out, added)."""
    import html

    from reader.ui.check_dock import kind_name

    removed, added = fix.preview()
    before = "".join(f'<span style="background:#ffd8d8; text-decoration:line-through">{html.escape(t)}</span>'
                     if changed else html.escape(t) for changed, t in removed)
    after = "".join(f'<span style="background:#c3f0c8; font-weight:bold">{html.escape(t)}</span>'
                    if changed else html.escape(t) for changed, t in added)
    return f"<b>{html.escape(kind_name(fix.kind))}</b>: {before}<br>→ {after}"


@dataclass
class _Editing:
    block: Block
    source: SourceFile  # the file's bytes when editing began (the save checks them)
    view: ArticleView


class Proofreader(QObject):
    """Proofread mode of a main window: its actions, the editor, undo, review marks."""

    saved = Signal(object)  # Edit: written to disk
    review_changed = Signal()  # the review items were read again

    def __init__(self, window: QMainWindow, session: DocumentSession, layout: ReadingLayout,
                 original_view: ArticleView, annotation_ui: AnnotationUI, data_dir: Path) -> None:
        super().__init__(window)
        self.window = window  # the parent of dialogs and docks, and its status bar
        self.session = session
        self.layout = layout
        self.sync = layout.sync
        self.original_view = original_view
        self.annotation_ui = annotation_ui
        self.data_dir = data_dir
        self.active = False
        self.items: list[ReviewItem] = []
        self.tasks = LatestTasks()
        self.editor: BlockEditor | None = None
        self.editing: _Editing | None = None
        self.current_block: int | None = None  # the last paragraph clicked in the translation
        self.undo_stacks: dict[str, list[Edit]] = {}  # by real path: survives a re-render
        self.redo_stacks: dict[str, list[Edit]] = {}
        self._own_sha: dict[str, str] = {}  # real path -> sha256 of what this app last wrote
        self._edit_after_line: int | None = None  # Tab: edit the unit after this line when loaded
        self._announce_save = False  # the next article shown is our save, not a change on disk
        self.changes_dock: LazyDock[ChangesDock] = LazyDock(
            window, "changesDock", Qt.DockWidgetArea.RightDockWidgetArea, self._make_changes_dock,
            tr("C&hanges Panel"), "Ctrl+Alt+D")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("proofreadProgress")
        self.progress_label.hide()
        window.statusBar().addPermanentWidget(self.progress_label)
        layout.translation_view.block_clicked.connect(self._block_clicked)
        for view in (layout.translation_view, layout.interleaved_view):
            view.add_pointer_hook(self._pointer)
            view.verticalScrollBar().valueChanged.connect(lambda _v: self._place_editor())
        session.opened.connect(lambda loaded: self._article_loaded(loaded.article))

    # -- actions ---------------------------------------------------------------------
    def commands(self) -> list[Row]:
        return [
            Menu("proofread", tr("&Proofread")),
            Command("proofread", tr("&Proofread"), lambda: self.set_active(self.action.isChecked()), "proofread",
                    ("Ctrl+Shift+P",), checkable=True),
            Command("edit_paragraph", tr("&Edit Paragraph"), self.edit_current, "proofread", ("F2",), separator=True),
            Command("undo_edit", tr("Undo Edit"), self.undo, "proofread"),
            Command("redo_edit", tr("Redo Edit"), self.redo, "proofread", ("Ctrl+Shift+Z",)),
            Command("mark_reviewed", tr("Mark &Reviewed"), lambda: self.mark_current(REVIEWED), "proofread",
                    ("Ctrl+Return",)),
            Command("flag", tr("&Flag…"), self.flag_current, "proofread", ("Ctrl+Alt+F",)),
            Command("next_unreviewed", tr("Next &Unreviewed Pair"), lambda: self.go_to(+1, UNREVIEWED), "proofread",
                    ("N",)),
            Command("previous_unreviewed", tr("Previous Unreviewed Pair"), lambda: self.go_to(-1, UNREVIEWED),
                    "proofread", ("Shift+N",)),
            Command("next_flagged", tr("Next F&lagged Pair"), lambda: self.go_to(+1, FLAGGED), "proofread", ("F",)),
            Existing("changes_panel", self.changes_dock.action, "proofread", separator=True),
        ]

    def commands_declared(self, actions: dict[str, QAction], toolbar: QToolBar) -> None:
        """The table made the actions: keep the ones the mode switches on and off."""
        self.action = actions["proofread"]
        self.action.setObjectName("proofreadAction")
        self.edit_action, self.undo_action = actions["edit_paragraph"], actions["undo_edit"]
        self.redo_action, self.mark_action = actions["redo_edit"], actions["mark_reviewed"]
        self.flag_action = actions["flag"]
        self.next_unreviewed_action = actions["next_unreviewed"]
        self.previous_unreviewed_action = actions["previous_unreviewed"]
        self.next_flagged_action = actions["next_flagged"]
        self.mode_actions = [self.edit_action, self.undo_action, self.redo_action, self.mark_action,
                             self.flag_action, self.next_unreviewed_action, self.previous_unreviewed_action,
                             self.next_flagged_action]
        for action in self.mode_actions:
            action.setEnabled(False)
        toolbar.addSeparator()
        toolbar.addAction(self.action)

    def set_active(self, active: bool) -> None:
        self.active = bool(active)
        self.action.setChecked(self.active)
        for action in self.mode_actions:
            action.setEnabled(self.active)
        # Ctrl+Z undoes a saved edit in this mode, a deleted annotation otherwise.
        undo_annotation = self.annotation_ui.undo_action
        if self.active:
            undo_annotation.setShortcuts([])
            self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        else:
            self.undo_action.setShortcuts([])
            undo_annotation.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
            self.cancel_edit()
        self.progress_label.setVisible(self.active)
        if self.active:
            self.refresh()
        self.sync.show_markers()

    # -- the current pair ------------------------------------------------------------
    def _block_clicked(self, block: int) -> None:
        self.current_block = block
        if self.active:
            self.sync.show_counterpart("zh", block)

    def _view(self) -> ArticleView:
        return self.layout.reading_view()

    def _current_unit(self) -> Block | None:
        article = self.session.article
        if article is None:
            return None
        units = {b.index: b for b in article.units}
        candidates = [self.current_block, self.layout.reading_block()]
        for index in candidates:
            if index is not None and index in units:
                return units[index]
        reading = self.layout.reading_block()
        if reading is not None:  # a header block: the first unit after it
            return next((b for b in article.units if b.index > reading), None)
        return article.units[0] if article.units else None

    def _item_of_block(self, block_index: int) -> ReviewItem | None:
        return next((i for i in self.items if block_index in i.zh_blocks), None)

    # -- editing ---------------------------------------------------------------------
    def edit_current(self) -> None:
        block = self._current_unit()
        if block is not None:
            self.edit_block(block)

    def edit_block(self, block: Block) -> None:
        article = self.session.article
        if article is None or article.path is None:
            return
        if not self.active:
            self.set_active(True)
        self.cancel_edit()
        from reader.core.source_blocks import read_source

        try:
            source = read_source(article.path)
            text = source.text_of(block.line_start, block.line_end)
        except (ReaderError, IndexError) as exc:
            self.window.statusBar().showMessage(tr("Cannot edit: %1", args=(str(exc),)), 8000)
            return
        view = self._view()
        self.current_block = block.index
        self.editing = _Editing(block, source, view)
        if self.editor is None or self.editor.parent() is not view.viewport():
            if self.editor is not None:
                self.editor.deleteLater()
            self.editor = BlockEditor(view.viewport())
            self.editor.save_requested.connect(self.save)
            self.editor.cancel_requested.connect(self.cancel_edit)
            self.editor.next_requested.connect(self.save_and_next)
            self.editor.keep_mine.connect(self._keep_mine)
            self.editor.take_theirs.connect(self._take_theirs)
        self.editor.conflict.hide()
        self.editor.edit.setFont(view.document().defaultFont())  # the pane's Chinese face and size
        self.editor.edit.setPlainText(text)
        self.editor.show_fixes(self.fixes_of(block, text))
        if not self.layout.interleaved:
            self.sync.show_counterpart("zh", block.index)
            self._tint_counterpart(block.index)
        self._place_editor()
        self.editor.show()
        self.editor.edit.setFocus()

    def fixes_of(self, block: Block, text: str) -> list[Fix]:
        """The corrections the translation check (its last report) offers for ``block``."""
        report = self.sync.check_report
        if report is None:
            return []
        issues = [issue for issue in report.all_issues if issue.fixed is not None
                  and 0 <= issue.pair < len(report.pairs)
                  and any(b.index == block.index for b in report.pairs[issue.pair].zh)]
        from reader.core.fixes import fixes_for

        return fixes_for(text, issues)

    def _tint_counterpart(self, block_index: int) -> None:
        parallel = self.session.parallel
        if parallel is None:
            return
        blocks = parallel.counterpart("zh", block_index)
        view = self.original_view
        view.set_layer("3-proofread", [s for b in blocks if (s := view.block_selection(b.index, COUNTERPART_TINT))])

    def _place_editor(self) -> None:
        if self.editor is None or self.editing is None:
            return
        view = self.editing.view
        span = view.block_span(self.editing.block.index)
        if span is None:
            return
        top, bottom = span
        offset = view.verticalScrollBar().value()
        margin = int(view.document().rootFrame().frameFormat().leftMargin())
        width = max(200, view.viewport().width() - 2 * margin + 16)
        height = max(EDITOR_MIN_HEIGHT, int(bottom - top) + 60)
        if not self.editor.fixes.isHidden():
            height += self.editor.fixes.sizeHint().height()
        if not self.editor.conflict.isHidden():
            height = max(height, 300)
        self.editor.setGeometry(max(0, margin - 8), int(top - offset) - 4, width, height)

    def cancel_edit(self) -> None:
        editing, self.editing = self.editing, None
        if editing is not None and self.editor is not None and self.editor.isVisible() and isValid(editing.view):
            # The pane takes the focus back with its text cursor on this block: Qt scrolls
            # a pane to its cursor, which was wherever the reader last clicked.
            position = editing.view.block_position(editing.block.index)
            if position is not None:
                cursor = QTextCursor(editing.view.document())
                cursor.setPosition(position)
                editing.view.select_quietly(cursor)
            editing.view.setFocus()
        if self.editor is not None:
            self.editor.hide()
        self.original_view.set_layer("3-proofread", [])

    def save(self, *, then_next: bool = False) -> Edit | None:
        """Save the editor's text into its block's lines; None when nothing changed.
        ``then_next``: edit the paragraph after it once the new text shows."""
        editing = self.editing
        article = self.session.article
        if editing is None or self.editor is None or article is None or article.path is None:
            return None
        text = self.editor.edit.toPlainText()
        block = editing.block
        from reader.core.editing import StaleFileError, replace_lines

        try:
            result = replace_lines(article.path, block.line_start, block.line_end, text,
                                   expect_sha256=editing.source.sha256, block_index=block.index)
        except StaleFileError:
            self._conflict()
            return None
        except ReaderError as exc:
            self.window.statusBar().showMessage(tr("Not saved: %1", args=(str(exc),)), 10000)
            return None
        self.cancel_edit()
        if result.edit is None:
            return None
        if then_next:
            self._edit_after_line = result.edit.new_line_end
        self._saved(result.edit, article, editing.source.data)
        self.redo_stacks.pop(_key(article.path), None)
        self.undo_stacks.setdefault(_key(article.path), []).append(result.edit)
        return result.edit

    def save_and_next(self) -> None:
        editing = self.editing
        if editing is None:
            return
        edit = self.save(then_next=True)
        if self.editing is not None or edit is not None:  # a conflict: stay; saved: see save
            return
        article = self.session.article
        following = next((b for b in article.units if b.index > editing.block.index), None) if article else None
        if following is not None:
            self.edit_block(following)

    def _saved(self, edit: Edit, before: Article, data_before: bytes) -> None:
        """Show the new text at once (quietly: it is ours) and track the edit off the UI thread."""
        self._own_sha[_key(edit.path)] = edit.sha256_after
        data_dir = self.data_dir

        def work(_ctx: TaskContext) -> None:
            from reader.core.editing import track_edit
            from reader.core.store import Store

            with Store(data_dir) as store:
                track_edit(store, edit, before, data_before)

        self.tasks.start("track", work, on_done=lambda _r: self.refresh(),
                         on_error=lambda message: self.window.statusBar().showMessage(message, 8000))
        self._announce_save = True
        self._show_in_place(edit)
        self.saved.emit(edit)

    @property
    def drawing(self) -> bool:
        """A save is being shown in the panes (the window is not settled)."""
        return self.tasks.running("show-saved")

    def _show_in_place(self, edit: Edit) -> None:
        """Show the saved text without reading, drawing and aligning the whole article again:
        the changed blocks are drawn anew in the pane, the pairs around them aligned again
        (off the UI thread), annotations re-anchored; the panes keep their place. When the
        blocks themselves changed (a paragraph split in two), the file is read again."""
        session = self.session
        before, parallel, theme = session.article, session.parallel, session.theme
        if before is None or before.path is None or self.layout.interleaved:
            session.reload()
            return
        path = before.path

        def work(_ctx: TaskContext) -> tuple[Article, dict[int, RenderedDocument], ParallelText | None] | None:
            from reader.core.article import parse_article
            from reader.core.patch import changed_blocks, patched_article, realign_window
            from reader.core.render import Renderer

            fresh = patched_article(before, edit.block_index, edit.line_start, edit.old_line_end, edit.new_line_end,
                                    edit.new_text) or parse_article(path)
            changed = changed_blocks(before, fresh)
            if changed is None:
                return None
            renderer = Renderer(fresh.base_dir, fresh.references, theme, lang="zh")
            drawn = {i: renderer.document([fresh.blocks[i]]) for i in changed}
            return fresh, drawn, realign_window(parallel, fresh, changed) if parallel is not None else None

        def done(result: tuple[Article, dict[int, RenderedDocument], ParallelText | None] | None) -> None:
            if session.article is not before:
                return  # another file, or a reload, came first
            view = self.layout.translation_view
            if result is None or self.layout.interleaved \
                    or not all(view.replace_block(i, drawn) for i, drawn in result[1].items()):
                session.reload()
                return
            fresh, _drawn, aligned = result
            session.adopt_patch(fresh, aligned)
            self.sync.set_parallel(aligned)
            self.annotation_ui.controller.open_article(fresh)
            self._article_loaded(fresh)

        self.tasks.start("show-saved", work, on_done=done, on_error=lambda _message: session.reload())

    def shut_down(self) -> None:
        """The window closes: what the tasks still deliver is ignored (the store is closed)."""
        self.tasks.cancel_all()

    def is_own_write(self, path: Path) -> bool:
        """Whether the file holds what this app last wrote to it (its watch then stays quiet)."""
        expected = self._own_sha.get(_key(path))
        if expected is None:
            return False
        try:
            import hashlib

            return hashlib.sha256(Path(path).read_bytes()).hexdigest() == expected
        except OSError:
            return False

    def file_changed(self, path: Path) -> bool:
        """The window's file watch saw a change; True when it is handled here (not reloaded)."""
        if self.is_own_write(path):
            return True
        if self.editing is not None:
            self._conflict()
            return True
        return False

    def _conflict(self) -> None:
        """The file changed under the editor: show what is on disk now beside the edit."""
        editing = self.editing
        article = self.session.article
        if editing is None or self.editor is None or article is None or article.path is None:
            return
        from reader.core.source_blocks import read_source

        try:
            source = read_source(article.path)
            fresh = source.article()
        except ReaderError as exc:
            self.editor.show_conflict(str(exc))
            return
        block = _same_block(fresh.blocks, editing.block)
        theirs = source.text_of(block.line_start, block.line_end) if block else ""
        self._conflict_state = (source, block)
        self.editor.show_conflict(theirs)
        self._place_editor()

    def _keep_mine(self) -> None:
        """Write the edit into the block as it is on disk now."""
        editing = self.editing
        state = getattr(self, "_conflict_state", None)
        if editing is None or state is None:
            return
        source, block = state
        if block is None:
            self.window.statusBar().showMessage(tr("The paragraph is gone from the file; copy your text."), 8000)
            return
        self.editing = _Editing(block, source, editing.view)
        self.save()

    def _take_theirs(self) -> None:
        self.cancel_edit()
        self.session.reload()

    # -- undo ------------------------------------------------------------------------
    def undo(self) -> None:
        self._step(self.undo_stacks, self.redo_stacks, inverse=True)

    def redo(self) -> None:
        self._step(self.redo_stacks, self.undo_stacks, inverse=False)

    def _step(self, source: dict[str, list[Edit]], target: dict[str, list[Edit]], *, inverse: bool) -> None:
        article = self.session.article
        if article is None or article.path is None:
            return
        stack = source.get(_key(article.path))
        if not stack:
            self.window.statusBar().showMessage(tr("Nothing to undo.") if inverse else tr("Nothing to redo."), 3000)
            return
        self.cancel_edit()
        edit = stack[-1]
        step = edit.inverse() if inverse else edit
        from reader.core.editing import apply_edit

        try:
            data_before = Path(article.path).read_bytes()
            apply_edit(step)
        except (ReaderError, OSError) as exc:
            self.window.statusBar().showMessage(str(exc), 8000)
            return
        stack.pop()
        target.setdefault(_key(article.path), []).append(edit)
        self._saved(step, article, data_before)

    # -- review ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the review items again (off the UI thread) for the article and alignment."""
        article, parallel = self.session.article, self.session.parallel
        if article is None or not self.active or self.drawing:
            return  # (a save being drawn refreshes them once the new text shows)
        data_dir = self.data_dir

        def work(_ctx: TaskContext) -> list[ReviewItem]:
            from reader.core.review import review_items
            from reader.core.store import Store

            with Store(data_dir) as store:
                return review_items(store, article, parallel)

        self.tasks.start("review", work, on_done=self._items_ready)

    def _items_ready(self, items: list[ReviewItem]) -> None:
        from reader.core.review import progress_of

        self.items = items
        progress = progress_of(items)
        text = tr("Proofread %1/%2", args=(progress.reviewed, progress.pairs))
        if progress.flagged:
            text += ", " + tr("%n pair(s) flagged", "", progress.flagged)
        self.progress_label.setText(text)
        self.sync.show_markers()  # (the Library's Review column follows review_changed)
        self.review_changed.emit()

    def markers(self, side: str) -> list[Marker]:
        """Review marks for the margin of one side (reviewed green, flagged orange)."""
        if not self.active:
            return []
        found: list[Marker] = []
        for item in self.items:
            color = REVIEW_COLORS.get(item.status)
            blocks = item.zh_blocks if side == "zh" else item.en_blocks
            if not blocks or (color is None and not item.edited):
                continue
            tip = {REVIEWED: tr("Reviewed"), FLAGGED: tr("Flagged: %1", args=(item.note,)),
                   UNREVIEWED: tr("Not reviewed")}[item.status]
            if item.edited:
                tip += " · " + tr("edited")
            found.append(Marker(blocks[0], color or "#1c7ed6", tip))
        return found

    def mark_current(self, status: str, note: str | None = None) -> None:
        if self.editing is not None:
            self.save()
            return
        block = self._current_unit()
        if block is not None:
            self.set_status(block.index, status, note)

    def flag_current(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        block = self._current_unit()
        if block is None:
            return
        item = self._item_of_block(block.index)
        note, ok = QInputDialog.getText(self.window, tr("Flag Pair"), tr("Note:"),
                                        text=item.note if item else "")
        if ok:
            self.set_status(block.index, FLAGGED, note)

    def set_status(self, block_index: int, status: str, note: str | None = None) -> None:
        item = self._item_of_block(block_index)
        article, parallel = self.session.article, self.session.parallel
        if item is None or article is None:
            return
        data_dir = self.data_dir
        if item.status == status and status == REVIEWED and note is None:
            status = UNREVIEWED  # a second click takes the mark back

        def work(_ctx: TaskContext) -> ReviewItem:
            from reader.core.review import set_review
            from reader.core.store import Store

            with Store(data_dir) as store:
                return set_review(store, article, parallel, item.index, status, note)

        self.tasks.start(f"mark-{item.index}", work, on_done=lambda _r: self.refresh(),
                         on_error=lambda message: self.window.statusBar().showMessage(message, 8000))

    def go_to(self, delta: int, status: str) -> None:
        """The next (+1) or previous (-1) pair with ``status`` after the current one."""
        if not self.items:
            return
        current = self._current_unit()
        here = self._item_of_block(current.index) if current is not None else None
        position = self.items.index(here) if here is not None else -1
        order = range(position + 1, len(self.items)) if delta > 0 else range(position - 1, -1, -1)
        for k in order:
            item = self.items[k]
            if item.status == status:
                self.current_block = item.zh_blocks[0]
                if self.session.parallel is not None and not self.layout.interleaved:
                    self.sync.go_to_pair(item.index)
                else:
                    self._view().scroll_to_block(item.zh_blocks[0], 0.3)
                return
        self.window.statusBar().showMessage(tr("No more pairs to go to."), 3000)

    # -- the window ------------------------------------------------------------------
    def _article_loaded(self, article: Article) -> None:
        if self._announce_save:
            self._announce_save = False
            self.window.statusBar().showMessage(tr("Saved."), 3000)
        if self.active:
            self.refresh()
        line = self._edit_after_line
        self._edit_after_line = None
        if line is not None:
            following = next((b for b in article.units if b.line_start > line), None)
            if following is not None:
                self.edit_block(following)

    def _pointer(self, view: ArticleView, event: QMouseEvent) -> bool:
        if not self.active or self.session.article is None or not isValid(self.window):
            return False
        try:
            return self._view_event(view, event)
        except RuntimeError:  # the window is being torn down
            return False

    def _view_event(self, watched: ArticleView, event: QMouseEvent) -> bool:
        view = self._view()
        assert self.session.article is not None
        if watched is not view:
            return False
        if event.type() == QEvent.Type.MouseButtonDblClick:
            point = event.position().toPoint()
            index = view.block_at_point(point)
            unit = next((b for b in self.session.article.units if b.index == index), None)
            if unit is not None:
                self.edit_block(unit)
                return True
        if event.type() == QEvent.Type.MouseButtonRelease:
            point = event.position().toPoint()
            margin = view.document().rootFrame().frameFormat().leftMargin()
            if point.x() < margin - 4:  # a click in the margin marks the pair reviewed
                index = view.block_at_point(point)
                if index is not None:
                    self.current_block = index
                    self.set_status(index, REVIEWED)
                    return True
        return False

    def _make_changes_dock(self) -> ChangesDock:
        from reader.ui.changes_dock import ChangesDock

        return ChangesDock(self.window, self.session, self.data_dir)

    def show_changes(self) -> None:
        self.changes_dock.set_visible(True)


def _key(path: Path) -> str:
    import os

    return os.path.realpath(path)


def _same_block(blocks: list[Block], old: Block) -> Block | None:
    """The block of a changed file that stands where ``old`` stood."""
    if 0 <= old.index < len(blocks) and blocks[old.index].kind == old.kind:
        return blocks[old.index]
    return next((b for b in blocks if b.line_start <= old.line_start <= b.line_end), None)
