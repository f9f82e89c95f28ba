"""A reading pane: rendered blocks in a QTextBrowser with a centred measure.

Knows where each block starts (anchors ``b<index>``), resolves ``reader-image:``
tokens (local files confined to the article folder, remote images fetched in the
background, a placeholder for anything missing) and opens web links in the browser.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QMimeData,
    QPoint,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextListFormat,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from reader.core.images import ImageRef
from reader.core.render import BREAK, IMAGE_SCHEME, RenderedDocument, block_of_state
from reader.ui.documents import sized_headings
from reader.ui.i18n import tr
from reader.ui.tasks import LatestTasks, TaskContext

MAX_MEASURE = 760  # px of text per line: a comfortable reading measure
MIN_MARGIN = 28
MIN_IMAGE_WIDTH = 120
PLACEHOLDER_SIZE = QSize(320, 120)
REFIT_DELAY_MS = 150
REMOTE_IMAGE_LIMIT = 8 * 1024 * 1024


@dataclass(frozen=True)
class Tint:
    """How a paragraph is marked as the one being read: a light wash over its whole block
    rectangle (so highlights keep their own colour), and a bar in the margin."""

    wash: QColor
    bar: QColor | None = None


@dataclass(frozen=True)
class Marker:
    """A mark in the left margin beside a block, with a tooltip; ``glyph`` names its shape
    (``reader.ui.glyphs``; "" is a plain disc)."""

    block: int
    color: str
    tooltip: str
    glyph: str = ""


class _Viewport(QWidget):
    """The pane's viewport (see ArticleView._own_viewport): says when the pointer leaves it."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__()
        self.view = view

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self.view.pointer_left_text()


# Called with a mouse event over a view's text; True: used, the view does nothing more with it.
PointerHook = Callable[["ArticleView", QMouseEvent], bool]


