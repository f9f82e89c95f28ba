"""The app's SQLite store: one file under the data dir, numbered migrations, WAL.

Every feature that keeps data (cached originals, annotations, the library) adds its
tables through a new entry at the end of ``MIGRATIONS``; never edit a released one.
A store that is corrupt or was written by a newer version is left untouched: the app
moves on to a fresh file beside it and says so.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from platformdirs import user_config_dir, user_data_dir

from reader.core.errors import ReaderError

APP_NAME = "bilingual-reader"
STORE_NAME = "reader.sqlite3"
BUSY_TIMEOUT_MS = 10_000
QUICK_CHECK_MAX_BYTES = 16 * 1024 * 1024
T = TypeVar("T")


class StoreError(ReaderError):
    """The store cannot be opened or written."""


# Each migration is a script run in one transaction; its position + 1 is the version.
MIGRATIONS: list[str] = [
    # 1: key/value settings that belong with the data (not per machine)
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: cached English originals
    """
    CREATE TABLE originals (
        article_key   TEXT PRIMARY KEY,
        requested_url TEXT NOT NULL,
        final_url     TEXT NOT NULL,
        origin        TEXT NOT NULL,          -- network | file | sibling
        fetched_at    REAL NOT NULL,
        etag          TEXT,
        last_modified TEXT,
        raw_html      BLOB,                   -- zlib-compressed
        markdown      TEXT NOT NULL,
        title         TEXT,
        author        TEXT,
        date          TEXT,
        site_name     TEXT
    );
    """,
    # 3: annotations (highlights, notes, tags, bookmarks) and reading positions
    """
    CREATE TABLE annotations (
        id           TEXT PRIMARY KEY,        -- uuid4, kept by undo and sync
        article_key  TEXT NOT NULL,           -- Article.key: source URL or urn:sha256
        side         TEXT NOT NULL CHECK (side IN ('zh', 'en')),
        kind         TEXT NOT NULL DEFAULT 'highlight' CHECK (kind IN ('highlight', 'bookmark')),
        exact        TEXT NOT NULL CHECK (exact <> ''),
        prefix       TEXT NOT NULL DEFAULT '',   -- up to 32 characters before exact
        suffix       TEXT NOT NULL DEFAULT '',   -- up to 32 characters after exact
        start_offset INTEGER NOT NULL,        -- code points in the side's plain text
        end_offset   INTEGER NOT NULL,
        color        TEXT NOT NULL DEFAULT 'yellow'
                     CHECK (color IN ('yellow', 'green', 'blue', 'pink', 'purple')),
        note         TEXT NOT NULL DEFAULT '',
        status       TEXT NOT NULL DEFAULT 'exact'
                     CHECK (status IN ('exact', 'moved', 'fuzzy', 'orphaned')),
        created      TEXT NOT NULL,           -- ISO 8601, UTC offset included
        modified     TEXT NOT NULL,
        CHECK (0 <= start_offset AND start_offset <= end_offset)
    );
    CREATE INDEX annotations_by_article ON annotations (article_key, side, start_offset);
    CREATE TABLE annotation_tags (
        annotation_id TEXT NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
        tag           TEXT NOT NULL,
        PRIMARY KEY (annotation_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX annotation_tags_by_tag ON annotation_tags (tag);
    CREATE TABLE positions (
        article_key TEXT PRIMARY KEY,
        side        TEXT NOT NULL CHECK (side IN ('zh', 'en')),
        block       INTEGER NOT NULL DEFAULT 0,  -- index into Article.units
        char_offset INTEGER NOT NULL DEFAULT 0,  -- code points in the side's plain text
        updated     TEXT NOT NULL
    );
    """,
    # 4: the library: folders, indexed articles, full-text search (see core/library.py)
    """
    CREATE TABLE library_folders (
        id         INTEGER PRIMARY KEY,
        path       TEXT NOT NULL UNIQUE,      -- resolved absolute path
        added_at   REAL NOT NULL,
        indexed_at REAL
    );
    CREATE TABLE library_articles (
        id           INTEGER PRIMARY KEY,     -- also the rowid in library_fts
        folder_id    INTEGER NOT NULL REFERENCES library_folders(id) ON DELETE CASCADE,
        path         TEXT NOT NULL UNIQUE,
        size         INTEGER NOT NULL,
        mtime_ns     INTEGER NOT NULL,
        content_hash TEXT NOT NULL,           -- sha256 of the file's bytes
        article_key  TEXT NOT NULL,
        title        TEXT NOT NULL,
        source_url   TEXT,
        site         TEXT,                    -- host of source_url, without www.
        original_at  REAL,                    -- fetched_at of the cached original indexed
        indexed_at   REAL NOT NULL
    );
    CREATE INDEX library_articles_folder ON library_articles(folder_id);
    CREATE INDEX library_articles_key ON library_articles(article_key);
    CREATE INDEX library_articles_hash ON library_articles(content_hash);
    CREATE TABLE library_state (              -- per article, so moves and re-adds keep it
        article_key TEXT PRIMARY KEY,
        last_path   TEXT,
        title       TEXT,
        last_opened REAL,
        progress    REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1)
    );
    CREATE INDEX library_state_opened ON library_state(last_opened);
    CREATE TABLE library_skipped (
        path      TEXT PRIMARY KEY,
        folder_id INTEGER NOT NULL REFERENCES library_folders(id) ON DELETE CASCADE,
        size      INTEGER,
        mtime_ns  INTEGER,
        reason    TEXT NOT NULL
    );
    CREATE INDEX library_skipped_folder ON library_skipped(folder_id);
    -- columns end in two spaces, so every character starts a trigram (core/library.py)
    CREATE VIRTUAL TABLE library_fts USING fts5(
        title, body, original, tokenize = 'trigram case_sensitive 0', detail = full
    );
    """,
    # 5: proofreading (core/review.py, core/changes.py): each pair's review state, anchored
    # to the pair's Chinese text like annotations; per-article progress for the library;
    # the bytes of a file outside git when proofreading started (what "diff" compares to)
    """
    CREATE TABLE review_marks (
        id           TEXT PRIMARY KEY,        -- uuid4
        article_key  TEXT NOT NULL,           -- Article.key
        exact        TEXT NOT NULL CHECK (exact <> ''),
        prefix       TEXT NOT NULL DEFAULT '',
        suffix       TEXT NOT NULL DEFAULT '',
        start_offset INTEGER NOT NULL,        -- code points in review.review_text()
        end_offset   INTEGER NOT NULL,
        status       TEXT NOT NULL DEFAULT 'unreviewed'
                     CHECK (status IN ('unreviewed', 'reviewed', 'flagged')),
        note         TEXT NOT NULL DEFAULT '',
        edited       INTEGER NOT NULL DEFAULT 0,  -- the pair's translation was edited here
        created      TEXT NOT NULL,
        modified     TEXT NOT NULL,
        CHECK (0 <= start_offset AND start_offset <= end_offset)
    );
    CREATE INDEX review_marks_by_article ON review_marks (article_key, start_offset);
    CREATE TABLE review_progress (
        article_key TEXT PRIMARY KEY,
        pairs       INTEGER NOT NULL,
        reviewed    INTEGER NOT NULL,
        flagged     INTEGER NOT NULL,
        updated     REAL NOT NULL
    );
    CREATE TABLE proofread_baselines (
        path    TEXT PRIMARY KEY,             -- the file's real path
        data    BLOB NOT NULL,                -- its bytes when proofreading started
        started REAL NOT NULL
    );
    """,
]


def _to_wal(conn: sqlite3.Connection) -> tuple | None:  # type: ignore[type-arg]
    """Switch to WAL, waiting for another connection that holds the write lock.

    SQLite answers "locked" at once, without its busy timeout, to a journal-mode change
    while another connection is writing (it would deadlock): only a new store is still in
    the rollback journal, and two first starts at once meet here.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        try:
            row: tuple[Any, ...] | None = conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return row
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


def default_data_dir() -> Path:
    """$BILINGUAL_READER_HOME, else the folder chosen in Preferences, else the platform's."""
    env = os.environ.get("BILINGUAL_READER_HOME")
    if env:
        return Path(env).expanduser()
    try:
        chosen = _pointer_file().read_text(encoding="utf-8").strip()
    except OSError:
        chosen = ""
    if chosen:
        return Path(chosen).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False))


