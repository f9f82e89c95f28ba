"""The English pane: fetching with progress, cancel, retry, errors and the offline cache."""

from __future__ import annotations

import threading
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.ui.app import create_window
from reader.ui.original_pane import OriginalState
from tests.ui.conftest import open_and_settle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "original"
PAGE = """<html><head><title>Open Source Roots</title></head><body>
<nav>Home · Topics · Subscribe</nav>
<article><h1>Open Source Roots</h1>
<p>PyTorch moved to the Linux Foundation, a sign the technology has matured and a step back to its open source roots.</p>
<p>Adoption of AI seems to have stalled outside a few areas such as text and image generation, natural language processing and computer vision.</p>
<p>Open source gets adopted in the market much faster than vendor solutions, as the struggles of many fast-growing startups show.</p>
</article><footer>© The Site. All rights reserved.</footer></body></html>"""


def article_for(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "article.md"
    path.write_text(f"# 开源根源\n\n> 原文：<{url}>\n\nPyTorch 转移到 Linux 基金会。\n\n人工智能的采用似乎停滞不前。",
                    encoding="utf-8")
    return path


def test_fetches_and_then_reads_offline(qtbot, window, httpserver: HTTPServer, tmp_path, data_dir) -> None:  # type: ignore[no-untyped-def]
    httpserver.expect_request("/post").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    path = article_for(tmp_path, httpserver.url_for("/post"))
    open_and_settle(qtbot, window, path)
    assert window.original_pane.state == OriginalState.LOADED
    assert "Linux Foundation" in window.original_view.toPlainText()
    assert "All rights reserved" not in window.original_view.toPlainText()
    httpserver.clear()
    httpserver.stop()  # offline from now on
    again = create_window(data_dir)
    qtbot.addWidget(again)
    again.show()
    open_and_settle(qtbot, again, path)
    assert again.original_pane.state == OriginalState.LOADED
    assert "Linux Foundation" in again.original_view.toPlainText()
    httpserver.start()


def test_http_error_shows_code_and_retry_works(qtbot, window, httpserver: HTTPServer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    httpserver.expect_oneshot_request("/post").respond_with_data("boom", status=500)
    path = article_for(tmp_path, httpserver.url_for("/post"))
    open_and_settle(qtbot, window, path)
    pane = window.original_pane
    assert pane.state == OriginalState.FAILED
    assert "500" in pane.detail.text()
    assert pane.retry_button.isVisible()
    httpserver.expect_request("/post").respond_with_data(PAGE, content_type="text/html")
    pane.retry_button.click()
    qtbot.waitUntil(lambda: pane.state == OriginalState.LOADED, timeout=10_000)
    assert "Linux Foundation" in window.original_view.toPlainText()


def test_progress_and_cancel(qtbot, window, httpserver: HTTPServer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()

    def slow(request: Request) -> Response:
        def body():  # type: ignore[no-untyped-def]
            yield b"<html><body><article><p>" + b"x" * 20000
            release.wait(10)  # hold the connection open until the test is done
            yield b"</p></article></body></html>"

        return Response(body(), content_type="text/html", headers={"Content-Length": "60000"})

    httpserver.expect_request("/slow").respond_with_handler(slow)
    path = article_for(tmp_path, httpserver.url_for("/slow"))
    window.open_file(path)
    pane = window.original_pane
    qtbot.waitUntil(lambda: pane.state == OriginalState.LOADING and pane.progress.value() > 0, timeout=10_000)
    assert pane.progress.maximum() == 60000
    assert pane.cancel_button.isVisible()
    # The translation is readable while the original loads.
    assert "PyTorch" in window.translation_view.toPlainText()
    pane.cancel_button.click()
    qtbot.waitUntil(lambda: pane.state == OriginalState.FAILED, timeout=10_000)
    assert "cancel" in pane.detail.text().lower()
    release.set()


def test_unreachable_host_message(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    path = article_for(tmp_path, f"http://127.0.0.1:{port}/gone")
    open_and_settle(qtbot, window, path)
    assert window.original_pane.state == OriginalState.FAILED
    assert "refused" in window.original_pane.detail.text().lower()


def test_load_original_from_file(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    saved = tmp_path / "saved.html"
    saved.write_text(PAGE, encoding="utf-8")
    path = tmp_path / "no-source.md"
    path.write_text("# 无来源\n\n正文。", encoding="utf-8")
    open_and_settle(qtbot, window, path)
    assert window.original_pane.state == OriginalState.NO_SOURCE
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    window.commands["load_original"].trigger()
    qtbot.waitUntil(lambda: window.original_pane.state == OriginalState.LOADED, timeout=10_000)
    assert "Linux Foundation" in window.original_view.toPlainText()
    # Remembered: reopening shows the same original.
    window.close_article()
    open_and_settle(qtbot, window, path)
    assert window.original_pane.state == OriginalState.LOADED
    assert "Linux Foundation" in window.original_view.toPlainText()