class ArticleView(QTextBrowser):
    painted = Signal()
    document_shown = Signal()  # a new document (or the same in a new style): positions changed
    zoom_requested = Signal(int)  # +1 / -1 from Ctrl+wheel
    block_clicked = Signal(int)  # block index under a click
    block_hovered = Signal(int)  # block index under the mouse, -1 for none

    def __init__(self, parent: QWidget | None = None, *, image_cache: Path | None = None) -> None:
        super().__init__(parent)
        self._viewport = self._own_viewport()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.document().setDocumentMargin(0)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.images: dict[str, ImageRef] = {}
        self.tasks = LatestTasks()  # remote image downloads
        self.targets: dict[str, int] = {}  # in-page link target -> block state (render.block_state)
        self.block_starts: list[int] = []  # document position of each block, by block index
        self.block_indexes: list[int] = []  # block index of each entry of block_starts
        self.anchor_tables: dict[str, tuple[list[int], list[int]]] = {}
        self.image_cache = image_cache
        self.remote_images = True  # the preference "Load remote images"
        self.measure = MAX_MEASURE  # the widest line of text, in pixels
        self._remote: dict[str, QImage | None] = {}
        # What each image token shows at full size (a placeholder: its text), so that images
        # can be fitted again when the pane's width changes.
        self._image_sources: dict[str, QImage | str] = {}
        self._fitted_to = 0  # the width limit the document's images were last fitted to
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(REFIT_DELAY_MS)  # not at every step of a live resize
        self._refit_timer.timeout.connect(self._refit_images)
        self._painted_since_load = False
        self._adopted: QTextDocument | None = None  # a document built elsewhere, shown now
        self.has_content = False
        self.setAccessibleName(tr("Article text"))
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._geometry: list[tuple[int, float, float]] | None = None  # (block, top, bottom)
        self.markers: list[Marker] = []
        self._tints: dict[str, tuple[list[int], Tint]] = {}  # name -> blocks and how they are tinted
        self._hovered = -1
        # A place to keep in view until the reader scrolls: a restored reading position must
        # survive the window's first layouts (shown, resized, fonts loaded).
        self._held: tuple[int, float] | None = None
        bar = self.verticalScrollBar()
        bar.sliderPressed.connect(self.release_hold)
        bar.actionTriggered.connect(lambda _action: self.release_hold())
        self.quiet_selection = False  # the selection being made is not the reader's (find)
        self.clicked_block: int | None = None  # the paragraph clicked last
        self._pointer: QPoint | None = None  # where the mouse is over the viewport, if it is
        # Who follows the mouse over the text (sentence tint, note tooltips, proofreading
        # clicks) is called from the view's own mouse handlers, never by an event filter on the
        # viewport: a Python event filter is called for every event there, paints included, and
        # its first call has PySide create the types of ~50 event classes (~23 M instructions).
        self._pointer_hooks: list[PointerHook] = []
        self._leave_hooks: list[Callable[[ArticleView], None]] = []
        bar.valueChanged.connect(lambda _value: self._scrolled())
        self.setMouseTracking(True)
        self.document().documentLayout().documentSizeChanged.connect(self._invalidate_geometry)

    def _own_viewport(self) -> QWidget:
        """A viewport made in Python, set up as Qt sets up its own.

        The first time Python is handed a viewport Qt made, PySide looks for its class among
        every widget class and creates the Python types of some seventy of them: ~45 M
        instructions (~12 ms) at every start. A viewport Python made is handed back as itself.
        """
        viewport = _Viewport(self)
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        viewport.setAcceptDrops(True)
        viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        viewport.setCursor(Qt.CursorShape.ArrowCursor)
        viewport.setMouseTracking(True)
        self.setViewport(viewport)
        # The document laid out for Qt's viewport (now deleted) measures with this one.
        self.document().documentLayout().setPaintDevice(viewport)
        return viewport

    # -- content ---------------------------------------------------------------------
    def show_document(self, rendered: RenderedDocument, stylesheet: str,
                      document: QTextDocument | None = None) -> None:
        """Show ``rendered``; ``document`` is the same already built off the UI thread
        (documents.build_document), for long articles."""
        # setHtml emits scroll signals: nobody may use the old block positions meanwhile.
        self.has_content = False
        self._held = None
        self.clicked_block = None
        self.block_indexes, self.block_starts, self.anchor_tables = [], [], {}
        self._geometry = None
        self.images = rendered.images
        self.targets = rendered.targets
        self._painted_since_load = False
        self._layers.clear()
        self._tints.clear()
        self.markers = []
        self.setExtraSelections([])
        self._image_sources.clear()
        self._fitted_to = self._image_limit()
        if document is None:
            self.document().setDefaultStyleSheet(stylesheet)
            self.setHtml(rendered.html)
            sized_headings(self.document())
        else:
            self._adopt(document)
        self._apply_measure()
        self._index_blocks()
        self._invalidate_geometry()
        self.has_content = True
        self.viewport().update()
        self.document_shown.emit()

    def show_notice(self, title: str, detail: str, color: str, stylesheet: str) -> None:
        """A short centred message instead of an article (an empty file)."""
        import html

        self.show_document(RenderedDocument(
            f'<p align="center" style="margin-top: 120px; font-size: 15pt; color: {color};">{html.escape(title)}</p>'
            f'<p align="center" style="color: {color};">{html.escape(detail)}</p>'), stylesheet)

    def _adopt(self, document: QTextDocument) -> None:
        previous = self._adopted
        document.setParent(self)  # a document asks its parent for images (loadResource)
        self.setDocument(document)
        self._adopted = document
        document.documentLayout().documentSizeChanged.connect(self._invalidate_geometry)
        if previous is not None:
            previous.deleteLater()  # the view deletes only the document it made itself

    def _index_blocks(self) -> None:
        """Where every block begins: ``b`` (the pane's own) and ``e`` (English, interleaved),
        from the user state the renderer put on each block's first paragraph."""
        found: dict[str, dict[int, int]] = {}
        block = self.document().begin()
        while block.isValid():
            marked = block_of_state(block.userState())
            if marked is not None:
                found.setdefault(marked[0], {}).setdefault(marked[1], block.position())
            block = block.next()
        self.anchor_tables = {
            prefix: ([i for i, _ in sorted(table.items())], [p for _, p in sorted(table.items())])
            for prefix, table in found.items()
        }
        self.block_indexes, self.block_starts = self.anchor_tables.get("b", ([], []))

    def block_position(self, index: int) -> int | None:
        import bisect

        k = bisect.bisect_left(self.block_indexes, index)
        if k < len(self.block_indexes) and self.block_indexes[k] == index:
            return self.block_starts[k]
        return None

    def block_at_position(self, position: int) -> int | None:
        import bisect

        k = bisect.bisect_right(self.block_starts, position) - 1
        return self.block_indexes[k] if k >= 0 else None

    def replace_block(self, index: int, rendered: RenderedDocument) -> bool:
        """Draw block ``index`` anew from ``rendered`` (that block alone) in place, in one
        edit block: the rest of the document, its positions after the length change, and the
        scroll position stay. False (nothing changed) when the block is not one paragraph of
        the document before and after, as a list or a table is: then show the whole again."""
        import bisect

        from PySide6.QtGui import QTextDocumentFragment

        k = bisect.bisect_left(self.block_indexes, index)
        if k >= len(self.block_indexes) or self.block_indexes[k] != index:
            return False
        document = self.document()
        first = document.findBlock(self.block_starts[k])
        end = self.block_starts[k + 1] if k + 1 < len(self.block_starts) else document.characterCount()
        if first.position() + first.length() != end or first.textList() is not None \
                or first.blockFormat().hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth):
            return False  # more than one paragraph, or a list item: not drawn in place
        fragment = QTextDocumentFragment.fromHtml(rendered.html, document)  # the pane's stylesheet
        text = fragment.toPlainText()
        if "\u2029" in text or "\n" in text.strip("\n"):
            return False  # the new text is more than one paragraph
        cursor = QTextCursor(first)
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertFragment(fragment)
        cursor.endEditBlock()
        delta = document.findBlock(self.block_starts[k]).length() - (end - self.block_starts[k])
        for j in range(k + 1, len(self.block_starts)):
            self.block_starts[j] += delta
        self.images.update(rendered.images)
        self._invalidate_geometry()
        self.viewport().update()
        return True

    # -- geometry (document coordinates) ---------------------------------------------
    def _invalidate_geometry(self, *_: object) -> None:
        self._geometry = None

    def geometry_table(self) -> list[tuple[int, float, float]]:
        """(block index, top, bottom) of every block, in document order; cached per layout."""
        if self._geometry is None:
            offset = self.verticalScrollBar().value()
            tops: list[tuple[int, float]] = []
            cursor = QTextCursor(self.document())
            for index, position in zip(self.block_indexes, self.block_starts, strict=True):
                cursor.setPosition(position)
                tops.append((index, self.cursorRect(cursor).top() + offset - 4.0))
            end = float(self.document().size().height())
            table = []
            for k, (index, top) in enumerate(tops):
                bottom = tops[k + 1][1] if k + 1 < len(tops) else end
                table.append((index, top, max(top + 1.0, bottom)))
            self._geometry = table
        return self._geometry

    def block_span(self, index: int) -> tuple[float, float] | None:
        import bisect

        table = self.geometry_table()
        k = bisect.bisect_left(self.block_indexes, index)
        if k < len(table) and table[k][0] == index:
            return table[k][1], table[k][2]
        return None

    def block_y(self, index: int) -> float | None:
        span = self.block_span(index)
        return span[0] if span else None

    def block_at_y(self, y: float) -> tuple[int, float] | None:
        """The block at document height ``y`` and how far into it (0..1) that height is."""
        import bisect

        table = self.geometry_table()
        if not table:
            return None
        tops = [t for _, t, _ in table]
        k = max(0, bisect.bisect_right(tops, y) - 1)
        index, top, bottom = table[k]
        return index, min(1.0, max(0.0, (y - top) / (bottom - top)))

    def scroll_to_block(self, index: int, fraction_of_view: float = 0.0) -> None:
        y = self.block_y(index)
        if y is not None:
            # Rounded up: the line at ``fraction_of_view`` must fall inside the block, not a
            # fraction of a pixel above it.
            self.verticalScrollBar().setValue(math.ceil(y - self.viewport().height() * fraction_of_view))

    def select_quietly(self, cursor: QTextCursor) -> None:
        """Select (find, a search hit) without offering to annotate the selection."""
        self.quiet_selection = True
        try:
            self.setTextCursor(cursor)
        finally:
            self.quiet_selection = False

    def centre_cursor(self) -> None:
        """Scroll the text cursor to the middle of the view (a find hit, not on an edge)."""
        rect = self.cursorRect()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 2)

    def hold_block(self, index: int, fraction_of_view: float = 0.0) -> None:
        """Scroll to block ``index`` and keep it there through later layouts (the window
        showing, a resize) until the reader scrolls."""
        self._held = (index, fraction_of_view)
        self.scroll_to_block(index, fraction_of_view)

    @property
    def held_block(self) -> int | None:
        return self._held[0] if self._held is not None else None

    def release_hold(self) -> None:
        self._held = None

    def _keep_hold(self) -> None:
        if self._held is not None and self.has_content:
            self._invalidate_geometry()
            self.scroll_to_block(*self._held)

    # -- highlight layers ----------------------------------------------------------
    def set_layer(self, name: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Tints drawn over the text without changing it; layers are drawn in name order."""
        if selections:
            self._layers[name] = selections
        else:
            self._layers.pop(name, None)
        self.setExtraSelections([sel for key in sorted(self._layers) for sel in self._layers[key]])

    def set_tint(self, name: str, blocks: list[int], tint: Tint) -> None:
        """Tint whole block rectangles (in name order)."""
        if blocks:
            self._tints[name] = (blocks, tint)
        elif self._tints.pop(name, None) is None:
            return
        self.viewport().update()

    def tinted_blocks(self, name: str) -> list[int]:
        return list(self._tints.get(name, ([], None))[0])

    def _paint_tints(self) -> None:
        offset = self.verticalScrollBar().value()
        frame = self.document().rootFrame().frameFormat()
        left = frame.leftMargin() - 8 - self.horizontalScrollBar().value()
        right = self.viewport().width() - frame.rightMargin() + 8 - self.horizontalScrollBar().value()
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for name in sorted(self._tints):
            blocks, tint = self._tints[name]
            spans = [span for b in blocks if (span := self.block_span(b)) is not None]
            if not spans:
                continue
            top, bottom = min(s[0] for s in spans) - offset, max(s[1] for s in spans) - offset - 4
            text_end = self._text_bottom(max(blocks))
            if text_end is not None:  # not down into the gap before the next paragraph
                bottom = min(bottom, text_end + 6)
            painter.setBrush(tint.wash)
            painter.drawRoundedRect(QRectF(left, top, right - left, bottom - top), 4, 4)
            if tint.bar is not None:
                painter.setBrush(tint.bar)
                painter.drawRoundedRect(QRectF(left, top, 3, bottom - top), 1.5, 1.5)
        painter.end()

    def _text_bottom(self, index: int) -> float | None:
        """Where the text of block ``index`` ends, in viewport coordinates."""
        import bisect

        k = bisect.bisect_right(self.block_indexes, index)
        end = self.block_starts[k] - 1 if k < len(self.block_starts) else self.document().characterCount() - 1
        if end <= 0:
            return None
        cursor = QTextCursor(self.document())
        cursor.setPosition(max(0, end - 1))
        return float(self.cursorRect(cursor).bottom())

    def block_selection(self, index: int, color: QColor) -> QTextEdit.ExtraSelection | None:
        start = self.block_position(index)
        if start is None:
            return None
        import bisect

        k = bisect.bisect_right(self.block_indexes, index)
        end = self.block_starts[k] if k < len(self.block_starts) else self.document().characterCount() - 1
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(max(start, end - 1), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format.setBackground(color)
        return selection

    # -- mouse -----------------------------------------------------------------------
    def block_at_point(self, point: QPoint) -> int | None:
        cursor = self.cursorForPosition(point)
        return self.block_at_position(cursor.position())

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.release_hold()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # Zoom the whole window's text (remembered), not just this document.
            delta = event.angleDelta().y()
            if delta:
                self.zoom_requested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def add_pointer_hook(self, hook: PointerHook, on_leave: Callable[[ArticleView], None] | None = None) -> None:
        """Call ``hook(view, event)`` with each mouse event over the text before the view
        handles it (the hook added last first, as with event filters); a hook that returns
        True has used the event and the view does nothing more with it. ``on_leave``: when
        the mouse leaves the text. Adding the same hook again changes nothing."""
        if hook not in self._pointer_hooks:
            self._pointer_hooks.append(hook)
        if on_leave is not None and on_leave not in self._leave_hooks:
            self._leave_hooks.append(on_leave)

    def _hooked(self, event: QMouseEvent) -> bool:
        for hook in reversed(self._pointer_hooks):
            if hook(self, event):
                event.accept()
                return True
        return False

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if not self._hooked(event):
            super().mouseDoubleClickEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._hooked(event):
            return
        super().mouseMoveEvent(event)
        self._pointer = event.position().toPoint()
        self._hover_at(self._pointer)
        marker = self._marker_at(event.position().toPoint())
        if marker:
            QToolTip.showText(event.globalPosition().toPoint(), marker.tooltip, self.viewport())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._hooked(event):
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            block = self.block_at_point(event.position().toPoint())
            if block is not None:
                self.clicked_block = block
                self.block_clicked.emit(block)

    def _hover_at(self, point: QPoint) -> None:
        block = self.block_at_point(point) if self.has_content else None
        hovered = -1 if block is None else block
        if hovered != self._hovered:
            self._hovered = hovered
            self.block_hovered.emit(hovered)

    def _scrolled(self) -> None:
        """The text moved under a still pointer: the paragraph under it changed."""
        if self._pointer is not None and self._hovered != -1:
            self._hover_at(self._pointer)

    def pointer_left_text(self) -> None:
        """The pointer left the text (for the pane's scroll bar, say, or the window)."""
        for hook in self._leave_hooks:
            hook(self)

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self._pointer = None
        if self._hovered != -1:
            self._hovered = -1
            self.block_hovered.emit(-1)

    # -- margin markers --------------------------------------------------------------
    def set_markers(self, markers: list[Marker]) -> None:
        self.markers = markers
        self.viewport().update()

    def _marker_rects(self) -> list[tuple[QRectF, Marker]]:
        offset = self.verticalScrollBar().value()
        margin = self.document().rootFrame().frameFormat().leftMargin()
        rects = []
        stacked: dict[int, int] = {}  # marks of one block go one under the other
        for marker in self.markers:
            top = self.block_y(marker.block)
            if top is not None:
                n = stacked[marker.block] = stacked.get(marker.block, -1) + 1
                rects.append((QRectF(margin - 17, top - offset + 9 + 13 * n, 10, 10), marker))
        return rects

    def _marker_at(self, point: QPoint) -> Marker | None:
        for rect, marker in self._marker_rects():
            if rect.adjusted(-4, -4, 4, 4).contains(point.toPointF()):
                return marker
        return None

    def current_block(self) -> int | None:
        """The paragraph the reader is at: the one clicked last while it is in view, else the
        one at the reading line (a third down)."""
        if self.clicked_block is not None and (span := self.block_span(self.clicked_block)) is not None:
            top = self.verticalScrollBar().value()
            if span[1] > top and span[0] < top + self.viewport().height():
                return self.clicked_block
        hit = self.block_at_y(self.verticalScrollBar().value() + self.viewport().height() * 0.3)
        return hit[0] if hit else None

    def top_block(self) -> int | None:
        """The first block the reader sees (blocks are scrolled to a few px above their text)."""
        cursor = self.cursorForPosition(self.viewport().rect().topLeft() + QPoint(0, 8))
        return self.block_at_position(cursor.position())

    # -- measure ---------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_measure()
        self._invalidate_geometry()
        self._keep_hold()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._keep_hold()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.release_hold()
        bar = self.verticalScrollBar()
        if event.matches(QKeySequence.StandardKey.MoveToStartOfDocument):
            bar.triggerAction(bar.SliderAction.SliderToMinimum)  # the other pane follows
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.MoveToEndOfDocument):
            bar.triggerAction(bar.SliderAction.SliderToMaximum)
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.release_hold()
        if not self._hooked(event):
            super().mousePressEvent(event)

    def _apply_measure(self) -> None:
        width = self.viewport().width()
        self._invalidate_geometry()
        margin = max(MIN_MARGIN, (width - self.measure) // 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if fmt.leftMargin() != margin:
            fmt.setLeftMargin(margin)
            fmt.setRightMargin(margin)
            fmt.setTopMargin(24)
            fmt.setBottomMargin(48)
            frame.setFrameFormat(fmt)
        if self._image_sources and self._image_limit() != self._fitted_to:
            if self._painted_since_load:
                self._refit_timer.start()
            else:
                self._refit_images()  # before the first paint: at once, never drawn at a wrong size

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._tints and self.has_content:
            self._paint_tints()  # a wash light enough to leave the text and highlights their colours
        bullets = self._bullets(event.rect().top(), event.rect().bottom()) if self.has_content else []
        if self.markers or bullets:
            painter = QPainter(self.viewport())
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for rect, level, color in bullets:
                painter.setPen(color if level == 2 else Qt.PenStyle.NoPen)
                painter.setBrush(Qt.BrushStyle.NoBrush if level == 2 else color)
                if level == 1:
                    painter.drawEllipse(rect)
                elif level == 2:
                    painter.drawEllipse(rect.adjusted(0.5, 0.5, -0.5, -0.5))
                else:
                    painter.drawRect(rect)
            if self.markers:
                from reader.ui.glyphs import paint_glyph  # with the first check's markers

                for rect, marker in self._marker_rects():
                    paint_glyph(painter, rect, marker.glyph, QColor(marker.color))
            painter.end()
        if self.has_content and not self._painted_since_load:
            self._painted_since_load = True
            self.painted.emit()

    def _bullets(self, top: int, bottom: int) -> list[tuple[QRectF, int, QColor]]:
        """(rect, nesting level, colour) of the bullet of each list item between viewport
        ``top`` and ``bottom``: a disc, then a circle, then a square, 0.8 em before the text."""
        found: list[tuple[QRectF, int, QColor]] = []
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        block = self.cursorForPosition(QPoint(0, max(0, top))).block()
        while block.isValid():
            layout = block.layout()
            origin = layout.position()
            if origin.y() - dy > bottom:
                break
            text_list = block.textList()
            if (text_list is not None and layout.lineCount()
                    and text_list.format().style() == QTextListFormat.Style.ListStyleUndefined):
                line = layout.lineAt(0)
                font = block.charFormat().font()
                metrics = QFontMetricsF(font)
                # The font's em, not the advance of a CJK glyph: the same with or without a CJK font.
                em = float(QFontInfo(font).pixelSize()) or metrics.height()
                size = max(4.0, em * 0.3)
                x = origin.x() + line.naturalTextRect().left() - 0.8 * em - size / 2 - dx
                # Level with the middle of a CJK glyph, or of a lower-case Latin letter.
                middle = em * 0.36 if _is_cjk(block.text()[:1]) else metrics.xHeight() / 2
                y = origin.y() + line.y() + line.ascent() - middle - dy
                level = min(text_list.format().indent(), 3)
                color = block.charFormat().foreground().color() if block.charFormat().hasProperty(
                    QTextFormat.Property.ForegroundBrush) else self.palette().text().color()
                found.append((QRectF(x - size / 2, y - size / 2, size, size), level, color))
            block = block.next()
        return found

    @property
    def painted_since_load(self) -> bool:
        return self._painted_since_load

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt override)
        """What is copied is the article's text: without the zero-width breaks the renderer
        puts into very long unbroken runs (render.breakable)."""
        mime = super().createMimeDataFromSelection()
        if BREAK in mime.text():
            text, markup = mime.text().replace(BREAK, ""), mime.html().replace(BREAK, "")
            mime = QMimeData()
            mime.setText(text)
            if markup:
                mime.setHtml(markup)
        return mime

    # -- links -----------------------------------------------------------------------
    def _on_anchor(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme in ("http", "https"):
            QDesktopServices.openUrl(url)
        elif not scheme and url.hasFragment():
            self.go_to_target(url.fragment())
        # Other schemes (file:, javascript:, …) are ignored on purpose.

    def go_to_target(self, name: str) -> None:
        """Scroll to where an in-page link points: a heading or a footnote."""
        import bisect

        marked = block_of_state(self.targets[name]) if name in self.targets else None
        if marked is None:
            self.scrollToAnchor(name)  # an id in the article's own HTML
            return
        indexes, starts = self.anchor_tables.get(marked[0], ([], []))
        k = bisect.bisect_left(indexes, marked[1])
        if k < len(indexes) and indexes[k] == marked[1]:
            cursor = QTextCursor(self.document())
            cursor.setPosition(starts[k])
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + self.cursorRect(cursor).top())

    # -- images ----------------------------------------------------------------------
    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 (Qt override)
        """The only gate between an article and the disk: images come from the renderer's
        tokens (files inside the article's folder, or the web); anything else an article
        names (a CSS ``url()``, a ``file:`` address, a stylesheet) is refused with a
        non-null answer, since on a null one QTextDocument reads local files itself."""
        name = QUrl(name) if isinstance(name, str) else name
        image = kind == QTextDocument.ResourceType.ImageResource.value
        if image and name.scheme() == IMAGE_SCHEME:
            token = name.toString()
            source = self._image_source(token)
            self._image_sources[token] = source
            return self._fitted(source, self._image_limit())
        return placeholder_image(tr("Image blocked")) if image else QByteArray()

    def _image_source(self, token: str) -> QImage | str:
        """The image a token shows, at full size; a string is the text of a placeholder."""
        ref = self.images.get(token)
        if ref is None:
            return tr("Image not available")
        if ref.kind == "local":
            image = QImage(ref.target)
            return tr("Image cannot be read") if image.isNull() else image
        if ref.kind == "remote":
            if not self.remote_images:
                return tr("Remote image not loaded")
            return self._remote_image(token, ref.target)
        if ref.kind == "refused":
            return tr("Image blocked")
        return tr("Image missing")

    def _image_limit(self) -> int:
        """The widest an image may be drawn: the measure, or less in a narrow pane."""
        return min(self.measure, max(MIN_IMAGE_WIDTH, self.viewport().width() - 2 * MIN_MARGIN))

    def _fitted(self, source: QImage | str, limit: int) -> QImage:
        """``source`` at most ``limit`` px wide, drawn for the screen's pixel density."""
        return fitted_image(source, limit, self.devicePixelRatioF())

    def _refit_images(self) -> None:
        """The pane's width changed: draw each image again at the size that now fits."""
        old, limit = self._fitted_to, self._image_limit()
        if limit == old:
            return
        self._fitted_to = limit
        doc = self.document()
        changed = False
        for token, source in self._image_sources.items():
            full = PLACEHOLDER_SIZE.width() if isinstance(source, str) else source.width()
            if min(full, old) != min(full, limit):
                doc.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(token),
                                self._fitted(source, limit))
                changed = True
        if changed:
            doc.markContentsDirty(0, doc.characterCount())

    def _remote_image(self, token: str, url: str) -> QImage | str:
        if url in self._remote:
            image = self._remote[url]
            return image if image is not None else tr("Image not available")
        self._remote[url] = None
        import hashlib  # only for a remote picture: OpenSSL's hashes are not loaded at start

        cache = self.image_cache
        cached = cache / (hashlib.sha256(url.encode()).hexdigest() + ".img") if cache else None
        if cached and cached.is_file():
            image = QImage(str(cached))
            if not image.isNull():
                self._remote[url] = image
                return image

        def download(ctx: TaskContext) -> bytes:
            from reader.core.fetch import FetchSettings, fetch_image

            # The size cap holds while the bytes stream in, decompressed: no image bomb.
            settings = FetchSettings(connect_timeout=10, read_timeout=20, deadline=60,
                                     max_bytes=REMOTE_IMAGE_LIMIT)
            data = fetch_image(url, settings=settings, cancelled=ctx.cancelled)
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_bytes(data)
            return data

        self.tasks.start(
            f"image {url}",  # one download a URL (``_remote`` remembers it is under way)
            lambda ctx: _quiet(download, ctx),
            on_done=lambda data: self._remote_arrived(token, url, data),
        )
        return tr("Loading image…")

    def _remote_arrived(self, token: str, url: str, data: bytes | None) -> None:
        if not shiboken6.isValid(self):  # the pane was closed while the image was on its way
            return
        image = QImage.fromData(data) if data else QImage()
        source: QImage | str = image
        if image.isNull():  # offline, refused, not an image: say so instead of "Loading…" forever
            source = tr("Image not available")
        else:
            self._remote[url] = image
        if token not in self._image_sources:  # another document meanwhile
            return
        self._image_sources[token] = source
        doc = self.document()
        doc.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(token),
                        self._fitted(source, self._image_limit()))
        doc.markContentsDirty(0, doc.characterCount())


