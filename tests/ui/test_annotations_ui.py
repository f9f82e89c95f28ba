"""Highlights, notes, bookmarks and the Annotations dock in the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QInputDialog

from reader.ui.app import create_window
from reader.ui.note_dialog import NoteDialog
from tests.ui.conftest import open_and_settle

TEXT = (
    "# 表情测试\n\n> 原文：<https://example.com/emoji>\n\n"
    "第一段 😀 有表情 𠮷 和罕见字，然后是要高亮的句子。\n\n"
    "- 列表项 A\n- 列表项 B 包含 `code`\n\n"
    "第三段：更多内容，用来滚动和书签。\n\n" + "\n\n".join(f"填充段落 {i}。" for i in range(60))
)


def article(tmp_path: Path) -> Path:
    path = tmp_path / "emoji.md"
    path.write_text(TEXT, encoding="utf-8")
    return path


def select(view, needle: str) -> None:  # type: ignore[no-untyped-def]
    cursor = view.document().find(needle)
    assert not cursor.isNull(), needle
    view.setTextCursor(cursor)


def painted_texts(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [sel.cursor.selectedText() for sel in view._layers.get("0-annotations", [])]


def loaded(qtbot, window, path: Path) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, path)
    qtbot.waitUntil(lambda: not window.annotations.busy, timeout=10_000)


def test_highlight_note_dock_and_reopen(qtbot, window, tmp_path, data_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = article(tmp_path)
    loaded(qtbot, window, path)
    view = window.translation_view
    select(view, "要高亮的句子")
    assert window.annotation_ui.bars[id(view)].isVisible()  # the floating bar
    annotation = window.annotation_ui.highlight("green", view)
    assert annotation is not None and annotation.exact == "要高亮的句子" and annotation.color == "green"
    assert painted_texts(view) == ["要高亮的句子"]

    def fake_exec(dialog: NoteDialog) -> int:
        dialog.note.setPlainText("译得不错")
        dialog.tags.setText("好句 待查")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(NoteDialog, "exec", fake_exec)
    window.annotation_ui.edit(annotation)
    window.annotation_ui.dock_action.trigger()
    dock = window.annotation_ui.dock
    assert dock.isVisible()
    listed = dock.visible_annotations()
    assert [(a.exact, a.note, a.tags) for a in listed] == [("要高亮的句子", "译得不错", ("好句", "待查"))]
    dock.search.setText("不存在")
    assert dock.visible_annotations() == []
    dock.search.setText("")
    dock.color.setCurrentIndex(dock.color.findData("green"))
    assert len(dock.visible_annotations()) == 1
    window.close()

    again = create_window(data_dir)
    qtbot.addWidget(again)
    again.show()
    loaded(qtbot, again, path)
    assert painted_texts(again.translation_view) == ["要高亮的句子"]
    assert again.annotations.annotations[0].note == "译得不错"


def test_emoji_and_rare_characters_keep_offsets(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = article(tmp_path)
    loaded(qtbot, window, path)
    view = window.translation_view
    select(view, "有表情 𠮷 和罕见字")
    annotation = window.annotation_ui.highlight("pink", view)
    assert annotation.exact == "有表情 𠮷 和罕见字"
    text = window.annotations.texts["zh"]
    assert text[annotation.start : annotation.end] == "有表情 𠮷 和罕见字"
    # Edit the file: insert emoji before the quote; the highlight moves with its text.
    path.write_text(TEXT.replace("第一段", "🎉🎉 新开头 第一段"), encoding="utf-8")
    window.close_article()
    loaded(qtbot, window, path)
    assert painted_texts(window.translation_view) == ["有表情 𠮷 和罕见字"]


def test_delete_and_undo(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    loaded(qtbot, window, article(tmp_path))
    view = window.translation_view
    select(view, "第三段")
    annotation = window.annotation_ui.highlight("yellow", view)
    window.annotations.delete(annotation.id)
    assert painted_texts(view) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert painted_texts(view) == ["第三段"]
    assert window.annotations.annotations[0].id == annotation.id


def test_bookmark_and_jump(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    loaded(qtbot, window, article(tmp_path))
    view = window.translation_view
    target = next(b for b in window.session.article.units if b.text == "填充段落 40。")
    view.scroll_to_block(target.index, 0.3)  # at the reading line: the paragraph being read
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("第四十段", True))
    window.annotation_ui.bookmark_action.trigger()
    mark = next(a for a in window.annotations.annotations if a.kind == "bookmark")
    assert mark.note == "第四十段" and mark.exact.startswith("填充段落 40")
    view.verticalScrollBar().setValue(0)
    window.annotation_ui._fill_bookmarks()
    jump = next(a for a in window.annotation_ui.bookmarks_menu.actions() if "第四十段" in a.text())
    jump.trigger()
    assert view.verticalScrollBar().value() > 0
    top = view.block_at_y(view.verticalScrollBar().value() + view.viewport().height() * 0.3)
    assert abs(top[0] - target.index) <= 1


def test_reading_position_is_restored(qtbot, window, tmp_path, data_dir) -> None:  # type: ignore[no-untyped-def]
    path = article(tmp_path)
    loaded(qtbot, window, path)
    target = next(b for b in window.session.article.units if b.text == "填充段落 30。")
    window.translation_view.scroll_to_block(target.index)
    window.close()
    again = create_window(data_dir)
    qtbot.addWidget(again)
    again.resize(1200, 800)
    again.show()
    loaded(qtbot, again, path)
    assert again.translation_view.top_block() == target.index


def test_orphan_is_listed_and_can_be_attached(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = article(tmp_path)
    loaded(qtbot, window, path)
    select(window.translation_view, "更多内容，用来滚动和书签")
    window.annotation_ui.highlight("blue", window.translation_view)
    path.write_text(TEXT.replace("第三段：更多内容，用来滚动和书签。", "完全不同的一段。"), encoding="utf-8")
    window.close_article()
    loaded(qtbot, window, path)
    dock = window.annotation_ui.dock
    orphan = window.annotations.annotations[0]
    assert orphan.status == "orphaned"
    groups = [dock.tree.topLevelItem(i).text(0) for i in range(dock.tree.topLevelItemCount())]
    assert any(g.startswith("Unanchored") for g in groups)
    select(window.translation_view, "完全不同的一段")
    window.annotation_ui.attach(orphan, window.translation_view)
    assert window.annotations.annotations[0].status != "orphaned"
    assert painted_texts(window.translation_view) == ["完全不同的一段"]


def test_highlight_in_interleaved_view(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    zh = tmp_path / "a.md"
    zh.write_text("# 标题\n\n> 原文：<https://example.com/x>\n\n第一段中文。\n\n第二段中文。", encoding="utf-8")
    (tmp_path / "a.en.md").write_text("# Title\n\nFirst English paragraph.\n\nSecond English paragraph.",
                                      encoding="utf-8")
    loaded(qtbot, window, zh)
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=10_000)
    window.set_layout("interleaved")
    view = window.interleaved_view
    select(view, "Second English")
    annotation = window.annotation_ui.highlight("purple", view)
    assert annotation.side == "en" and annotation.exact == "Second English"
    window.set_layout("side")
    assert painted_texts(window.original_view) == ["Second English"]
    cursor = QTextCursor(window.original_view.document())
    assert cursor is not None


def test_hovering_a_highlight_shows_its_note(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QToolTip

    loaded(qtbot, window, article(tmp_path))
    view = window.translation_view
    select(view, "第三段")
    annotation = window.annotation_ui.highlight("yellow", view)
    window.annotations.update(annotation.id, note="悬停可见的笔记", tags=["术语"])
    cursor = view.document().find("第三段")
    cursor.setPosition(cursor.selectionStart() + 1)
    point = view.cursorRect(cursor).center()
    QTest.mouseMove(view.viewport(), point)  # the pointer comes to rest over the highlight
    event = QHelpEvent(QHelpEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert "悬停可见的笔记" in QToolTip.text() and "#术语" in QToolTip.text()
    elsewhere = view.cursorRect(view.document().find("第一段")).center()
    QTest.mouseMove(view.viewport(), elsewhere)  # over plain text: nothing to show
    assert view.viewport().toolTip() == ""
