"""The app's SQLite stores: the user's own data and the rebuildable caches, in two files.

- ``reader-data.sqlite3`` (precious, small): annotations and their tags, reading positions,
  reading state (last opened, progress) and the settings kept with the data; review marks
  belong here too. Checked (``quick_check``) at every open. A damaged one is salvaged table
  by table, row by row, into a fresh file, and only then is the old file set aside.
- ``reader-cache.sqlite3`` (can always be rebuilt, may be large): cached originals and the
  library index. It is attached to the same connection as the schema ``cache``, so queries
  join both. When it is damaged it is set aside and rebuilt empty (the library's folder list
  and the readable cached originals are carried over), and the user is told once.

Each file has its own numbered migrations (``PRAGMA user_version`` = how many ran): a new
table is one more script at the end of ``DATA_MIGRATIONS`` or ``CACHE_MIGRATIONS``; never
edit a released one. Each script runs whole (``executescript``) inside one transaction.
The single-file store of earlier versions (``reader.sqlite3``) is split at the first open.

A read-only data folder or a full disk is not damage: the store opens read-only (reading
works, writing says why it cannot), and no recovery file is ever made for it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from platformdirs import user_config_dir, user_data_dir

from reader.core.errors import ReaderError

APP_NAME = "bilingual-reader"
DATA_NAME = "reader-data.sqlite3"  # precious: the user's own data
CACHE_NAME = "reader-cache.sqlite3"  # rebuildable: originals, library index
LEGACY_NAME = "reader.sqlite3"  # both in one file (before the split)
STORE_NAME = DATA_NAME
CACHE_SCHEMA = "cache"
BUSY_TIMEOUT_MS = 10_000
QUICK_CHECK_MAX_BYTES = 16 * 1024 * 1024  # the cache is checked at open up to this size
T = TypeVar("T")

# SQLite primary result codes (``sqlite3.Error.sqlite_errorcode & 0xFF``)
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


class StoreError(ReaderError):
    """The store cannot be opened or written."""


# The user's own data. Position + 1 is the version.
DATA_MIGRATIONS: list[str] = [
    # 1: settings kept with the data; annotations (highlights, notes, tags, bookmarks);
    #    reading positions; reading state per article (last opened, progress)
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
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
    CREATE TABLE library_state (              -- per article, so moves and re-adds keep it
        article_key TEXT PRIMARY KEY,
        last_path   TEXT,
        title       TEXT,
        last_opened REAL,
        progress    REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1)
    );
    CREATE INDEX library_state_opened ON library_state(last_opened);
    """,
    # 2: proofreading (core/review.py, core/changes.py): each pair's review state, anchored
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

