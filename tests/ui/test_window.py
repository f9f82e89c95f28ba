"""The reading window as a user meets it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from reader.ui.original_pane import OriginalState
from tests.conftest import ARTICLES, SAMPLE
from tests.ui.conftest import open_and_settle

BILINGUAL = ARTICLES / "azure-arc-kubernetes.md"


def test_empty_window_welcomes(window) -> None:  # type: ignore[no-untyped-def]
    assert window.stack.currentWidget() is window.welcome
    names = [window.welcome.list.item(i).text() for i in range(window.welcome.list.count())]
    assert any(name.endswith(SAMPLE.name) and name.startswith("PyTorch") for name in names)


def test_open_sample_shows_title_and_both_panes(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, BILINGUAL)
    assert window.windowTitle().startswith("第二章。扩展 Azure 控制平面用于 Kubernetes")
    assert window.stack.currentWidget() is window.splitter
    assert "在本章中" in window.translation_view.toPlainText()
    # The sibling .en.html is used with no network at all.
    assert window.original_pane.state == OriginalState.LOADED
    assert "In this chapter" in window.original_view.toPlainText()
    assert window.translation_view.isVisible() and window.original_view.isVisible()
    assert "words" in window.status.count_label.text()
    assert str(BILINGUAL) in window.status.path_label.text()


def test_blocks_are_located_in_the_view(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, BILINGUAL)
    article = window.session.article
    text = window.translation_view.toPlainText()
    for block in article.units[:10]:
        position = window.translation_view.block_position(block.index)
        assert position is not None
        assert text[position : position + 6] == block.text[:6]


def test_open_via_file_dialog(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(SAMPLE), ""))
    window.commands["open"].trigger()
    qtbot.waitUntil(lambda: window.session.article is not None, timeout=10_000)
    assert window.session.article.path == SAMPLE


def test_drag_and_drop_opens_markdown(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SAMPLE))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.session.article is not None, timeout=10_000)
    assert window.session.article.title.startswith("PyTorch")


def test_drop_of_other_files_is_ignored(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "x.exe"
    other.write_bytes(b"MZ")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.session.article is None and not window.session.loading


def test_bad_file_shows_a_message(qtbot, window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"%PDF-1.4 binary")
    window.open_file(bad)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "PDF" in shown[0]
    assert window.session.article is None


def test_settings_persist(qtbot, window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from reader.ui import settings as S
    from reader.ui.app import create_window

    open_and_settle(qtbot, window, SAMPLE)
    window.toggle_swap()
    window.resize(760, 560)
    QApplication.processEvents()
    window.splitter.setSizes([250, 450])
    sizes = window.splitter.sizes()
    window.close()
    again = create_window(data_dir)
    qtbot.addWidget(again)
    assert again.splitter.widget(0) is again.original_pane
    assert again.size().width() == 760
    again.show()
    open_and_settle(qtbot, again, SAMPLE)  # the splitter is laid out once it is on screen
    restored = again.splitter.sizes()
    assert abs(restored[0] / sum(restored) - sizes[0] / sum(sizes)) < 0.05, (restored, sizes)
    assert str(SAMPLE) in again.settings.get(S.RECENT)
    again.set_orientation("vertical")
    again.close()
    third = create_window(data_dir)
    qtbot.addWidget(third)
    assert third.splitter.orientation() == Qt.Orientation.Vertical


def test_recent_menu_lists_opened_files(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, SAMPLE)
    window._fill_recent_menu()
    assert any(SAMPLE.name in a.text() for a in window.commands.menus["file/recent"].actions())


def test_missing_local_image_gets_a_placeholder(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "img").mkdir()
    shutil.copy(next((ARTICLES / "img").glob("*.png")), folder / "img" / "ok.png")
    article = folder / "a.md"
    article.write_text("# 图\n\n![](img/ok.png)\n\n![](img/missing.png)\n\n![](../../../etc/passwd)", encoding="utf-8")
    open_and_settle(qtbot, window, article)
    view = window.translation_view
    kinds = sorted(ref.kind for ref in view.images.values())
    assert kinds == ["local", "missing", "refused"]
    for token in view.images:
        image = view.loadResource(2, QUrl(token))
        assert not image.isNull()


def test_images_fit_the_pane_as_its_width_changes(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage, QTextDocument

    folder = tmp_path / "wide"
    folder.mkdir()
    wide = QImage(1200, 300, QImage.Format.Format_RGB32)
    wide.fill(0xFF3366AA)
    assert wide.save(str(folder / "wide.png"))
    article = folder / "a.md"
    article.write_text("# 图\n\n![](wide.png)\n\n![](missing.png)\n\n正文。", encoding="utf-8")
    open_and_settle(qtbot, window, article)
    view = window.translation_view
    tokens = {ref.kind: token for token, ref in view.images.items()}

    def width(kind: str) -> int:
        resource = view.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(tokens[kind]))
        return resource.width()

    qtbot.waitUntil(lambda: width("local") == view._image_limit(), timeout=5_000)
    assert view._image_limit() <= view.measure  # scaled down to the measure
    window.splitter.setSizes([300, window.width() - 300])  # a narrow pane
    qtbot.waitUntil(lambda: width("local") == view._image_limit(), timeout=5_000)
    assert width("local") < 300 and width("missing") < 300  # the placeholder too
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0, timeout=5_000)
    window.splitter.setSizes([1000, max(200, window.width() - 1000)])  # wide again: sharp again
    qtbot.waitUntil(lambda: width("local") == min(view.measure, 1200), timeout=5_000)


def test_fitted_images_stay_sharp_on_hidpi_screens(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    from reader.ui.article_view import fitted_image

    wide = QImage(1200, 300, QImage.Format.Format_RGB32)
    wide.fill(0xFF3366AA)
    image = fitted_image(wide, 600, dpr=2.0)
    assert (image.width(), image.devicePixelRatio(), image.deviceIndependentSize().width()) == (1200, 2.0, 600)
    assert fitted_image(wide, 1500, dpr=2.0) is wide  # small enough: untouched
    placeholder = fitted_image("缺图", 200, dpr=2.0)
    assert (placeholder.width(), placeholder.deviceIndependentSize().width()) == (400, 200)


def test_bullets_are_drawn_a_little_way_before_each_item(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontInfo, QFontMetricsF, QTextCursor

    article = tmp_path / "list.md"
    article.write_text("# 列表\n\n- 第一项\n  - 嵌套\n    - 更深\n- English\n\n1. 编号", encoding="utf-8")
    open_and_settle(qtbot, window, article)
    view = window.translation_view
    bullets = view._bullets(0, view.viewport().height())
    assert [level for _rect, level, _color in bullets] == [1, 2, 3, 1]  # disc, circle, square; none for 1.
    doc = view.document()
    for (rect, _level, _color), needle in zip(bullets, ["第一项", "嵌套", "更深", "English"], strict=True):
        start = QTextCursor(doc)
        start.setPosition(doc.find(needle).selectionStart())
        caret = view.cursorRect(start)  # before the item's first character
        # Measured in the item's own font (em and space), so any installed font gives the same:
        # Qt's own bullet sits one space away, ours more than half an em.
        font = start.block().charFormat().font()
        em, space = QFontInfo(font).pixelSize(), QFontMetricsF(font).horizontalAdvance(" ")
        assert caret.left() - rect.right() >= max(0.6 * em, 1.5 * space), needle
        assert caret.top() < rect.center().y() < caret.bottom(), needle  # on the item's first line


def test_in_page_links_scroll_to_their_heading_or_footnote(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    filler = "\n\n".join(f"第 {i} 段，填满页面的文字。" for i in range(80))
    article = tmp_path / "links.md"
    article.write_text(f"# 链接\n\n[跳到末尾](#文章结尾部分)，见注释[^n]。\n\n{filler}\n\n## 文章结尾部分\n\n最后一段。\n\n{filler}"
                       "\n\n[^n]: 注释的正文。\n", encoding="utf-8")
    open_and_settle(qtbot, window, article)
    view = window.translation_view
    bar = view.verticalScrollBar()
    for target, text in (("#文章结尾部分", "文章结尾部分"), ("#fn-n", "注释的正文")):
        bar.setValue(0)
        view.anchorClicked.emit(QUrl(target))
        cursor = view.document().find(text)
        assert not cursor.isNull()
        top = view.cursorRect(cursor).top()
        assert 0 <= top < view.viewport().height() - 20, target  # in view
        assert bar.value() > 0
        if target.startswith("#文章"):
            assert top < view.viewport().height() // 3  # a heading comes to the top


def test_links_open_in_browser_only_for_web(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    view = window.translation_view
    view.anchorClicked.emit(QUrl("https://example.com/x"))
    view.anchorClicked.emit(QUrl("javascript:alert(1)"))
    view.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == ["https://example.com/x"]


@pytest.mark.parametrize("layout_orientation", ["horizontal", "vertical"])
def test_split_orientation_actions(window, layout_orientation: str) -> None:  # type: ignore[no-untyped-def]
    window.set_orientation(layout_orientation)
    expected = Qt.Orientation.Vertical if layout_orientation == "vertical" else Qt.Orientation.Horizontal
    assert window.splitter.orientation() == expected


def test_close_returns_to_welcome(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, SAMPLE)
    window.commands["close"].trigger()
    assert window.stack.currentWidget() is window.welcome
    assert window.session.article is None
    QApplication.processEvents()


def test_a_large_file_opens_in_the_background_and_a_later_open_wins(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reader.ui.session import SYNC_LOAD_BYTES
    from reader.ui.tasks import wait_for_all

    big = tmp_path / "big.md"
    paragraph = "这是一段很长的文章里的一个段落，用来把文件撑大。" * 4
    big.write_text("# 大文件\n\n" + "\n\n".join(f"{paragraph} {i}" for i in range(SYNC_LOAD_BYTES // 200)),
                   encoding="utf-8")
    assert big.stat().st_size > SYNC_LOAD_BYTES
    small = tmp_path / "small.md"
    small.write_text("# 小文件\n\n一段。", encoding="utf-8")
    view = window.translation_view

    window.open_file(big)
    assert window.session.loading  # parsed, rendered and built off the UI thread
    qtbot.waitUntil(window.settled, timeout=30_000)
    assert window.windowTitle().startswith("大文件") and view.document() is view._adopted
    assert view.block_indexes[:3] == [0, 1, 2]  # block starts found in the adopted document

    window.open_file(big)
    window.open_file(small)  # opened at once, before the big one's result arrives
    assert wait_for_all(30_000)
    qtbot.waitUntil(lambda: not window.session.loading, timeout=5_000)
    QApplication.processEvents()
    assert window.windowTitle().startswith("小文件") and "一段" in view.toPlainText()
