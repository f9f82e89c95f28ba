"""Sentence tint: the sentence under the mouse (or clicked) and its counterpart sentences.

Inside prose paragraphs the pointer picks a sentence; its counterpart in the other pane
(``reader.core.sentences``) is tinted, sentence by sentence rather than the whole
paragraph. Headings, list items, code and tables keep the paragraph-level tint of
``PaneSync`` alone. Sentences are paired per pair on first use and cached.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QColor, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QTextEdit

from reader.ui.article_view import ArticleView

if TYPE_CHECKING:  # the sentence splitter loads on the first hover over a paired paragraph
    from reader.core.parallel import Pair, ParallelText
    from reader.core.sentences import PairSentences, Sentence

HOVER_LAYER = "0-sentence-hover"
FOCUS_LAYER = "0-sentence-focus"
SENTENCE_COLOR = QColor(255, 196, 0, 70)  # a light wash that reads on light and dark themes
_SENTENCE_KINDS = frozenset({"paragraph", "quote"})


class SentenceTint(QObject):
    def __init__(self, zh_view: ArticleView, en_view: ArticleView,
                 parallel: Callable[[], ParallelText | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.views = {"zh": zh_view, "en": en_view}
        self._parallel = parallel
        self._cache: dict[int, PairSentences] = {}
        self._cache_of: ParallelText | None = None
        self._ratio = 0.0
        for view in self.views.values():
            view.add_pointer_hook(self._pointer, on_leave=lambda _view: self._clear(HOVER_LAYER))

    def _pointer(self, view: ArticleView, event: QMouseEvent) -> bool:
        side = "zh" if view is self.views["zh"] else "en"
        if event.type() == QEvent.Type.MouseMove:
            self.tint_at(side, event.position().toPoint(), HOVER_LAYER)
        elif event.type() == QEvent.Type.MouseButtonRelease:
            self.tint_at(side, event.position().toPoint(), FOCUS_LAYER)
        return False

    # -- sentences ----------------------------------------------------------------------
    def sentences(self, parallel: ParallelText, k: int) -> PairSentences:
        from reader.core.checks import _ratio  # the check's own length factor
        from reader.core.sentences import pair_sentences

        if self._cache_of is not parallel:
            self._cache, self._cache_of = {}, parallel
            self._ratio = _ratio(parallel)
        if k not in self._cache:
            pair = parallel.pairs[k]
            self._cache[k] = pair_sentences(pair.zh, pair.en, self._ratio)
        return self._cache[k]

    def sentence_at(self, side: str, point: QPoint) -> tuple[int, int] | None:
        """(pair, sentence index on ``side``) under ``point`` of a prose paragraph."""
        parallel = self._parallel()
        view = self.views[side]
        block = view.block_at_point(point)
        if parallel is None or block is None:
            return None
        k = (parallel.zh_pair if side == "zh" else parallel.en_pair).get(block)
        if k is None or parallel.pairs[k].unpaired:
            return None
        pair: Pair = parallel.pairs[k]
        blocks = pair.zh if side == "zh" else pair.en
        position = next((n for n, b in enumerate(blocks) if b.index == block), None)
        start = view.block_position(block)
        if position is None or start is None or blocks[position].kind not in _SENTENCE_KINDS:
            return None
        offset = view.cursorForPosition(point).position() - start
        sents = self.sentences(parallel, k)
        own = [(n, s) for n, s in enumerate(sents.zh if side == "zh" else sents.en) if s.block == position]
        for n, s in own:
            if offset < s.end:
                return k, n
        return (k, own[-1][0]) if own else None

    # -- tint ---------------------------------------------------------------------------
    def tint_at(self, side: str, point: QPoint, layer: str) -> None:
        parallel = self._parallel()
        hit = self.sentence_at(side, point)
        if parallel is None or hit is None:
            self._clear(layer)
            return
        k, n = hit
        sents = self.sentences(parallel, k)
        group = sents.group_of(side, n)
        if group is None:
            self._clear(layer)
            return
        pair = parallel.pairs[k]
        for each, view in self.views.items():
            blocks = pair.zh if each == "zh" else pair.en
            chosen = [sents.zh[i] for i in group.zh] if each == "zh" else [sents.en[j] for j in group.en]
            view.set_layer(layer, [sel for s in chosen
                                   if (sel := _selection(view, blocks[s.block].index, s)) is not None])

    def show_sentences(self, chosen: dict[str, list[tuple[int, Sentence]]]) -> None:
        """Tint (as if clicked) the (block index, sentence) of each side, the others untinted."""
        for side, view in self.views.items():
            view.set_layer(FOCUS_LAYER, [sel for block, s in chosen.get(side, [])
                                         if (sel := _selection(view, block, s)) is not None])

    def tinted_text(self, side: str, layer: str = FOCUS_LAYER) -> str:
        """The text tinted in ``side``'s pane (what a test or an export reads back)."""
        return " ".join(sel.cursor.selectedText() for sel in self.views[side]._layers.get(layer, []))

    def _clear(self, layer: str) -> None:
        for view in self.views.values():
            view.set_layer(layer, [])


def sentence_y(view: ArticleView, block: int, sentence: Sentence) -> float | None:
    """Document height of the top of ``sentence`` of block ``block`` (its first line)."""
    start = view.block_position(block)
    if start is None:
        return None
    cursor = QTextCursor(view.document())
    cursor.setPosition(min(start + sentence.start, view.document().characterCount() - 1))
    return float(view.cursorRect(cursor).top() + view.verticalScrollBar().value())


def _selection(view: ArticleView, block: int, sentence: Sentence) -> QTextEdit.ExtraSelection | None:
    start = view.block_position(block)
    if start is None:
        return None
    cursor = QTextCursor(view.document())
    end = min(start + sentence.end, view.document().characterCount() - 1)
    cursor.setPosition(min(start + sentence.start, end))
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    selection.format.setBackground(SENTENCE_COLOR)
    return selection
