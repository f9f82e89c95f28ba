"""Fetching a web page: redirects, timeouts, a size cap, conditional GET and charset.

One sync httpx client per call, streaming the body so the size cap and cancellation
take effect while reading. Redirects are followed by hand so that a loop is told apart
from a merely long chain and every hop is checked for its scheme.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urljoin, urlsplit

from reader.core.errors import ReaderError

if TYPE_CHECKING:  # httpx loads with the first fetch: it costs ~50 ms at start-up
    import httpx

USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
_REDIRECTS = (301, 302, 303, 307, 308)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Types that say nothing about the content: we look at the bytes instead.
_VAGUE_TYPES = ("", "application/octet-stream", "text/plain", "binary/octet-stream")
_KINDS_BY_TYPE = {
    "application/pdf": "a PDF document",
    "application/json": "JSON data",
    "application/zip": "a ZIP archive",
    "application/gzip": "a gzip archive",
    "application/xml": "an XML document",
    "text/xml": "an XML document",
    "application/rss+xml": "an RSS feed",
    "application/atom+xml": "an Atom feed",
    "application/msword": "a Word document",
    "text/css": "a style sheet",
    "text/javascript": "a script",
    "application/javascript": "a script",
}
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a media file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x00\x00\x00", "a media file"),
)
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|title|meta|p|div|article|h1)\b", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.I)
_SNIFF_BYTES = 4096


class FetchError(ReaderError):
    """A page could not be fetched. ``kind`` says why, for the UI and for tests."""

    KINDS = ("dns", "refused", "timeout", "http", "not_html", "too_large", "tls",
             "redirects", "scheme", "cancelled", "network")  # fmt: skip

    def __init__(self, kind: str, message: str, *, url: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.url = url
        self.status = status


@dataclass(frozen=True)
class FetchSettings:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    # The whole fetch (connect, headers, body, redirects) ends by then, however slowly a
    # server trickles its bytes: the idle timeout alone never fires on one byte a second.
    deadline: float = 60.0


@dataclass(frozen=True)
class FetchResult:
    requested_url: str
    final_url: str
    status: int
    html: str  # "" when not_modified
    etag: str | None
    last_modified: str | None
    content_type: str | None
    bytes: int  # size of the (decoded) body
    elapsed: float  # seconds, redirects included
    not_modified: bool = False
    encoding: str | None = None


def fetch_url(
    url: str,
    *,
    settings: FetchSettings = FetchSettings(),  # noqa: B008 - frozen, so sharing is safe
    etag: str | None = None,
    last_modified: str | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> FetchResult:
    """GET an HTML page; raise FetchError with a message naming the URL on any failure."""
    start = time.monotonic()
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "Accept-Language": "en-US,en;q=0.9",
        "Accept-Encoding": "gzip, deflate, br",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return _get(url, settings, headers, start, cancelled,
                lambda response, deadline: _finish(response, url, settings, progress, cancelled,
                                                   start, deadline))


def fetch_image(
    url: str,
    *,
    settings: FetchSettings = FetchSettings(),  # noqa: B008 - frozen, so sharing is safe
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """GET a remote picture of an article: the same checks, deadline and size cap as a page
    (``settings.max_bytes`` counts decompressed bytes), under the app's own name."""
    start = time.monotonic()
    headers = {"User-Agent": app_user_agent(), "Accept": "image/*,*/*;q=0.5",
               "Accept-Encoding": "gzip, deflate, br"}

    def finish(response: httpx.Response, deadline: _Deadline) -> bytes:
        if response.status_code >= 400:
            raise FetchError("http", f"Cannot fetch {url}: the server answered "
                             f"{response.status_code}", url=url, status=response.status_code)
        total = _content_length(response)
        if total is not None and total > settings.max_bytes:
            raise _too_large(url, settings, total)
        return _read_body(response, url, settings, deadline, None, cancelled)

    return _get(url, settings, headers, start, cancelled, finish)


def app_user_agent() -> str:
    """An honest User-Agent: the app and its version (used where the app fetches on its own)."""
    try:
        import reader

        version = reader.__version__
    except Exception:  # noqa: BLE001 - not installed (running from a source tree)
        version = "dev"
    return f"BilingualReader/{version} (desktop reader; +https://github.com/OpenDocCN)"


