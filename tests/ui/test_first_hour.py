"""What a new reader meets in the first hour (issue 13): each defect, as a reader would hit it."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog

from reader.core.themes import THEMES
from reader.ui.annotation_controller import COLORS
from reader.ui.app import create_window
from reader.ui.sync import FOCUS_TINT, HOVER_TINT, READING_LINE
from tests.conftest import ARTICLES
from tests.ui.conftest import open_and_settle

BILINGUAL = ARTICLES / "azure-arc-kubernetes.md"
ORIGINAL = str(ARTICLES / "azure-arc-kubernetes.en.html")


def reading_block(view) -> int:  # type: ignore[no-untyped-def]
    hit = view.block_at_y(view.verticalScrollBar().value() + view.viewport().height() * READING_LINE)
    return hit[0]


def started_like_the_cli(qtbot, data_dir: Path, path: Path, original: str | None = None,  # type: ignore[no-untyped-def]
                         size: tuple[int, int] = (1200, 800)):
    """The window as ``bilingual-reader FILE`` makes it: the file opened before the window shows."""
    win = create_window(data_dir)
    qtbot.addWidget(win)
    win.resize(*size)
    win.open_file(path, original=original)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(win.settled, timeout=15_000)
    if original:
        qtbot.waitUntil(lambda: win.session.parallel is not None, timeout=15_000)
    qtbot.waitUntil(lambda: not win.annotations.busy, timeout=10_000)
    return win


# -- 1. the reading position ---------------------------------------------------------
def _read_to_the_middle_and_quit(qtbot, data_dir: Path, path: Path, original: str | None) -> int:  # type: ignore[no-untyped-def]
    win = started_like_the_cli(qtbot, data_dir, path, original)
    units = win.session.article.units
    target = units[len(units) // 2].index
    win.translation_view.scroll_to_block(target)
    assert win.translation_view.top_block() == target
    win.close()
    return target


def test_reading_position_is_restored_when_started_from_the_command_line(qtbot, data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = _read_to_the_middle_and_quit(qtbot, data_dir, BILINGUAL, ORIGINAL)
    again = started_like_the_cli(qtbot, data_dir, BILINGUAL, ORIGINAL)
    assert again.translation_view.top_block() == target
    # The original follows to the same place.
    assert again.original_view.verticalScrollBar().value() > 0
    again.close()
    plain = started_like_the_cli(qtbot, data_dir, BILINGUAL)
    assert plain.translation_view.top_block() == target


def test_reading_position_is_restored_in_the_interleaved_layout(qtbot, data_dir) -> None:  # type: ignore[no-untyped-def]
    target = _read_to_the_middle_and_quit(qtbot, data_dir, BILINGUAL, ORIGINAL)
    again = create_window(data_dir)
    qtbot.addWidget(again)
    again.set_layout("interleaved")
    again.resize(1200, 800)
    again.open_file(BILINGUAL, original=ORIGINAL)
    again.show()
    qtbot.waitUntil(lambda: again.session.parallel is not None and again.settled(), timeout=15_000)
    assert again.interleaved_view.top_block() == target


def test_reading_position_survives_an_edit_of_the_file(qtbot, data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "edited.md"
    path.write_text("# 标题\n\n" + "\n\n".join(f"第 {i} 段，用来滚动的文字。" * 3 for i in range(80)), encoding="utf-8")
    target = _read_to_the_middle_and_quit(qtbot, data_dir, path, None)
    path.write_text(path.read_text(encoding="utf-8").replace("第 3 段", "第三段"), encoding="utf-8")
    again = started_like_the_cli(qtbot, data_dir, path)
    assert again.translation_view.top_block() == target


# -- 2. a highlight inside the tinted pair -------------------------------------------------
def _over(below: tuple[float, float, float], color: QColor) -> tuple[float, float, float]:
    a = color.alpha() / 255
    return tuple(b * (1 - a) + c * a for b, c in zip(below, (color.red(), color.green(), color.blue()), strict=True))  # type: ignore[return-value]


@pytest.mark.parametrize("theme", ["light", "sepia", "dark"])
def test_highlights_stay_distinct_inside_the_pair_tint(theme: str) -> None:
    background = QColor(THEMES[theme].background)
    bg = (float(background.red()), float(background.green()), float(background.blue()))
    for tint in (FOCUS_TINT, HOVER_TINT):
        tinted = _over(bg, tint.wash)
        for name, color in COLORS.items():
            highlight_in_tint = _over(tinted, color)
            # The highlight stands out from the tint around it ...
            assert math.dist(highlight_in_tint, tinted) >= 45, (theme, name)
            # ... and keeps its own colour (green does not turn olive).
            assert math.dist(highlight_in_tint, _over(bg, color)) <= 20, (theme, name)


def test_the_pair_tint_is_drawn_under_the_text_not_over_highlights(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, BILINGUAL, ORIGINAL)
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=15_000)
    pair = next(p for p in window.session.parallel.pairs[5:] if not p.unpaired)
    view = window.translation_view
    window.sync.show_counterpart("zh", pair.zh[0].index)
    assert view.tinted_blocks("2-focus") == [b.index for b in pair.zh]
    # No tint over the text: the only text backgrounds left are the reader's highlights.
    assert all(sel.format.background().color().alpha() != FOCUS_TINT.wash.alpha() for sel in view.extraSelections())


# -- 3 and 4. the note dialog ---------------------------------------------------------------
NOTE_TEXT = "# 笔记测试\n\n第一段有一个要加笔记的句子。\n\n第二段是别的内容。\n"


def _note_article(qtbot, window, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "note.md"
    path.write_text(NOTE_TEXT, encoding="utf-8")
    open_and_settle(qtbot, window, path)
    qtbot.waitUntil(lambda: not window.annotations.busy, timeout=10_000)
    view = window.translation_view
    cursor = view.document().find("要加笔记的句子")
    view.setTextCursor(cursor)
    view.setFocus()
    return view


def test_cancel_in_the_note_dialog_creates_nothing(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from reader.core.annotations import list_annotations
    from reader.ui.note_dialog import NoteDialog

    view = _note_article(qtbot, window, tmp_path)
    monkeypatch.setattr(NoteDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected.value)
    window.annotation_ui.note_action.trigger()
    assert window.annotations.annotations == []
    assert window.writer.flush()  # the UI thread hands its writes to the store writer
    assert list_annotations(window.annotations.store, window.session.article.key) == []
    assert not window.annotations._undo
    # A note cancelled on an existing highlight leaves it as it was.
    view.setTextCursor(view.document().find("要加笔记的句子"))
    green = window.annotation_ui.highlight("green", view)
    view.setTextCursor(view.document().find("要加笔记的句子"))
    window.annotation_ui.note_action.trigger()
    assert [(a.id, a.color) for a in window.annotations.annotations] == [(green.id, "green")]


def test_a_note_right_after_a_highlight_goes_to_that_highlight(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from reader.ui.note_dialog import NoteDialog

    view = _note_article(qtbot, window, tmp_path)
    opened: list[str] = []

    def fake_exec(dialog: NoteDialog) -> int:
        opened.append(dialog.windowTitle())
        dialog.note.setPlainText("好句子")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(NoteDialog, "exec", fake_exec)
    qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert len(window.annotations.annotations) == 1
    before = view.verticalScrollBar().value()
    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert opened, "the note dialog did not open"
    assert window.annotations.annotations[0].note == "好句子"
    assert view.verticalScrollBar().value() == before


# -- 5. zoom -------------------------------------------------------------------------------
def _sizes(view) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """The point size of the first heading of each level, and of the first body paragraph."""
    out: dict[str, float] = {}
    block = view.document().begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        it = block.begin()
        if not it.atEnd() and block.text().strip():
            out.setdefault(f"h{level}" if level else "p", it.fragment().charFormat().font().pointSizeF())
        block = block.next()
    return out


def test_zoom_scales_headings_with_the_text(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "headings.md"
    path.write_text("# 大标题\n\n正文段落。\n\n## 二级标题\n\n正文。\n\n### 三级标题\n\n正文。\n", encoding="utf-8")
    open_and_settle(qtbot, window, path)
    before = _sizes(window.translation_view)
    assert before["h1"] > before["h2"] > before["h3"] > before["p"]
    window.zoom(+1)
    window.zoom(+1)
    after = _sizes(window.translation_view)
    ratio = after["p"] / before["p"]
    assert ratio > 1.15
    for level in ("h1", "h2", "h3"):
        assert after[level] / before[level] == pytest.approx(ratio, rel=0.05), level


# -- 6. the translation check and code spans --------------------------------------------------
@pytest.mark.parametrize("code", ["`kubectl get nodes`", "<code>kubectl get nodes</code>"])
def test_the_translation_check_sees_a_dropped_code_span(qtbot, window, tmp_path, code: str) -> None:  # type: ignore[no-untyped-def]
    zh = tmp_path / "code.md"
    zh.write_text("# 查看节点\n\n运行命令来查看集群中的节点。\n\n第二段落有一些别的内容。\n\n"
                  "用 `kubectl apply` 部署应用。\n", encoding="utf-8")
    en = tmp_path / "code.en.md"
    en.write_text(f"# Seeing the nodes\n\nRun {code} to see the nodes in the cluster.\n\n"
                  "The second paragraph has other content.\n\nDeploy the app with `kubectl apply`.\n",
                  encoding="utf-8")
    open_and_settle(qtbot, window, zh, str(en))
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=15_000)
    flagged = {m.block: m.tooltip for m in window.translation_view.markers}
    dropped = next(b.index for b in window.session.article.units if b.text.startswith("运行命令"))
    kept = next(b.index for b in window.session.article.units if b.text.startswith("用"))
    assert "kubectl get nodes" in flagged.get(dropped, "")
    assert kept not in flagged  # the code the translation kept is not reported


# -- 7. remote images that cannot be fetched ------------------------------------------------
def test_a_remote_image_that_fails_shows_the_placeholder(qtbot, window, tmp_path, httpserver) -> None:  # type: ignore[no-untyped-def]
    httpserver.expect_request("/gone.png").respond_with_data("no", status=404)
    zh = tmp_path / "img.md"
    zh.write_text("# 图片\n\n第一段文字。\n\n第二段文字。\n", encoding="utf-8")
    en = tmp_path / "img.en.md"
    en.write_text(f"# Picture\n\nThe first paragraph.\n\n![A chart]({httpserver.url_for('/gone.png')})\n\n"
                  "The second paragraph.\n", encoding="utf-8")
    open_and_settle(qtbot, window, zh, str(en))
    view = window.original_view
    remote = [token for token, ref in view.images.items() if ref.kind == "remote"]
    assert remote
    qtbot.waitUntil(lambda: all(view._image_sources.get(t) not in (None, "Loading image…") for t in remote),
                    timeout=10_000)
    assert all(view._image_sources[t] == "Image not available" for t in remote)


# -- 8. Ctrl+Home and Ctrl+End ------------------------------------------------------------------
def test_ctrl_home_and_ctrl_end_go_to_the_start_and_the_end(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, BILINGUAL, ORIGINAL)
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=15_000)
    zh, en = window.translation_view, window.original_view
    zh.setFocus()
    qtbot.keyClick(zh, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert zh.verticalScrollBar().value() == zh.verticalScrollBar().maximum() > 0
    assert en.verticalScrollBar().value() > en.verticalScrollBar().maximum() // 2  # following
    qtbot.keyClick(zh, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert zh.verticalScrollBar().value() == 0
    assert en.verticalScrollBar().value() < en.verticalScrollBar().maximum() // 4


# -- 9. the English pane's first line -------------------------------------------------------------
@pytest.mark.parametrize("size", [(1200, 800), (1400, 900), (1000, 700), (1600, 1000), (900, 1000)])
def test_both_panes_open_at_their_very_top(qtbot, data_dir, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    win = started_like_the_cli(qtbot, data_dir, BILINGUAL, ORIGINAL, size)
    assert win.translation_view.verticalScrollBar().value() == 0
    assert win.original_view.verticalScrollBar().value() == 0


# -- 11. the hover tint after wheel scrolling ----------------------------------------------------
def test_the_hover_tint_follows_the_pointer_after_a_wheel_scroll(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, QPoint, QPointF
    from PySide6.QtGui import QMouseEvent, QWheelEvent
    from PySide6.QtWidgets import QApplication

    open_and_settle(qtbot, window, BILINGUAL, ORIGINAL)
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=15_000)
    view = window.translation_view
    viewport = view.viewport()
    point = QPointF(viewport.width() / 2, viewport.height() / 2)
    QApplication.sendEvent(viewport, QMouseEvent(QEvent.Type.MouseMove, point, viewport.mapToGlobal(point),
                                                 Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                                 Qt.KeyboardModifier.NoModifier))
    first = view.block_at_point(point.toPoint())
    assert view.tinted_blocks("1-hover")
    for _ in range(6):
        QApplication.sendEvent(viewport, QWheelEvent(point, viewport.mapToGlobal(point), QPoint(0, 0),
                                                     QPoint(0, -120), Qt.MouseButton.NoButton,
                                                     Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                                                     False))
    now = view.block_at_point(point.toPoint())
    assert now != first
    pair = window.session.parallel.pair_of("zh", now)
    expected = [b.index for b in pair.zh] if pair is not None else []
    assert view.tinted_blocks("1-hover") == expected


# -- 12. find leaves nothing behind ---------------------------------------------------------------
def test_find_selects_quietly_centres_the_hit_and_clears_on_no_match(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, BILINGUAL, ORIGINAL)
    view = window.translation_view
    view.setFocus()
    window.commands["find"].trigger()
    bar = window.find_bar
    bar.field.setText("Kubernetes")
    for _ in range(8):
        window.commands["find_next"].trigger()
    assert view.textCursor().selectedText() == "Kubernetes"
    popup = window.annotation_ui.bars.get(id(view))
    assert popup is None or not popup.isVisible()  # find is not a selection to annotate
    hit = view.cursorRect()
    middle = view.viewport().height() / 2
    assert abs(hit.center().y() - middle) < view.viewport().height() / 4  # not on an edge
    bar.field.setText("Kubernetes 不存在的字符串")
    assert bar.count.text() == "No matches"
    assert not view.textCursor().hasSelection()


# -- 14. find in a 1 MB article ---------------------------------------------------------------------
def test_find_in_a_long_article_waits_for_a_pause_in_typing(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = BILINGUAL.read_text(encoding="utf-8").split("\n\n", 2)[2]
    path = tmp_path / "long.md"
    path.write_text("# 很长的文章\n\n" + "\n\n".join([body] * (1_000_000 // len(body.encode()) + 1)), encoding="utf-8")
    open_and_settle(qtbot, window, path, timeout=60_000)
    view = window.translation_view
    view.setFocus()
    window.commands["find"].trigger()
    bar = window.find_bar
    calls: list[str] = []
    original_find_all = bar._find_all
    bar._find_all = lambda document, needle: calls.append(needle) or original_find_all(document, needle)  # type: ignore[method-assign]
    qtbot.keyClicks(bar.field, "Kubernetes")
    assert bar.field.text() == "Kubernetes"
    assert calls == []  # no search while the keys come in
    qtbot.waitUntil(lambda: bool(bar.matches), timeout=10_000)
    assert calls == ["Kubernetes"]
    assert bar.count.text() == f"1 of {len(bar.matches)}" or bar.count.text().endswith(f"of {len(bar.matches)}")
    assert len(bar.matches) == min(view.toPlainText().count("Kubernetes"), 10_000)


# -- 13. the export dialog and a relative path -----------------------------------------------------
def test_export_resolves_a_bare_name_against_the_folder_the_dialog_shows(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from reader.ui.export_dialog import ExportDialog

    path = tmp_path / "articles" / "note.md"
    path.parent.mkdir()
    path.write_text(NOTE_TEXT, encoding="utf-8")
    open_and_settle(qtbot, window, path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the process's working folder is not where the reader looks
    dialog = ExportDialog(window.data_dir, path, "note", 0, 0, "", window)
    qtbot.addWidget(dialog)
    assert Path(dialog.destination.text()).parent == path.parent  # the folder shown
    dialog.destination.setText("my-notes.md")
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as signal:
        dialog.export()
    assert (path.parent / "my-notes.md").is_file()
    assert not (elsewhere / "my-notes.md").exists()
    assert signal.args[1] == str(path.parent / "my-notes.md")  # the status bar shows where, in full


# -- 15. text: plural forms, search snippets, library titles ---------------------------------------
def test_counts_use_plural_forms_in_english_and_chinese(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale

    from reader.ui.app import make_application
    from reader.ui.i18n import install_language, tr

    make_application()
    try:
        install_language("en")
        assert tr("%n pair(s) · %1 unpaired", "", 1, args=("0",)) == "1 pair · 0 unpaired"
        assert tr("%n pair(s) · %1 unpaired", "", 2, args=("0",)) == "2 pairs · 0 unpaired"
        assert tr("%Ln article(s)", "", 1) == "1 article"
        assert tr("%Ln article(s)", "", 1234) == QLocale().toString(1234) + " articles"  # "1,234" in English
        assert tr("Exported %n annotation(s) to %1", "", 1, args=("x",)) == "Exported 1 annotation to x"
        install_language("zh_CN")
        assert tr("%n pair(s) · %1 unpaired", "", 1, args=("0",)) == "1 对 · 0 未对应"
    finally:
        install_language("en")


def test_search_snippets_are_plain_text_with_the_hit_emphasised(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_library_ui import index_via_dialog

    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(3):
        (folder / f"v{i}.md").write_text(f"# 虚拟化 {i}\n\n> 原文：<https://example.com/v{i}/>\n\n每台机器都运行虚拟机。\n",
                                         encoding="utf-8")
    # The English original is searched as the Markdown it was cached as.
    original = tmp_path / "v0.en.md"
    original.write_text("# Virtualization\n\nEvery machine runs a *hypervisor* with `kvm` to manage "
                        "**virtual machines**, see [the docs](https://example.com/doc).\n", encoding="utf-8")
    open_and_settle(qtbot, window, folder / "v0.md", str(original))
    index_via_dialog(qtbot, window, folder, monkeypatch)
    dock = window.library.search_dock
    with qtbot.waitSignal(dock.searched, timeout=10_000):
        dock.query.setText("hypervisor")
        dock.search_now()
    assert dock.result is not None and dock.result.total == 1
    text = dock.results.toPlainText()
    assert "hypervisor" in text and "virtual machines" in text
    assert not any(mark in text for mark in ("*", "`", "](")), text
    assert "<b" in dock.results.toHtml() or "font-weight" in dock.results.toHtml()  # the hit stands out


def test_library_titles_get_the_width_in_a_narrow_dock(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_library_ui import index_via_dialog, make_folder

    index_via_dialog(qtbot, window, make_folder(tmp_path), monkeypatch)
    dock = window.library.library_dock
    dock.table.resize(320, 400)
    qtbot.waitUntil(lambda: dock.table.viewport().width() <= 320)
    title = dock.table.columnWidth(0)
    assert title >= dock.table.viewport().width() * 0.5
    assert dock.table.isColumnHidden(1)  # every article here is from example.com


# -- 10. the interleaved view ----------------------------------------------------------------------
def _interleaved_window(qtbot, data_dir: Path, path: Path, original: str):  # type: ignore[no-untyped-def]
    win = create_window(data_dir)
    qtbot.addWidget(win)
    win.set_layout("interleaved")
    win.resize(1400, 900)
    win.open_file(path, original=original)
    win.show()
    qtbot.waitUntil(lambda: win.session.parallel is not None and win.settled(), timeout=15_000)
    return win


def test_the_interleaved_view_opens_a_new_article_at_its_title(qtbot, data_dir) -> None:  # type: ignore[no-untyped-def]
    win = _interleaved_window(qtbot, data_dir, BILINGUAL, ORIGINAL)
    assert win.interleaved_view.verticalScrollBar().value() == 0


def test_the_interleaved_view_shows_english_in_english_fonts_and_code_once(qtbot, data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    zh = tmp_path / "code.md"
    zh.write_text("# 部署\n\n先安装工具，然后运行下面的命令。\n\n```bash\nkubectl apply -f app.yaml\n```\n\n"
                  "部署完成后检查状态。\n", encoding="utf-8")
    en = tmp_path / "code.en.md"
    en.write_text("# Deploying\n\nFirst install the tools, then run the command below.\n\n"
                  "```bash\nkubectl apply -f app.yaml\n```\n\nCheck the status once it is deployed.\n",
                  encoding="utf-8")
    win = _interleaved_window(qtbot, data_dir, zh, str(en))
    view = win.interleaved_view
    assert view.toPlainText().count("kubectl apply -f app.yaml") == 1
    # The English paragraph is set in the English pane's fonts (Latin first), not the Chinese ones.
    block = view.document().find("First install the tools").block()
    family = block.begin().fragment().charFormat().fontFamilies()
    english_first = win.original_view.document().find("First install the tools").charFormat().fontFamilies()
    assert family and family[0] == english_first[0]
    # The same size and measure as the English pane: a line holds as many characters.
    size = block.begin().fragment().charFormat().font().pointSizeF()
    assert size == win.original_view.document().find("First install the tools").charFormat().font().pointSizeF()
    assert view.measure == win.original_view.measure


# -- gaps: files a file manager hands over ----------------------------------------------------------
def test_an_empty_file_opens_as_an_empty_article(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    open_and_settle(qtbot, window, empty)
    assert window.session.article is not None and window.session.article.units == []
    assert "This file is empty" in window.translation_view.toPlainText()


def test_a_picture_opens_the_window_with_a_clear_message(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    picture = tmp_path / "pic.png"
    picture.write_bytes((ARTICLES.parent / "docs" / "screenshot.png").read_bytes())
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    with qtbot.waitSignal(window.session.failed, timeout=10_000):
        window.open_file(picture)
    assert said and "PNG image" in said[0]
    assert window.isVisible() and window.session.article is None


# -- gaps: a bookmark marks the paragraph being read ----------------------------------------------
def test_bookmark_marks_the_paragraph_clicked_not_the_top_of_the_view(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    path = tmp_path / "marks.md"
    path.write_text("# 书签\n\n" + "\n\n".join(f"第 {i} 段的文字，用来测试书签放在哪里。" for i in range(60)),
                    encoding="utf-8")
    open_and_settle(qtbot, window, path)
    qtbot.waitUntil(lambda: not window.annotations.busy, timeout=10_000)
    view = window.translation_view
    view.scroll_to_block(window.session.article.units[20].index)
    target = next(u for u in window.session.article.units if u.text.startswith("第 25 段"))
    y = view.block_y(target.index) - view.verticalScrollBar().value() + 12
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(view.viewport().width() // 2, int(y)))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))
    window.annotation_ui.bookmark_action.trigger()
    marks = [a for a in window.annotations.annotations if a.kind == "bookmark"]
    assert len(marks) == 1 and marks[0].exact.startswith("第 25 段"), marks[0].exact


# -- gaps: the Annotations dock's width ------------------------------------------------------------
def test_the_annotations_dock_opens_narrow_and_keeps_the_width_chosen(qtbot, data_dir) -> None:  # type: ignore[no-untyped-def]
    win = started_like_the_cli(qtbot, data_dir, BILINGUAL, ORIGINAL, (1400, 900))
    win.annotation_ui.dock_action.trigger()
    dock = win.annotation_ui.dock
    qtbot.waitUntil(dock.isVisible)
    qtbot.waitUntil(lambda: dock.width() <= 340, timeout=2_000)
    assert win.translation_view.width() > dock.width() * 1.5
    win.resizeDocks([dock], [380], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(dock.width() - 380) <= 8, timeout=2_000)
    win.close()
    again = started_like_the_cli(qtbot, data_dir, BILINGUAL, ORIGINAL, (1400, 900))
    assert again.annotation_ui._dock.is_open
    qtbot.waitUntil(lambda: abs(again.annotation_ui.dock.width() - 380) <= 8, timeout=2_000)


# -- gaps: a highlight with a note looks it; a double click edits the note --------------------------
def test_a_noted_highlight_is_marked_and_a_double_click_in_the_dock_edits_it(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextCharFormat

    from reader.ui.note_dialog import NoteDialog

    view = _note_article(qtbot, window, tmp_path)
    plain = window.annotation_ui.highlight("green", view)
    view.setTextCursor(view.document().find("别的内容"))
    noted = window.annotation_ui.highlight("yellow", view)
    window.annotations.update(noted.id, note="要查一下")
    styles = {sel.cursor.selectedText(): sel.format.underlineStyle() for sel in view._layers["0-annotations"]}
    assert styles["要加笔记的句子"] == QTextCharFormat.UnderlineStyle.NoUnderline
    assert styles["别的内容"] != QTextCharFormat.UnderlineStyle.NoUnderline
    edited: list[str] = []
    monkeypatch.setattr(NoteDialog, "exec", lambda dialog: edited.append(dialog.note.toPlainText()) or 0)
    window.annotation_ui.dock_action.trigger()
    dock = window.annotation_ui.dock
    item = next(it for it in dock.tree.findItems("别的内容", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive))
    dock.tree.itemDoubleClicked.emit(item, 0)
    assert edited == ["要查一下"]
    assert plain is not None


# -- gaps: find says where it searches, and can search both panes ----------------------------------
def test_find_names_the_pane_and_can_search_both(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, BILINGUAL, ORIGINAL)
    zh, en = window.translation_view, window.original_view
    zh.setFocus()
    window.commands["find"].trigger()
    bar = window.find_bar
    assert zh.accessibleName() in bar.where.text()
    bar.field.setText("Azure")
    only_zh = len(bar.matches)
    assert only_zh == zh.toPlainText().lower().count("azure")  # find ignores case
    assert bar.both.isVisible()
    bar.both.setChecked(True)
    assert "both" in bar.where.text().lower()
    assert len(bar.matches) == only_zh + en.toPlainText().lower().count("azure")
    assert "4-find" in en._layers
    for _ in range(only_zh):
        window.commands["find_next"].trigger()
    assert en.textCursor().selectedText().lower() == "azure"  # past the translation's last hit: the original's


# -- gaps: a web page opened as the article --------------------------------------------------------
PAGE = ("<html><head><title>Containers</title></head><body><nav>Home · Blog · About · Log in</nav>"
        "<div class='cookie'>We use cookies. Accept all?</div><article><h1>A Short History of Containers</h1>"
        + "".join(f"<p>Paragraph {i}: Docker was released in 2013 and changed how software ships, "
                  f"and Kubernetes followed soon after.</p>" for i in range(8))
        + "</article><footer>© 2024 Example</footer></body></html>")


def test_a_web_page_opens_as_its_article_text(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    open_and_settle(qtbot, window, page)
    text = window.translation_view.toPlainText()
    assert "A Short History of Containers" in text and "Paragraph 7" in text
    assert "cookies" not in text and "Log in" not in text


def test_a_web_page_opened_beside_an_article_can_become_its_original(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from reader.ui import web_page

    zh = tmp_path / "history.md"
    zh.write_text("# 容器简史\n\n" + "\n\n".join(f"第 {i} 段：Docker 于 2013 年发布，改变了软件交付的方式。" for i in range(8)),
                  encoding="utf-8")
    open_and_settle(qtbot, window, zh)
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    asked: list[str] = []
    monkeypatch.setattr(web_page, "ask", lambda parent, path, title: asked.append(title) or web_page.AS_ORIGINAL)
    window.open_file(page)
    assert asked == ["容器简史"]
    assert window.session.article.title == "容器简史"  # still the translation
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=15_000)
    assert "Paragraph 3" in window.original_view.toPlainText()


def test_a_small_picture_given_at_start_shows_its_message_over_the_window(qtbot, data_dir, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QMessageBox

    picture = tmp_path / "small.png"
    image = QImage(16, 16, QImage.Format.Format_RGB32)
    image.fill(0)
    image.save(str(picture))
    shown_over: list[bool] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown_over.append(parent.isVisible()))
    win = create_window(data_dir)
    qtbot.addWidget(win)
    win.open_file(picture)  # as `bilingual-reader small.png` does, before the window shows
    win.show()
    qtbot.waitUntil(lambda: bool(shown_over), timeout=5_000)
    assert shown_over == [True]
