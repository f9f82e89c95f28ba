"""Proofread mode in the window: edit in place, undo, conflicts, review marks, Changes panel."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.core.annotations import create_annotation, reanchor_article
from reader.core.article import parse_article
from reader.core.store import Store
from tests.conftest import ARTICLES
from tests.ui.conftest import open_and_settle

NAME = "azure-arc-kubernetes"


def copy_pair(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in (f"{NAME}.md", f"{NAME}.en.html"):
        shutil.copy(ARTICLES / name, folder / name)
    return folder / f"{NAME}.md"


def _open_proofreading(qtbot, window, path: Path) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, path)
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=15_000)
    if not window.proofread.active:  # the mode stays on from one article to the next
        window.proofread.action.trigger()
    assert window.proofread.active
    qtbot.waitUntil(lambda: bool(window.proofread.items), timeout=10_000)


def _paragraphs(window):  # type: ignore[no-untyped-def]
    return [b for b in window.session.article.units if b.kind == "paragraph"]


def test_edit_save_undo_keeps_annotations_and_bytes(qtbot, window, tmp_path: Path, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    path = copy_pair(tmp_path)
    original = path.read_bytes()
    article = parse_article(path)
    text = article.plain_text
    with Store(data_dir) as store:
        quote = "随着公司内容器的增长继续增加"
        start = text.index(quote)
        create_annotation(store, article.key, "zh", text, start, start + len(quote), note="别处的批注")
    _open_proofreading(qtbot, window, path)
    loads: list[object] = []
    window.session.opened.connect(loads.append)
    target = _paragraphs(window)[3]
    window.proofread.current_block = target.index
    qtbot.keyClick(window.translation_view, Qt.Key.Key_F2)
    editor = window.proofread.editor
    assert editor is not None and editor.isVisible()
    assert editor.edit.toPlainText() == original.decode().split("\n")[target.line_start - 1]
    assert window.original_view._layers.get("3-proofread")  # the English counterpart is tinted
    editor.edit.setPlainText("这一段由校对者改过。")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "这一段由校对者改过。" in window.translation_view.toPlainText(), timeout=10_000)
    assert not editor.isVisible()
    after = path.read_bytes()
    old_lines, new_lines = original.split(b"\n"), after.split(b"\n")
    assert [n for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b] == [
        target.line_start - 1]
    # The app's own save is not taken for a change made elsewhere.
    assert window.statusBar().currentMessage() == "Saved."
    with qtbot.waitSignal(window.session.file_watch.changed, timeout=5_000):
        pass
    assert loads == []  # drawn in place (test_a_save_redraws_only_its_block_and_the_panes_do_not_jump)
    with Store(data_dir) as store:
        (note,) = reanchor_article(store, article.key, {"zh": parse_article(path).plain_text})
    assert note.status == "exact" and note.exact == "随着公司内容器的增长继续增加"
    # Undo and redo by the exact bytes.
    qtbot.keyClick(window.translation_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: path.read_bytes() == original, timeout=5_000)
    qtbot.waitUntil(lambda: "这一段由校对者改过。" not in window.translation_view.toPlainText(), timeout=10_000)
    window.proofread.redo()
    assert path.read_bytes() == after


def test_tab_saves_and_edits_the_next_paragraph_esc_cancels(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = copy_pair(tmp_path)
    _open_proofreading(qtbot, window, path)
    first, second = _paragraphs(window)[1:3]
    window.proofread.edit_block(first)
    editor = window.proofread.editor
    editor.edit.setPlainText("第一段，改了。")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.proofread.editing is not None
                    and window.proofread.editing.block.line_start == second.line_start, timeout=10_000)
    assert window.proofread.editor.edit.toPlainText() == second.source
    before = path.read_bytes()
    window.proofread.editor.edit.setPlainText("不会保存")
    qtbot.keyClick(window.proofread.editor.edit, Qt.Key.Key_Escape)
    assert window.proofread.editing is None and path.read_bytes() == before
    assert "第一段，改了。" in path.read_text(encoding="utf-8")


def test_a_change_on_disk_under_the_editor_shows_both(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = copy_pair(tmp_path)
    _open_proofreading(qtbot, window, path)
    target = _paragraphs(window)[2]
    window.proofread.edit_block(target)
    editor = window.proofread.editor
    editor.edit.setPlainText("我的改法。")
    theirs = path.read_text(encoding="utf-8").replace(target.source, "别人的改法。").replace(
        "在本章中", "在这一章里")
    with qtbot.waitSignal(window.session.file_watch.changed, timeout=5_000):
        path.write_text(theirs, encoding="utf-8")
    assert editor.theirs.isVisible() and editor.theirs.toPlainText() == "别人的改法。"
    assert editor.edit.toPlainText() == "我的改法。"  # neither side clobbered
    assert path.read_text(encoding="utf-8") == theirs
    editor.keep_button.click()
    qtbot.waitUntil(lambda: "我的改法。" in window.translation_view.toPlainText(), timeout=10_000)
    text = path.read_text(encoding="utf-8")
    assert "我的改法。" in text and "在这一章里" in text and "别人的改法。" not in text


def test_review_marks_progress_navigation_survive_edit_and_reopen(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = copy_pair(tmp_path)
    _open_proofreading(qtbot, window, path)
    proof = window.proofread
    items = proof.items
    total = len(items)
    assert proof.progress_label.text() == f"Proofread 0/{total}"
    with qtbot.waitSignal(proof.review_changed, timeout=5_000):
        proof.set_status(items[2].zh_blocks[0], "reviewed")
    with qtbot.waitSignal(proof.review_changed, timeout=5_000):
        proof.set_status(items[5].zh_blocks[0], "flagged", "术语")
    assert proof.progress_label.text() == f"Proofread 1/{total}, 1 pair flagged"
    colors = {m.block: m.color for m in window.translation_view.markers}
    assert colors[items[2].zh_blocks[0]] == "#2e9d4f" and colors[items[5].zh_blocks[0]] == "#d9480f"
    # F goes to the flagged pair, N to the next unreviewed one.
    proof.current_block = items[0].zh_blocks[0]
    qtbot.keyClick(window.translation_view, Qt.Key.Key_F)
    assert proof.current_block == items[5].zh_blocks[0]
    qtbot.keyClick(window.translation_view, Qt.Key.Key_N)
    assert proof.current_block == items[6].zh_blocks[0]
    qtbot.keyClick(window.translation_view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert proof.current_block == items[4].zh_blocks[0]
    # The flagged pair is edited: it stays flagged, marked edited.
    block = next(b for b in window.session.article.units if b.index == items[5].zh_blocks[0])
    proof.edit_block(block)
    proof.editor.edit.setPlainText(block.source + "（已改）")
    with qtbot.waitSignal(proof.review_changed, timeout=10_000):
        proof.save()
    qtbot.waitUntil(lambda: any(i.edited for i in proof.items), timeout=10_000)
    flagged = [i for i in proof.items if i.status == "flagged"]
    assert len(flagged) == 1 and flagged[0].edited and flagged[0].zh.endswith("（已改）")
    # Reopen: the marks are still there.
    window.close_article()
    _open_proofreading(qtbot, window, path)
    qtbot.waitUntil(lambda: proof.progress_label.text() == f"Proofread 1/{total}, 1 pair flagged", timeout=10_000)


@pytest.mark.skipif(shutil.which("git") is None, reason="a real git repository")
def test_changes_panel_and_commit_in_a_git_repository(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = tmp_path / "repo"
    path = copy_pair(repo)
    (repo / "other.md").write_text("untouched\n", encoding="utf-8")
    env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.com", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                              text=True).stdout

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "start")
    _open_proofreading(qtbot, window, path)
    target = _paragraphs(window)[2]
    window.proofread.edit_block(target)
    window.proofread.editor.edit.setPlainText(target.source.replace("Azure", "微软 Azure", 1))
    window.proofread.save()
    window.proofread.show_changes()
    dock = window.proofread.changes_dock.get()
    qtbot.waitUntil(lambda: dock.changes is not None and dock.changes.changed, timeout=10_000)
    assert "HEAD" in dock.summary.text()
    assert dock.commit_button.isEnabled()
    changed = [line for line in dock.changes.lines if line.kind == "+"]
    assert [t for c, t in changed[0].segments if c] == ["微软 "]
    dialog = dock.commit_dialog()
    assert dialog is not None and dialog.message.toPlainText().startswith("校对：")
    dialog.deleteLater()
    with qtbot.waitSignal(dock.committed, timeout=10_000):
        dock.commit_with("校对：一处译名")
    assert git("log", "--format=%s").split("\n")[0] == "校对：一处译名"
    assert git("show", "--name-only", "--format=", "HEAD").split() == [path.name]
    assert git("status", "--porcelain") == ""
    qtbot.waitUntil(lambda: dock.changes is not None and not dock.changes.changed, timeout=10_000)


def test_library_shows_and_filters_the_review_state(qtbot, window, tmp_path: Path, data_dir: Path,  # type: ignore[no-untyped-def]
                                                    monkeypatch) -> None:
    from reader.core.review import review_items, set_review
    from tests.ui.test_library_ui import index_via_dialog, make_folder

    folder = make_folder(tmp_path, n=4)
    articles = sorted(folder.glob("a*.md"))
    with Store(data_dir) as store:
        done = parse_article(articles[0])
        for item in review_items(store, done, None):
            set_review(store, done, None, item.index, "reviewed")
        started = parse_article(articles[1])
        set_review(store, started, None, review_items(store, started, None)[1].index, "reviewed")
    index_via_dialog(qtbot, window, folder, monkeypatch)
    dock = window.library.library_dock
    review = {row.path: dock.model.review_of(row)[1] for row in dock.model.rows}
    assert review[str(articles[0])] == "Reviewed"
    assert review[str(articles[1])] == "In progress (1 of 3)"
    assert review[str(articles[2])] == ""
    column = next(c for c in range(dock.model.columnCount())
                  if dock.model.headerData(c, Qt.Orientation.Horizontal) == "Review")
    shown = {dock.model.data(dock.model.index(r, column)) for r in range(dock.model.rowCount())}
    assert {"Reviewed", "In progress (1 of 3)", ""} <= shown
    dock.review_filter.setCurrentIndex(dock.review_filter.findData("in progress"))
    assert [row.path for row in dock.model.rows] == [str(articles[1])]
    dock.review_filter.setCurrentIndex(dock.review_filter.findData("not started"))
    assert dock.model.rowCount() == 2
    dock.review_filter.setCurrentIndex(0)
    assert dock.model.rowCount() == 4


def test_a_click_in_the_margin_marks_the_pair_reviewed_and_a_second_takes_it_back(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    path = copy_pair(tmp_path)
    _open_proofreading(qtbot, window, path)
    proof, view = window.proofread, window.translation_view
    item = proof.items[3]
    block = item.zh_blocks[0]
    view.scroll_to_block(block, 0.3)
    top, bottom = view.block_span(block)
    y = int((top + bottom) / 2) - view.verticalScrollBar().value()
    margin = view.document().rootFrame().frameFormat().leftMargin()
    assert margin > 8  # there is a margin to click in
    where = QPoint(2, y)
    with qtbot.waitSignal(proof.review_changed, timeout=5_000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert proof.current_block == block
    assert [i.index for i in proof.items if i.status == "reviewed"] == [item.index]
    assert {m.block: m.color for m in view.markers}[block] == "#2e9d4f"
    with qtbot.waitSignal(proof.review_changed, timeout=5_000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert not [i for i in proof.items if i.status == "reviewed"]


def test_ctrl_enter_outside_the_editor_marks_the_current_pair_reviewed(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = copy_pair(tmp_path)
    before = path.read_bytes()
    _open_proofreading(qtbot, window, path)
    proof = window.proofread
    item = proof.items[4]
    proof.current_block = item.zh_blocks[0]
    assert proof.editing is None
    with qtbot.waitSignal(proof.review_changed, timeout=5_000):
        qtbot.keyClick(window.translation_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [i.index for i in proof.items if i.status == "reviewed"] == [item.index]
    assert path.read_bytes() == before  # marking writes the store, never the file
    total = len(proof.items)
    assert proof.progress_label.text() == f"Proofread 1/{total}"


def test_a_save_redraws_only_its_block_and_the_panes_do_not_jump(qtbot, window, tmp_path: Path, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    path = copy_pair(tmp_path)
    article = parse_article(path)
    text = article.plain_text
    quote = "随着公司内容器的增长继续增加"
    with Store(data_dir) as store:
        start = text.index(quote)
        create_annotation(store, article.key, "zh", text, start, start + len(quote), note="别处的批注")
    _open_proofreading(qtbot, window, path)
    proof, zh, en = window.proofread, window.translation_view, window.original_view
    loads: list[object] = []
    window.session.opened.connect(loads.append)
    target = next(b for b in _paragraphs(window)[6:] if quote not in b.text)
    zh.scroll_to_block(target.index, 0.3)
    qtbot.waitUntil(lambda: zh.verticalScrollBar().value() > 0 and en.verticalScrollBar().value() > 0, timeout=5_000)
    qtbot.waitUntil(window.settled, timeout=10_000)
    scrolls = (zh.verticalScrollBar().value(), en.verticalScrollBar().value())
    pairs_before = window.session.parallel.pairs
    with qtbot.waitSignal(proof.review_changed, timeout=5_000):
        proof.set_status(target.index, "reviewed")
    proof.edit_block(target)
    proof.editor.edit.setPlainText("这一段由校对者改得更长了一些，" * 5)
    with qtbot.waitSignal(window.session.patched, timeout=10_000):
        proof.save()
    qtbot.waitUntil(lambda: not window.annotations.busy and window.settled(), timeout=10_000)
    assert loads == []  # not read, drawn and aligned all over again
    assert "这一段由校对者改得更长了一些，" * 5 in zh.toPlainText()
    assert zh.toPlainText() == "\n".join(_drawn_blocks(window))
    assert (zh.verticalScrollBar().value(), en.verticalScrollBar().value()) == scrolls  # no jump
    # Positions after the edit shifted with it: every block starts where a full drawing puts it.
    starts = list(zh.block_starts)
    zh._index_blocks()
    assert zh.block_starts == starts
    # Only the neighbourhood was aligned again: pairs far from the edit are the same pairs.
    pairs = window.session.parallel.pairs
    k = window.session.parallel.zh_pair[target.index]
    assert [(tuple(b.index for b in p.zh), p.en) for p in pairs[: k - 3]] == \
        [(tuple(b.index for b in p.zh), p.en) for p in pairs_before[: k - 3]]
    # The other annotation is still exact and drawn on the same words; the review mark stays.
    note = window.annotations.annotations[0]
    assert note.status == "exact" and note.exact == quote
    (selection,) = [s for s in zh.extraSelections() if s.cursor.selectedText() == quote]
    qtbot.waitUntil(lambda: any(i.edited and i.status == "reviewed" for i in proof.items), timeout=10_000)


def _drawn_blocks(window):  # type: ignore[no-untyped-def]
    """The pane's text as a full drawing of the article on disk gives it."""
    from PySide6.QtGui import QTextDocument

    from reader.ui.session import render_translation

    document = QTextDocument()
    document.setHtml(render_translation(parse_article(window.session.article.path), window.session.theme).html)
    return document.toPlainText().split("\n")


