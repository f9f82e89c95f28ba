"""An original that is gone shows the Wayback Machine's copy under a banner; a machine
without a Chinese font is told once how to install one."""

from __future__ import annotations

from pytest_httpserver import HTTPServer

from reader.core.wayback import WAYBACK_ENV
from reader.ui import status
from reader.ui.app import create_window
from reader.ui.original_pane import OriginalState
from tests.ui.conftest import open_and_settle
from tests.ui.test_original import PAGE, article_for

STAMP = "20180704093000"


def test_an_archived_copy_is_shown_under_a_banner_linking_the_live_page(
        qtbot, window, httpserver: HTTPServer, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(WAYBACK_ENV, httpserver.url_for("/").rstrip("/"))
    httpserver.expect_request("/post").respond_with_data("gone", status=410)
    url = httpserver.url_for("/post")
    httpserver.expect_request("/wayback/available").respond_with_json(
        {"archived_snapshots": {"closest": {"available": True, "status": "200", "timestamp": STAMP,
                                            "url": f"http://archive.test/web/{STAMP}/{url}"}}})
    httpserver.expect_request(f"/web/{STAMP}id_/{url}").respond_with_data(PAGE, content_type="text/html")
    open_and_settle(qtbot, window, article_for(tmp_path, url))
    assert window.original_pane.state == OriginalState.LOADED
    text = window.original_view.toPlainText()
    assert "Archived copy of 2018-07-04 — the original is gone" in text and url in text
    assert "Linux Foundation" in text
    html = window.original_view.document().toHtml()
    assert f'href="{url}"' in html  # the live address, to try it in a browser


def test_a_live_original_has_no_banner(qtbot, window, httpserver: HTTPServer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    httpserver.expect_request("/post").respond_with_data(PAGE, content_type="text/html")
    open_and_settle(qtbot, window, article_for(tmp_path, httpserver.url_for("/post")))
    assert "Archived copy" not in window.original_view.toPlainText()


def test_no_chinese_font_is_said_once_ever(qtbot, data_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(status, "has_chinese_font", lambda: False)
    first = create_window(data_dir)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    notice = first.statusBar().findChild(status.QLabel, "cjk_font_notice")
    assert notice is not None and "fonts-noto-cjk" in notice.text()
    first.close()
    again = create_window(data_dir)  # the next start says nothing
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.statusBar().findChild(status.QLabel, "cjk_font_notice") is None


def test_nothing_is_said_with_a_chinese_font(qtbot, data_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(status, "has_chinese_font", lambda: True)
    win = create_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.statusBar().findChild(status.QLabel, "cjk_font_notice") is None