def remember_data_dir(folder: Path) -> None:
    """Use ``folder`` for the app's data from the next start (a pointer in the config dir)."""
    from reader.core.textio import write_atomic

    write_atomic(_pointer_file(), str(Path(folder).expanduser()).encode("utf-8"))


def _pointer_file() -> Path:
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "data-dir.txt"


@dataclass
class OpenReport:
    path: Path
    notice: str | None = None  # said to the user when the store had to be set aside


class Store:
    """A connection to the store. Cheap to create; use one per thread."""

    def __init__(self, data_dir: Path | None = None, *, filename: str = STORE_NAME) -> None:
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.report = OpenReport(self.data_dir / filename)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Cannot create the data folder {self.data_dir}: {exc.strerror}") from exc
        self.conn = self._open_checked(self.data_dir / filename)

    @property
    def path(self) -> Path:
        return self.report.path

    def _open_checked(self, path: Path) -> sqlite3.Connection:
        reasons: list[str] = []
        for candidate in _candidates(path):
            try:
                conn = self._connect(candidate)
                self._migrate(conn)
            except _SetAside as problem:
                reasons.append(problem.reason)
                continue
            if reasons:
                self.report = OpenReport(
                    candidate,
                    f"The store {path} {reasons[0]}; it was left untouched and the app "
                    f"uses {candidate} instead.",
                )
            return conn
        raise StoreError(f"No usable store in {path.parent}: {reasons[-1]}")

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            mode = _to_wal(conn)
            if mode is None:
                raise _SetAside("is not a database")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.row_factory = sqlite3.Row
            return conn
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(f"The store {path} is busy: {exc}") from exc
            raise _SetAside("is damaged or is not a database") from exc

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            # quick_check reads every page: affordable for a small store at each start; a
            # large one (a full library index) reports damage when a damaged page is read.
            if _size(conn) <= QUICK_CHECK_MAX_BYTES and conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise _SetAside("is damaged")
        except sqlite3.DatabaseError as exc:
            raise _SetAside("is damaged or is not a database") from exc
        if version > len(MIGRATIONS):
            conn.close()
            raise _SetAside(f"was written by a newer version of the app (schema {version})")
        if version == len(MIGRATIONS):
            return
        # BEGIN IMMEDIATE takes the write lock, so two processes never migrate at once.
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for number in range(version, len(MIGRATIONS)):
                for statement in _statements(MIGRATIONS[number]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, retried by the caller through ``write`` when busy."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def write(self, work: Callable[[sqlite3.Connection], T], attempts: int = 5) -> T:
        """Run ``work`` in one transaction, retrying when another process holds the lock."""
        delay = 0.05
        for attempt in range(attempts):
            try:
                with self.transaction() as conn:
                    return work(conn)
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or attempt == attempts - 1:
                    raise StoreError(f"Cannot write to the store {self.path}: {exc}") from exc
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _SetAside(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _candidates(path: Path) -> Iterator[Path]:
    """The store, then the stand-ins used when it has to be set aside (stable across runs)."""
    yield path
    for n in range(1, 20):
        yield path.with_name(f"{path.stem}.recovered-{n}{path.suffix}")


def _size(conn: sqlite3.Connection) -> int:
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    return int(pages) * int(conn.execute("PRAGMA page_size").fetchone()[0])


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
