"""Highlights, notes, tags and bookmarks in the open article, in every view that shows it.

Shows each change at once and has the store writer make it last (the UI thread never
writes, so it never waits for a lock); reads through the UI thread's own connection;
re-anchors on the writer's thread (after the writes before it) when a side's text arrives, converts between
the store's code points and Qt's UTF-16 positions through ``TextMap``, and paints the
highlights as ExtraSelections (the document text is never changed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit

from reader.core.anchoring import ORPHANED
from reader.core.annotations import (
    Annotation,
    AnnotationError,
    all_tags,
    attach_annotation,
    attached_annotation,
    delete_annotation,
    edited_annotation,
    has_annotations,
    insert_annotation,
    list_annotations,
    load_position,
    new_annotation,
    reanchor_article,
    restore_annotation,
    save_position,
    update_annotation,
)
from reader.core.article import Article
from reader.core.store import Store
from reader.ui.article_view import ArticleView
from reader.ui.i18n import QT_TR_NOOP, tr
from reader.ui.tasks import LatestTasks, TaskContext
from reader.ui.textmap import TextMap
from reader.ui.writer import StoreWriter

COLORS = {  # store name -> tint (translucent, so it reads on light and dark themes)
    "yellow": QColor(255, 221, 87, 120),
    "green": QColor(120, 220, 120, 110),
    "blue": QColor(110, 175, 255, 110),
    "pink": QColor(255, 130, 180, 110),
    "purple": QColor(175, 140, 255, 110),
}
COLOR_NAMES = {
    "yellow": QT_TR_NOOP("Yellow"), "green": QT_TR_NOOP("Green"), "blue": QT_TR_NOOP("Blue"),
    "pink": QT_TR_NOOP("Pink"), "purple": QT_TR_NOOP("Purple"),
}  # fmt: skip
FLASH = QColor(255, 140, 0, 150)
NOTE_MARK = QColor(200, 110, 0)  # the underline of a highlight that has a note
LAYER = "0-annotations"


@dataclass
class ViewSide:
    """One side of the article as shown in one view."""

    view: ArticleView
    side: str
    prefix: str  # anchor prefix: "b" for the view's own side, "e" for English in interleaved


class AnnotationController(QObject):
    changed = Signal()  # the list of annotations changed
    notice = Signal(str)  # something to tell the user (status bar)

    def __init__(self, data_dir: Path, writer: StoreWriter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.writer = writer
        self.store = Store(data_dir)  # reads only: writes go through the writer
        self.article: Article | None = None
        self.key: str | None = None
        self.units: dict[str, list] = {}  # side -> unit blocks
        self.texts: dict[str, str] = {}  # side -> plain text
        self.annotations: list[Annotation] = []
        self.placements: list[ViewSide] = []
        self._maps: dict[tuple[int, str], TextMap] = {}
        self._undo: list[Annotation] = []
        self._positions: dict[str, int] = {}  # reading positions saved in this session (maybe not yet stored)
        self.last_highlight: str | None = None  # id of the highlight made last, for a note to follow
        self.tasks = LatestTasks()  # "anchor": the latest re-anchoring wins
        if self.store.report.notice:
            QTimer.singleShot(0, self, lambda: self.notice.emit(self.store.report.notice or ""))

    # -- which views show which side --------------------------------------------------
    def set_placements(self, placements: list[ViewSide]) -> None:
        self.placements = placements
        for placement in placements:
            placement.view.add_pointer_hook(self._pointer)
        self._maps.clear()
        self.repaint()

    def views_changed(self) -> None:
        """A view showed a new document: its text map is stale."""
        self._maps.clear()
        self.repaint()

    def _map(self, placement: ViewSide) -> TextMap | None:
        units = self.units.get(placement.side)
        if units is None or not placement.view.has_content:
            return None
        key = (id(placement.view), placement.side)
        if key not in self._maps:
            anchors = placement.view.anchor_tables.get(placement.prefix)
            if not anchors:
                return None
            self._maps[key] = TextMap(placement.view.document(), units, anchors)
        return self._maps[key]

    # -- article lifecycle --------------------------------------------------------------
    def open_article(self, article: Article) -> None:
        self.save_reading_position()
        self.article = article
        self.key = article.key
        self.units = {"zh": article.units}
        self.texts = {"zh": article.plain_text}
        self._maps.clear()
        self._undo.clear()
        self._reanchor()

    def original_loaded(self, original: Article) -> None:
        self.units["en"] = original.units
        self.texts["en"] = original.plain_text
        self._maps.clear()
        self._reanchor()

    def original_cleared(self) -> None:
        self.units.pop("en", None)
        self.texts.pop("en", None)
        self._maps.clear()
        self.repaint()

    def close_article(self) -> None:
        self.save_reading_position()
        self.article = None
        self.key = None
        self.annotations = []
        self.units, self.texts = {}, {}
        self._maps.clear()
        self.repaint()
        self.changed.emit()

    def refresh(self) -> None:
        """Read the article's annotations again (after an import) and anchor them."""
        self._reanchor()

    def _reanchor(self) -> None:
        """Re-anchor against the current texts off the UI thread (10k annotations: ~0.5 s)."""
        key, texts, writer = self.key, dict(self.texts), self.writer
        if key is None:
            return
        if not writer.pending and not has_annotations(self.store, key):  # most articles: no thread
            self.tasks.cancel("anchor")
            self._set_annotations([])
            return

        def work(ctx: TaskContext) -> list[Annotation]:
            store = writer.connection()  # on the writer's thread: after the writes submitted before
            anchored = reanchor_article(store, key, texts)
            return anchored + [a for a in list_annotations(store, key) if a.side not in texts]

        self.tasks.start("anchor", work, on_done=self._set_annotations, on_error=self.notice.emit,
                         pool=writer)

    @property
    def busy(self) -> bool:
        return self.tasks.running("anchor")

    def _set_annotations(self, annotations: list[Annotation]) -> None:
        self.annotations = annotations
        self.repaint()
        self.changed.emit()

    def reload(self) -> None:
        if self.key is not None:
            self._set_annotations(list_annotations(self.store, self.key))

    # -- painting ------------------------------------------------------------------------
    def repaint(self) -> None:
        for view in {id(p.view): p.view for p in self.placements}.values():
            selections: list[QTextEdit.ExtraSelection] = []
            for placement in self.placements:
                if placement.view is view:
                    selections.extend(self._selections(placement))
            view.set_layer(LAYER, selections)

    def _selections(self, placement: ViewSide) -> list[QTextEdit.ExtraSelection]:
        shown = [a for a in self.annotations
                 if a.side == placement.side and a.status != ORPHANED and a.kind == "highlight"]
        if not shown:
            return []  # no text map needed (a long article's takes a while to build)
        text_map = self._map(placement)
        if text_map is None:
            return []
        out = []
        for a in shown:
            cursor = self._cursor(placement, text_map, a.start, a.end)
            if cursor is None:
                continue
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format.setBackground(COLORS.get(a.color, COLORS["yellow"]))
            if a.note:  # a highlight with a note looks it: a dotted underline
                selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                selection.format.setUnderlineColor(NOTE_MARK)
            selection.format.setProperty(QTextFormat.Property.UserProperty, a.id)
            out.append(selection)
        return out

    def _cursor(self, placement: ViewSide, text_map: TextMap, start: int, end: int) -> QTextCursor | None:
        qs, qe = text_map.to_document(start), text_map.to_document(end)
        if qs is None or qe is None:
            return None
        cursor = QTextCursor(placement.view.document())
        cursor.setPosition(qs)
        cursor.setPosition(max(qs, qe), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    # -- selection -> annotation ------------------------------------------------------
    def selection_in(self, view: ArticleView) -> tuple[str, int, int] | None:
        """(side, start, end) in the store's offsets for the view's selected text."""
        cursor = view.textCursor()
        if not cursor.hasSelection():
            return None
        placement = self._placement_at(view, cursor.selectionStart())
        if placement is None:
            return None
        text_map = self._map(placement)
        if text_map is None:
            return None
        start, end = text_map.to_core(cursor.selectionStart()), text_map.to_core(cursor.selectionEnd())
        if start is None or end is None or end <= start:
            return None
        if not self.texts[placement.side][start:end].strip():
            return None
        return placement.side, start, end

    def _placement_at(self, view: ArticleView, position: int) -> ViewSide | None:
        """Which side a document position belongs to (interleaved views hold both)."""
        best: tuple[int, ViewSide] | None = None
        for placement in self.placements:
            if placement.view is not view or placement.side not in self.units:
                continue
            _, starts = placement.view.anchor_tables.get(placement.prefix, ([], []))
            before = [s for s in starts if s <= position]
            if before and (best is None or max(before) > best[0]):
                best = (max(before), placement)
        return best[1] if best else None

    def highlight(self, view: ArticleView, color: str = "yellow") -> Annotation | None:
        picked = self.selection_in(view)
        if picked is None or self.key is None:
            self.notice.emit(tr("Select some text to highlight first."))
            return None
        side, start, end = picked
        existing = self._covering(side, start, end)
        if existing is not None:
            return self.update(existing.id, color=color)
        annotation = new_annotation(self.key, side, self.texts[side], start, end, kind="highlight",
                                    color=color)
        self._write(lambda store: insert_annotation(store, annotation))
        self._added(annotation)
        self.last_highlight = annotation.id
        view.setTextCursor(_collapsed(view.textCursor()))
        return annotation

    def highlight_of_selection(self, view: ArticleView) -> Annotation | None:
        """The highlight that covers exactly the text selected in ``view``, if any."""
        picked = self.selection_in(view)
        return self._covering(*picked) if picked is not None else None

    def highlight_near_caret(self, view: ArticleView) -> Annotation | None:
        """The highlight under the caret (or just before it: a highlight leaves the caret at
        its end), else the one just made."""
        position = view.textCursor().position()
        for at in (position, position - 1):
            found = self.annotation_at(view, max(0, at))
            if found is not None:
                return found
        return next((a for a in self.annotations if a.id == self.last_highlight and a.status != ORPHANED), None)

    def bookmark(self, view: ArticleView, name: str = "") -> Annotation | None:
        """Bookmark the selection, or the paragraph the reader clicked or is reading."""
        if self.key is None:
            return None
        picked = self.selection_in(view)
        if picked is None:
            block = view.current_block()
            placement = self._placement_at(view, view.block_position(block) or 0) if block is not None else None
            text_map = self._map(placement) if placement else None
            if placement is None or text_map is None or block is None:
                return None
            unit = next((u for u in self.units[placement.side] if u.index >= block), None)
            if unit is None:
                return None
            start = self._unit_start(placement.side, unit.index)
            picked = (placement.side, start, start + max(1, min(len(unit.text), 80)))
        side, start, end = picked
        annotation = new_annotation(self.key, side, self.texts[side], start, end, kind="bookmark",
                                    note=name)
        self._write(lambda store: insert_annotation(store, annotation))
        self._added(annotation)
        return annotation

    def _unit_start(self, side: str, block_index: int) -> int:
        offset = 0
        for unit in self.units[side]:
            if unit.index == block_index:
                return offset
            offset += len(unit.text) + 2
        return 0

    def _covering(self, side: str, start: int, end: int) -> Annotation | None:
        for a in self.annotations:
            if a.side == side and a.kind == "highlight" and a.status != ORPHANED and a.start == start and a.end == end:
                return a
        return None

    def annotation_at(self, view: ArticleView, position: int) -> Annotation | None:
        placement = self._placement_at(view, position)
        text_map = self._map(placement) if placement else None
        if placement is None or text_map is None:
            return None
        offset = text_map.to_core(position)
        if offset is None:
            return None
        for a in self.annotations:
            if a.side == placement.side and a.status != ORPHANED and a.start <= offset < a.end:
                return a
        return None

    def _added(self, annotation: Annotation) -> None:
        self.annotations.append(annotation)
        self.repaint()
        self.changed.emit()

    # -- edits --------------------------------------------------------------------------
    def update(self, annotation_id: str, *, note: str | None = None, tags: list[str] | None = None,
               color: str | None = None) -> Annotation:
        updated = edited_annotation(self._get(annotation_id), note=note, tags=tags, color=color)
        self._write(lambda store: update_annotation(store, annotation_id, note=note, tags=tags, color=color))
        self.annotations = [updated if a.id == annotation_id else a for a in self.annotations]
        self.repaint()
        self.changed.emit()
        return updated

    def delete(self, annotation_id: str) -> None:
        deleted = self._get(annotation_id)
        self._write(lambda store: delete_annotation(store, annotation_id))
        self._undo.append(deleted)
        self.annotations = [a for a in self.annotations if a.id != annotation_id]
        self.repaint()
        self.changed.emit()

    def discard(self, annotation_id: str) -> None:
        """Take back an annotation just made (a cancelled note): nothing to undo."""
        self._write(lambda store: delete_annotation(store, annotation_id))
        self.annotations = [a for a in self.annotations if a.id != annotation_id]
        self.repaint()
        self.changed.emit()

    def undo_delete(self) -> Annotation | None:
        if not self._undo:
            return None
        restored = self._undo.pop()
        self._write(lambda store: restore_annotation(store, restored))
        if restored.article_key == self.key:
            self.annotations.append(restored)
            self.repaint()
            self.changed.emit()
        return restored

    def attach_here(self, annotation_id: str, view: ArticleView) -> Annotation | None:
        """Give an orphaned annotation the text selected now."""
        picked = self.selection_in(view)
        if picked is None:
            self.notice.emit(tr("Select the text to attach the note to first."))
            return None
        side, start, end = picked
        text = self.texts[side]
        attached = attached_annotation(self._get(annotation_id), text, start, end)
        self._write(lambda store: attach_annotation(store, annotation_id, text, start, end))
        self.annotations = [attached if a.id == annotation_id else a for a in self.annotations]
        self.repaint()
        self.changed.emit()
        return attached

    def _get(self, annotation_id: str) -> Annotation:
        for a in self.annotations:
            if a.id == annotation_id:
                return a
        raise AnnotationError(f"No annotation {annotation_id}")

    def _write(self, write: Callable[[Store], object]) -> None:
        """Store a change already shown; if it fails, say so and show what is stored."""
        self.writer.submit(write, on_error=self._write_failed)

    def _write_failed(self, message: str) -> None:
        self.notice.emit(message)
        self._reanchor()

    def tags(self) -> list[str]:
        return all_tags(self.store)

    # -- navigation -----------------------------------------------------------------
    def document_range(self, annotation: Annotation, view: ArticleView) -> tuple[int, int] | None:
        for placement in self.placements:
            if placement.view is view and placement.side == annotation.side:
                text_map = self._map(placement)
                if text_map is not None:
                    qs, qe = text_map.to_document(annotation.start), text_map.to_document(annotation.end)
                    if qs is not None and qe is not None:
                        return qs, qe
        return None

    def flash(self, annotation: Annotation, view: ArticleView) -> None:
        span = self.document_range(annotation, view)
        if span is None:
            return
        cursor = QTextCursor(view.document())
        cursor.setPosition(span[0])
        cursor.setPosition(max(span[0], span[1]), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format.setBackground(FLASH)
        view.set_layer("3-flash", [selection])
        QTimer.singleShot(900, view, lambda: view.set_layer("3-flash", []))  # dies with the view

    # -- reading position -----------------------------------------------------------
    def save_reading_position(self, view: ArticleView | None = None) -> None:
        view = view or next((p.view for p in self.placements if p.side == "zh" and p.view.isVisible()), None)
        if self.key is None or self.article is None or view is None or not view.has_content:
            return
        block = view.top_block()
        if block is None:
            return
        unit = next((k for k, u in enumerate(self.article.units) if u.index >= block), 0)
        key = self.key
        self._positions[key] = unit
        self.writer.submit(lambda store: save_position(store, key, "zh", unit))  # a failure is said

    def reading_position_block(self) -> int | None:
        """The block index to scroll to when the article opens, if the reader was here before."""
        if self.key is None or self.article is None:
            return None
        block = self._positions.get(self.key)
        if block is None:
            position = load_position(self.store, self.key)
            if position is None and self.article.path is not None:  # edited since: its old key
                from reader.core.reading import earlier_keys

                for key in earlier_keys(self.store, self.article.path, self.key):
                    if (position := load_position(self.store, key)) is not None:
                        break
            block = position.block if position is not None else None
        if block is None or not self.article.units:
            return None
        unit = self.article.units[min(block, len(self.article.units) - 1)]
        return unit.index

    # -- tooltips ---------------------------------------------------------------------
    def _pointer(self, view: ArticleView, event: QMouseEvent) -> bool:
        """The note and tags of the highlight under the mouse become the text's tooltip,
        which Qt shows after its usual pause."""
        if event.type() == QEvent.Type.MouseMove:
            tip = ""
            # Most articles have no noted highlight: no hit test at every move of the mouse.
            noted = any(a.note or a.tags for a in self.annotations)
            position = view.cursorForPosition(event.position().toPoint()).position() if noted else -1
            annotation = self.annotation_at(view, position) if noted else None
            if annotation is not None and (annotation.note or annotation.tags):
                tags = " ".join(f"#{t}" for t in annotation.tags)
                tip = "\n".join(x for x in (annotation.note, tags) if x)
            if view.viewport().toolTip() != tip:
                view.viewport().setToolTip(tip)
        return False

    def close(self) -> None:
        self.save_reading_position()
        self.store.close()


def _collapsed(cursor: QTextCursor) -> QTextCursor:
    cursor.setPosition(cursor.selectionEnd())
    return cursor
