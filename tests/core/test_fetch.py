"""fetch_url against a real HTTP server on 127.0.0.1 (pytest-httpserver); no internet."""

from __future__ import annotations

import gzip
import socket
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.core.fetch import FetchError, FetchSettings, decode_html, fetch_url

FIXTURES = Path(__file__).parent.parent / "fixtures" / "original"
HTML = (FIXTURES / "news_article.html").read_bytes()
GBK_TEXT = "港口小镇今天启用了第一座潮汐发电站，渔民合作社的负责人说，大海终于回馈了我们。" * 20


def _kind(excinfo: pytest.ExceptionInfo[FetchError]) -> str:
    return excinfo.value.kind


def test_article_page(httpserver: HTTPServer) -> None:
    seen: dict[str, str] = {}

    def handler(request: Request) -> Response:
        seen.update(request.headers)
        return Response(HTML, content_type="text/html; charset=utf-8",
                        headers={"ETag": '"v1"', "Last-Modified": "Tue, 12 Mar 2024 10:00:00 GMT"})

    httpserver.expect_request("/news").respond_with_handler(handler)
    calls: list[tuple[int, int | None]] = []
    result = fetch_url(httpserver.url_for("/news"), progress=lambda n, t: calls.append((n, t)))
    assert result.status == 200 and not result.not_modified
    assert "Tidal Power Station" in result.html
    assert result.etag == '"v1"' and result.last_modified.startswith("Tue, 12 Mar 2024")
    assert result.bytes == len(HTML) and result.elapsed > 0
    assert calls and calls[-1] == (len(HTML), len(HTML))
    assert "Mozilla/5.0" in seen["User-Agent"] and "Chrome/" in seen["User-Agent"]
    assert {"gzip", "deflate", "br"} <= {e.strip() for e in seen["Accept-Encoding"].split(",")}


def test_redirect_chain(httpserver: HTTPServer) -> None:
    for i in range(1, 4):
        httpserver.expect_request(f"/r{i}").respond_with_data(
            "", status=302 if i % 2 else 301, headers={"Location": f"/r{i + 1}" if i < 3 else "/end"})
    httpserver.expect_request("/end").respond_with_data(HTML, content_type="text/html")
    result = fetch_url(httpserver.url_for("/r1"))
    assert result.requested_url == httpserver.url_for("/r1")
    assert result.final_url == httpserver.url_for("/end")


def test_too_many_redirects(httpserver: HTTPServer) -> None:
    for i in range(7):
        httpserver.expect_request(f"/hop{i}").respond_with_data("", status=302,
                                                                 headers={"Location": f"/hop{i + 1}"})
    with pytest.raises(FetchError) as excinfo:
        fetch_url(httpserver.url_for("/hop0"))
    assert _kind(excinfo) == "redirects" and "more than 5 redirects" in str(excinfo.value)


def test_redirect_loop(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError) as excinfo:
        fetch_url(httpserver.url_for("/a"))
    assert _kind(excinfo) == "redirects" and "loop" in str(excinfo.value)


@pytest.mark.parametrize("status", [404, 500])
def test_http_errors(httpserver: HTTPServer, status: int) -> None:
    httpserver.expect_request("/err").respond_with_data("nope", status=status)
    url = httpserver.url_for("/err")
    with pytest.raises(FetchError) as excinfo:
        fetch_url(url)
    assert _kind(excinfo) == "http" and excinfo.value.status == status
    assert str(status) in str(excinfo.value) and url in str(excinfo.value)


