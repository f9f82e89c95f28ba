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


_TIDES_ZH = "# 潮汐\n\n潮水每天上涨两次。月亮的引力拉动海洋。涨潮时，渔船回到港口。\n\n- 列表项。第二句。\n"
_TIDES_EN = ("# Tides\n\nThe tide rises twice a day. The pull of the moon drags the oceans. "
             "At high tide, the fishing boats come back to the harbour.\n\n- A list item. A second sentence.\n")


def _moon(qtbot, window, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The tides article beside its original; its paragraph pair and a point on "月亮" in it."""
    aligned(qtbot, window, tmp_path, _TIDES_ZH, _TIDES_EN)
    paragraph = next(p for p in window.session.parallel.pairs if "月亮" in p.zh_text())
    offset = paragraph.zh[0].text.index("月亮") + 2
    return paragraph, _point_of(window.translation_view, paragraph.zh[0].index, offset)


def test_clicking_a_sentence_tints_its_counterpart_sentence(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paragraph, point = _moon(qtbot, window, tmp_path)
    view = window.translation_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
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


def test_the_hovered_sentence_tint_goes_when_the_pointer_leaves_the_text(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from reader.ui.sentence_tint import HOVER_LAYER

    _paragraph, point = _moon(qtbot, window, tmp_path)
    view = window.translation_view
    qtbot.mouseMove(view.viewport(), point)
    assert window.original_view._layers.get(HOVER_LAYER)  # the counterpart sentence, tinted
    # Onto the pane's scroll bar, say: the pointer leaves the text, not the pane.
    QApplication.sendEvent(view.viewport(), QEvent(QEvent.Type.Leave))
    assert not window.original_view._layers.get(HOVER_LAYER)


# -- to the sentence, and the kinds' shapes ---------------------------------------------
_FACTS = [
    ("潮水每天都会上涨。", "The tide rises every day."),
    ("月亮的引力拉动海洋。", "The pull of the moon drags the oceans."),
    ("涨潮时，渔船回到港口。", "At high tide, the fishing boats come back to the harbour."),
    ("退潮时，海滩变得很宽。", "At low tide, the beach becomes very wide."),
    ("孩子们在沙滩上寻找贝壳。", "Children look for shells on the sand."),
    ("海鸟在浅水中觅食。", "Seabirds feed in the shallow water."),
    ("老人们坐在堤岸上聊天。", "Old people sit on the sea wall and talk."),
    ("灯塔的光在夜里转动。", "The light of the lighthouse turns at night."),
    ("渔民在清晨修补渔网。", "Fishermen mend their nets in the early morning."),
    ("小镇的市场在周六开放。", "The town market opens on Saturdays."),
    ("游客喜欢在码头拍照。", "Tourists like to take photos on the pier."),
    ("风从海上吹来，带着盐味。", "The wind blows in from the sea and smells of salt."),
]


def _long_article(tail_zh: str, tail_en: str) -> tuple[str, str]:
    """Short paragraphs, one long paragraph whose last sentence is ``tail_*``, short ones again
    (so that the pane can scroll any line of the long one to its reading line)."""
    zh_long = "".join(f"第 {n} 号码头停着 {n + 3} 艘渔船。" for n in range(1, 31)) + tail_zh
    en_long = " ".join(f"Pier {n} holds {n + 3} fishing boats." for n in range(1, 31)) + " " + tail_en
    zh_end = [f"第 {n} 座灯塔在夜里转动。" for n in range(1, 16)]
    en_end = [f"Lighthouse {n} turns at night." for n in range(1, 16)]
    zh = ["# 潮汐", *(z for z, _ in _FACTS[:6]), zh_long, *(z for z, _ in _FACTS[6:]), *zh_end]
    en = ["# Tides", *(e for _, e in _FACTS[:6]), en_long, *(e for _, e in _FACTS[6:]), *en_end]
    return "\n\n".join(zh) + "\n", "\n\n".join(en) + "\n"


def _at_reading_line(view, sentence_text: str) -> float:  # type: ignore[no-untyped-def]
    """How far (px) the line of ``sentence_text`` is from the pane's reading line."""
    from reader.ui.sync import READING_LINE

    found = view.document().find(sentence_text)
    assert not found.isNull(), sentence_text
    found.setPosition(found.selectionStart())
    return abs(view.cursorRect(found).top() - view.viewport().height() * READING_LINE)


def test_an_issue_brings_its_sentence_and_counterpart_to_the_reading_line(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    zh, en = _long_article("这座电站去年发电很多。", "The plant made 42 GWh last year.")
    aligned(qtbot, window, tmp_path, zh, en)
    dock = _open_dock(qtbot, window)
    dock.kind_filter.setCurrentIndex(dock.kind_filter.findData("number"))
    window.commands["next_issue"].trigger()  # F8
    tint = window.sentence_tint
    assert tint.tinted_text("zh") == "这座电站去年发电很多。"
    assert tint.tinted_text("en") == "The plant made 42 GWh last year."
    line = window.translation_view.fontMetrics().height()
    assert _at_reading_line(window.translation_view, "这座电站去年发电很多。") <= line
    assert _at_reading_line(window.original_view, "The plant made 42 GWh last year.") <= line


def test_an_omission_brings_the_missing_sentence_and_its_place_to_the_reading_line(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    zh, en = _long_article("这座电站为一座小城市供电。",
                           "The harbour was rebuilt after the great storm of the winter. "
                           "The plant powers a small city.")
    aligned(qtbot, window, tmp_path, zh, en)
    dock = _open_dock(qtbot, window)
    dock.kind_filter.setCurrentIndex(dock.kind_filter.findData("omission"))
    item = dock.tree.topLevelItem(0).child(0)
    with qtbot.waitSignal(dock.issue_chosen):
        dock.tree.itemClicked.emit(item, 0)
    tint = window.sentence_tint
    missing = "The harbour was rebuilt after the great storm of the winter."
    assert tint.tinted_text("en") == missing
    assert tint.tinted_text("zh") == ""  # nothing to tint: the translation has no such sentence
    line = window.translation_view.fontMetrics().height()
    assert _at_reading_line(window.original_view, missing) <= line
    # Where the missing sentence would stand: before the sentence that follows it.
    assert _at_reading_line(window.translation_view, "这座电站为一座小城市供电。") <= line


def test_each_kind_has_its_own_shape_in_the_margin_and_the_panel(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reader.core.checks import KINDS
    from reader.ui.glyphs import KIND_GLYPHS, glyph_icon

    images = {kind: glyph_icon(KIND_GLYPHS[kind], "#000000").pixmap(16, 16).toImage() for kind in KINDS}
    shapes = {kind: bytes(image.constBits()) for kind, image in images.items()}  # type: ignore[call-overload]
    assert len(set(shapes.values())) == len(KINDS)  # no two kinds look alike, colour aside
    aligned(qtbot, window, tmp_path)
    dock = _open_dock(qtbot, window)
    marks = {m.glyph: m for m in window.translation_view.markers}
    assert "42" in marks[KIND_GLYPHS["number"]].tooltip
    assert marks[KIND_GLYPHS["omission"]].tooltip.startswith("Omission: ")
    assert marks[KIND_GLYPHS["number"]].color == KIND_COLORS["number"]
    assert {m.glyph for m in window.original_view.markers} >= {KIND_GLYPHS["number"]}
    assert not dock.tree.topLevelItem(0).icon(0).isNull()
    # Two kinds on one paragraph: two marks, one under the other, each with its own tooltip.
    view = window.translation_view
    rects = {marker.glyph: rect for rect, marker in view._marker_rects()}
    number, omission = rects[KIND_GLYPHS["number"]], rects[KIND_GLYPHS["omission"]]
    assert not number.intersects(omission)
    assert view._marker_at(number.center().toPoint()).glyph == KIND_GLYPHS["number"]