# What can be rebuilt. Position + 1 is the version.
CACHE_MIGRATIONS: list[str] = [
    # 1: cached English originals; the library: folders, indexed articles, full-text search
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
    CREATE TABLE library_folders (
        id         INTEGER PRIMARY KEY,
        path       TEXT NOT NULL UNIQUE,      -- resolved absolute path
        added_at   REAL NOT NULL,
        indexed_at REAL                       -- 0: to index again (the cache was rebuilt)
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
]

# What a rebuilt cache keeps from the damaged one (the rest is rebuilt by indexing).
CACHE_CARRIED_OVER = ("library_folders", "originals")

# The single-file store of earlier versions: its version when it is split, its data tables.
LEGACY_VERSIONS = (4, 5)  # 5 added proofreading (review marks, progress, baselines)
LEGACY_DATA_TABLES = ("annotation_tags", "annotations", "positions", "library_state", "meta",
                      "review_marks", "review_progress", "proofread_baselines")


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


def has_library_folders(store: Store) -> bool:
    """Whether any folder was added to the library: asked at every start, here rather than
    in the library's module, which loads with the Library (an empty one needs no loading).
    True when that cannot be read, so the Library finds out and says why."""
    try:
        return bool(store.query("SELECT 1 FROM library_folders LIMIT 1"))
    except sqlite3.Error:
        return True


@dataclass
class OpenReport:
    path: Path
    notices: list[str] = field(default_factory=list)  # said to the user once
    read_only: str | None = None  # why nothing can be saved, said while it lasts

    @property
    def notice(self) -> str | None:
        said = [*self.notices, f"Changes cannot be saved: {self.read_only}."] if self.read_only \
            else self.notices
        return " ".join(said) or None


class Store:
    """A connection to the store (the user's data, with the cache attached).

    Cheap to create; use one per thread (a connection never crosses threads).
    ``read_only`` is the reason nothing can be saved (a read-only folder, a full disk), or
    None when the store is writable.
    """

    def __init__(self, data_dir: Path | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.report = OpenReport(self.data_dir / DATA_NAME)
        self.cache_path = self.data_dir / CACHE_NAME
        self.read_only: str | None = None
        self.cache_rebuilt = False  # its folders wait to be indexed again (indexed_at = 0)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Cannot create the data folder {self.data_dir}: "
                             f"{_os_reason(exc, self.data_dir)}") from exc
        if not os.access(self.data_dir, os.W_OK):
            self.read_only = _read_only_folder(self.data_dir)
        if self.read_only is None:
            try:
                _split_legacy(self.data_dir, self.report)
            except _Unavailable as problem:
                self.read_only = problem.reason
        self.conn = self._open_data()
        self.report.read_only = self.read_only
        try:
            self._cache_identity: tuple[int, int] | None = None
            self._attach_cache()
        except BaseException:
            self.conn.close()
            raise

    @property
    def path(self) -> Path:
        """The file of the user's data."""
        return self.report.path

    # -- opening -------------------------------------------------------------------------
    def _open_data(self) -> sqlite3.Connection:
        path = self.report.path
        newer: list[str] = []
        for candidate in _candidates(path):
            try:
                conn = self._open_data_file(candidate)
            except _Newer as problem:
                newer.append(problem.reason)
                continue
            if newer:
                self.report.path = candidate
                self.report.notices.append(
                    f"The store {path} {newer[0]}; it was left untouched and the app "
                    f"uses {candidate} instead.")
            return conn
        raise StoreError(f"No usable store in {path.parent}: {newer[-1]}")

    def _open_data_file(self, path: Path) -> sqlite3.Connection:
        for _attempt in range(2):
            try:
                return self._connect_checked(path)
            except _Damaged as problem:
                if self.read_only:
                    raise StoreError(f"The store {path} {problem.reason}, and it cannot be "
                                     f"repaired: {self.read_only}") from None
                try:
                    self.report.notices.append(_salvage_data(path, problem.reason))
                except _Unavailable as unavailable:
                    raise StoreError(f"The store {path} {problem.reason}, and it cannot be "
                                     f"repaired: {unavailable.reason}") from None
            except _Unavailable as problem:
                if self.read_only or not path.exists():
                    raise StoreError(f"Cannot open the store {path}: {problem.reason}") from None
                self.read_only = problem.reason  # a full disk: open it for reading
        return self._connect_checked(path)

    def _connect_checked(self, path: Path) -> sqlite3.Connection:
        conn = _connect(path, read_only=self.read_only is not None)
        try:
            _check(conn, "main", quick=True)
            if self.read_only is None:
                _migrate(conn, "main", DATA_MIGRATIONS)
            elif _version(conn, "main") != len(DATA_MIGRATIONS):
                raise _Unavailable(f"the store needs an upgrade and {self.read_only}")
            return conn
        except BaseException:
            conn.close()
            raise

    def _attach_cache(self) -> None:
        path = self.cache_path
        if self.read_only is not None:
            if path.exists():
                with suppress(_Damaged, _Unavailable, _Newer):
                    _attach(self.conn, path, read_only=True)
                    _check(self.conn, CACHE_SCHEMA, quick=False)
                    if _version(self.conn, CACHE_SCHEMA) == len(CACHE_MIGRATIONS):
                        return
                with suppress(sqlite3.Error):
                    self.conn.execute(f"DETACH DATABASE {CACHE_SCHEMA}")
            # Nothing usable can be written: an empty cache in memory keeps queries working.
            self.conn.execute(f"ATTACH DATABASE ':memory:' AS {CACHE_SCHEMA}")
            _run_migrations(self.conn, CACHE_SCHEMA, CACHE_MIGRATIONS, 0)
            return
        try:
            _attach(self.conn, path, read_only=False)
            _check(self.conn, CACHE_SCHEMA, quick=True)
            _migrate(self.conn, CACHE_SCHEMA, CACHE_MIGRATIONS)
        except (_Damaged, _Newer) as problem:
            with suppress(sqlite3.Error):
                self.conn.execute(f"DETACH DATABASE {CACHE_SCHEMA}")
            self._rebuild_cache_file(problem.reason)
            _attach(self.conn, path, read_only=False)
            _migrate(self.conn, CACHE_SCHEMA, CACHE_MIGRATIONS)
        except _Unavailable as problem:
            raise StoreError(f"Cannot open the cache {path}: {problem.reason}") from None
        self._cache_identity = _identity(path)

    def rebuild_cache(self, reason: str = "is damaged") -> None:
        """Set the damaged cache aside and start an empty one (folders and readable originals
        carried over); another connection that did it first is simply followed."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.conn.execute(f"DETACH DATABASE {CACHE_SCHEMA}")
        if _identity(self.cache_path) == self._cache_identity:
            self._rebuild_cache_file(reason)
        _attach(self.conn, self.cache_path, read_only=False)
        _migrate(self.conn, CACHE_SCHEMA, CACHE_MIGRATIONS)
        self._cache_identity = _identity(self.cache_path)

    def _rebuild_cache_file(self, reason: str) -> None:
        path = self.cache_path
        fresh = _fresh_file(path, CACHE_MIGRATIONS)
        try:
            _copy_readable(path, fresh, CACHE_CARRIED_OVER)
            _mark_folders_unindexed(fresh)
            aside = path.with_name(f"{path.stem}.damaged{path.suffix}")
            _set_aside(path, aside, keep=False)
            os.replace(fresh, path)
        except OSError as exc:
            with suppress(OSError):
                fresh.unlink()
            raise StoreError(f"The cache {path} {reason} and cannot be rebuilt: "
                             f"{_os_reason(exc, path.parent)}") from exc
        self.cache_rebuilt = True
        self.report.notices.append(
            f"The library index and cached originals ({path}) {reason}: they were set aside "
            f"and rebuilt. Index your library folders again to search them.")

    # -- reading and writing -------------------------------------------------------------
    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """Rows of one statement; a damaged cache is rebuilt (and said) before the retry."""
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            if not self._cache_damaged(exc):
                raise
        self.rebuild_cache()
        return self.conn.execute(sql, params).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, retried by the caller through ``write`` when busy.

        Deferred, not IMMEDIATE: BEGIN IMMEDIATE takes the write lock of every attached
        file, so saving a note would wait for the library indexer's batch in the cache. A
        deferred one locks only the file it writes; when it read first and another
        connection wrote meanwhile, SQLite says "busy" and ``write`` runs it again.
        """
        self.conn.execute("BEGIN")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back after some errors (a full disk, I/O errors).
            if self.conn.in_transaction:
                with suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            raise

    def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` in one transaction, again while another connection holds the lock
        (up to the busy timeout, as long as SQLite itself would wait).

        Raises StoreError saying why when nothing can be saved (read-only, disk full).
        """
        if self.read_only is not None:
            raise StoreError(f"Cannot save to the store {self.path}: {self.read_only}")
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        delay = 0.01
        rebuilt = False
        while True:
            try:
                with self.transaction() as conn:
                    return work(conn)
            except sqlite3.DatabaseError as exc:
                code = _code(exc)
                if code in (_BUSY, _LOCKED) and time.monotonic() < deadline:
                    time.sleep(delay)
                    delay = min(delay * 2, 0.2)
                    continue
                if not rebuilt and self._cache_damaged(exc):
                    self.rebuild_cache()
                    rebuilt = True
                    continue
                if code in (_BUSY, _LOCKED, _READONLY, _IOERR, _FULL, _CANTOPEN, _CORRUPT, _NOTADB):
                    raise StoreError(f"Cannot save to the store {self.path}: "
                                     f"{self._failure_reason(exc)}") from exc
                raise

    def _failure_reason(self, exc: sqlite3.Error) -> str:
        code = _code(exc)
        if code == _FULL:
            return "the disk is full"
        if code == _READONLY:
            return _read_only_folder(self.data_dir)
        if code in (_IOERR, _CANTOPEN):
            return _folder_problem(self.data_dir) or str(exc)
        return str(exc)

    def _cache_damaged(self, exc: sqlite3.Error) -> bool:
        """Whether ``exc`` is damage in the cache (the user's data checks out fine)."""
        if _code(exc) not in (_CORRUPT, _NOTADB) or self.read_only is not None:
            return False
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        try:
            _check(self.conn, "main", quick=True)
        except _Damaged:
            raise StoreError(f"The store {self.path} is damaged: restart the app to repair "
                             f"it") from exc
        return True

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- problems ---------------------------------------------------------------------------


class _Damaged(Exception):
    def __init__(self, reason: str = "is damaged") -> None:
        super().__init__(reason)
        self.reason = reason


class _Newer(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Unavailable(Exception):
    """Not damage: the folder is read-only, the disk is full, the file cannot be opened."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _code(exc: BaseException) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def _read_only_folder(folder: Path) -> str:
    return f"the data folder {folder} is read-only"


def _os_reason(exc: OSError, folder: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "the disk is full"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _read_only_folder(folder)
    return exc.strerror or str(exc)


def _folder_problem(folder: Path) -> str | None:
    """Why the folder takes no writes (read-only, disk full), found with a small probe file;
    None when it does."""
    try:
        fd, name = tempfile.mkstemp(prefix=".write-probe-", dir=folder)
    except OSError as exc:
        return _os_reason(exc, folder)
    try:
        with os.fdopen(fd, "wb") as probe:
            probe.write(b"\0" * 65536)
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        return _os_reason(exc, folder)
    finally:
        with suppress(OSError):
            os.unlink(name)
    return None


def _unavailable(exc: sqlite3.Error, path: Path) -> Exception:
    """A folder that takes no writes (_Unavailable), else a StoreError naming the failure."""
    if _code(exc) == _FULL:
        return _Unavailable("the disk is full")
    if _code(exc) == _READONLY:
        return _Unavailable(_read_only_folder(path.parent))
    problem = _folder_problem(path.parent)
    if problem:
        return _Unavailable(problem)
    return StoreError(f"Cannot use the store {path}: {exc}")


def _classify(exc: sqlite3.Error, path: Path) -> Exception:
    """Damage, a busy store (StoreError), or a folder that takes no writes."""
    if _code(exc) in (_CORRUPT, _NOTADB):
        return _Damaged("is damaged or is not a database")
    if _code(exc) in (_BUSY, _LOCKED):
        return StoreError(f"The store {path} is busy: {exc}")
    return _unavailable(exc, path)


# --- connections, checks, migrations ---------------------------------------------------


def _uri(path: Path, *, read_only: bool) -> str:
    uri = path.absolute().as_uri()
    if not read_only:
        return uri
    # Without its -wal file the database needs no -shm either: nothing to create in a
    # folder that takes no writes.
    try:
        pending = Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        pending = False
    return uri + ("?mode=ro" if pending else "?mode=ro&immutable=1")


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(_uri(path, read_only=read_only), uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise _classify(exc, path) from exc
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            _use_wal(conn, "main")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        conn.close()
        raise _classify(exc, path) from exc
    return conn


def _attach(conn: sqlite3.Connection, path: Path, *, read_only: bool) -> None:
    try:
        conn.execute(f"ATTACH DATABASE ? AS {CACHE_SCHEMA}", (_uri(path, read_only=read_only),))
        if not read_only:
            _use_wal(conn, CACHE_SCHEMA)
        conn.execute(f"SELECT count(*) FROM {CACHE_SCHEMA}.sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise _classify(exc, path) from exc


def _use_wal(conn: sqlite3.Connection, schema: str) -> None:
    """Switch to WAL, waiting for another connection that holds the write lock.

    SQLite answers "locked" at once, without its busy timeout, to a journal-mode change
    while another connection is writing (it would deadlock): only a new store is still in
    the rollback journal, and two first starts at once meet here.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        try:
            conn.execute(f"PRAGMA {schema}.journal_mode = WAL").fetchone()
            conn.execute(f"PRAGMA {schema}.synchronous = NORMAL")
            return
        except sqlite3.OperationalError as exc:
            if _code(exc) not in (_BUSY, _LOCKED) or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


def _check(conn: sqlite3.Connection, schema: str, *, quick: bool) -> None:
    """Raise _Damaged unless the database reads fine. ``quick``: ``quick_check`` (reads every
    page; the cache skips it above QUICK_CHECK_MAX_BYTES and finds damage when it reads it)."""
    try:
        conn.execute(f"SELECT count(*) FROM {schema}.sqlite_master").fetchone()
        checked = quick and (schema == "main" or _size(conn, schema) <= QUICK_CHECK_MAX_BYTES)
        if checked and conn.execute(f"PRAGMA {schema}.quick_check").fetchone()[0] != "ok":
            raise _Damaged()
    except sqlite3.DatabaseError as exc:
        if _code(exc) in (_CORRUPT, _NOTADB):
            raise _Damaged("is damaged or is not a database") from exc
        raise


def _version(conn: sqlite3.Connection, schema: str) -> int:
    return int(conn.execute(f"PRAGMA {schema}.user_version").fetchone()[0])


def _migrate(conn: sqlite3.Connection, schema: str, migrations: list[str]) -> None:
    version = _version(conn, schema)
    if version > len(migrations):
        raise _Newer(f"was written by a newer version of the app (schema {version})")
    try:
        _run_migrations(conn, schema, migrations, version)
    except sqlite3.Error as exc:
        raise _classify(exc, Path(conn.execute("PRAGMA database_list").fetchall()[0][2])) from exc


def _run_migrations(conn: sqlite3.Connection, schema: str, migrations: list[str], version: int) -> None:
    """Run the scripts after ``version``, each whole in one transaction. Another process
    migrating at the same time wins the lock; this one then sees its version and goes on."""
    while version < len(migrations):
        script = migrations[version]
        if schema != "main":  # unqualified names are created in main: run on the schema
            script = _qualified(script, schema)
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{script}\n"
                               f"PRAGMA {schema}.user_version = {version + 1};\nCOMMIT;")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if _version(conn, schema) <= version:
                raise
        version = _version(conn, schema)


def _qualified(script: str, schema: str) -> str:
    """``CREATE TABLE x`` → ``CREATE TABLE schema.x`` (indexes: ``CREATE INDEX schema.i``)."""
    import re

    return re.sub(r"(CREATE\s+(?:UNIQUE\s+)?(?:VIRTUAL\s+)?(?:TABLE|INDEX)\s+(?:IF\s+NOT\s+EXISTS\s+)?)(\w+)",
                  lambda m: f"{m.group(1)}{schema}.{m.group(2)}", script)


def _size(conn: sqlite3.Connection, schema: str) -> int:
    pages = conn.execute(f"PRAGMA {schema}.page_count").fetchone()[0]
    return int(pages) * int(conn.execute(f"PRAGMA {schema}.page_size").fetchone()[0])


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _candidates(path: Path) -> Iterator[Path]:
    """The store, then the stand-ins used when it was written by a newer version."""
    yield path
    for n in range(1, 20):
        yield path.with_name(f"{path.stem}.recovered-{n}{path.suffix}")


# --- salvage, set aside, split ---------------------------------------------------------


def _fresh_file(path: Path, migrations: list[str]) -> Path:
    """A new database beside ``path`` with every migration run (rollback journal, synced)."""
    fresh = _private_name(path)
    for leftover in (fresh, Path(f"{fresh}-journal")):
        with suppress(FileNotFoundError):
            leftover.unlink()
    try:
        conn = sqlite3.connect(fresh, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous = FULL")
            _run_migrations(conn, "main", migrations, 0)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        with suppress(OSError):
            fresh.unlink()
        raise _unavailable(exc, path) from exc
    return fresh


def _copy_readable(source: Path, target: Path, tables: tuple[str, ...] | None = None) -> dict[str, tuple[int, int]]:
    """Copy what can be read of ``source`` into ``target``'s tables of the same names:
    table by table, and row by row where a table does not read whole. Returns, per table,
    (rows copied, rows that could not be copied or read as far as known)."""
    counts: dict[str, tuple[int, int]] = {}
    try:
        src = sqlite3.connect(_uri(source, read_only=True), uri=True, isolation_level=None)
    except sqlite3.Error:
        return counts
    try:
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:  # not a database at all: nothing to copy
        src.close()
        return counts
    dst = sqlite3.connect(target, isolation_level=None)
    try:
        dst.execute("PRAGMA foreign_keys = ON")
        names = [r[0] for r in dst.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts_%' ORDER BY rowid")]
        dst.execute("BEGIN")
        for table in names:
            if tables is not None and table not in tables:
                continue
            counts[table] = _copy_table(src, dst, table)
        dst.execute("COMMIT")
    finally:
        src.close()
        dst.close()
    return counts


def _copy_table(src: sqlite3.Connection, dst: sqlite3.Connection, table: str) -> tuple[int, int]:
    wanted = [r[1] for r in dst.execute(f'PRAGMA table_info("{table}")')]
    try:
        have = {r[1] for r in src.execute(f'PRAGMA table_info("{table}")')}
    except sqlite3.DatabaseError:
        return 0, 0
    columns = [c for c in wanted if c in have]
    if not columns:
        return 0, 0
    names = ", ".join(f'"{c}"' for c in columns)
    insert = f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    copied = lost = 0
    for row in _readable_rows(src, dst, table, names):
        if row is None:
            lost += 1
            continue
        try:
            copied += dst.execute(insert, tuple(row)).rowcount
        except sqlite3.Error:  # a damaged value that breaks a constraint
            lost += 1
    return copied, lost


def _readable_rows(src: sqlite3.Connection, dst: sqlite3.Connection, table: str,
                   names: str) -> Iterator[tuple | None]:  # type: ignore[type-arg]
    """Every row that reads; None for each one known to be lost."""
    try:
        yield from src.execute(f'SELECT {names} FROM "{table}"').fetchall()
        return
    except sqlite3.DatabaseError:
        pass
    try:  # row by row, stepping over the rowids that do not read
        top = src.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if "no such column" in str(exc):
            yield from _rows_by_parent(src, dst, table, names)
            return
        top = None
    rowid, misses, failing = 0, 0, False
    while misses < (100_000 if top is not None else 10_000):
        try:
            row = src.execute(f'SELECT rowid, {names} FROM "{table}" WHERE rowid > ? '
                              f"ORDER BY rowid LIMIT 1", (rowid,)).fetchone()
        except sqlite3.DatabaseError as exc:
            if "no such column" in str(exc):
                yield from _rows_by_parent(src, dst, table, names)
                return
            if not failing:
                yield None  # at least one row lost here (how many cannot be read)
            failing = True
            rowid += 1
            misses += 1
            if top is not None and rowid >= top:
                return
            continue
        if row is None:
            return
        rowid, failing = row[0], False
        yield tuple(row[1:])


def _rows_by_parent(src: sqlite3.Connection, dst: sqlite3.Connection, table: str,
                    names: str) -> Iterator[tuple | None]:  # type: ignore[type-arg]
    """A table without rowid (tags): its rows looked up by the keys of the parent rows saved."""
    for fk in dst.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
        parent, column, parent_column = fk[2], fk[3], fk[4]
        for (key,) in dst.execute(f'SELECT "{parent_column}" FROM "{parent}"').fetchall():
            try:
                yield from src.execute(f'SELECT {names} FROM "{table}" WHERE "{column}" = ?',
                                       (key,)).fetchall()
            except sqlite3.DatabaseError:
                yield None
        return


def _mark_folders_unindexed(cache: Path) -> None:
    """A rebuilt cache lists its folders with ``indexed_at = 0``: to be indexed again."""
    conn = sqlite3.connect(cache, isolation_level=None)
    try:
        conn.execute("UPDATE library_folders SET indexed_at = 0")
    finally:
        conn.close()


def _set_aside(path: Path, aside: Path, *, keep: bool) -> None:
    """Move ``path`` (and its -wal) out of the way under the name ``aside``; ``keep``: also
    while a hard link keeps ``path`` in place until the caller replaces it."""
    if keep:
        try:
            os.link(path, aside)
        except OSError:
            import shutil

            shutil.copy2(path, aside)
    elif path.exists():
        os.replace(path, aside)
    for suffix in ("-wal", "-journal"):
        side_file = Path(f"{path}{suffix}")
        if side_file.exists():
            os.replace(side_file, Path(f"{aside}{suffix}"))
    with suppress(FileNotFoundError):
        Path(f"{path}-shm").unlink()  # an index of the -wal, rebuilt from it


def _salvage_data(path: Path, reason: str) -> str:
    """Copy what reads of a damaged data file into a fresh one, which then takes its place;
    the damaged file is kept beside it. Returns what to tell the user."""
    fresh = _fresh_file(path, DATA_MIGRATIONS)
    counts = _copy_readable(path, fresh)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    try:
        _set_aside(path, aside, keep=True)
        os.replace(fresh, path)
    except OSError as exc:
        raise _Unavailable(_os_reason(exc, path.parent)) from exc
    saved = counts.get("annotations", (0, 0))[0]
    lost = sum(lost for _copied, lost in counts.values())
    told = f"{saved} annotations were saved" + (f", {lost} damaged entries were lost" if lost else "")
    return (f"The store {path} {reason}: what could be read was copied into a fresh store "
            f"({told}); the damaged file was kept as {aside}.")


def _split_legacy(data_dir: Path, report: OpenReport) -> None:
    """Split the single-file store of earlier versions into the data and the cache file.

    Both are built as private files and put in place only when complete (the data file
    last: its presence means the split is done), so a crash or a second process starting at
    the same moment leaves nothing half done. The old file is read, never changed: it stays
    where it was and can be deleted.
    """
    legacy, data, cache = data_dir / LEGACY_NAME, data_dir / DATA_NAME, data_dir / CACHE_NAME
    if data.exists() or not legacy.exists():
        return
    try:
        if not cache.exists():
            fresh_cache = _cache_from_legacy(legacy, cache)
            if fresh_cache is not None:
                _place(fresh_cache, cache)
            elif _version_of(legacy) in LEGACY_VERSIONS:  # there was an index, unreadable
                report.notices.append(
                    f"The library index and cached originals in {legacy} are damaged: they "
                    f"start over. Index your library folders again to search them.")
        fresh = _fresh_file(data, DATA_MIGRATIONS)
        counts = _copy_readable(legacy, fresh)
        _place(fresh, data)
    except OSError as exc:
        raise _Unavailable(_os_reason(exc, data_dir)) from exc
    except sqlite3.Error as exc:
        raise _unavailable(exc, legacy) from exc
    lost = sum(lost for _copied, lost in counts.values())
    if lost or not counts:
        report.notices.append(
            f"The store {legacy} is damaged: what could be read was copied into {data} "
            f"({lost} damaged entries were lost); the old file was left as it was.")


def _cache_from_legacy(legacy: Path, cache: Path) -> Path | None:
    """A copy of the old file without the user's data, as the cache; None if it cannot be
    read (the cache then starts empty)."""
    fresh = _private_name(cache)
    try:
        src = sqlite3.connect(_uri(legacy, read_only=True), uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        if _version(src, "main") not in LEGACY_VERSIONS:
            return None
        src.execute("VACUUM INTO ?", (str(fresh),))  # page by page: no re-indexing
    except sqlite3.DatabaseError as exc:
        with suppress(OSError):
            fresh.unlink()
        if _code(exc) in (_CORRUPT, _NOTADB):
            return None
        raise
    finally:
        src.close()
    conn = sqlite3.connect(fresh, isolation_level=None)
    try:
        drops = "".join(f"DROP TABLE IF EXISTS {table};\n" for table in LEGACY_DATA_TABLES)
        conn.executescript(f"BEGIN IMMEDIATE;\n{drops}PRAGMA user_version = 1;\nCOMMIT;")
    except sqlite3.Error:
        conn.close()
        fresh.unlink()
        raise
    conn.close()
    return fresh


def _version_of(path: Path) -> int | None:
    """The schema version of a database file; None when it cannot be read."""
    try:
        conn = sqlite3.connect(_uri(path, read_only=True), uri=True)
    except sqlite3.Error:
        return None
    try:
        return _version(conn, "main")
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _private_name(path: Path) -> Path:
    """A name beside ``path`` no other process or thread uses."""
    return path.with_name(f".{path.name}.new-{os.getpid()}-{threading.get_ident()}")


def _place(fresh: Path, final: Path) -> None:
    """Put a complete file in place, unless another process placed its own first."""
    try:
        os.link(fresh, final)
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        if not final.exists():
            os.replace(fresh, final)
    with suppress(FileNotFoundError):
        fresh.unlink()
