"""The library: folders of articles, full-text search, recent files and reading progress.

Index. ``index_folder`` walks a folder, stats every article file and reads again only
what is new or changed (size and mtime first, then a sha256 of the bytes): a file whose
content matches a row whose file has gone is a rename or move, so its row (and
everything keyed by it) is kept. Files are parsed with ``parse_markdown`` — in a process
pool when there are many, since parsing is the main cost — and written in batches of
``BATCH`` per transaction, so that cancelling (or a crash) leaves a usable index.
Files that cannot be indexed are skipped with a reason, never raised.

Search. ``library_fts`` is an FTS5 table over title, translation text and the cached
English original with the ``trigram`` tokenizer: Chinese has no spaces to split words
on, and a trigram index answers *any* substring of 3+ characters exactly (a quoted
phrase is a run of trigrams at consecutive positions), Latin text case-insensitively,
with bm25 ranking, and punctuation and mixed scripts need no special case. Its limits:
(1) it cannot answer a 1–2 character query by itself, yet Chinese words are often two
characters (容器, 安全); (2) it is large, about three times the text (``detail=full`` is
needed for phrases, which ``detail=none`` refuses).

For (1), every occurrence of a 1–2 character string starts some trigram, provided each
column ends in two spaces (so the last characters start one too): an ``fts5vocab``
``instance`` table read over the term range ``[q, q + U+10FFFF…)`` yields exactly the
articles, and occurrence counts for ranking, with no second index (an index of all
character pairs was tried: it cost 10 s more per full index and 25 MB). Two-character
words take a few ms; a single very common character (的) walks ~1M instances, ~0.3 s.

Text is indexed with whitespace runs squashed to one space, so phrases match across
line breaks. ``search`` ANDs its terms: "quoted phrases" and space-separated words.

Progress and last-opened times are ``reader.core.reading``'s; the Library view shows them.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import heapq
import operator
import os
import re
import sqlite3
import stat
import sys
import time
from collections.abc import Callable, Generator, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reader.core.article import parse_markdown
from reader.core.errors import ArticleError, ReaderError
from reader.core.originals import SIBLING_SUFFIXES
from reader.core.paths import absolute_path, resolved_path
from reader.core.store import Store
from reader.core.textio import MAX_FILE_BYTES, decode_bytes

ARTICLE_SUFFIXES = (".md", ".markdown", ".mdown", ".txt")
BATCH = 250  # files per transaction: small enough to cancel quickly, big enough to be fast
POOL_THRESHOLD = 300  # below this many files to parse, a process pool costs more than it saves
SNIPPET_BEFORE = 30
SNIPPET_AFTER = 90
TITLE_WEIGHT, BODY_WEIGHT, ORIGINAL_WEIGHT = 8.0, 1.0, 0.5

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class LibraryError(ReaderError):
    """A library operation the user asked for cannot be done."""


@dataclass
class IndexReport:
    indexed: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    elapsed_ms: int = 0
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "indexed": self.indexed,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "elapsed_ms": self.elapsed_ms,
            **({"cancelled": True} if self.cancelled else {}),
        }


@dataclass(frozen=True)
class Hit:
    file: str
    title: str
    snippet: str
    score: float
    key: str = ""


@dataclass
class SearchResult:
    results: list[Hit]
    total: int
    elapsed_ms: float

    def to_json(self) -> dict[str, Any]:
        return {
            "results": [
                {"file": h.file, "title": h.title, "snippet": h.snippet, "score": h.score}
                for h in self.results
            ],
            "total": self.total,
            "elapsed_ms": self.elapsed_ms,
        }


@dataclass(frozen=True)
class LibraryArticle:
    path: str
    title: str
    site: str | None
    progress: float
    annotations: int
    last_opened: float | None
    key: str
    folder: str


@dataclass(frozen=True)
class Folder:
    path: str
    articles: int
    indexed_at: float | None


# --- indexing -------------------------------------------------------------------------


@dataclass
class _Seen:
    path: str
    size: int
    mtime_ns: int


@dataclass
class _Parsed:
    """What a worker sends back for one file: the row and the text to index, or why not."""

    path: str
    reason: str | None = None
    size: int = 0
    mtime_ns: int = 0
    content_hash: str = ""
    key: str = ""
    title: str = ""
    source_url: str | None = None
    body: str = ""
    persist: bool = False  # a verdict on the content: not worth retrying until it changes


def index_folder(
    store: Store,
    folder: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    workers: int | None = None,
) -> IndexReport:
    """Add ``folder`` to the library (if new) and bring its index up to date."""
    started = time.perf_counter()
    report = IndexReport()
    root = Path(resolved_path(folder))
    if not root.is_dir():
        # A folder that went away (an unplugged drive?): keep its articles, say why.
        reason = "folder not found" if not root.exists() else "not a folder"
        report.skipped.append((str(root), reason))
        report.elapsed_ms = _ms(started)
        return report
    folder_id = _folder_id(store, root)
    seen, walk_skips, unlisted = _walk(root)
    report.skipped.extend(walk_skips)
    known = _known_rows(store, root)
    skipped_before = _skipped_rows(store, folder_id)

    unchanged: list[str] = []
    candidates: list[_Seen] = []
    for item in seen:
        row = known.get(item.path)
        if row is not None and row["size"] == item.size and row["mtime_ns"] == item.mtime_ns:
            unchanged.append(item.path)
            continue
        old_skip = skipped_before.get(item.path)
        if old_skip is not None and old_skip[:2] == (item.size, item.mtime_ns):
            report.skipped.append((item.path, old_skip[2]))  # same file, same verdict
            continue
        if item.size > MAX_FILE_BYTES:
            report.skipped.append((item.path, _too_large(item.size)))
            continue
        candidates.append(item)
    report.unchanged = len(unchanged)
    seen_paths = {item.path for item in seen}
    kept = tuple(u.rstrip(os.sep) + os.sep for u in unlisted)
    missing = {p: row for p, row in known.items()
               if p not in seen_paths and not p.startswith(kept)}

    # Hash changed files in this process only when that can spare a parse: a touched but
    # identical file, or a rename of a missing one. New files are hashed by the parser.
    to_parse: list[_Seen] = []
    touched: list[tuple[int, int, int]] = []
    renames: list[tuple[int, _Seen]] = []
    missing_by_hash = {row["content_hash"]: row for row in missing.values()}
    for item in candidates:
        row = known.get(item.path)
        if row is None and not missing_by_hash:
            to_parse.append(item)
            continue
        digest = _hash_file(item.path)
        if digest is not None and row is not None and digest == row["content_hash"]:
            touched.append((item.size, item.mtime_ns, row["id"]))
        elif digest is not None and row is None and digest in missing_by_hash:
            gone = missing_by_hash.pop(digest)
            missing.pop(gone["path"], None)
            renames.append((gone["id"], item))
        else:
            to_parse.append(item)
    report.unchanged += len(touched) + len(renames)

    def settle(conn: sqlite3.Connection) -> None:
        conn.executemany("UPDATE library_articles SET size = ?, mtime_ns = ? WHERE id = ?", touched)
        for row_id, item in renames:
            conn.execute(
                "UPDATE library_articles SET path = ?, size = ?, mtime_ns = ?, folder_id = ? "
                "WHERE id = ?", (item.path, item.size, item.mtime_ns, folder_id, row_id))
        for row in missing.values():
            _delete_article(conn, row["id"])
        # Remembered verdicts go when their file has gone or is being read again.
        retried = {c.path for c in to_parse}
        stale = [p for p in skipped_before if p not in seen_paths or p in retried]
        conn.executemany("DELETE FROM library_skipped WHERE path = ?", [(p,) for p in stale])

    store.write(settle)
    report.removed = len(missing)

    total = len(seen)
    done = total - len(to_parse)
    if progress:
        progress(done, total)
    originals = _originals(store)
    batch: list[_Parsed] = []
    with closing(_parse_all(to_parse, workers)) as parsed_files:
        for parsed in parsed_files:
            batch.append(parsed)
            done += 1
            if len(batch) >= BATCH:
                _write_batch(store, folder_id, batch, originals, report)
                batch = []
            if progress:
                progress(done, total)
            if cancelled and cancelled():
                report.cancelled = True
                break
    if batch:
        _write_batch(store, folder_id, batch, originals, report)
    if not report.cancelled:
        _refresh_originals(store, root, originals)
        now = time.time()
        store.write(lambda conn: conn.execute(
            "UPDATE library_folders SET indexed_at = ? WHERE id = ?", (now, folder_id)))
    report.elapsed_ms = _ms(started)
    return report


def _folder_id(store: Store, root: Path) -> int:
    def work(conn: sqlite3.Connection) -> int:
        conn.execute("INSERT OR IGNORE INTO library_folders (path, added_at) VALUES (?, ?)",
                     (str(root), time.time()))
        return int(conn.execute("SELECT id FROM library_folders WHERE path = ?",
                                (str(root),)).fetchone()[0])

    return store.write(work)


def _known_rows(store: Store, root: Path) -> dict[str, sqlite3.Row]:
    """Rows under ``root`` (also those first indexed through a parent or child folder)."""
    prefix = str(root).rstrip(os.sep) + os.sep
    rows = store.query(
        "SELECT id, path, size, mtime_ns, content_hash FROM library_articles "
        "WHERE path >= ? AND path < ?", (prefix, prefix[:-1] + chr(ord(os.sep) + 1)))
    return {row["path"]: row for row in rows}


def _skipped_rows(store: Store, folder_id: int) -> dict[str, tuple[int | None, int | None, str]]:
    rows = store.query("SELECT path, size, mtime_ns, reason FROM library_skipped "
                       "WHERE folder_id = ?", (folder_id,))
    return {r["path"]: (r["size"], r["mtime_ns"], r["reason"]) for r in rows}


def _walk(root: Path) -> tuple[list[_Seen], list[tuple[str, str]], list[str]]:
    """Article files under ``root``, following symlinks inside it but never round a loop nor
    out of it (``notes.md -> /etc/passwd`` is skipped); also the skips and the folders that
    exist but cannot be listed (their articles are kept)."""
    seen: list[_Seen] = []
    skips: list[tuple[str, str]] = []
    unlisted: list[str] = []
    try:
        top = os.stat(root)
    except OSError as exc:
        return seen, [(str(root), _os_reason(exc))], [str(root)]
    visited = {(top.st_dev, top.st_ino)}
    real_root = os.path.realpath(root)
    stack = [str(root)]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as entries:
                listing = sorted(entries, key=lambda e: e.name)
        except FileNotFoundError:
            continue  # vanished while walking: its articles are gone
        except OSError as exc:
            skips.append((current, f"cannot read the folder: {_os_reason(exc)}"))
            unlisted.append(current)
            continue
        for entry in listing:
            if entry.name.startswith("."):
                continue  # .git, editor droppings, our own temp files
            try:
                info = entry.stat()  # follows symlinks
            except OSError as exc:
                if entry.is_symlink():
                    reason = ("symbolic link loop" if _is_loop(exc) else "broken symbolic link")
                    if _is_article_name(entry.name) or reason == "symbolic link loop":
                        skips.append((entry.path, reason))
                elif _is_article_name(entry.name):
                    skips.append((entry.path, _os_reason(exc)))
                continue
            wanted = stat.S_ISDIR(info.st_mode) or (stat.S_ISREG(info.st_mode) and _is_article_name(entry.name))
            if wanted and entry.is_symlink() and not _inside(os.path.realpath(entry.path), real_root):
                skips.append((entry.path, "symbolic link to a place outside the folder (not followed)"))
                continue
            if stat.S_ISDIR(info.st_mode):
                ident = (info.st_dev, info.st_ino)
                if ident in visited:
                    if entry.is_symlink():
                        skips.append((entry.path, "symbolic link loop (folder already indexed)"))
                    continue
                visited.add(ident)
                stack.append(entry.path)
            elif stat.S_ISREG(info.st_mode) and _is_article_name(entry.name):
                seen.append(_Seen(entry.path, info.st_size, info.st_mtime_ns))
    seen.sort(key=lambda s: s.path)
    return seen, skips, unlisted


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _is_article_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(ARTICLE_SUFFIXES) and not lower.endswith(SIBLING_SUFFIXES)


def _is_loop(exc: OSError) -> bool:
    return exc.errno == errno.ELOOP


def _hash_file(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None  # let the parser report why


def _start_worker(parent: int) -> None:
    """In a worker: end with the parent, and run at a lower priority (indexing may take
    longer, but the window the reader scrolls and annotates in keeps the CPU it needs)."""
    _end_with_parent(parent)
    with contextlib.suppress(AttributeError, OSError):  # no nice() on Windows
        os.nice(10)


def _parse_all(items: list[_Seen], workers: int | None) -> Generator[_Parsed, None, None]:
    if not items:
        return
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count <= 1 or len(items) < POOL_THRESHOLD:
        for item in items:
            yield _parse_file(item)
        return
    # spawn, not fork: the GUI calls this from a thread, and forking a threaded process
    # can deadlock. Starting the workers costs ~0.3 s, hence POOL_THRESHOLD.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor  # ~40 ms: only when indexing many files
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(max_workers=count, mp_context=context,
                                   initializer=_start_worker, initargs=(os.getpid(),))
    done = 0
    try:
        for parsed in executor.map(_parse_file, items, chunksize=32):
            done += 1
            yield parsed
    except (BrokenProcessPool, OSError):
        # A worker died (out of memory?) or could not start: go on in this process.
        for item in items[done:]:
            yield _parse_file(item)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _end_with_parent(parent: int) -> None:
    """In a worker: exit when the process that started it dies (a killed ``library index``
    must not leave workers behind). Linux says so with a signal; elsewhere a thread watches."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)
    if not sys.platform.startswith("linux"):
        import threading

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1)
            os._exit(1)

        threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _parse_file(item: _Seen) -> _Parsed:
    """Read, hash and parse one file. Runs in a worker: returns a reason, never raises."""
    path = item.path
    try:
        with open(path, "rb") as fh:
            before = os.fstat(fh.fileno())
            if before.st_size > MAX_FILE_BYTES:
                return _Parsed(path, _too_large(before.st_size))
            data = fh.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            return _Parsed(path, _too_large(len(data)))
        after = os.stat(path)
    except FileNotFoundError:
        return _Parsed(path, "disappeared while indexing")
    except OSError as exc:
        return _Parsed(path, f"cannot read: {_os_reason(exc)}")
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or \
            len(data) != before.st_size:
        return _Parsed(path, "changed while indexing (will be retried)")
    try:
        decoded = decode_bytes(data, name=os.path.basename(path))
        article = parse_markdown(decoded.text, encoding=decoded.encoding, path=Path(path))
        body = _squash(article.plain_text)
        title = _squash(article.title)
        key = article.key
    except ArticleError as exc:
        return _Parsed(path, str(exc), persist=True)
    except (RecursionError, MemoryError, ValueError) as exc:  # pathological input
        return _Parsed(path, f"cannot parse: {type(exc).__name__}", persist=True)
    return _Parsed(
        path, None, before.st_size, before.st_mtime_ns, hashlib.sha256(data).hexdigest(), key,
        title, article.source_url, body,
    )


