"""The English original of an article: which one to use, and the offline cache of it.

Order of choice (``get_original``): an original the user names explicitly (and we then
remember it for the article), a sibling file beside the article, the cache, the network.
The cache keeps the raw page (zlib) beside the extracted Markdown, with ETag and
Last-Modified so that a refresh can revalidate instead of downloading again.
"""

from __future__ import annotations

import re
import sqlite3
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from reader.core.errors import ReaderError
from reader.core.store import Store
from reader.core.textio import MAX_FILE_BYTES, decode_bytes, read_regular

if TYPE_CHECKING:  # fetch (httpx) and extract (trafilatura) load when first needed: fast start
    from reader.core.article import Article
    from reader.core.extract import Extracted
    from reader.core.fetch import FetchSettings
    from reader.core.wayback import Snapshot

SIBLING_SUFFIXES = (".en.html", ".en.htm", ".en.md", ".en.txt")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_TEXT_SUFFIXES = (".md", ".markdown", ".txt")


class OriginalError(ReaderError):
    """No English original can be found or read for an article."""


@dataclass(frozen=True)
class Original:
    markdown: str
    title: str | None
    author: str | None
    date: str | None
    site_name: str | None
    requested_url: str | None  # a URL, or the path of a local file
    final_url: str | None
    origin: str  # network | cache | file | sibling
    fetched_at: float  # Unix time the content was fetched or read
    from_cache: bool = False
    stale_reason: str | None = None  # why a cached copy is shown although a refresh was asked
    status: int | None = None  # HTTP status of the last request, if one was made
    size: int = 0  # bytes of the page or file
    elapsed: float = 0.0  # seconds spent fetching
    archived: Snapshot | None = None  # the Wayback Machine's copy shown because the page is gone


Progress = Callable[[int, int | None], None]