_T = TypeVar("_T")


def _get(url: str, settings: FetchSettings, headers: dict[str, str], start: float,
         cancelled: Callable[[], bool] | None,
         finish: Callable[[httpx.Response, _Deadline], _T]) -> _T:
    """GET ``url`` following redirects by hand (each hop checked) within the deadline;
    ``finish`` reads the final response."""
    _check_scheme(url, url)
    resolve_host(url)
    import httpx

    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    current = url
    seen = {url}
    hooks = {"response": [lambda response: _check_redirect(response, url)]}
    deadline = _Deadline(settings.deadline - (time.monotonic() - start))
    with deadline, httpx.Client(timeout=timeout, follow_redirects=False, headers=headers,
                                event_hooks=hooks) as client:
        for _hop in range(settings.max_redirects + 1):
            _check_scheme(current, url)
            _check_cancelled(cancelled, url)
            try:
                with client.stream("GET", current, extensions={"trace": deadline.trace}) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        target = urljoin(current, response.headers["location"])
                        if target in seen:
                            raise FetchError("redirects", f"Cannot fetch {url}: it redirects in a loop "
                                             f"(back to {target})", url=url)
                        seen.add(target)
                        current = target
                        continue
                    return finish(response, deadline)
            except httpx.HTTPError as exc:
                if deadline.expired:
                    raise _late(url, settings) from exc
                raise _translate(exc, url, settings, current) from exc
            except httpx.InvalidURL as exc:  # an address httpx cannot use (not an HTTPError)
                where = "" if current == url else f" (redirected to {current})"
                raise FetchError("scheme", f"Cannot fetch {url}{where}: the address is not valid "
                                 f"({exc})", url=url) from exc
    raise FetchError("redirects", f"Cannot fetch {url}: more than {settings.max_redirects} "
                     "redirects", url=url)


def _finish(
    response: httpx.Response,
    url: str,
    settings: FetchSettings,
    progress: Callable[[int, int | None], None] | None,
    cancelled: Callable[[], bool] | None,
    start: float,
    deadline: _Deadline,
) -> FetchResult:
    status = response.status_code
    final_url = str(response.url)
    etag = response.headers.get("etag")
    last_modified = response.headers.get("last-modified")
    content_type = response.headers.get("content-type")
    if status == 304:
        return FetchResult(url, final_url, status, "", etag, last_modified, content_type, 0,
                           time.monotonic() - start, not_modified=True)
    if status >= 400:
        reason = f" {response.reason_phrase}" if response.reason_phrase else ""
        raise FetchError("http", f"Cannot fetch {url}: the server answered {status}{reason}",
                         url=url, status=status)
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime not in _HTML_TYPES and mime not in _VAGUE_TYPES:
        raise _not_html(url, _describe_type(mime))
    total = _content_length(response)
    if total is not None and total > settings.max_bytes:
        raise _too_large(url, settings, total)
    body = _read_body(response, url, settings, deadline, progress, cancelled)
    received = len(body)
    if mime not in _HTML_TYPES:
        what = sniff_not_html(body)
        if what:
            raise _not_html(url, what)
    html, encoding = decode_html(body, content_type)
    return FetchResult(url, final_url, status, html, etag, last_modified, content_type, received,
                       time.monotonic() - start, encoding=encoding)


def _read_body(response: httpx.Response, url: str, settings: FetchSettings, deadline: _Deadline,
               progress: Callable[[int, int | None], None] | None,
               cancelled: Callable[[], bool] | None) -> bytes:
    """The body, decompressed here a bounded piece at a time, so the size cap holds for the
    decompressed bytes while they stream: a small gzip bomb never swells in memory."""
    total = _content_length(response)
    # The decoded size is unknown when the body is compressed: report no total then.
    shown_total = total if not response.headers.get("content-encoding") else None
    decoder = _Decoder(response.headers.get("content-encoding", ""), url)
    chunks: list[bytes] = []
    received = 0
    for raw in response.iter_raw():
        for chunk in decoder.feed(raw):
            received += len(chunk)
            if received > settings.max_bytes:
                raise _too_large(url, settings, None)
            chunks.append(chunk)
        if progress is not None:
            progress(received, shown_total)
        _check_cancelled(cancelled, url)
        if deadline.expired:
            raise _late(url, settings)
    return b"".join(chunks)


