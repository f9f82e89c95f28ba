"""The review state of each pair: unreviewed, reviewed or flagged (with a note), and
"edited" when its translation was corrected in the reader.

A mark is stored per article key and anchored to the pair's Chinese text with the
selectors annotations use (``anchoring.py``), in the article's *review text*: the units'
texts (an image's Markdown when it has no text), one blank line apart. So a mark follows
its paragraph when other paragraphs are edited, moved or the alignment changes; a pair
takes the mark that overlaps it most (the latest, if several). Pairs without a Chinese
side (an English paragraph left untranslated) are not reviewed.

When the reader saves an edit (``note_edit``), the marks on the edited block move to its
new text and say "edited"; an unmarked pair gets an "unreviewed, edited" mark.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from reader.core.anchoring import ORPHANED, Selector, make_selector, reanchor_many
from reader.core.article import Article
from reader.core.blocks import Block
from reader.core.errors import ReaderError
from reader.core.parallel import Pair, ParallelText
from reader.core.store import Store
from reader.core.vocabulary import FLAGGED, REVIEWED, UNREVIEWED

STATUSES = (UNREVIEWED, REVIEWED, FLAGGED)


class ReviewError(ReaderError):
    """A review mark cannot be set."""


@dataclass(frozen=True, slots=True)
class ReviewMark:
    id: str
    article_key: str
    selector: Selector
    status: str
    note: str
    edited: bool
    modified: str


@dataclass(frozen=True, slots=True)
class ReviewItem:
    index: int  # the pair's index in the alignment (as ``align --json`` lists them)
    status: str
    note: str
    edited: bool
    zh: str
    en: str
    zh_blocks: tuple[int, ...]  # Block.index of the pair's Chinese blocks
    en_blocks: tuple[int, ...]
    mark_id: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"index": self.index, "status": self.status, "note": self.note,
                "edited": self.edited, "zh": self.zh, "en": self.en}


@dataclass(frozen=True, slots=True)
class Progress:
    pairs: int
    reviewed: int
    flagged: int

    @property
    def state(self) -> str:
        """not started | in progress | reviewed (what the library shows)."""
        if self.pairs and self.reviewed >= self.pairs:
            return "reviewed"
        if self.reviewed or self.flagged:
            return "in progress"
        return "not started"


# --- the text marks anchor in ---------------------------------------------------------------


def unit_text(block: Block) -> str:
    return block.text if block.text.strip() else block.source


def review_text(article: Article) -> tuple[str, dict[int, tuple[int, int]]]:
    """The review text of ``article`` and each unit's (start, end) in it, by Block.index."""
    parts: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    offset = 0
    for block in article.units:
        text = unit_text(block)
        spans[block.index] = (offset, offset + len(text))
        parts.append(text)
        offset += len(text) + 2
    return "\n\n".join(parts), spans


def pairs_of(article: Article, parallel: ParallelText | None) -> list[Pair]:
    """The alignment's pairs; without an original, each unit is a pair of its own."""
    if parallel is not None:
        return list(parallel.pairs)
    return [Pair((block,), (), 0.0) for block in article.units]


# --- reading ---------------------------------------------------------------------------------


def review_items(store: Store, article: Article, parallel: ParallelText | None,
                 *, save_progress: bool = True) -> list[ReviewItem]:
    """Every reviewable pair of ``article`` with its state."""
    text, spans = review_text(article)
    pairs = pairs_of(article, parallel)
    reviewable = [(k, pair) for k, pair in enumerate(pairs) if pair.zh]
    pair_spans = [_span(pair, spans) for _, pair in reviewable]
    best: dict[int, ReviewMark] = {}
    for found in _anchored_marks(store, article.key, text):
        slot = _most_overlapping(pair_spans, found.selector.start, found.selector.end)
        if slot is not None and (slot not in best or found.modified > best[slot].modified):
            best[slot] = found
    items = []
    for slot, (k, pair) in enumerate(reviewable):
        mark = best.get(slot)
        items.append(ReviewItem(
            index=k,
            status=mark.status if mark else UNREVIEWED,
            note=mark.note if mark else "",
            edited=mark.edited if mark else False,
            zh=pair.zh_text(), en=pair.en_text(),
            zh_blocks=tuple(b.index for b in pair.zh), en_blocks=tuple(b.index for b in pair.en),
            mark_id=mark.id if mark else None,
        ))
    if save_progress:
        save_review_progress(store, article.key, progress_of(items))
    return items