def get_original(
    store: Store,
    article_key: str,
    source_url: str | None,
    article_path: Path | str | None,
    *,
    explicit: str | None = None,
    refresh: bool = False,
    settings: FetchSettings | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Original:
    """The original to show beside an article; see the module docstring for the order."""
    if explicit:
        return _explicit(store, article_key, explicit, settings, progress, cancelled)
    if article_path is not None and (sibling := sibling_original(Path(article_path))):
        return replace(load_original_file(sibling), origin="sibling")
    cached = _cached_row(store, article_key)
    if cached is not None:
        if not refresh:
            return _from_row(cached)
        if cached["origin"] == "file":
            return _reload_file(store, article_key, cached)
        return _fetch_and_save(store, article_key, cached["requested_url"], settings, progress,
                               cancelled, cached=cached)
    if not source_url:
        raise OriginalError("This article names no English original (no source URL): choose a "
                            "page or a file to show beside it")
    return _fetch_and_save(store, article_key, source_url, settings, progress, cancelled)


def cached_original(store: Store, article_key: str) -> Original | None:
    row = _cached_row(store, article_key)
    return _from_row(row) if row is not None else None


def save_original(
    store: Store,
    article_key: str,
    *,
    requested_url: str,
    final_url: str,
    origin: str,
    markdown: str,
    title: str | None = None,
    author: str | None = None,
    date: str | None = None,
    site_name: str | None = None,
    raw_html: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    fetched_at: float | None = None,
) -> None:
    """Remember an article's original (replacing any earlier one), in one transaction."""
    raw = zlib.compress(raw_html.encode("utf-8"), 6) if raw_html is not None else None
    row = (article_key, requested_url, final_url, origin, fetched_at or time.time(), etag,
           last_modified, raw, markdown, title, author, date, site_name)

    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO originals (article_key, requested_url, final_url, origin, "
            "fetched_at, etag, last_modified, raw_html, markdown, title, author, date, site_name) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row,
        )

    store.write(work)


def cached_html(store: Store, article_key: str) -> str | None:
    """The raw page kept in the cache (to extract again with a better extractor)."""
    rows = store.query("SELECT raw_html FROM originals WHERE article_key = ?", (article_key,))
    if not rows or rows[0]["raw_html"] is None:
        return None
    return zlib.decompress(rows[0]["raw_html"]).decode("utf-8")


def sibling_original(article_path: Path) -> Path | None:
    """``<stem>.en.html`` (or .htm, .md, .txt) beside the article, if there is one."""
    stem = article_path.name.rsplit(".", 1)[0] if "." in article_path.name else article_path.name
    for suffix in SIBLING_SUFFIXES:
        candidate = article_path.with_name(stem + suffix)
        if candidate.is_file() and candidate != article_path:
            return candidate
    return None


def load_original_file(path: Path | str) -> Original:
    """Read a local original: HTML is extracted, Markdown and text are taken as they are."""
    path = Path(path)
    data = _read_file(path)
    suffix = path.suffix.lower()
    base: dict[str, Any] = {"requested_url": str(path), "final_url": str(path), "origin": "file",
            "fetched_at": time.time(), "size": len(data)}
    if suffix in _HTML_SUFFIXES:
        from reader.core.extract import extract_html  # trafilatura: heavy, load when needed

        extracted = extract_html(decode_html_file(path, data), url=path.resolve().as_uri())
        return _from_extracted(extracted, **base)
    if suffix in _TEXT_SUFFIXES:
        text = decode_bytes(data, name=path.name).text
        return Original(markdown=text, title=_markdown_title(text), author=None, date=None,
                        site_name=None, **base)
    raise OriginalError(f"Cannot use {path.name} as the original: open an .html, .htm, .md or "
                        ".txt file")


# --- internals ------------------------------------------------------------------------


def _explicit(store: Store, key: str, explicit: str, settings: FetchSettings | None,
              progress: Progress | None, cancelled: Callable[[], bool] | None) -> Original:
    path = _as_path(explicit)
    if path is None:
        cached = _cached_row(store, key)
        same = cached if cached is not None and cached["requested_url"] == explicit else None
        return _fetch_and_save(store, key, explicit, settings, progress, cancelled, cached=same)
    original = load_original_file(path)
    _save_file(store, key, path, original)
    return original


def _fetch_and_save(store: Store, key: str, url: str, settings: FetchSettings | None,
                    progress: Progress | None, cancelled: Callable[[], bool] | None,
                    cached: sqlite3.Row | None = None) -> Original:
    from reader.core.fetch import FetchError, FetchSettings, fetch_url
    from reader.core.header import fetchable_url

    settings = settings or FetchSettings()
    try:
        result = fetch_url(
            fetchable_url(url), settings=settings, progress=progress, cancelled=cancelled,
            etag=cached["etag"] if cached is not None else None,
            last_modified=cached["last_modified"] if cached is not None else None,
        )
        if result.not_modified and cached is not None:
            now = time.time()
            store.write(lambda conn: conn.execute(
                "UPDATE originals SET fetched_at = ? WHERE article_key = ?", (now, key)))
            return replace(_from_row(cached), fetched_at=now, status=result.status,
                           elapsed=result.elapsed)
        from reader.core.extract import extract_html

        extracted = extract_html(result.html, url=result.final_url)
    except ReaderError as exc:
        # A copy we already have beats an error, unless the user asked to stop.
        if cached is None and _is_gone(exc):
            return _fetch_archived(store, key, url, settings, progress, cancelled, exc)
        if cached is None or (isinstance(exc, FetchError) and exc.kind == "cancelled"):
            raise
        return replace(_from_row(cached), stale_reason=str(exc))
    original = _from_extracted(
        extracted, requested_url=url, final_url=result.final_url, origin="network",
        fetched_at=time.time(), status=result.status, size=result.bytes, elapsed=result.elapsed,
    )
    save_original(
        store, key, requested_url=url, final_url=result.final_url, origin="network",
        markdown=original.markdown, title=original.title, author=original.author,
        date=original.date, site_name=original.site_name, raw_html=result.html,
        etag=result.etag, last_modified=result.last_modified, fetched_at=original.fetched_at,
    )
    return original


def _is_gone(error: ReaderError) -> bool:
    """The original is gone for good: 404/410, a dead domain, or a parked page with no article."""
    from reader.core.fetch import FetchError
    from reader.core.wayback import is_gone

    if isinstance(error, FetchError):
        return is_gone(error)
    # Only after the fetch failed: the extractor loads trafilatura (~200 ms), which a failed
    # fetch (offline, at start-up) never needs.
    from reader.core.extract import ExtractError

    return isinstance(error, ExtractError)


def _fetch_archived(store: Store, key: str, url: str, settings: FetchSettings,
                    progress: Progress | None, cancelled: Callable[[], bool] | None,
                    gone: ReaderError) -> Original:
    """The Wayback Machine's closest copy of a page that is gone, extracted and cached."""
    from reader.core.fetch import FetchError, fetch_url
    from reader.core.wayback import WaybackError, find_snapshot, wayback_base

    reason = _reason(gone, url)
    try:
        snapshot = find_snapshot(url, settings)
    except WaybackError as exc:
        if exc.kind == "offline" and isinstance(gone, FetchError) and gone.kind == "dns":
            # Neither host resolves: this computer is offline, not the page gone.
            hosts = urlsplit(url).hostname, urlsplit(wayback_base()).hostname
            raise OriginalError(f"Cannot load the original {url}: this computer seems to be "
                                f"offline (neither {hosts[0]} nor {hosts[1]} can be found); "
                                "retry when it is online") from exc
        raise OriginalError(f"The original {url} is gone ({reason}), and {exc}") from exc
    from reader.core.extract import extract_html  # only with a copy to extract (offline: none)

    try:
        result = fetch_url(snapshot.raw_url, settings=settings, progress=progress, cancelled=cancelled)
        extracted = extract_html(result.html, url=url)
    except ReaderError as exc:
        if isinstance(exc, FetchError) and exc.kind == "cancelled":
            raise
        if isinstance(exc, FetchError) and exc.kind == "timeout":
            why = "the Wayback Machine did not answer in time"
        else:
            why = f"its copy of {snapshot.date} in the Wayback Machine is broken too ({_reason(exc, snapshot.raw_url)})"
        raise OriginalError(f"The original {url} is gone ({reason}), and {why}") from exc
    original = _from_extracted(
        extracted, requested_url=url, final_url=snapshot.raw_url, origin="archive",
        fetched_at=time.time(), status=result.status, size=result.bytes, elapsed=result.elapsed,
        archived=snapshot,
    )
    save_original(
        store, key, requested_url=url, final_url=snapshot.raw_url, origin="archive",
        markdown=original.markdown, title=original.title, author=original.author,
        date=original.date, site_name=original.site_name, raw_html=result.html,
        fetched_at=original.fetched_at,
    )
    return original


def _reason(error: ReaderError, url: str) -> str:
    """The part of a fetch error after "Cannot fetch <url>: "."""
    message = str(error)
    prefix = f"Cannot fetch {url}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def _reload_file(store: Store, key: str, cached: sqlite3.Row) -> Original:
    path = Path(cached["requested_url"])
    try:
        original = load_original_file(path)
    except ReaderError as exc:
        return replace(_from_row(cached), stale_reason=str(exc))
    _save_file(store, key, path, original)
    return original


def _save_file(store: Store, key: str, path: Path, original: Original) -> None:
    raw = None
    if path.suffix.lower() in _HTML_SUFFIXES:
        raw = decode_html_file(path)
    save_original(
        store, key, requested_url=str(path.resolve()), final_url=str(path.resolve()),
        origin="file", markdown=original.markdown, title=original.title, author=original.author,
        date=original.date, site_name=original.site_name, raw_html=raw,
        fetched_at=original.fetched_at,
    )


def _cached_row(store: Store, key: str) -> sqlite3.Row | None:
    rows = store.query(
        "SELECT article_key, requested_url, final_url, origin, fetched_at, etag, last_modified, "
        "markdown, title, author, date, site_name, length(raw_html) AS packed "
        "FROM originals WHERE article_key = ?", (key,))
    return rows[0] if rows else None


def _from_row(row: sqlite3.Row) -> Original:
    from reader.core.wayback import snapshot_from_url

    archived = snapshot_from_url(row["final_url"]) if row["origin"] == "archive" else None
    return Original(
        archived=archived,
        markdown=row["markdown"], title=row["title"], author=row["author"], date=row["date"],
        site_name=row["site_name"], requested_url=row["requested_url"],
        final_url=row["final_url"], origin="cache", fetched_at=row["fetched_at"],
        from_cache=True, size=row["packed"] or 0,
    )


def _from_extracted(extracted: Extracted, **fields: Any) -> Original:
    return Original(markdown=extracted.markdown, title=extracted.title, author=extracted.author,
                    date=extracted.date, site_name=extracted.site_name, **fields)


def decode_html_file(path: Path, data: bytes | None = None) -> str:
    """A saved web page as text; a PDF or other non-HTML file renamed .html is refused."""
    from reader.core.fetch import decode_html, sniff_not_html

    data = _read_file(path) if data is None else data
    what = sniff_not_html(data)
    if what:
        raise OriginalError(f"Cannot use {path.name}: it is {what}, not an HTML page")
    return decode_html(data)[0]


def _read_file(path: Path) -> bytes:
    try:
        if not path.exists():
            raise OriginalError(f"No such file: {path}")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise OriginalError(f"{path.name} is too large to be an article original")
        return read_regular(path)
    except OSError as exc:
        raise OriginalError(f"Cannot read {path}: {exc.strerror or exc}") from exc


ONLY_WEB_OR_FILES = "Only http and https URLs and local files can be read"


def check_original_path(explicit: str) -> None:
    """Refuse at once an original named as a local file that is not there (a URL passes),
    or an address of another kind (``javascript:``, ``ftp://``, ``mailto:``)."""
    path = _as_path(explicit)
    if path is None and urlsplit(explicit).scheme.lower() not in ("http", "https"):
        raise OriginalError(f"{ONLY_WEB_OR_FILES}, not {_shorten(explicit)}")
    if path is not None and not path.is_file():
        raise OriginalError(f"No such file: {path}" if not path.is_dir() else f"{path} is a folder, not a file")


def _shorten(value: str) -> str:
    return value if len(value) <= 80 else value[:77] + "…"


def _as_path(value: str) -> Path | None:
    """A local path for ``value``, or None when it is a web address."""
    parts = urlsplit(value)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    # A drive letter (C:\\...) parses as a one-letter scheme.
    if parts.scheme and len(parts.scheme) > 1:
        return None
    return Path(value).expanduser()


def _markdown_title(text: str) -> str | None:
    match = re.search(r"^#[ \t]+(.+?)[ \t#]*$", text, re.MULTILINE)
    return match.group(1).strip() if match else None


def load_original_article(store: Store, article: Article, *, explicit: str | None = None,
                          refresh: bool = False, **kwargs: object) -> Article:
    """The article's original (see ``get_original``) parsed into blocks like the translation."""
    from reader.core.article import parse_markdown

    original = get_original(store, article.key, article.source_url, article.path,
                            explicit=explicit, refresh=refresh, **kwargs)  # type: ignore[arg-type]
    return parse_markdown(original.markdown)
