"""Reading state of each article: when it was last opened and how far it is read.

Kept in ``library_state`` keyed by the article key (source URL or content hash), so it
survives renames, moves and re-adding a folder. Apart from ``library`` (indexing and
search) because every opening of an article needs this, and nothing of the indexer.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass
from pathlib import Path

from reader.core.article import Article, parse_article
from reader.core.errors import ReaderError
from reader.core.paths import absolute_path, resolved_path
from reader.core.store import Store


@dataclass(frozen=True)
class RecentArticle:
    path: str
    title: str
    key: str
    progress: float
    last_opened: float
    exists: bool


def mark_opened(store: Store, path: str | Path, article: Article | None = None) -> str:
    """Note that an article was opened now (for ``recent``); returns its key. A read-only
    store (the reader was told) is left as it is.

    ``article`` is the file as just parsed, if the caller has it (saves a second parse).
    """
    path = absolute_path(path)
    rows = store.query("SELECT article_key, title FROM library_articles WHERE path IN (?, ?)",
                       (path, resolved_path(path)))
    if rows:
        key, title = str(rows[0]["article_key"]), str(rows[0]["title"])
    else:  # opened from outside the library: its own key and title
        article = article or parse_article(path)
        key, title = article.key, article.title
    if store.read_only is not None:  # bookkeeping: the reader was told nothing can be saved
        return key
    now = time.time()
    store.write(lambda conn: conn.execute(
        "INSERT INTO library_state (article_key, last_path, title, last_opened) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (article_key) DO UPDATE SET "
        "last_path = excluded.last_path, title = excluded.title, "
        "last_opened = excluded.last_opened", (key, path, title, now)))
    return key


def earlier_keys(store: Store, path: str | Path, key: str) -> list[str]:
    """Other keys the file at ``path`` was opened under, newest first: an article without a
    source URL is keyed by its text, so an edited file has a new key but the same path."""
    path = absolute_path(path)
    rows = store.query("SELECT article_key FROM library_state WHERE last_path IN (?, ?) AND article_key != ? "
                       "ORDER BY last_opened DESC", (path, resolved_path(path), key))
    return [str(row["article_key"]) for row in rows]


def set_progress(store: Store, key: str, fraction: float) -> None:
    """Remember how far the article is read, 0..1 (clamped); not in a read-only store."""
    if not isinstance(fraction, int | float) or math.isnan(fraction):
        raise ReaderError(f"progress must be a number from 0 to 1, not {fraction!r}")
    value = min(1.0, max(0.0, float(fraction)))
    if store.read_only is not None:  # bookkeeping: the reader was told nothing can be saved
        return
    store.write(lambda conn: conn.execute(
        "INSERT INTO library_state (article_key, progress) VALUES (?, ?) "
        "ON CONFLICT (article_key) DO UPDATE SET progress = excluded.progress", (key, value)))


def recent(store: Store, n: int = 10) -> list[RecentArticle]:
    rows = store.query(
        "SELECT article_key, last_path, title, progress, last_opened FROM library_state "
        "WHERE last_opened IS NOT NULL ORDER BY last_opened DESC LIMIT ?", (n,))
    return [RecentArticle(r["last_path"], r["title"] or Path(r["last_path"]).stem,
                          r["article_key"], r["progress"], r["last_opened"],
                          os.path.isfile(r["last_path"]))
            for r in rows]