def progress_of(items: Sequence[ReviewItem]) -> Progress:
    return Progress(len(items), sum(1 for i in items if i.status == REVIEWED),
                    sum(1 for i in items if i.status == FLAGGED))


def save_review_progress(store: Store, article_key: str, progress: Progress) -> None:
    rows = store.query("SELECT pairs, reviewed, flagged FROM review_progress WHERE article_key = ?",
                       (article_key,))
    if rows and tuple(rows[0]) == (progress.pairs, progress.reviewed, progress.flagged):
        return
    store.write(lambda conn: conn.execute(
        "INSERT OR REPLACE INTO review_progress (article_key, pairs, reviewed, flagged, updated) "
        "VALUES (?, ?, ?, ?, ?)",
        (article_key, progress.pairs, progress.reviewed, progress.flagged, time.time())))


def review_progress(store: Store, article_keys: Sequence[str] | None = None) -> dict[str, Progress]:
    """The last known progress of articles (all, or those of ``article_keys``)."""
    if article_keys is None:
        rows = store.query("SELECT article_key, pairs, reviewed, flagged FROM review_progress")
    else:
        rows = []
        keys = list(article_keys)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows += store.query(
                "SELECT article_key, pairs, reviewed, flagged FROM review_progress "
                f"WHERE article_key IN ({','.join('?' * len(chunk))})", tuple(chunk))
    return {row["article_key"]: Progress(row["pairs"], row["reviewed"], row["flagged"]) for row in rows}


# --- writing ---------------------------------------------------------------------------------


def set_review(store: Store, article: Article, parallel: ParallelText | None, pair_index: int,
               status: str, note: str | None = None) -> ReviewItem:
    """Set the state of pair ``pair_index`` (and its note, when given)."""
    if status not in STATUSES:
        raise ReviewError(f"unknown review status {status!r} (use {', '.join(STATUSES)})")
    items = review_items(store, article, parallel, save_progress=False)
    item = next((i for i in items if i.index == pair_index), None)
    if item is None:
        pairs = len(pairs_of(article, parallel))
        raise ReviewError(
            f"there is no pair {pair_index} to review (pairs are numbered 0 to {pairs - 1}, "
            "and only pairs with a Chinese side are reviewed)" if pairs else "the article has no pairs"
        )
    text, spans = review_text(article)
    start = min(spans[b][0] for b in item.zh_blocks)
    end = max(spans[b][1] for b in item.zh_blocks)
    if start >= end:
        raise ReviewError(f"pair {pair_index} has no text to anchor a review mark in")
    selector = make_selector(text, start, end)
    new_note = item.note if note is None else note
    now = _now()

    def work(conn: sqlite3.Connection) -> None:
        if item.mark_id:
            conn.execute(
                "UPDATE review_marks SET exact = ?, prefix = ?, suffix = ?, start_offset = ?, "
                "end_offset = ?, status = ?, note = ?, modified = ? WHERE id = ?",
                (selector.exact, selector.prefix, selector.suffix, start, end, status, new_note,
                 now, item.mark_id))
        else:
            _insert(conn, article.key, selector, status, new_note, False, now)

    store.write(work)
    updated = ReviewItem(item.index, status, new_note, item.edited, item.zh, item.en,
                         item.zh_blocks, item.en_blocks, item.mark_id)
    save_review_progress(store, article.key, progress_of(
        [updated if i.index == pair_index else i for i in items]))
    return updated


