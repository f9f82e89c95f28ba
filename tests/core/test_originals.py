"""Choosing and caching an article's English original; the extract and fetch commands."""

from __future__ import annotations

import argparse
import json
import socket
import zlib
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.commands import original as commands
from reader.core.errors import ReaderError
from reader.core.originals import (
    OriginalError,
    cached_html,
    cached_original,
    get_original,
    load_original_file,
    sibling_original,
)
from reader.core.store import Store

FIXTURES = Path(__file__).parent.parent / "fixtures" / "original"
HTML = (FIXTURES / "news_article.html").read_text(encoding="utf-8")
TITLE = "Harbour Town Opens Its First Tidal Power Station"
KEY = "https://ledger.example.com/news/tidal-power-station/"


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "data") as s:
        yield s


def _dead_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/gone"


def test_fetch_then_cache_hit_with_server_stopped(store: Store) -> None:
    server = HTTPServer(host="127.0.0.1")
    server.start()
    try:
        server.expect_request("/news").respond_with_data(HTML, content_type="text/html",
                                                         headers={"ETag": '"v1"'})
        url = server.url_for("/news")
        first = get_original(store, KEY, url, None)
    finally:
        server.stop()
    assert first.origin == "network" and not first.from_cache and first.title == TITLE
    assert first.markdown.startswith(f"# {TITLE}\n")
    again = get_original(store, KEY, url, None)
    assert again.origin == "cache" and again.from_cache and again.stale_reason is None
    assert again.markdown == first.markdown and again.final_url == url
    # Offline with a cache: the cache, saying why it may be stale.
    stale = get_original(store, KEY, url, None, refresh=True)
    assert stale.from_cache and "refused" in (stale.stale_reason or "")
    raw = store.query("SELECT raw_html FROM originals")[0]["raw_html"]
    assert zlib.decompress(raw).decode("utf-8") == HTML == cached_html(store, KEY)


