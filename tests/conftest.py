"""Shared fixtures. UI tests run offscreen; every test gets its own data dir."""

from __future__ import annotations

import contextlib
import http.server
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLES = ROOT / "articles"
SAMPLE = ARTICLES / "pytorch-takes-ai-ml-back-to-its-research-open-source-roots.md"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", help="also run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow (make test-all)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Nothing a test does reaches the user's real data folder, nor the real Wayback Machine
    (a closed local port stands in; tests of the archive run a fake one)."""
    home = tmp_path / "data"
    monkeypatch.setenv("BILINGUAL_READER_HOME", str(home))
    monkeypatch.setenv("BILINGUAL_READER_WAYBACK", "http://127.0.0.1:9")
    return home


Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


@pytest.fixture
def raw_server() -> Iterator[Callable[[Handler], str]]:
    """A tiny threaded HTTP server on 127.0.0.1 whose handler writes raw bytes: headers a
    stricter server would refuse to send, bodies that trickle, compressed bombs."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(handle: Handler) -> str:
        class RawHandler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    handle(self)  # the client may give up, as it should

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RawHandler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def trickle(part: str) -> Handler:
    """A server that sends its headers (``part="headers"``) or its body a byte at a time."""

    def handle(request: http.server.BaseHTTPRequestHandler) -> None:
        out = request.wfile
        out.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
        if part == "body":
            out.write(b"Content-Length: 100000\r\n\r\n<html><body><p>")
        out.flush()
        for _ in range(600):  # a minute at most, then the test has failed anyway
            out.write(b"X-Slow: y\r\n" if part == "headers" else b"x")
            out.flush()
            time.sleep(0.1)

    return handle