def _write_batch(store: Store, folder_id: int, batch: list[_Parsed],
                 originals: dict[str, tuple[str, float]], report: IndexReport) -> None:
    now = time.time()

    def work(conn: sqlite3.Connection) -> None:
        for parsed in batch:
            if parsed.reason is not None:
                _record_skip(conn, folder_id, parsed, report)
                continue
            old = conn.execute("SELECT id FROM library_articles WHERE path = ?",
                               (parsed.path,)).fetchone()
            if old is not None:
                _delete_article(conn, old[0])
            original, original_at = originals.get(parsed.key, ("", None))
            cur = conn.execute(
                "INSERT INTO library_articles (folder_id, path, size, mtime_ns, content_hash, "
                "article_key, title, source_url, site, original_at, indexed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (folder_id, parsed.path, parsed.size, parsed.mtime_ns, parsed.content_hash,
                 parsed.key, parsed.title, parsed.source_url, site_of(parsed.source_url),
                 original_at, now))
            assert cur.lastrowid is not None  # an INSERT sets it
            _insert_text(conn, cur.lastrowid, parsed.title, parsed.body, original)
            conn.execute("DELETE FROM library_skipped WHERE path = ?", (parsed.path,))
            report.indexed += 1

    store.write(work)


def _record_skip(conn: sqlite3.Connection, folder_id: int, parsed: _Parsed,
                 report: IndexReport) -> None:
    report.skipped.append((parsed.path, parsed.reason or "unknown"))
    if parsed.reason == "disappeared while indexing":
        row = conn.execute("SELECT id FROM library_articles WHERE path = ?",
                           (parsed.path,)).fetchone()
        if row is not None:
            _delete_article(conn, row[0])
            report.removed += 1
        conn.execute("DELETE FROM library_skipped WHERE path = ?", (parsed.path,))
        return
    if not parsed.persist:
        return  # e.g. permissions: cheap to retry, and chmod does not change the mtime
    size, mtime = _size_mtime(parsed.path)
    conn.execute("INSERT OR REPLACE INTO library_skipped (path, folder_id, size, mtime_ns, "
                 "reason) VALUES (?, ?, ?, ?, ?)", (parsed.path, folder_id, size, mtime,
                                                   parsed.reason))