def test_slow_response_times_out(httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.6)
        return Response(HTML, content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(FetchError) as excinfo:
        fetch_url(httpserver.url_for("/slow"), settings=FetchSettings(read_timeout=0.3))
    assert _kind(excinfo) == "timeout"


def test_body_over_cap_with_content_length(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data(b"<p>x</p>" * 5000, content_type="text/html")
    with pytest.raises(FetchError) as excinfo:
        fetch_url(httpserver.url_for("/big"), settings=FetchSettings(max_bytes=10_000))
    assert _kind(excinfo) == "too_large"


def test_body_over_cap_streamed(httpserver: HTTPServer) -> None:
    produced: list[int] = []

    def chunks():
        for _ in range(200):
            produced.append(1)
            yield b"<p>" + b"x" * 1000 + b"</p>"

    httpserver.expect_request("/stream").respond_with_handler(
        lambda request: Response(chunks(), content_type="text/html"))
    with pytest.raises(FetchError) as excinfo:
        fetch_url(httpserver.url_for("/stream"), settings=FetchSettings(max_bytes=10_000))
    assert _kind(excinfo) == "too_large"


@pytest.mark.parametrize("content_type", ["application/pdf", "application/octet-stream"])
def test_pdf_is_not_html(httpserver: HTTPServer, content_type: str) -> None:
    httpserver.expect_request("/doc").respond_with_data(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
                                                        content_type=content_type)
    with pytest.raises(FetchError) as excinfo:
        fetch_url(httpserver.url_for("/doc"))
    assert _kind(excinfo) == "not_html" and "PDF" in str(excinfo.value)


def test_image_is_not_html(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/pic").respond_with_data(b"\x89PNG\r\n", content_type="image/png")
    with pytest.raises(FetchError, match="image") as excinfo:
        fetch_url(httpserver.url_for("/pic"))
    assert _kind(excinfo) == "not_html"


def test_gbk_page_without_charset_header(httpserver: HTTPServer) -> None:
    body = f"<html><body><article><p>{GBK_TEXT}</p></article></body></html>".encode("gbk")
    httpserver.expect_request("/gbk").respond_with_data(body, content_type="text/html")
    result = fetch_url(httpserver.url_for("/gbk"))
    assert GBK_TEXT in result.html and result.encoding == "gb18030"


def test_charset_from_meta_and_header() -> None:
    body = '<html><head><meta charset="gb2312"></head><body>汉字</body></html>'.encode("gbk")
    assert decode_html(body) == (body.decode("gb18030"), "gb18030")
    body = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">Привет'
    assert "Привет" in decode_html(body.encode("cp1251"))[0]
    assert decode_html("café".encode("latin-1"), "text/html; charset=ISO-8859-1")[0] == "café"


def test_gzip_response(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress(HTML), content_type="text/html", headers={"Content-Encoding": "gzip"})
    result = fetch_url(httpserver.url_for("/gz"))
    assert "Tidal Power Station" in result.html and result.bytes == len(HTML)


def test_not_modified(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/cond", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304)
    result = fetch_url(httpserver.url_for("/cond"), etag='"v1"')
    assert result.not_modified and result.status == 304 and result.html == ""


def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError) as excinfo:
        fetch_url(f"http://127.0.0.1:{port}/x")
    assert _kind(excinfo) == "refused" and f"127.0.0.1:{port}/x" in str(excinfo.value)


def test_dns_failure_is_fast() -> None:
    start = time.monotonic()
    with pytest.raises(FetchError) as excinfo:
        fetch_url("http://no-such-host.invalid/article", settings=FetchSettings(connect_timeout=3))
    assert _kind(excinfo) == "dns" and "no-such-host.invalid" in str(excinfo.value)
    assert time.monotonic() - start < 5


def test_tls_error(httpserver: HTTPServer) -> None:
    url = httpserver.url_for("/tls").replace("http://", "https://")
    with pytest.raises(FetchError) as excinfo:
        fetch_url(url)
    assert _kind(excinfo) == "tls"


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "example.org/x"])
def test_unsupported_scheme(url: str) -> None:
    with pytest.raises(FetchError) as excinfo:
        fetch_url(url)
    assert _kind(excinfo) == "scheme"


def test_redirect_to_other_scheme(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/ftp").respond_with_data(
        "", status=301, headers={"Location": "ftp://example.org/x"})
    with pytest.raises(FetchError) as excinfo:
        fetch_url(httpserver.url_for("/ftp"))
    assert _kind(excinfo) == "scheme"


def test_cancelled_between_chunks(httpserver: HTTPServer) -> None:
    def chunks():
        for _ in range(50):
            yield b"<p>" + b"x" * 1000 + b"</p>"

    httpserver.expect_request("/cancel").respond_with_handler(
        lambda request: Response(chunks(), content_type="text/html"))
    received: list[int] = []
    with pytest.raises(FetchError) as excinfo:
        fetch_url(httpserver.url_for("/cancel"), progress=lambda n, t: received.append(n),
                  cancelled=lambda: bool(received))
    assert _kind(excinfo) == "cancelled" and len(received) == 1


def test_cancelled_before_start() -> None:
    with pytest.raises(FetchError) as excinfo:
        fetch_url("http://127.0.0.1:9/", cancelled=lambda: True)
    assert _kind(excinfo) == "cancelled"
