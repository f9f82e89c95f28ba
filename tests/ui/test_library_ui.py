"""The Library dock and the search panel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import open_and_settle


def make_folder(root: Path, n: int = 12) -> Path:
    folder = root / "articles"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03}.md").write_text(
            f"# 第{i}篇：容器与 Kubernetes {i}\n\n> 原文：<https://example.com/post-{i}/>\n\n"
            f"这是第{i}篇文章的正文，讨论容器编排和 observability。\n\n第二段 {i * 7} 字。",
            encoding="utf-8",
        )
    (folder / "broken.md").write_bytes(b"%PDF-1.4 not text")
    return folder


def index_via_dialog(qtbot, window, folder: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    dock = window.library.library_dock
    with qtbot.waitSignal(dock.indexing_finished, timeout=60_000):
        window.commands["open_folder"].trigger()
    qtbot.waitUntil(lambda: len(dock.model.rows) > 0, timeout=10_000)


def test_add_folder_lists_articles_by_title(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = make_folder(tmp_path)
    index_via_dialog(qtbot, window, folder, monkeypatch)
    dock = window.library.library_dock
    assert dock.isVisible()
    assert len(dock.model.rows) == 12
    titles = {row.title for row in dock.model.rows}
    assert "第3篇：容器与 Kubernetes 3" in titles
    assert dock.model.rows[0].site == "example.com"
    assert any("broken.md" in path for path, _ in dock.skipped)
    assert "skipped" in dock.status.text()
    dock.filter.setText("第3篇")
    assert dock.model.rowCount() == 1
    index = dock.model.index(0, 0)
    dock.table.activated.emit(index)
    qtbot.waitUntil(lambda: window.session.article is not None, timeout=10_000)
    assert window.session.article.title == "第3篇：容器与 Kubernetes 3"


def test_sorting_by_column(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    index_via_dialog(qtbot, window, make_folder(tmp_path), monkeypatch)
    dock = window.library.library_dock
    dock.table.sortByColumn(0, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.SortOrder.DescendingOrder)
    first = dock.model.data(dock.model.index(0, 0))
    last = dock.model.data(dock.model.index(dock.model.rowCount() - 1, 0))
    assert first > last


def test_search_opens_the_hit(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    index_via_dialog(qtbot, window, make_folder(tmp_path), monkeypatch)
    search = window.library.search_dock
    window.commands["search"].trigger()
    assert search.isVisible()
    with qtbot.waitSignal(search.searched, timeout=10_000) as blocker:
        search.query.setText("第5篇")
        search.search_now()
    result = blocker.args[0]
    assert result.total == 1 and "第5篇" in result.results[0].title
    assert "第5篇" in search.results.toPlainText()
    search.results.anchorClicked.emit(QUrl("hit:0"))
    qtbot.waitUntil(lambda: window.session.article is not None and window.settled(), timeout=10_000)
    assert window.translation_view.textCursor().selectedText() == "第5篇"


def test_short_and_missing_queries(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    index_via_dialog(qtbot, window, make_folder(tmp_path), monkeypatch)
    search = window.library.search_dock
    with qtbot.waitSignal(search.searched, timeout=10_000) as blocker:
        search.query.setText("容器")
        search.search_now()
    assert blocker.args[0].total == 12
    with qtbot.waitSignal(search.searched, timeout=10_000) as blocker:
        search.query.setText("不存在的词语")
        search.search_now()
    assert blocker.args[0].total == 0
    assert "No articles" in search.summary.text()


def test_cancel_indexing_leaves_a_usable_library(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = make_folder(tmp_path, n=600)
    dock = window.library.library_dock
    with qtbot.waitSignal(dock.indexing_finished, timeout=120_000):
        dock.index([str(folder)])
        assert dock.progress_widget.isVisibleTo(dock)
        dock.cancel_indexing()
    assert not dock.progress_widget.isVisibleTo(dock)
    qtbot.waitUntil(lambda: not dock.tasks.running("load"), timeout=10_000)
    assert 0 <= len(dock.model.rows) <= 600
    # And indexing again completes the job.
    with qtbot.waitSignal(dock.indexing_finished, timeout=120_000):
        dock.index([str(folder)])
    qtbot.waitUntil(lambda: len(dock.model.rows) == 600, timeout=10_000)


def test_opening_records_last_opened_and_progress(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = make_folder(tmp_path)
    index_via_dialog(qtbot, window, folder, monkeypatch)
    open_and_settle(qtbot, window, folder / "a001.md")
    window.session.save_progress()
    assert window.writer.flush()  # the UI thread hands its writes to the store writer
    dock = window.library.library_dock
    dock.reload()
    qtbot.waitUntil(lambda: not dock.tasks.running("load"), timeout=10_000)
    row = next(r for r in dock.model.rows if r.path.endswith("a001.md"))
    assert row.last_opened is not None and row.progress > 0


def test_a_damaged_library_index_is_rebuilt_and_said(qtbot, tmp_path, data_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A damaged cache found when the Library reads it (too large to check at each start):
    the window says so once and fills the Library again, never an empty Library in silence."""
    import sqlite3

    from reader.core import library
    from reader.core.store import CACHE_NAME, Store
    from reader.ui.app import create_window, make_application
    from reader.ui.tasks import wait_for_all

    folder = make_folder(tmp_path)
    with Store(data_dir) as store:
        library.index_folder(store, folder)
        store.conn.execute("PRAGMA cache.wal_checkpoint(TRUNCATE)")
    cache = data_dir / CACHE_NAME
    raw = sqlite3.connect(cache)
    pages = [r[0] for r in raw.execute("SELECT pageno FROM dbstat WHERE name = 'library_articles'")]
    raw.close()
    data = bytearray(cache.read_bytes())
    for page in pages:
        data[(page - 1) * 4096: page * 4096] = b"\xff" * 4096
    cache.write_bytes(bytes(data))
    monkeypatch.setattr("reader.core.store.QUICK_CHECK_MAX_BYTES", 0)

    make_application()
    win = create_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    try:
        dock = win.library.library_dock
        qtbot.waitUntil(lambda: "rebuilt" in win.statusBar().currentMessage(), timeout=10_000)
        qtbot.waitUntil(lambda: len(dock.model.rows) == 12 and not dock.tasks.running("index"), timeout=30_000)
    finally:
        wait_for_all(10_000)
