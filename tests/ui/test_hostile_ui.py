"""Hostile inputs in the window (issue 14): the window stays responsive and says what failed."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer, QUrl
from PySide6.QtGui import QColor, QImage, QPixmap, QTextCursor, QTextDocument
from pytest_httpserver import HTTPServer

from reader.core.render import BREAK
from reader.ui import settings as S
from reader.ui.original_pane import OriginalState
from reader.ui.tasks import wait_for_all
from reader.ui.textmap import TextMap
from tests.conftest import Handler, trickle
from tests.ui.conftest import open_and_settle


def _article(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "article.md"
    path.write_text(f"# 标题\n\n> 原文：<{url}>\n\n第一段。\n\n第二段。\n", encoding="utf-8")
    return path


def test_a_trickling_original_fails_at_the_deadline_and_the_window_stays_responsive(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, raw_server: Callable[[Handler], str]) -> None:
    url = raw_server(trickle("body"))
    window.originals.deadline = 1.5
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    window.open_file(_article(tmp_path, url))
    pane = window.original_pane
    qtbot.waitUntil(lambda: pane.state == OriginalState.FAILED, timeout=10_000)
    timer.stop()
    assert "within 1.5 s" in pane.detail.text()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert ticks and max(gaps) < 1.0  # the UI thread never waited on the server


# -- item 3: remote images can be turned off; when on, the app fetches under its own name ---

def _png_bytes() -> bytes:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # (the stubs want bytes; PySide wants str)
    return bytes(buffer.data().data())


def _picture_article(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "pictures.md"
    path.write_text(f"# 图片\n\n第一段。\n\n![图]({url})\n\n第二段。\n", encoding="utf-8")
    return path


def test_remote_images_off_fetches_nothing(qtbot, window, tmp_path: Path, httpserver: HTTPServer) -> None:  # type: ignore[no-untyped-def]
    httpserver.expect_request("/pic.png").respond_with_data(_png_bytes(), content_type="image/png")
    window.apply_preferences(replace(window.preferences(), remote_images=False))
    open_and_settle(qtbot, window, _picture_article(tmp_path, httpserver.url_for("/pic.png")))
    view = window.translation_view
    (token,) = [t for t, ref in view.images.items() if ref.kind == "remote"]
    view.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(token))
    wait_for_all(10_000)
    assert view._image_sources[token] == "Remote image not loaded"
    assert httpserver.log == []
    assert window.preferences().remote_images is False  # remembered


def test_remote_images_on_fetch_with_an_honest_user_agent(qtbot, window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          httpserver: HTTPServer) -> None:
    httpserver.expect_request("/pic.png").respond_with_data(_png_bytes(), content_type="image/png")
    assert window.preferences().remote_images is True  # readers expect pictures
    open_and_settle(qtbot, window, _picture_article(tmp_path, httpserver.url_for("/pic.png")))
    view = window.translation_view
    (token,) = [t for t, ref in view.images.items() if ref.kind == "remote"]
    view.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(token))
    qtbot.waitUntil(lambda: isinstance(view._image_sources.get(token), QImage), timeout=10_000)
    agent = httpserver.log[0][0].headers["User-Agent"]
    assert agent.startswith("BilingualReader/") and "Mozilla" not in agent


def test_preferences_dialog_has_the_remote_images_switch(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from reader.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(window.preferences(), window)
    qtbot.addWidget(dialog)
    assert dialog.remote_images.isChecked()
    dialog.remote_images.setChecked(False)
    window.apply_preferences(dialog.values())
    assert window.translation_view.remote_images is False and window.original_view.remote_images is False
    assert window.settings.get(S.REMOTE_IMAGES) is False


def test_cli_open_no_remote_images(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/pic.png").respond_with_data(_png_bytes(), content_type="image/png")
    article = _picture_article(tmp_path, httpserver.url_for("/pic.png"))
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(tmp_path / "d"), "open", str(article),
         "--no-remote-images", "--screenshot", str(tmp_path / "s.png")],
        capture_output=True, text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert httpserver.log == []
    settings = (tmp_path / "d" / "settings.ini").read_text(encoding="utf-8")
    assert "remote_images=" not in settings  # a one-off, not the user's preference


# -- item 1: nothing in an article reads a file outside its folder ------------------------


def test_the_resource_loader_refuses_files_outside_the_article(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "private" / "secret.png"
    secret.parent.mkdir()
    big = QImage(300, 200, QImage.Format.Format_RGB32)
    big.fill(QColor("red"))
    assert big.save(str(secret))
    folder = tmp_path / "article"
    (folder / "images").mkdir(parents=True)
    assert big.save(str(folder / "images" / "own.png"))
    path = folder / "article.md"
    url = QUrl.fromLocalFile(str(secret)).toString()
    path.write_text(
        "# 样式\n\n"
        f'<div style="background-image:url({url})">第一段。</div>\n\n'
        f'<table><tr><td style="background-image:url({secret})">单元格</td></tr></table>\n\n'
        "![自己的图](images/own.png)\n", encoding="utf-8")
    open_and_settle(qtbot, window, path)
    view = window.translation_view
    document = view.document()
    image_kind = QTextDocument.ResourceType.ImageResource.value
    for name in (QUrl(url), QUrl(str(secret)), QUrl.fromLocalFile(str(secret))):
        loaded = document.loadResource(image_kind, name)  # as Qt asks while laying out
        if isinstance(loaded, (QImage, QPixmap)):
            assert loaded.size() != big.size(), name  # a placeholder, not the file
        else:
            assert isinstance(loaded, (bytes, QByteArray)) and not loaded, name
    (token,) = [t for t, ref in view.images.items() if ref.kind == "local"]
    assert view.loadResource(image_kind, QUrl(token)).size() == big.size()  # its own picture shows


# -- item 9: a 1 MB line with no space opens in seconds, in both panes ---------------------

LONG_LINE = "".join(f"{k:06x}" for k in range(1024 * 1024 // 6))  # 1 MB, hex digits, no space


def test_a_megabyte_line_opens_in_both_panes_and_copies_unchanged(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "long.md"
    path.write_text(f"# 长行\n\n前言。\n\n{LONG_LINE}\n\n结语。\n", encoding="utf-8")
    original = tmp_path / "long.html"
    original.write_text(f"<html><body><article><h1>Long line</h1><p>This introduction says in plain words what "
                        f"the long line below is for.</p><p>{LONG_LINE}</p><p>Closing words.</p></article></body></html>", encoding="utf-8")
    started = time.monotonic()
    open_and_settle(qtbot, window, path, original=str(original), timeout=60_000)  # before: 117 s
    assert window.original_pane.state == OriginalState.LOADED
    elapsed = time.monotonic() - started
    print(f"opened a 1 MB line in both panes in {elapsed:.1f} s")
    for view in (window.translation_view, window.original_view):
        assert view.document().size().height() > 1000  # wrapped, not one endless line
    view = window.translation_view
    start = view.document().find(LONG_LINE[:50]).selectionStart()
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.createMimeDataFromSelection().text() == LONG_LINE  # the text, without the breaks
    units = window.session.article.units
    text_map = TextMap(view.document(), units, view.anchor_tables["b"])
    (unit,) = [u for u in units if u.text == LONG_LINE]
    core_start = sum(len(u.text) + 2 for u in units[:units.index(unit)])
    for offset in (0, 79, 80, 81, 500_000, len(LONG_LINE)):
        position = text_map.to_document(core_start + offset)
        assert position is not None and text_map.to_core(position) == core_start + offset
        if offset < len(LONG_LINE):  # at a piece's end, the position may sit before a break
            shown = view.document().toPlainText()[position:position + 2].replace(BREAK, "")
            assert shown[0] == LONG_LINE[offset]


# -- item 12: a redirect to javascript: is a clear failure in the English pane ------------


def test_a_redirect_to_javascript_fails_cleanly_in_the_window(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, raw_server: Callable[[Handler], str]) -> None:
    def redirect(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(302)
        request.send_header("Location", "javascript:alert(1)")
        request.send_header("Content-Length", "0")
        request.end_headers()

    url = raw_server(redirect)
    open_and_settle(qtbot, window, _article(tmp_path, url))
    pane = window.original_pane
    assert pane.state == OriginalState.FAILED
    assert "javascript:alert(1)" in pane.detail.text() and "Unexpected" not in pane.detail.text()