_PIECE = 256 * 1024  # the most a compressed chunk may expand to before the cap is checked


class _Decoder:
    """Content-Encoding undone with bounded output per step (httpx decodes a chunk whole)."""

    def __init__(self, header: str, url: str) -> None:
        codings = [c.strip().lower() for c in header.split(",") if c.strip().lower() not in ("", "identity")]
        self.url = url
        self._raw = False
        self.kind = codings[0] if len(codings) == 1 else ("" if not codings else "many")
        if self.kind in ("gzip", "x-gzip"):
            self.zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.kind == "deflate":
            self.zlib = zlib.decompressobj()  # zlib-wrapped; raw deflate is tried on failure
        elif self.kind == "br":
            import brotli  # type: ignore[import-untyped]

            self.brotli = brotli.Decompressor()
        elif self.kind:
            raise FetchError("network", f"Cannot fetch {url}: the server used a compression "
                             f"this app does not read ({header})", url=url)

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            if not self.kind:
                yield data
            elif self.kind == "br":
                yield self.brotli.process(data, output_buffer_limit=_PIECE)
                while not self.brotli.can_accept_more_data():
                    yield self.brotli.process(b"", output_buffer_limit=_PIECE)
            else:
                yield from self._inflate(data)
        except FetchError:
            raise
        except Exception as exc:  # zlib.error, brotli.error
            raise FetchError("network", f"Cannot fetch {self.url}: the server sent a damaged "
                             "compressed body", url=self.url) from exc

    def _inflate(self, data: bytes) -> Iterator[bytes]:
        while data:
            try:
                out = self.zlib.decompress(data, _PIECE)
            except zlib.error:
                if self.kind != "deflate" or self._raw:
                    raise
                self._raw = True  # a server that sends raw deflate, as some do
                self.zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            yield out
            data = self.zlib.unconsumed_tail
            if self.zlib.eof:
                rest = self.zlib.unused_data
                if not rest.strip(b"\0"):
                    return
                self.zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)  # another gzip member
                data = rest + data


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page: header charset, else <meta> charset, else BOM/UTF-8, else detection."""
    for label in (_header_charset(content_type), _meta_charset(body[:_SNIFF_BYTES])):
        encoding = _codec(label)
        if encoding:
            return body.decode(encoding, errors="replace"), encoding
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", errors="replace"), "utf-8"
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # slow to import; most pages declare a charset

    match = from_bytes(body[: 512 * 1024]).best()
    encoding = _codec(match.encoding if match else None) or "windows-1252"
    return body.decode(encoding, errors="replace"), encoding


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    if name in ("gb2312", "gbk", "hz", "gb18030"):
        return "gb18030"  # the superset: pages labelled gb2312 often use GBK characters
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"  # what browsers do with these labels
    return name


def _header_charset(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type or "", re.I)
    return match.group(1) if match else None


def _meta_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii", errors="ignore") if match else None


def sniff_not_html(body: bytes) -> str | None:
    """What a body is when it is not HTML (a vague Content-Type, a local file); None for HTML."""
    head = body[:_SNIFF_BYTES]
    if _HTML_SNIFF.search(head):
        return None
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    return "not a web page (no HTML in it)"


def _describe_type(mime: str) -> str:
    if mime in _KINDS_BY_TYPE:
        return _KINDS_BY_TYPE[mime]
    major = mime.split("/")[0]
    named = {"image": "an image", "video": "a video", "audio": "an audio file"}
    if major in named:
        return f"{named[major]} ({mime})"
    return f"a {mime} file"


def _not_html(url: str, what: str) -> FetchError:
    return FetchError("not_html", f"Cannot use {url}: it is {what}, not an HTML page", url=url)


def _too_large(url: str, settings: FetchSettings, size: int | None) -> FetchError:
    limit = f"{settings.max_bytes / 1048576:.1f} MB".replace(".0 MB", " MB")
    said = f" ({size / 1048576:.1f} MB)" if size is not None else ""
    return FetchError("too_large", f"Cannot fetch {url}: the page is too large{said}; the limit "
                      f"is {limit}", url=url)


def _content_length(response: httpx.Response) -> int | None:
    try:
        return int(response.headers["content-length"])
    except (KeyError, ValueError):
        return None


def _check_scheme(current: str, url: str) -> None:
    """Refuse, naming both, an address (or a redirect's target) that is not http(s) to a host."""
    where = "" if current == url else f" (redirected to {current})"
    try:
        parts = urlsplit(current)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError as exc:
        raise FetchError("scheme", f"Cannot fetch {url}{where}: the address is not valid ({exc})",
                         url=url) from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError("scheme", f"Cannot fetch {url}{where}: only http and https addresses "
                         "are supported", url=url)
    if not parts.hostname:
        raise FetchError("scheme", f"Cannot fetch {url}{where}: the address has no host name",
                         url=url)


def _check_redirect(response: httpx.Response, url: str) -> None:
    """Check a redirect's target before httpx parses it (it raises on ``javascript:`` and the like)."""
    if response.status_code in _REDIRECTS and "location" in response.headers:
        target = urljoin(str(response.request.url), response.headers["location"])
        _check_scheme(target, url)


class _Deadline:
    """Ends a fetch at a fixed time: the sockets it opened are shut down then, which wakes a
    read blocked on a server that sends a byte now and then (httpx has no overall timeout)."""

    def __init__(self, seconds: float) -> None:
        self.expired = seconds <= 0
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: dict[str, object]) -> None:
        """httpcore's trace hook: remember each new connection's socket."""
        if event != "connection.connect_tcp.complete":
            return
        stream = info.get("return_value")
        sock = getattr(stream, "get_extra_info", lambda _name: None)("socket")
        if isinstance(sock, socket.socket):
            with self._lock:
                self._sockets.append(sock)
                if self.expired:
                    _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def _late(url: str, settings: FetchSettings) -> FetchError:
    return FetchError("timeout", f"Cannot fetch {url}: no complete answer within "
                      f"{settings.deadline:g} s", url=url)