def _insert_text(conn: sqlite3.Connection, rowid: int, title: str, body: str,
                 original: str) -> None:
    conn.execute("INSERT INTO library_fts (rowid, title, body, original) VALUES (?, ?, ?, ?)",
                 (rowid, _padded(title), _padded(body), _padded(original)))


def _delete_article(conn: sqlite3.Connection, rowid: int) -> None:
    _delete_text(conn, rowid)
    conn.execute("DELETE FROM library_articles WHERE id = ?", (rowid,))


def _delete_text(conn: sqlite3.Connection, rowid: int) -> None:
    conn.execute("DELETE FROM library_fts WHERE rowid = ?", (rowid,))


def _originals(store: Store) -> dict[str, tuple[str, float]]:
    """Cached originals by article key (usually few), squashed for indexing."""
    rows = store.query("SELECT article_key, markdown, fetched_at FROM originals")
    return {r["article_key"]: (_squash(r["markdown"] or ""), r["fetched_at"]) for r in rows}


def _refresh_originals(store: Store, root: Path,
                       originals: dict[str, tuple[str, float]]) -> None:
    """Re-index the text of articles whose cached original appeared, changed or went."""
    prefix = str(root).rstrip(os.sep) + os.sep
    rows = store.query(
        "SELECT id, article_key, original_at FROM library_articles WHERE path >= ? AND path < ?",
        (prefix, prefix[:-1] + chr(ord(os.sep) + 1)))
    stale = [(r["id"], r["article_key"]) for r in rows
             if originals.get(r["article_key"], ("", None))[1] != r["original_at"]]
    if stale:
        store.write(lambda conn: _reindex_originals(conn, stale, originals))