def test_a_save_that_splits_the_paragraph_reads_the_whole_file_again(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = copy_pair(tmp_path)
    _open_proofreading(qtbot, window, path)
    proof = window.proofread
    target = _paragraphs(window)[4]
    count = len(window.session.article.blocks)
    proof.edit_block(target)
    proof.editor.edit.setPlainText("拆成的第一段。\n\n拆成的第二段。")
    with qtbot.waitSignal(window.session.opened, timeout=10_000):
        proof.save()
    assert len(window.session.article.blocks) == count + 1
    assert "拆成的第一段。\n拆成的第二段。" in window.translation_view.toPlainText()
    assert window.translation_view.toPlainText() == "\n".join(_drawn_blocks(window))


def test_a_typography_fix_of_the_check_shows_its_change_and_applies_in_the_editor(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QPushButton

    wrong, right = "我们在2024年使用Kubernetes部署集群。", "我们在 2024 年使用 Kubernetes 部署集群。"
    path = copy_pair(tmp_path)
    target = _paragraphs_of(parse_article(path))[5]
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[target.line_start - 1: target.line_end] = [wrong]
    path.write_text("\n".join(lines), encoding="utf-8")
    _open_proofreading(qtbot, window, path)
    window.commands["check"].trigger()
    qtbot.waitUntil(lambda: window.sync.check_report is not None, timeout=15_000)
    proof = window.proofread
    block = next(b for b in window.session.article.units if b.source == wrong)
    proof.edit_block(block)
    editor = proof.editor
    assert editor.fixes.isVisible()
    (preview,) = editor.fixes.findChildren(QLabel, "fixPreview")
    # The change shows before it is applied: the sentence, with the added spaces marked.
    assert preview.text().startswith("<b>Typography</b>")
    assert preview.text().count('<span style="background:#c3f0c8; font-weight:bold"> </span>') == 4
    before = path.read_bytes()
    assert editor.edit.toPlainText() == wrong
    (button,) = editor.fixes.findChildren(QPushButton, "applyFix")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert editor.edit.toPlainText() == right and editor.fixes.isHidden()
    assert path.read_bytes() == before  # applied in the editor; saving stays the proofreader's
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert right in path.read_text(encoding="utf-8")
    # The check runs again on the saved text: nothing more to fix in that paragraph.
    qtbot.waitUntil(lambda: window.sync.check_report is not None
                    and all(i.zh != wrong for i in window.sync.check_report.all_issues), timeout=15_000)
    fixed = next(b for b in window.session.article.units if b.source == right)
    assert proof.fixes_of(fixed, right) == []


def _paragraphs_of(article):  # type: ignore[no-untyped-def]
    return [b for b in article.units if b.kind == "paragraph"]


def test_closing_the_window_while_a_save_is_drawn_leaves_nothing_running(qtbot, window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                         monkeypatch) -> None:
    """A save is drawn by a task; the window closing meanwhile (its store closed) must not
    have the task's result touch the window afterwards."""
    import threading

    from reader.core import patch

    path = copy_pair(tmp_path)
    _open_proofreading(qtbot, window, path)
    started, release = threading.Event(), threading.Event()
    real = patch.changed_blocks

    def slow_changed_blocks(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(patch, "changed_blocks", slow_changed_blocks)
    target = _paragraphs(window)[3]
    window.proofread.current_block = target.index
    qtbot.keyClick(window.translation_view, Qt.Key.Key_F2)
    editor = window.proofread.editor
    editor.edit.setPlainText("这一段由校对者改过。")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert started.wait(10)
    window.close()
    release.set()
    from PySide6.QtWidgets import QApplication

    from reader.ui.tasks import wait_for_all

    assert wait_for_all(10_000)
    QApplication.processEvents()  # what the task sent back is delivered now (and raised)
    assert not window.proofread.tasks.busy()
