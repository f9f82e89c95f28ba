"""Highlights, notes, tags and bookmarks, and the reading position of each article.

Annotations belong to an article key (so they follow a file that moves) and to one side:
'zh' (the translation) or 'en' (the original). Each keeps the selectors of
``anchoring.py`` and is re-anchored against the side's current text by
``reanchor_article``. Every write is one transaction (``Store.write``). Nothing is
lost: an annotation that no longer fits the text becomes "orphaned", never deleted,
and ``delete_annotation`` hands back what it deleted so that ``restore_annotation``
can undo it with the same id.

Tags live in their own table rather than in a JSON column: completion and filtering
by tag are indexed look-ups, and deleting an annotation deletes its tags by cascade.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any

from reader.core.anchoring import ORPHANED, Selector, make_selector, reanchor_many
from reader.core.article import Article, parse_markdown
from reader.core.errors import ReaderError
from reader.core.originals import cached_original, load_original_file, sibling_original
from reader.core.store import Store
from reader.core.vocabulary import COLORS, KINDS, SIDES

MAX_TAG_CHARS = 64


class AnnotationError(ReaderError):
    """An annotation cannot be made, found or changed."""


@dataclass(frozen=True, slots=True)
class Annotation:
    id: str
    article_key: str
    side: str
    kind: str
    exact: str
    prefix: str
    suffix: str
    start: int  # code points in the plain text of the side
    end: int
    color: str
    note: str
    tags: tuple[str, ...]
    status: str  # exact | moved | fuzzy | orphaned (see anchoring.py)
    created: str  # ISO 8601 with UTC offset
    modified: str

    @property
    def selector(self) -> Selector:
        return Selector(self.exact, self.prefix, self.suffix, self.start, self.end)

    def to_json(self, text: str | None = None) -> dict[str, object]:
        """The CLI's JSON shape; ``text`` is the side's current text, if known."""
        data = asdict(self)
        data["tags"] = list(self.tags)
        data["text"] = (
            text[self.start : self.end] if text is not None and self.status != ORPHANED else None
        )
        return data


@dataclass(frozen=True, slots=True)
class ReadingPosition:
    article_key: str
    side: str
    block: int  # index into Article.units
    offset: int  # code points in the side's plain text
    updated: str


# --- the text annotations anchor in -------------------------------------------------------


def side_text(article: Article, store: Store, side: str, *, original_markdown: str | None = None) -> str:
    """The plain text of one side of ``article`` that annotations anchor in.

    'zh' is the article itself; 'en' is its original as the reader shows it: the
    Markdown given, else a sibling ``<stem>.en.*`` file, else the cached copy. Nothing is
    fetched: without one of these, AnnotationError.
    """
    _check(side, SIDES, "side")
    if side == "zh":
        return article.plain_text
    if original_markdown is None:
        sibling = sibling_original(article.path) if article.path is not None else None
        if sibling is not None:
            original_markdown = load_original_file(sibling).markdown
        elif (cached := cached_original(store, article.key)) is not None:
            original_markdown = cached.markdown
        else:
            raise AnnotationError(
                "The English original of this article is not available offline: fetch it "
                "first (bilingual-reader fetch FILE)"
            )
    return parse_markdown(original_markdown).plain_text


# --- writes ---------------------------------------------------------------------------------


def new_annotation(
    article_key: str,
    side: str,
    text: str,
    start: int,
    end: int,
    *,
    kind: str = "highlight",
    color: str = "yellow",
    note: str = "",
    tags: Iterable[str] = (),
) -> Annotation:
    """An annotation of ``text[start:end]`` (code points) of one side, not stored yet:
    ``insert_annotation`` stores it (the window shows it first and stores it off its thread)."""
    _check(side, SIDES, "side")
    _check(kind, KINDS, "kind")
    _check(color, COLORS, "colour")
    selector = _selector(text, start, end)
    now = _now()
    return Annotation(
        id=_new_id(), article_key=article_key, side=side, kind=kind,
        exact=selector.exact, prefix=selector.prefix, suffix=selector.suffix,
        start=start, end=end, color=color, note=note, tags=normalize_tags(tags),
        status="exact", created=now, modified=now,
    )


def insert_annotation(store: Store, annotation: Annotation) -> Annotation:
    store.write(lambda conn: _insert(conn, annotation))
    return annotation


def create_annotation(
    store: Store,
    article_key: str,
    side: str,
    text: str,
    start: int,
    end: int,
    *,
    kind: str = "highlight",
    color: str = "yellow",
    note: str = "",
    tags: Iterable[str] = (),
) -> Annotation:
    """Annotate ``text[start:end]`` (code points) of one side of an article."""
    return insert_annotation(store, new_annotation(article_key, side, text, start, end, kind=kind,
                                                   color=color, note=note, tags=tags))


def edited_annotation(annotation: Annotation, *, note: str | None = None, tags: Iterable[str] | None = None,
                      color: str | None = None) -> Annotation:
    """``annotation`` as ``update_annotation`` with the same arguments will store it."""
    if color is not None:
        _check(color, COLORS, "colour")
    return replace(annotation, note=annotation.note if note is None else note,
                   tags=annotation.tags if tags is None else normalize_tags(tags),
                   color=color or annotation.color, modified=_now())


def attached_annotation(annotation: Annotation, text: str, start: int, end: int) -> Annotation:
    """``annotation`` as ``attach_annotation`` with the same selection will store it."""
    selector = _selector(text, start, end)
    return replace(annotation, exact=selector.exact, prefix=selector.prefix, suffix=selector.suffix,
                   start=start, end=end, status="exact", modified=_now())


def update_annotation(
    store: Store,
    annotation_id: str,
    *,
    note: str | None = None,
    tags: Iterable[str] | None = None,
    color: str | None = None,
) -> Annotation:
    """Change what the user wrote on an annotation; None leaves a field as it is."""
    if color is not None:
        _check(color, COLORS, "colour")
    clean_tags = normalize_tags(tags) if tags is not None else None

    def work(conn: sqlite3.Connection) -> Annotation:
        now = _now()
        sets = ["modified = ?"]
        params: list[object] = [now]
        if note is not None:
            sets.append("note = ?")
            params.append(note)
        if color is not None:
            sets.append("color = ?")
            params.append(color)
        cursor = conn.execute(f"UPDATE annotations SET {', '.join(sets)} WHERE id = ?",
                              (*params, annotation_id))
        if cursor.rowcount == 0:
            raise AnnotationError(f"No annotation {annotation_id}")
        if clean_tags is not None:
            conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (annotation_id,))
            _insert_tags(conn, annotation_id, clean_tags)
        return _get(conn, annotation_id)  # type: ignore[return-value]

    return store.write(work)


def delete_annotation(store: Store, annotation_id: str) -> Annotation:
    """Delete an annotation and return it, so that the caller can undo the delete."""

    def work(conn: sqlite3.Connection) -> Annotation:
        annotation = _get(conn, annotation_id)
        if annotation is None:
            raise AnnotationError(f"No annotation {annotation_id}")
        conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))  # tags cascade
        return annotation

    return store.write(work)


def restore_annotation(store: Store, annotation: Annotation) -> Annotation:
    """Undo ``delete_annotation``: put the annotation back with its id. Idempotent."""

    def work(conn: sqlite3.Connection) -> Annotation:
        existing = _get(conn, annotation.id)
        if existing is not None:
            return existing
        _insert(conn, annotation)
        return annotation

    return store.write(work)


def attach_annotation(store: Store, annotation_id: str, text: str, start: int, end: int) -> Annotation:
    """Give an annotation (typically an orphan) a new selection in ``text``."""
    selector = _selector(text, start, end)

    def work(conn: sqlite3.Connection) -> Annotation:
        cursor = conn.execute(
            "UPDATE annotations SET exact = ?, prefix = ?, suffix = ?, start_offset = ?, "
            "end_offset = ?, status = 'exact', modified = ? WHERE id = ?",
            (selector.exact, selector.prefix, selector.suffix, start, end, _now(), annotation_id),
        )
        if cursor.rowcount == 0:
            raise AnnotationError(f"No annotation {annotation_id}")
        return _get(conn, annotation_id)  # type: ignore[return-value]

    return store.write(work)


def reanchor_article(store: Store, article_key: str, texts: Mapping[str, str]) -> list[Annotation]:
    """Re-anchor an article's annotations in the current texts of its sides and save
    the new positions and statuses. Sides missing from ``texts`` are left as stored.

    Returns all the article's annotations in reading order (orphans last, per side). A
    store that takes no writes (read-only folder, full disk) keeps the stored anchors; the
    anchors returned are the new ones all the same.
    """
    annotations = list_annotations(store, article_key)
    updated: dict[str, Annotation] = {}
    for side, text in texts.items():
        mine = [a for a in annotations if a.side == side]
        for annotation, anchor in zip(mine, reanchor_many(text, [a.selector for a in mine]),
                                      strict=True):
            if (anchor.start, anchor.end, anchor.status) != (annotation.start, annotation.end,
                                                              annotation.status):
                updated[annotation.id] = _with_anchor(annotation, anchor.start, anchor.end,
                                                      anchor.status)
    if updated and store.read_only is None:
        old = {a.id: a for a in annotations}

        def work(conn: sqlite3.Connection) -> None:
            # Only if the selector is still the one we anchored: another process may have
            # attached the annotation elsewhere meanwhile. Not a user edit: 'modified' stays.
            conn.executemany(
                "UPDATE annotations SET start_offset = ?, end_offset = ?, status = ? "
                "WHERE id = ? AND exact = ? AND start_offset = ? AND end_offset = ?",
                [(new.start, new.end, new.status, new.id, old[new.id].exact, old[new.id].start,
                  old[new.id].end) for new in updated.values()],
            )

        store.write(work)
    return _reading_order([updated.get(a.id, a) for a in annotations])


# --- reads ------------------------------------------------------------------------------------


def get_annotation(store: Store, annotation_id: str) -> Annotation | None:
    return _get(store.conn, annotation_id)


def list_annotations(store: Store, article_key: str, side: str | None = None) -> list[Annotation]:
    """An article's annotations in reading order: by side, position; orphans last."""
    sql = f"{_SELECT} WHERE article_key = ?"
    params: tuple[str, ...] = (article_key,)
    if side is not None:
        sql += " AND side = ?"
        params += (side,)
    return _reading_order(_rows(store.conn, sql, params))