def _check_cancelled(cancelled: Callable[[], bool] | None, url: str) -> None:
    if cancelled is not None and cancelled():
        raise FetchError("cancelled", f"Fetching {url} was cancelled", url=url)


def resolve_host(url: str) -> None:
    """Fail fast, before loading the HTTP stack, when the host cannot be found (offline):
    raise FetchError("dns")."""
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        return
    name: str | bytes = host
    if host.isascii():
        name = host.encode("ascii")  # as bytes: no IDNA codec to load (~6 M instructions)
    try:
        socket.getaddrinfo(name, parts.port or (443 if parts.scheme == "https" else 80),
                           type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError("dns", f"Cannot fetch {url}: the host {host} cannot be found (offline, "
                         "or no such site)", url=url) from exc
    except (OSError, UnicodeError):
        return  # let the real request report it


def _translate(exc: httpx.HTTPError, url: str, settings: FetchSettings,
               current: str | None = None) -> FetchError:
    """``current``: the address that failed (after redirects); its host is the one named."""
    import httpx

    causes = _causes(exc)
    host = urlsplit(current or url).hostname or url
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchError("timeout", f"Cannot fetch {url}: no connection to {host} within "
                          f"{settings.connect_timeout:g} s", url=url)
    if isinstance(exc, httpx.TimeoutException):
        return FetchError("timeout", f"Cannot fetch {url}: the server stopped answering "
                          f"(no data for {settings.read_timeout:g} s)", url=url)
    if any(isinstance(c, socket.gaierror) for c in causes):
        return FetchError("dns", f"Cannot fetch {url}: the host {host} cannot be found (offline, "
                          "or no such site)", url=url)
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return FetchError("refused", f"Cannot fetch {url}: {host} refused the connection", url=url)
    import ssl

    if any(isinstance(c, ssl.SSLError) for c in causes):
        reason = next(str(c) for c in causes if isinstance(c, ssl.SSLError))
        return FetchError("tls", f"Cannot fetch {url}: secure connection failed ({reason})",
                          url=url)
    if isinstance(exc, httpx.UnsupportedProtocol):
        return FetchError("scheme", f"Cannot fetch {url}: only http and https addresses are "
                          "supported", url=url)
    if isinstance(exc, httpx.DecodingError):
        return FetchError("network", f"Cannot fetch {url}: the server sent a damaged compressed "
                          "body", url=url)
    return FetchError("network", f"Cannot fetch {url}: {exc or type(exc).__name__}", url=url)


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain
