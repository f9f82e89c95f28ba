"""The open article is read again when its file changes on disk."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.conftest import ARTICLES
from tests.ui.conftest import open_and_settle

BILINGUAL = ARTICLES / "azure-arc-kubernetes.md"


def copy_pair(folder: Path) -> Path:
    """The bilingual sample and its saved original, in a folder the test may write to."""
    for name in (BILINGUAL.name, "azure-arc-kubernetes.en.html"):
        shutil.copy(ARTICLES / name, folder / name)
    return folder / BILINGUAL.name


def test_an_edit_on_disk_shows_at_once_in_the_same_place(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = copy_pair(tmp_path)
    open_and_settle(qtbot, window, path)
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=15_000)
    original = window.originals.current
    view = window.translation_view
    view.scroll_to_block(view.block_indexes[len(view.block_indexes) // 2])
    before = view.top_block()
    assert before is not None and before > 0

    text = path.read_text(encoding="utf-8").replace("在本章中", "在这一章里")
    path.write_text(text, encoding="utf-8")  # an editor saving in place
    qtbot.waitUntil(lambda: "在这一章里" in view.toPlainText(), timeout=10_000)
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=15_000)  # aligned again
    assert window.originals.current is original  # the original was not fetched or drawn again
    assert abs(view.top_block() - before) <= 2  # still reading the same place
    assert "Reloaded" in window.statusBar().currentMessage()


def test_a_save_by_rename_is_followed_too(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = copy_pair(tmp_path)
    open_and_settle(qtbot, window, path)
    for n in (1, 2):  # the second save shows the watch survived the first rename
        temp = tmp_path / f".{path.name}.tmp"
        temp.write_text(f"# 第 {n} 版\n\n正文 {n}。", encoding="utf-8")
        os.replace(temp, path)
        qtbot.waitUntil(lambda n=n: f"正文 {n}" in window.translation_view.toPlainText(), timeout=10_000)
    assert window.windowTitle().startswith("第 2 版")


def test_a_broken_save_keeps_the_last_good_text_without_a_dialog(qtbot, window, tmp_path: Path,
                                                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    dialogs: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: dialogs.append(a[2]))
    path = copy_pair(tmp_path)
    open_and_settle(qtbot, window, path)
    path.write_bytes(b"")  # an editor caught half-way through its save
    qtbot.waitUntil(lambda: "Not reloaded" in window.statusBar().currentMessage(), timeout=10_000)
    assert "在本章中" in window.translation_view.toPlainText() and dialogs == []
    with qtbot.waitSignal(window.session.file_watch._watcher.fileChanged, timeout=5_000):
        path.unlink()  # gone: nothing to show, nothing breaks
    qtbot.waitUntil(lambda: not window.session.file_watch._settle.isActive(), timeout=5_000)
    assert window.session.article is not None and "在本章中" in window.translation_view.toPlainText()


def test_closing_the_article_stops_the_watch(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = copy_pair(tmp_path)
    open_and_settle(qtbot, window, path)
    assert window.session.file_watch.path == path
    window.close_article()
    assert window.session.file_watch.path is None
    window.open_file(path)
    assert window.session.file_watch.path == path
    window.close()  # quitting drops the watch too
    assert window.session.file_watch.path is None


def test_a_users_open_after_a_reload_still_says_what_went_wrong(qtbot, window, tmp_path: Path,
                                                                monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from reader.ui.session import SYNC_LOAD_BYTES

    dialogs: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: dialogs.append(a[2]))
    big = tmp_path / "big.md"  # read in the background, so a reload is still running…
    big.write_text("# 大\n\n" + "\n\n".join("很长的段落。" * 20 for _ in range(SYNC_LOAD_BYTES // 300)),
                   encoding="utf-8")
    open_and_settle(qtbot, window, big)
    window.session.reload()
    broken = tmp_path / "broken.md"  # …when the reader opens a file that cannot be read
    broken.write_bytes(b"%PDF-1.5\n\x00\x01")
    window.open_file(broken)
    assert dialogs and "PDF" in dialogs[0]