def count_annotations(store: Store) -> int:
    """How many annotations the store holds, all articles together."""
    return int(store.query("SELECT count(*) FROM annotations")[0][0])


def has_annotations(store: Store, article_key: str) -> bool:
    """Whether the article has any annotation (an index lookup: cheap enough for the UI thread)."""
    return bool(store.query("SELECT 1 FROM annotations WHERE article_key = ? LIMIT 1", (article_key,)))


def all_tags(store: Store, startswith: str = "") -> list[str]:
    """Every tag in use, most used first (for completion)."""
    pattern = startswith.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = store.query(
        "SELECT tag, count(*) AS uses FROM annotation_tags WHERE tag LIKE ? ESCAPE '\\' "
        "GROUP BY tag ORDER BY uses DESC, tag", (pattern,))
    return [row["tag"] for row in rows]


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: whitespace collapsed, no empties, no duplicates, sorted."""
    clean: dict[str, str] = {}
    for tag in tags:
        tag = " ".join(str(tag).split())
        if not tag:
            continue
        if len(tag) > MAX_TAG_CHARS:
            raise AnnotationError(f"A tag can have at most {MAX_TAG_CHARS} characters")
        clean.setdefault(tag.casefold(), tag)
    return tuple(sorted(clean.values(), key=str.casefold))


# --- reading position --------------------------------------------------------------------------


def save_position(store: Store, article_key: str, side: str, block: int, offset: int = 0) -> None:
    _check(side, SIDES, "side")
    if block < 0 or offset < 0:
        raise AnnotationError("A reading position cannot be negative")
    if store.read_only is not None:  # bookkeeping: the reader was told nothing can be saved
        return
    store.write(lambda conn: conn.execute(
        "INSERT INTO positions (article_key, side, block, char_offset, updated) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_key) DO UPDATE SET side = excluded.side, "
        "block = excluded.block, char_offset = excluded.char_offset, updated = excluded.updated",
        (article_key, side, block, offset, _now())))


def load_position(store: Store, article_key: str) -> ReadingPosition | None:
    rows = store.query("SELECT article_key, side, block, char_offset, updated FROM positions "
                       "WHERE article_key = ?", (article_key,))
    if not rows:
        return None
    row = rows[0]
    return ReadingPosition(row["article_key"], row["side"], row["block"], row["char_offset"],
                           row["updated"])


# --- internals ------------------------------------------------------------------------------

_SELECT = (
    "SELECT id, article_key, side, kind, exact, prefix, suffix, start_offset, end_offset, "
    "color, note, status, created, modified FROM annotations"
)


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[Annotation]:
    rows = conn.execute(sql, params).fetchall()
    # The tags of all these rows in one query rather than one per row.
    tags: dict[str, list[str]] = {}
    ids = [row["id"] for row in rows]
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        for annotation_id, tag in conn.execute(
            f"SELECT annotation_id, tag FROM annotation_tags WHERE annotation_id IN "
            f"({','.join('?' * len(part))})", part):
            tags.setdefault(annotation_id, []).append(tag)
    return [
        Annotation(
            id=row["id"], article_key=row["article_key"], side=row["side"], kind=row["kind"],
            exact=row["exact"], prefix=row["prefix"], suffix=row["suffix"],
            start=row["start_offset"], end=row["end_offset"], color=row["color"],
            note=row["note"], status=row["status"], created=row["created"],
            modified=row["modified"],
            tags=tuple(sorted(tags.get(row["id"], ()), key=str.casefold)),
        )
        for row in rows
    ]


def _get(conn: sqlite3.Connection, annotation_id: str) -> Annotation | None:
    found = _rows(conn, f"{_SELECT} WHERE id = ?", (annotation_id,))
    return found[0] if found else None


def _insert(conn: sqlite3.Connection, a: Annotation) -> None:
    conn.execute(
        "INSERT INTO annotations (id, article_key, side, kind, exact, prefix, suffix, "
        "start_offset, end_offset, color, note, status, created, modified) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (a.id, a.article_key, a.side, a.kind, a.exact, a.prefix, a.suffix, a.start, a.end,
         a.color, a.note, a.status, a.created, a.modified),
    )
    _insert_tags(conn, a.id, a.tags)


def _insert_tags(conn: sqlite3.Connection, annotation_id: str, tags: Iterable[str]) -> None:
    conn.executemany("INSERT INTO annotation_tags (annotation_id, tag) VALUES (?, ?)",
                     [(annotation_id, tag) for tag in tags])


def _with_anchor(a: Annotation, start: int, end: int, status: str) -> Annotation:
    return replace(a, start=start, end=end, status=status)


def _reading_order(annotations: list[Annotation]) -> list[Annotation]:
    return sorted(annotations, key=lambda a: (SIDES.index(a.side), a.status == ORPHANED,
                                              a.start, a.end, a.created, a.id))


def _selector(text: str, start: int, end: int) -> Selector:
    try:
        return make_selector(text, start, end)
    except ValueError as exc:
        raise AnnotationError(f"Cannot annotate that selection: {exc}") from exc


def _check(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise AnnotationError(f"Unknown {what} {value!r}: use one of {', '.join(allowed)}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _new_id() -> str:
    import uuid  # loaded on the first new annotation, not at start (it pulls in ``platform``)

    return str(uuid.uuid4())
