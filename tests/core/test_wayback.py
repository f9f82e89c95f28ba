"""Originals that are gone: the Wayback Machine's closest copy, against a fake archive."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.cli import main
from reader.core.fetch import FetchError, FetchSettings
from reader.core.originals import OriginalError, get_original
from reader.core.store import Store
from reader.core.wayback import WAYBACK_ENV, is_gone

FIXTURES = Path(__file__).parent.parent / "fixtures" / "original"
HTML = (FIXTURES / "news_article.html").read_text(encoding="utf-8")
NO_ARTICLE = (FIXTURES / "no_article.html").read_text(encoding="utf-8")
KEY = "https://ledger.example.com/news/tidal-power-station/"
STAMP = "20190301120000"


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "data") as s:
        yield s


@pytest.fixture
def archive(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    """One fake server for the gone original and the archive (availability API + snapshots)."""
    monkeypatch.setenv(WAYBACK_ENV, httpserver.url_for("/").rstrip("/"))
    return httpserver


def _available(server: HTTPServer, url: str, closest: dict | None) -> None:
    body = {"url": url, "archived_snapshots": {"closest": closest} if closest else {}}
    server.expect_request("/wayback/available", query_string={"url": url}).respond_with_json(body)


def _closest(server: HTTPServer, url: str) -> dict:
    return {"available": True, "status": "200", "timestamp": STAMP,
            "url": server.url_for(f"/web/{STAMP}/{url}")}


def _gone(server: HTTPServer, status: int = 404) -> str:
    server.expect_request("/gone").respond_with_data("Not Found", status=status)
    return server.url_for("/gone")


@pytest.mark.parametrize("status", [404, 410])
def test_a_gone_original_comes_from_the_archive_and_is_cached(archive: HTTPServer, store: Store,
                                                              status: int) -> None:
    url = _gone(archive, status)
    _available(archive, url, _closest(archive, url))
    archive.expect_request(f"/web/{STAMP}id_/{url}").respond_with_data(HTML, content_type="text/html")
    original = get_original(store, KEY, url, None)
    assert original.origin == "archive" and original.markdown.startswith("# Harbour Town")
    assert original.archived is not None and original.archived.timestamp == STAMP
    assert original.archived.date == "2019-03-01"
    assert original.archived.url == archive.url_for(f"/web/{STAMP}/{url}")
    assert original.requested_url == url  # the live address stays the article's source
    again = get_original(store, KEY, url, None)  # the cache, offline like a live page
    assert again.from_cache and again.markdown == original.markdown
    assert again.archived == original.archived


def test_a_parked_page_without_an_article_also_asks_the_archive(archive: HTTPServer, store: Store) -> None:
    archive.expect_request("/parked").respond_with_data(NO_ARTICLE, content_type="text/html")
    url = archive.url_for("/parked")
    _available(archive, url, _closest(archive, url))
    archive.expect_request(f"/web/{STAMP}id_/{url}").respond_with_data(HTML, content_type="text/html")
    assert get_original(store, KEY, url, None).archived is not None


def test_a_live_page_never_asks_the_archive(archive: HTTPServer, store: Store) -> None:
    archive.expect_request("/live").respond_with_data(HTML, content_type="text/html")
    original = get_original(store, KEY, archive.url_for("/live"), None)
    assert original.origin == "network" and original.archived is None
    assert all(req.path != "/wayback/available" for req, _ in archive.log)


def test_no_snapshot_at_all_says_so(archive: HTTPServer, store: Store) -> None:
    url = _gone(archive)
    _available(archive, url, None)
    with pytest.raises(OriginalError) as info:
        get_original(store, KEY, url, None)
    assert str(info.value) == (f"The original {url} is gone (the server answered 404 NOT FOUND), "
                               "and the Wayback Machine has no copy of it")


def test_a_broken_snapshot_says_so(archive: HTTPServer, store: Store) -> None:
    url = _gone(archive)
    _available(archive, url, _closest(archive, url))
    archive.expect_request(f"/web/{STAMP}id_/{url}").respond_with_data("gone too", status=404)
    with pytest.raises(OriginalError, match=r"is gone \(.*404.*\), and its copy of 2019-03-01 in the "
                                            r"Wayback Machine is broken too \(the server answered 404"):
        get_original(store, KEY, url, None)


def test_a_snapshot_that_is_no_page_says_so(archive: HTTPServer, store: Store) -> None:
    url = _gone(archive)
    _available(archive, url, _closest(archive, url))
    archive.expect_request(f"/web/{STAMP}id_/{url}").respond_with_data(
        "%PDF-1.4", content_type="application/pdf")
    with pytest.raises(OriginalError, match="copy of 2019-03-01 in the Wayback Machine is broken too"):
        get_original(store, KEY, url, None)


def test_an_archive_that_does_not_answer_in_time_says_so(archive: HTTPServer, store: Store) -> None:
    url = _gone(archive)
    release = threading.Event()

    def slow(_request: Request) -> Response:
        release.wait(10)  # answers only once the test is over
        return Response("{}", content_type="application/json")

    archive.expect_request("/wayback/available").respond_with_handler(slow)
    try:
        with pytest.raises(OriginalError) as info:
            get_original(store, KEY, url, None, settings=FetchSettings(read_timeout=0.3))
    finally:
        release.set()
    assert str(info.value).startswith(f"The original {url} is gone (the server answered 404")
    assert "and the Wayback Machine did not answer in time" in str(info.value)


def test_an_archive_that_answers_an_error_says_so(archive: HTTPServer, store: Store) -> None:
    url = _gone(archive)
    archive.expect_request("/wayback/available").respond_with_data("busy", status=503)
    with pytest.raises(OriginalError, match="and the Wayback Machine answered 503"):
        get_original(store, KEY, url, None)


def test_a_server_error_is_not_gone(archive: HTTPServer, store: Store) -> None:
    url = _gone(archive, 503)  # may come back: no archive, the plain error
    with pytest.raises(FetchError, match="503"):
        get_original(store, KEY, url, None)
    assert all(req.path != "/wayback/available" for req, _ in archive.log)


@pytest.mark.parametrize(
    ("kind", "status", "gone"),
    [("http", 404, True), ("http", 410, True), ("http", 500, False), ("dns", None, True),
     ("timeout", None, False), ("too_large", None, False), ("cancelled", None, False)],
)
def test_which_failures_mean_gone(kind: str, status: int | None, gone: bool) -> None:
    assert is_gone(FetchError(kind, "x", url="https://example.com/", status=status)) is gone


def test_fetch_json_reports_the_archived_copy(archive: HTTPServer, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    url = _gone(archive)
    _available(archive, url, _closest(archive, url))
    archive.expect_request(f"/web/{STAMP}id_/{url}").respond_with_data(HTML, content_type="text/html")
    article = tmp_path / "tidal.md"
    article.write_text(f"# 潮汐\n\n> 原文：<{url}>\n\n正文。\n", encoding="utf-8")
    data_dir = str(tmp_path / "data")
    assert main(["--data-dir", data_dir, "fetch", str(article), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["archived"] == {"url": archive.url_for(f"/web/{STAMP}/{url}"), "timestamp": STAMP}
    assert data["title"] == "Harbour Town Opens Its First Tidal Power Station"
    assert main(["--data-dir", data_dir, "fetch", str(article)]) == 0
    assert "archived copy of 2019-03-01 (the original is gone)" in capsys.readouterr().out
    archive.expect_request("/live").respond_with_data(HTML, content_type="text/html")
    assert main(["--data-dir", data_dir, "fetch", archive.url_for("/live"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["archived"] is None


def test_fetch_says_why_in_one_line_when_nothing_is_archived(archive: HTTPServer, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    url = _gone(archive, 410)
    _available(archive, url, None)
    assert main(["--data-dir", str(tmp_path / "d"), "fetch", url, "--json"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "has no copy of it" in err and "410" in err


def test_offline_a_gone_host_loads_neither_the_extractor_nor_the_http_stack(tmp_path: Path) -> None:
    """Start-up offline: the article's host and the archive's both fail to resolve, and the
    window's first original load says so, as being offline (not as a page that is gone),
    without importing trafilatura (~200 ms) or httpx."""
    code = (
        "import os, sys\n"
        "from reader.core.originals import OriginalError, get_original\n"
        "from reader.core.store import Store\n"
        "with Store(sys.argv[1]) as store:\n"
        "    try:\n"
        "        get_original(store, 'k', 'http://no-such-host.invalid/a', None)\n"
        "    except OriginalError as exc:\n"
        "        assert str(exc) == ('Cannot load the original http://no-such-host.invalid/a: this '\n"
        "            'computer seems to be offline (neither no-such-host.invalid nor '\n"
        "            'no-such-archive.invalid can be found); retry when it is online'), exc\n"
        "    else:\n"
        "        raise AssertionError('no error')\n"
        "loaded = [m for m in ('trafilatura', 'reader.core.extract', 'httpx') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    env = {**os.environ, WAYBACK_ENV: "http://no-such-archive.invalid"}
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.returncode == 0, result.stderr