def _quiet(fn, ctx: TaskContext) -> bytes | None:  # type: ignore[no-untyped-def]
    """Remote images are decoration: a failure leaves the placeholder, silently."""
    try:
        return fn(ctx)
    except Exception:
        return None


def fitted_image(source: QImage | str, limit: int, dpr: float = 1.0) -> QImage:
    """An image (or a placeholder's text) at most ``limit`` logical px wide; a scaled-down
    image keeps ``dpr`` device pixels per logical pixel, so it stays sharp on HiDPI screens."""
    if isinstance(source, str):
        return placeholder_image(source, QSize(min(PLACEHOLDER_SIZE.width(), limit), PLACEHOLDER_SIZE.height()), dpr)
    if source.width() <= limit:
        return source
    image = source.scaledToWidth(round(limit * dpr), Qt.TransformationMode.SmoothTransformation)
    image.setDevicePixelRatio(dpr)
    return image


def placeholder_image(text: str, size: QSize | None = None, dpr: float = 1.0) -> QImage:
    size = size or PLACEHOLDER_SIZE
    image = QImage(round(size.width() * dpr), round(size.height() * dpr), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)  # the painter below works in logical pixels
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(150, 150, 150))
    painter.setBrush(QColor(128, 128, 128, 28))
    painter.drawRoundedRect(QRectF(1, 1, size.width() - 2, size.height() - 2), 8, 8)
    font = QFont()
    font.setPointSizeF(9.5)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, size.width(), size.height()), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


def _is_cjk(char: str) -> bool:
    return bool(char) and ("\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\uff00" <= char <= "\uffef")