def test_refresh_revalidates_with_etag(store: Store, httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request("/news").respond_with_data(
        HTML, content_type="text/html", headers={"ETag": '"v1"', "Last-Modified": "Tue, 12 Mar 2024 10:00:00 GMT"})
    httpserver.expect_ordered_request(
        "/news", headers={"If-None-Match": '"v1"', "If-Modified-Since": "Tue, 12 Mar 2024 10:00:00 GMT"},
    ).respond_with_data("", status=304)
    url = httpserver.url_for("/news")
    first = get_original(store, KEY, url, None)
    revalidated = get_original(store, KEY, url, None, refresh=True)
    httpserver.check_assertions()
    assert revalidated.status == 304 and revalidated.from_cache
    assert revalidated.markdown == first.markdown and revalidated.stale_reason is None


def test_refresh_takes_the_new_page(store: Store, httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request("/news").respond_with_data(HTML, content_type="text/html")
    changed = HTML.replace("The turbines below the old ferry pier", "The turbines under the pier")
    httpserver.expect_ordered_request("/news").respond_with_data(changed, content_type="text/html")
    url = httpserver.url_for("/news")
    get_original(store, KEY, url, None)
    fresh = get_original(store, KEY, url, None, refresh=True)
    assert fresh.origin == "network" and "The turbines under the pier" in fresh.markdown
    assert "The turbines under the pier" in cached_original(store, KEY).markdown


def test_failed_fetch_caches_nothing(store: Store, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/missing").respond_with_data("no", status=404)
    with pytest.raises(ReaderError, match="404"):  # gone, and no copy in the archive either
        get_original(store, KEY, httpserver.url_for("/missing"), None)
    assert cached_original(store, KEY) is None
    httpserver.expect_request("/empty").respond_with_data(
        (FIXTURES / "no_article.html").read_text(), content_type="text/html")
    with pytest.raises(ReaderError, match="No article text"):
        get_original(store, KEY, httpserver.url_for("/empty"), None)
    assert store.query("SELECT count(*) AS n FROM originals")[0]["n"] == 0


def test_sibling_file_wins_without_network(store: Store, tmp_path: Path) -> None:
    article = tmp_path / "tidal.md"
    article.write_text("# 潮汐\n\n> 原文：<https://ledger.example.com/>\n\n正文。\n", encoding="utf-8")
    assert sibling_original(article) is None
    (tmp_path / "tidal.en.html").write_text(HTML, encoding="utf-8")
    assert sibling_original(article) == tmp_path / "tidal.en.html"
    result = get_original(store, KEY, _dead_url(), article)
    assert result.origin == "sibling" and result.title == TITLE and not result.from_cache


def test_load_original_file_kinds(tmp_path: Path) -> None:
    md = tmp_path / "orig.md"
    md.write_text("# English Title\n\nFirst paragraph.\n", encoding="utf-8")
    loaded = load_original_file(md)
    assert loaded.markdown == "# English Title\n\nFirst paragraph.\n" and loaded.title == "English Title"
    txt = tmp_path / "orig.txt"
    txt.write_bytes("Plain text original with a caf\xe9 in it.\n".encode("cp1252") * 30)
    assert "café" in load_original_file(txt).markdown
    html = load_original_file(FIXTURES / "news_article.html")
    assert html.title == TITLE and html.origin == "file" and "## How the turbines work" in html.markdown
    with pytest.raises(OriginalError, match="No such file"):
        load_original_file(tmp_path / "nope.html")
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(OriginalError):
        load_original_file(tmp_path / "x.pdf")
    (tmp_path / "renamed.html").write_bytes(b"%PDF-1.5\n\x00\x01 binary")  # a PDF saved as .html
    with pytest.raises(OriginalError, match="renamed.html: it is a PDF document, not an HTML page"):
        load_original_file(tmp_path / "renamed.html")


def test_explicit_file_is_remembered(store: Store, tmp_path: Path) -> None:
    chosen = tmp_path / "chosen.en.md"
    chosen.write_text("# Chosen\n\nThe original the user picked.\n", encoding="utf-8")
    first = get_original(store, KEY, _dead_url(), None, explicit=str(chosen))
    assert first.origin == "file" and first.title == "Chosen"
    later = get_original(store, KEY, _dead_url(), None)
    assert later.from_cache and later.markdown == first.markdown
    assert later.requested_url == str(chosen.resolve())
    chosen.write_text("# Chosen\n\nEdited since.\n", encoding="utf-8")
    assert "Edited since." in get_original(store, KEY, None, None, refresh=True).markdown


def test_explicit_url_is_remembered(store: Store, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/other").respond_with_data(HTML, content_type="text/html")
    other = httpserver.url_for("/other")
    first = get_original(store, KEY, _dead_url(), None, explicit=other)
    assert first.origin == "network"
    later = get_original(store, KEY, _dead_url(), None)
    assert later.from_cache and later.requested_url == other


def test_no_source_at_all(store: Store) -> None:
    with pytest.raises(OriginalError, match="no source URL"):
        get_original(store, "urn:sha256:abc", None, None)


def _cli(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=None)
    commands.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_extract_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli("extract", str(FIXTURES / "news_article.html"), "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"title", "author", "date", "url", "markdown", "text"}
    assert data["title"] == TITLE and data["url"] == KEY
    assert _cli("extract", str(FIXTURES / "news_article.html"), "--format", "text") == 0
    assert capsys.readouterr().out.startswith("The turbines below the old ferry pier")


def test_extract_refuses_a_file_that_is_no_web_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    png = tmp_path / "page.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    from reader.cli import main

    assert main(["extract", str(png)]) == 1
    assert capsys.readouterr().err == "error: Cannot use page.html: it is a PNG image, not an HTML page\n"


def test_fetch_command_caches(tmp_path: Path, httpserver: HTTPServer,
                              capsys: pytest.CaptureFixture[str]) -> None:
    httpserver.expect_request("/news").respond_with_data(HTML, content_type="text/html")
    article = tmp_path / "tidal.md"
    article.write_text(f"# 潮汐\n\n> 原文：<{httpserver.url_for('/news')}>\n\n正文。\n", encoding="utf-8")
    data_dir = tmp_path / "data"
    assert _cli("--data-dir", str(data_dir), "fetch", str(article), "--json") == 0
    first = json.loads(capsys.readouterr().out)
    assert first["status"] == "fetched (200)" and not first["from_cache"]
    assert first["final_url"] == httpserver.url_for("/news") and first["size"] == len(HTML.encode())
    assert _cli("--data-dir", str(data_dir), "fetch", str(article)) == 0
    out = capsys.readouterr().out
    assert "from cache: yes" in out and "status: cached" in out