def refresh_original(store: Store, key: str) -> None:
    """Make a newly cached (or forgotten) original searchable without a re-index."""
    rows = store.query("SELECT id FROM library_articles WHERE article_key = ?", (key,))
    if rows:
        originals = {k: v for k, v in _originals(store).items() if k == key}
        store.write(lambda conn: _reindex_originals(conn, [(r["id"], key) for r in rows],
                                                    originals))


def _reindex_originals(conn: sqlite3.Connection, rows: list[tuple[int, str]],
                       originals: dict[str, tuple[str, float]]) -> None:
    for rowid, key in rows:
        text = conn.execute("SELECT title, body FROM library_fts WHERE rowid = ?",
                            (rowid,)).fetchone()
        if text is None:
            continue
        original, original_at = originals.get(key, ("", None))
        _delete_text(conn, rowid)
        _insert_text(conn, rowid, text[0].rstrip(" "), text[1].rstrip(" "), original)
        conn.execute("UPDATE library_articles SET original_at = ? WHERE id = ?",
                     (original_at, rowid))


# --- text helpers -----------------------------------------------------------------------


def _squash(text: str) -> str:
    """One space for every run of whitespace: phrases match across line breaks."""
    return " ".join(text.split())


def _padded(text: str) -> str:
    """Two trailing spaces: then every character, even the last, starts a trigram."""
    return text + "  " if text else ""


