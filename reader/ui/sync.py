"""Synchronized reading of two panes through the paragraph alignment.

Scrolling maps the height of the reading line in one pane to the other through a
piecewise-linear function whose knots are the tops and bottoms of aligned pairs in
both documents. Images and code of different heights, unpaired paragraphs and header
lines all fall between knots, so the other pane moves smoothly and never jumps back.
Only the pane the user scrolls drives; the other one follows without echoing back.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor

from reader.ui.article_view import ArticleView, Marker, Tint

if TYPE_CHECKING:
    from reader.core.checks import CheckReport
    from reader.core.parallel import ParallelText

READING_LINE = 0.3  # the reader's eyes rest about a third down the pane
EDGE_ZONE = 0.1  # of a pane's height: near either end, the panes' ends line up instead
# Light washes over whole block rectangles, so that highlights keep their colour inside a tinted pair;
# the pair clicked also gets a bar in the margin.
HOVER_TINT = Tint(QColor(255, 200, 80, 14))
FOCUS_TINT = Tint(QColor(255, 196, 61, 26), QColor(230, 160, 20, 220))


def other(side: str) -> str:
    return "en" if side == "zh" else "zh"


class PaneSync(QObject):
    focus_changed = Signal(int)  # pair index, -1 for none

    def __init__(self, zh_view: ArticleView, en_view: ArticleView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.views = {"zh": zh_view, "en": en_view}
        self.parallel: ParallelText | None = None
        self.enabled = True
        self.focus_pair = -1
        self.extra_markers: Callable[[str], list[Marker]] = lambda _side: []  # Proofread's review marks
        self.check_report: CheckReport | None = None  # the Check panel's, when it has one
        self._following = False
        self._knots_key: tuple | None = None  # type: ignore[type-arg]
        self._knots: tuple[list[float], list[float]] = ([], [])
        for side, view in self.views.items():
            view.verticalScrollBar().valueChanged.connect(lambda _v, s=side: self.follow(s))
            view.block_hovered.connect(lambda block, s=side: self._hover(s, block))
            view.block_clicked.connect(lambda block, s=side: self.show_counterpart(s, block))

    def set_parallel(self, parallel: ParallelText | None) -> None:
        self.parallel = parallel
        self.focus_pair = -1
        for view in self.views.values():
            view.set_tint("1-hover", [], HOVER_TINT)
            view.set_tint("2-focus", [], FOCUS_TINT)
        self.show_markers()

    def show_markers(self) -> None:
        """The margin marks of the pairs (unpaired units, translation-check hits) in both panes."""
        for side, view in self.views.items():
            marks = pair_markers(self.parallel, side, self.check_report) if self.parallel is not None else []
            view.set_markers([Marker(*mark) for mark in marks] + self.extra_markers(side))

    # -- scrolling -------------------------------------------------------------------
    def knots(self, side: str) -> tuple[list[float], list[float]]:
        """Matching heights (source, target) of the pair boundaries, source ascending."""
        assert self.parallel is not None
        src_view, dst_view = self.views[side], self.views[other(side)]
        key = (side, id(self.parallel), id(src_view.geometry_table()), id(dst_view.geometry_table()))
        if self._knots_key == key:
            return self._knots
        src: list[float] = [0.0]
        dst: list[float] = [0.0]
        for pair in self.parallel.pairs:
            if pair.unpaired:
                continue
            s = _span(src_view, pair.zh if side == "zh" else pair.en)
            d = _span(dst_view, pair.en if side == "zh" else pair.zh)
            if s is None or d is None or s[0] < src[-1] or d[0] < dst[-1]:
                continue  # keep the map monotone
            src.extend(s)
            dst.extend(d)
        src.append(max(src[-1] + 1, src_view.document().size().height()))
        dst.append(max(dst[-1], dst_view.document().size().height()))
        self._knots_key, self._knots = key, (src, dst)
        return src, dst

    def map_height(self, side: str, y: float) -> float | None:
        if self.parallel is None:
            return None
        src, dst = self.knots(side)
        k = bisect.bisect_right(src, y) - 1
        k = min(max(k, 0), len(src) - 2)
        width = src[k + 1] - src[k]
        t = 0.0 if width <= 0 else min(1.0, max(0.0, (y - src[k]) / width))
        return dst[k] + t * (dst[k + 1] - dst[k])

    def follow(self, side: str) -> None:
        if not self.enabled or self._following or self.parallel is None:
            return
        src_view, dst_view = self.views[side], self.views[other(side)]
        if not dst_view.isVisible() or not src_view.has_content or not dst_view.has_content:
            return
        bar = src_view.verticalScrollBar()
        value = self._mapped(side, bar.value())
        if value is None:
            return
        # Within EDGE_ZONE of either end, fade in the difference that would leave the other
        # pane a few pixels off its own end: the top of one is the top of the other (the first
        # line never cut), the end is the end; elsewhere the reading lines stay level.
        dst_bar = dst_view.verticalScrollBar()
        zone = max(1.0, src_view.viewport().height() * EDGE_ZONE)
        at_top = self._mapped(side, 0)
        at_end = self._mapped(side, bar.maximum())
        if at_top is not None and bar.value() < zone:
            value -= at_top * (1 - bar.value() / zone)
        elif at_end is not None and bar.maximum() - bar.value() < zone:
            value += (dst_bar.maximum() - at_end) * (1 - (bar.maximum() - bar.value()) / zone)
        self._following = True
        try:
            dst_bar.setValue(round(value))
        finally:
            self._following = False

    def _mapped(self, side: str, value: float) -> float | None:
        """Where the other pane scrolls to when this one is at ``value``: their reading lines level."""
        src_view, dst_view = self.views[side], self.views[other(side)]
        target = self.map_height(side, value + src_view.viewport().height() * READING_LINE)
        return None if target is None else target - dst_view.viewport().height() * READING_LINE

    # -- pairs -----------------------------------------------------------------------
    def pair_index(self, side: str, block: int) -> int:
        if self.parallel is None:
            return -1
        table = self.parallel.zh_pair if side == "zh" else self.parallel.en_pair
        return table.get(block, -1)

    def _hover(self, side: str, block: int) -> None:
        k = self.pair_index(side, block) if block >= 0 else -1
        self._tint("1-hover", k, HOVER_TINT)

    def _tint(self, layer: str, k: int, tint: Tint) -> None:
        pair = self.parallel.pairs[k] if self.parallel is not None and k >= 0 else None
        for side, view in self.views.items():
            blocks = (pair.zh if side == "zh" else pair.en) if pair else ()
            view.set_tint(layer, [b.index for b in blocks], tint)

    def set_focus(self, k: int) -> None:
        self.focus_pair = k
        self._tint("2-focus", k, FOCUS_TINT)
        self.focus_changed.emit(k)

    def show_counterpart(self, side: str, block: int) -> None:
        """Tint a paragraph and its counterpart; bring the counterpart level with it."""
        k = self.pair_index(side, block)
        self.set_focus(k)
        if k < 0 or self.parallel is None:
            return
        pair = self.parallel.pairs[k]
        counterpart = pair.en if side == "zh" else pair.zh
        if not counterpart:
            return
        src_view, dst_view = self.views[side], self.views[other(side)]
        top = src_view.block_y(block)
        if top is None:
            return
        on_screen = top - src_view.verticalScrollBar().value()
        target = dst_view.block_y(counterpart[0].index)
        if target is not None:
            self._following = True
            try:
                dst_view.verticalScrollBar().setValue(round(target - on_screen))
            finally:
                self._following = False

    def step(self, delta: int) -> None:
        """Move the focus to the next (+1) or previous (-1) pair and show it in both panes."""
        if self.parallel is None or not self.parallel.pairs:
            return
        k = self.focus_pair
        if k < 0:
            k = self._pair_at_reading_line() - (1 if delta > 0 else 0)
        n = len(self.parallel.pairs)
        k += delta
        while 0 <= k < n and self.parallel.pairs[k].unpaired:
            k += delta
        if 0 <= k < n:
            self.go_to_pair(k)

    def go_to_pair(self, k: int) -> None:
        """Focus pair ``k`` and bring it to the reading line in both panes."""
        if self.parallel is None or not 0 <= k < len(self.parallel.pairs):
            return
        self.set_focus(k)
        pair = self.parallel.pairs[k]
        self._following = True
        try:
            for side, view in self.views.items():
                blocks = pair.zh if side == "zh" else pair.en
                if blocks:
                    view.scroll_to_block(blocks[0].index, READING_LINE)
        finally:
            self._following = False

    def place(self, side: str, value: float) -> None:
        """Scroll one pane to ``value`` without the other following (the caller places both)."""
        self._following = True
        try:
            self.views[side].verticalScrollBar().setValue(math.ceil(value))
        finally:
            self._following = False

    def _pair_at_reading_line(self) -> int:
        view = self.views["zh"]
        hit = view.block_at_y(view.verticalScrollBar().value() + view.viewport().height() * READING_LINE)
        if hit is None or self.parallel is None:
            return 0
        k = self.pair_index("zh", hit[0])
        if k >= 0:
            return k
        # A header line or other block outside the alignment: the next pair after it.
        return next((i for i, p in enumerate(self.parallel.pairs) if p.zh and p.zh[0].index > hit[0]), 0)


def _span(view: ArticleView, blocks: tuple) -> tuple[float, float] | None:  # type: ignore[type-arg]
    if not blocks:
        return None
    first = view.block_span(blocks[0].index)
    last = view.block_span(blocks[-1].index)
    if first is None or last is None:
        return None
    return first[0], last[1]


def pair_markers(parallel: ParallelText, side: str,
                 report: CheckReport | None = None) -> list[tuple[int, str, str, str]]:
    """(block, colour, tooltip, glyph) for the margin: unpaired units, then the translation check's
    issues (one marker per block and kind, from the Check panel's report) when there is one,
    else the pairs whose translation lacks a number, link or code of the original."""
    from reader.ui.i18n import tr

    out: list[tuple[int, str, str, str]] = []
    for pair in parallel.pairs:
        blocks = pair.zh if side == "zh" else pair.en
        if not blocks:
            continue
        if pair.unpaired:
            text = (tr("Only in the translation: no counterpart in the original") if side == "zh"
                    else tr("Not in the translation"))
            out.extend((b.index, "#9aa0a6", text, "") for b in blocks)
        elif report is None and side == "zh" and (missing := pair.differences()):
            out.append((blocks[0].index, "#e8710a",
                        tr("Check the translation: the original has %1", args=(", ".join(missing),)), ""))
    if report is not None and report.pairs == parallel.pairs:
        from reader.ui.check_dock import issue_markers

        out += issue_markers(report, side)
    return out
