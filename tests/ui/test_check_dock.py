"""The Check panel: issues of the translation grouped by kind, the filter, F8, the margin."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from reader.core.checks import Issue
from reader.ui.check_dock import KIND_COLORS
from tests.ui.conftest import open_and_settle

ZH = """# 潮汐

潮水每天上涨两次。月亮的引力拉动海洋。

这座电站去年发电很多。它为一座小城市供电。

涨潮时，渔船回到港口。
"""
EN = """# Tides

The tide rises twice a day. It follows the moon across the sky. The pull of the moon drags the oceans.

The plant made 42 GWh last year. It powers a small city.

At high tide, the fishing boats come back to the harbour.
"""


def aligned(qtbot, window, tmp_path: Path, zh: str = ZH, en: str = EN) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "a.md"
    article.write_text(zh, encoding="utf-8")
    (tmp_path / "a.en.md").write_text(en, encoding="utf-8")  # the sibling original
    open_and_settle(qtbot, window, article)
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=15_000)


def _open_dock(qtbot, window):  # type: ignore[no-untyped-def]
    window.commands["check"].trigger()
    dock = window.check.dock
    qtbot.waitUntil(lambda: dock.report is not None, timeout=15_000)
    return dock


def _groups(dock) -> list[str]:  # type: ignore[no-untyped-def]
    return [dock.tree.topLevelItem(g).text(0) for g in range(dock.tree.topLevelItemCount())]


def test_issues_are_grouped_by_kind_and_lead_to_their_sentence(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aligned(qtbot, window, tmp_path)
    dock = _open_dock(qtbot, window)
    assert dock.isVisible()
    assert _groups(dock) == ["Omission (1)", "Number (1)"]
    number = dock.tree.topLevelItem(1).child(0)
    issue = number.data(0, Qt.ItemDataRole.UserRole)
    assert isinstance(issue, Issue) and issue.kind == "number" and "42" in issue.message
    with qtbot.waitSignal(dock.issue_chosen):
        dock.tree.itemClicked.emit(number, 0)
    pair = window.session.parallel.pairs[window.sync.focus_pair]
    assert "发电" in pair.zh_text() and "42 GWh" in pair.en_text()


def test_the_kind_filter_and_f8_step_through_issues(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aligned(qtbot, window, tmp_path)
    dock = _open_dock(qtbot, window)
    dock.kind_filter.setCurrentIndex(dock.kind_filter.findData("number"))
    assert _groups(dock) == ["Number (1)"]
    dock.kind_filter.setCurrentIndex(0)
    chosen: list[Issue] = []
    dock.issue_chosen.connect(chosen.append)
    window.commands["next_issue"].trigger()  # F8
    window.commands["next_issue"].trigger()
    window.commands["previous_issue"].trigger()  # Shift+F8
    assert [i.kind for i in chosen] == ["omission", "number", "omission"]
    assert window.commands["next_issue"].shortcut().toString() == "F8"
    assert window.commands["previous_issue"].shortcut().toString() == "Shift+F8"
    assert "moon across the sky" in (chosen[0].en or "")


def test_margin_markers_per_kind_carry_the_message(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aligned(qtbot, window, tmp_path)
    _open_dock(qtbot, window)
    zh_markers = {m.color: m.tooltip for m in window.translation_view.markers}
    assert "42" in zh_markers[KIND_COLORS["number"]]
    assert zh_markers[KIND_COLORS["omission"]].startswith("Omission: ")
    en_markers = {m.color for m in window.original_view.markers}
    assert KIND_COLORS["number"] in en_markers


def test_a_faithful_translation_says_there_is_nothing_to_check(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aligned(qtbot, window, tmp_path, "# 潮汐\n\n潮水每天上涨两次。\n", "# Tides\n\nThe tide rises twice a day.\n")
    dock = _open_dock(qtbot, window)
    assert dock.tree.topLevelItemCount() == 0
    assert dock.summary.text().startswith("Nothing to check")
    window.commands["next_issue"].trigger()  # nothing to step to: no error


# -- sentence tint ----------------------------------------------------------------------
def _point_of(view, block: int, offset: int):  # type: ignore[no-untyped-def]
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.block_position(block) + offset)
    return view.cursorRect(cursor).center()


def test_clicking_a_sentence_tints_its_counterpart_sentence(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    zh = "# 潮汐\n\n潮水每天上涨两次。月亮的引力拉动海洋。涨潮时，渔船回到港口。\n\n- 列表项。第二句。\n"
    en = ("# Tides\n\nThe tide rises twice a day. The pull of the moon drags the oceans. "
          "At high tide, the fishing boats come back to the harbour.\n\n- A list item. A second sentence.\n")
    aligned(qtbot, window, tmp_path, zh, en)
    view = window.translation_view
    paragraph = next(p for p in window.session.parallel.pairs if "月亮" in p.zh_text())
    block = paragraph.zh[0].index
    offset = paragraph.zh[0].text.index("月亮") + 2
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(view, block, offset))
    tint = window.sentence_tint
    assert tint.tinted_text("en") == "The pull of the moon drags the oceans."
    assert tint.tinted_text("zh") == "月亮的引力拉动海洋。"
    # The original pane works the same way round.
    other = window.original_view
    en_block = paragraph.en[0]
    qtbot.mouseClick(other.viewport(), Qt.MouseButton.LeftButton,
                     pos=_point_of(other, en_block.index, en_block.text.index("fishing")))
    assert tint.tinted_text("zh") == "涨潮时，渔船回到港口。"
    # A list item keeps the paragraph-level tint only.
    item = next(p for p in window.session.parallel.pairs if "列表项" in p.zh_text())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(view, item.zh[0].index, 1))
    assert tint.tinted_text("en") == ""
    assert window.original_view.tinted_blocks("2-focus") == [b.index for b in item.en]