def site_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _too_large(size: int) -> str:
    return f"too large ({size / 1048576:.1f} MB; the limit is {MAX_FILE_BYTES // 1048576} MB)"


def _os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _size_mtime(path: str) -> tuple[int | None, int | None]:
    try:
        info = os.stat(path)
    except OSError:
        return None, None
    return info.st_size, info.st_mtime_ns


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)


# --- folders, articles, progress ------------------------------------------------------------


def folders(store: Store) -> list[Folder]:
    rows = store.query(
        "SELECT f.path, f.indexed_at, count(a.id) AS n FROM library_folders f "
        "LEFT JOIN library_articles a ON a.folder_id = f.id GROUP BY f.id ORDER BY f.path")
    return [Folder(r["path"], r["n"], r["indexed_at"]) for r in rows]


def remove_folder(store: Store, folder: str | Path) -> int:
    """Forget a folder and its articles (progress is kept: it belongs to the article);
    returns how many articles went."""
    path = absolute_path(folder)
    candidates = {path, resolved_path(folder)}

    def work(conn: sqlite3.Connection) -> int | None:
        removed = None
        for p in candidates:
            row = conn.execute("SELECT id FROM library_folders WHERE path = ?", (p,)).fetchone()
            if row is None:
                continue
            ids = [r[0] for r in conn.execute(
                "SELECT id FROM library_articles WHERE folder_id = ?", (row[0],))]
            for rowid in ids:
                _delete_article(conn, rowid)
            conn.execute("DELETE FROM library_folders WHERE id = ?", (row[0],))
            removed = (removed or 0) + len(ids)
        return removed

    removed = store.write(work)
    if removed is None:
        raise LibraryError(f"{path} is not a library folder")
    return removed