def note_edit(store: Store, before: Article, after: Article, line_start: int,
              old_line_end: int, new_line_end: int) -> None:
    """Move the marks on the edited lines to their new text and call them edited.

    ``before``/``after`` are the article before and after lines ``line_start``..
    ``old_line_end`` became ``line_start``..``new_line_end``.
    """
    old_text, old_spans = review_text(before)
    new_text, new_spans = review_text(after)
    old_region = _region(before, old_spans, line_start, old_line_end)
    new_region = _region(after, new_spans, line_start, new_line_end)
    if old_region is None:
        return
    ob_s, ob_e = old_region
    nb_s, nb_e = new_region if new_region is not None else (ob_s, ob_s)
    delta = (len(new_text) - len(old_text))
    marks = _anchored_marks(store, before.key, old_text)
    now = _now()
    moves: list[tuple[str, Selector]] = []
    for mark in marks:
        s, e = mark.selector.start, mark.selector.end
        if e <= ob_s or s >= ob_e:
            continue  # not on the edited block: re-anchoring finds it again
        ns = s if s <= ob_s else nb_s
        ne = e + delta if e >= ob_e else nb_e
        if ns < ne:
            moves.append((mark.id, make_selector(new_text, ns, ne)))

    def work(conn: sqlite3.Connection) -> None:
        if before.key != after.key:  # a file without a source URL is keyed by its text
            conn.execute("UPDATE review_marks SET article_key = ? WHERE article_key = ?",
                         (after.key, before.key))
            conn.execute("UPDATE OR REPLACE review_progress SET article_key = ? WHERE article_key = ?",
                         (after.key, before.key))
        for mark_id, sel in moves:
            conn.execute(
                "UPDATE review_marks SET exact = ?, prefix = ?, suffix = ?, start_offset = ?, "
                "end_offset = ?, edited = 1, modified = ? WHERE id = ?",
                (sel.exact, sel.prefix, sel.suffix, sel.start, sel.end, now, mark_id))
        if not moves and new_region is not None and nb_s < nb_e:
            _insert(conn, after.key, make_selector(new_text, nb_s, nb_e), UNREVIEWED, "", True, now)

    store.write(work)


# --- helpers ---------------------------------------------------------------------------------


def _region(article: Article, spans: dict[int, tuple[int, int]], first: int,
            last: int) -> tuple[int, int] | None:
    inside = [spans[b.index] for b in article.units
              if b.line_start >= first and b.line_end <= last and b.index in spans]
    if not inside:
        return None
    return inside[0][0], inside[-1][1]


def _span(pair: Pair, spans: dict[int, tuple[int, int]]) -> tuple[int, int]:
    return (min(spans[b.index][0] for b in pair.zh), max(spans[b.index][1] for b in pair.zh))


def _most_overlapping(spans: list[tuple[int, int]], start: int, end: int) -> int | None:
    """The slot of the span that overlaps [start, end) most (spans are in order)."""
    import bisect

    starts = [s for s, _ in spans]
    k = max(0, bisect.bisect_right(starts, start) - 1)
    best: tuple[int, int] | None = None
    while k < len(spans) and spans[k][0] < max(end, start + 1):
        s, e = spans[k]
        overlap = min(e, end) - max(s, start)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, k)
        k += 1
    return best[1] if best else None


def _anchored_marks(store: Store, article_key: str, text: str) -> list[ReviewMark]:
    """The article's marks re-anchored in ``text``; moved ones are stored where they are now."""
    rows = store.query(
        "SELECT id, exact, prefix, suffix, start_offset, end_offset, status, note, edited, modified "
        "FROM review_marks WHERE article_key = ? ORDER BY start_offset", (article_key,))
    if not rows:
        return []
    selectors = [Selector(r["exact"], r["prefix"], r["suffix"], r["start_offset"], r["end_offset"])
                 for r in rows]
    marks: list[ReviewMark] = []
    moved: list[tuple[str, Selector]] = []
    for row, old, anchor in zip(rows, selectors, reanchor_many(text, selectors), strict=True):
        if anchor.status == ORPHANED:
            continue
        selector = old
        if (anchor.start, anchor.end) != (old.start, old.end) or text[anchor.start:anchor.end] != old.exact:
            selector = make_selector(text, anchor.start, anchor.end)
            moved.append((row["id"], selector))
        marks.append(ReviewMark(row["id"], article_key, selector, row["status"], row["note"],
                                bool(row["edited"]), row["modified"]))
    if moved:
        def work(conn: sqlite3.Connection) -> None:
            conn.executemany(
                "UPDATE review_marks SET exact = ?, prefix = ?, suffix = ?, start_offset = ?, "
                "end_offset = ? WHERE id = ?",
                [(s.exact, s.prefix, s.suffix, s.start, s.end, mark_id) for mark_id, s in moved])

        store.write(work)
    return marks


def _insert(conn: sqlite3.Connection, article_key: str, selector: Selector, status: str, note: str,
            edited: bool, now: str) -> None:
    conn.execute(
        "INSERT INTO review_marks (id, article_key, exact, prefix, suffix, start_offset, end_offset,"
        " status, note, edited, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (str(uuid.uuid4()), article_key, selector.exact, selector.prefix, selector.suffix,
         selector.start, selector.end, status, note, int(edited), now, now))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