def list_articles(store: Store, folder: str | Path | None = None) -> list[LibraryArticle]:
    """The Library view's rows, by title."""
    sql = ("SELECT a.path, a.title, a.site, a.article_key, f.path AS folder, "
           "coalesce(s.progress, 0) AS progress, s.last_opened FROM library_articles a "
           "JOIN library_folders f ON f.id = a.folder_id "
           "LEFT JOIN library_state s ON s.article_key = a.article_key")
    params: tuple[Any, ...] = ()
    if folder is not None:
        sql += " WHERE f.path = ?"
        params = (resolved_path(folder),)
    sql += " ORDER BY a.title COLLATE NOCASE, a.path"
    counts = annotation_counts(store)
    return [
        LibraryArticle(r["path"], r["title"], r["site"], r["progress"],
                       counts.get(r["article_key"], 0), r["last_opened"], r["article_key"],
                       r["folder"])
        for r in store.query(sql, params)
    ]


def annotation_counts(store: Store) -> dict[str, int]:
    """Annotations per article key; empty when the annotations table is absent or unlike
    what we expect (it belongs to another module, so nothing here may depend on it)."""
    try:
        columns = {r[1] for r in store.query("PRAGMA table_info(annotations)")}
        column = next((c for c in ("article_key", "key", "article") if c in columns), None)
        if column is None:
            return {}
        rows = store.query(f'SELECT "{column}", count(*) FROM annotations GROUP BY 1')
    except sqlite3.Error:
        return {}
    return {r[0]: r[1] for r in rows if r[0] is not None}


# --- search ---------------------------------------------------------------------------


_PHRASE = re.compile(r'"([^"]*)"')


def parse_query(query: str) -> list[str]:
    """Terms that must all occur: "quoted phrases" as they are, other words split on spaces."""
    terms = [_squash(p) for p in _PHRASE.findall(query)]
    terms += _PHRASE.sub(" ", query).replace('"', " ").split()
    seen: set[str] = set()
    out = []
    for term in terms:
        low = term.lower()
        if term and low not in seen:
            seen.add(low)
            out.append(term)
    return out


def search(store: Store, query: str, limit: int = 20,
           markers: tuple[str, str] = ("[", "]")) -> SearchResult:
    """Articles holding every term of ``query`` (substrings, case-insensitive), best first."""
    started = time.perf_counter()
    terms = parse_query(query)
    if not terms:
        return SearchResult([], 0, 0.0)
    _ensure_vocab(store)
    sql, params = _search_sql([t for t in terms if len(t) >= 3],
                              [t.lower() for t in terms if len(t) < 3])
    try:
        scored = store.query(sql, tuple(params))
    except sqlite3.OperationalError as exc:
        raise LibraryError(f"Cannot search for {query!r}: {exc}") from exc
    # Every match is scored anyway, so count and rank them in one pass.
    best = heapq.nlargest(limit, scored, key=operator.itemgetter(1))
    hits = _hits(store, best, [t.lower() for t in terms], markers)
    return SearchResult(hits, len(scored), round((time.perf_counter() - started) * 1000, 2))


def _ensure_vocab(store: Store) -> None:
    # A query helper, not data: a TEMP table, so it needs no migration.
    store.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.library_vocab "
                       "USING fts5vocab(cache, library_fts, instance)")


def _search_sql(long_terms: list[str], short_terms: list[str]) -> tuple[str, list[object]]:
    """One query that yields (rowid, score) for every matching article."""
    where: list[str] = []
    params: list[object] = []
    if long_terms:
        sql = (f"SELECT rowid, -bm25(library_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}, "
               f"{ORIGINAL_WEIGHT}) FROM library_fts")
        where.append("library_fts MATCH ?")
        params.append(" AND ".join(_fts_phrase(t) for t in long_terms))
        rest = short_terms
    else:
        # Rank on occurrences (each starts one trigram), title ones weighing most.
        first, rest = short_terms[0], short_terms[1:]
        sql = (f"SELECT doc, sum(CASE col WHEN 'title' THEN {TITLE_WEIGHT} WHEN 'body' THEN "
               f"{BODY_WEIGHT} ELSE {ORIGINAL_WEIGHT} END) FROM temp.library_vocab")
        where.append("term >= ? AND term < ?")
        params += _term_range(first)
    # "+rowid": keeps FTS5 from taking the IN list as its index and running the MATCH once
    # per listed row (40x slower); the list is then just a filter on the MATCH's rows.
    column = "+rowid" if long_terms else "doc"
    for term in rest:
        where.append(f"{column} IN (SELECT doc FROM temp.library_vocab "
                     "WHERE term >= ? AND term < ?)")
        params += _term_range(term)
    sql += " WHERE " + " AND ".join(where)
    if not long_terms:
        sql += " GROUP BY doc"
    return sql, params


def _term_range(term: str) -> list[object]:
    """The trigrams that start with ``term`` (1 or 2 characters)."""
    return [term, term + "\U0010ffff" * (3 - len(term))]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _hits(store: Store, best: list[sqlite3.Row], terms: list[str],
          markers: tuple[str, str]) -> list[Hit]:
    if not best:
        return []
    ids = [r[0] for r in best]
    marks = ",".join("?" * len(ids))
    texts = {r[0]: r for r in store.query(
        f"SELECT f.rowid, f.body, f.original, a.path, a.title, a.article_key FROM library_fts f "
        f"JOIN library_articles a ON a.id = f.rowid WHERE f.rowid IN ({marks})", tuple(ids))}
    hits = []
    for row in best:
        text = texts.get(row[0])
        if text is None:
            continue
        body, original = (text["body"] or "").rstrip(), (text["original"] or "").rstrip()
        snippet = make_snippet(body, terms, markers)
        if snippet is None and original:
            snippet = make_snippet(original, terms, markers)
        if snippet is None:
            snippet = body[: SNIPPET_BEFORE + SNIPPET_AFTER] + ("…" if len(body) > 120 else "")
        hits.append(Hit(text["path"], text["title"], snippet, round(float(row[1]), 4),
                        text["article_key"]))
    return hits


def make_snippet(text: str, terms: Iterable[str], markers: tuple[str, str] = ("[", "]"),
                 before: int = SNIPPET_BEFORE, after: int = SNIPPET_AFTER) -> str | None:
    """A window of ``text`` round a term found, every term in it marked."""
    low = _lower_same_length(text)
    terms = [t for t in terms if t]
    found = [(low.find(t), t) for t in terms]
    found = [(i, t) for i, t in found if i >= 0]
    if not found:
        return None
    # Anchor on the longest term found (phrases say most), at its first occurrence.
    start_at = min(found, key=lambda f: (-len(f[1]), f[0]))[0]
    start = max(0, start_at - before)
    end = min(len(text), start_at + after)
    spans: list[tuple[int, int]] = []
    for term in terms:
        i = low.find(term, start)
        while 0 <= i < end:
            spans.append((i, min(end, i + len(term))))
            i = low.find(term, i + len(term))
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out = ["…" if start > 0 else ""]
    pos = start
    for s, e in merged:
        out += [text[pos:s], markers[0], text[s:e], markers[1]]
        pos = e
    out += [text[pos:end], "…" if end < len(text) else ""]
    return "".join(out)


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters lower to two ('İ'): keep offsets aligned with the original.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)




def skipped_files(store: Store) -> list[tuple[str, str]]:
    """Files the index keeps passing over, with the reason (until they change)."""
    return [(r["path"], r["reason"]) for r in
            store.query("SELECT path, reason FROM library_skipped ORDER BY path")]
