"""Reading with the alignment: synchronized scrolling, tints, stepping, interleaved layout."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.sync import READING_LINE
from tests.conftest import ARTICLES, SAMPLE
from tests.ui.conftest import open_and_settle

BILINGUAL = ARTICLES / "azure-arc-kubernetes.md"


def aligned(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, BILINGUAL)
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=15_000)


def reading_block(view) -> int:  # type: ignore[no-untyped-def]
    hit = view.block_at_y(view.verticalScrollBar().value() + view.viewport().height() * READING_LINE)
    return hit[0]


def test_status_bar_counts_pairs(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    aligned(qtbot, window)
    assert f"{window.session.parallel.paired_count} pairs" in window.status.count_label.text()
    assert "unpaired" in window.status.count_label.text()


def test_scrolling_one_pane_follows_in_the_other(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    aligned(qtbot, window)
    zh, en = window.translation_view, window.original_view
    parallel = window.session.parallel
    # Put a paired paragraph from the middle of the article at the reading line.
    pair = next(p for p in parallel.pairs[len(parallel.pairs) // 2 :] if not p.unpaired)
    block = pair.zh[0].index
    zh.scroll_to_block(block, READING_LINE)
    zh.verticalScrollBar().setValue(zh.verticalScrollBar().value() + 5)
    assert reading_block(zh) == block
    assert reading_block(en) in {b.index for b in pair.en}
    # And the other way round.
    other = next(p for p in parallel.pairs[3:] if not p.unpaired)
    en.scroll_to_block(other.en[0].index, READING_LINE)
    en.verticalScrollBar().setValue(en.verticalScrollBar().value() + 5)
    assert reading_block(zh) in {b.index for b in other.zh}


def test_sync_can_be_turned_off(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    aligned(qtbot, window)
    window.commands["sync"].trigger()
    assert not window.sync.enabled
    before = window.original_view.verticalScrollBar().value()
    window.translation_view.verticalScrollBar().setValue(window.translation_view.verticalScrollBar().maximum())
    assert window.original_view.verticalScrollBar().value() == before
    assert window.settings.get(__import__("reader.ui.settings", fromlist=["x"]).SYNC_SCROLL) is False


def test_click_tints_the_counterpart(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    aligned(qtbot, window)
    pair = next(p for p in window.session.parallel.pairs[5:] if not p.unpaired)
    window.translation_view.block_clicked.emit(pair.zh[0].index)
    assert window.original_view.tinted_blocks("2-focus") == [b.index for b in pair.en]
    assert window.translation_view.tinted_blocks("2-focus") == [b.index for b in pair.zh]


def test_alt_down_steps_through_pairs(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    aligned(qtbot, window)
    window.sync.go_to_pair(2)
    qtbot.keyClick(window.translation_view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    k = window.sync.focus_pair
    assert k > 2 and not window.session.parallel.pairs[k].unpaired
    pair = window.session.parallel.pairs[k]
    assert reading_block(window.original_view) == pair.en[0].index
    qtbot.keyClick(window.translation_view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.sync.focus_pair < k


def test_interleaved_layout_shows_pairs_in_order(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    aligned(qtbot, window)
    window.commands["interleaved"].trigger()
    assert window.stack.currentWidget() is window.interleaved_view
    text = window.interleaved_view.toPlainText()
    position = 0
    for pair in window.session.parallel.pairs[:12]:
        for block in (*pair.zh, *pair.en):
            if block.kind == "image" or not block.text:
                continue
            found = text.find(block.text[:12], position)
            assert found >= 0, block.text[:30]
            position = found
    assert window.settings.get(__import__("reader.ui.settings", fromlist=["x"]).LAYOUT) == "interleaved"


def test_switching_layouts_keeps_the_reading_position(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    aligned(qtbot, window)
    pair = next(p for p in window.session.parallel.pairs[len(window.session.parallel.pairs) // 2 :] if not p.unpaired)
    window.translation_view.scroll_to_block(pair.zh[0].index, READING_LINE)
    window.set_layout("interleaved")
    assert reading_block(window.interleaved_view) == pair.zh[0].index
    window.set_layout("side")
    assert reading_block(window.translation_view) == pair.zh[0].index


def test_unpaired_and_check_markers(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    aligned(qtbot, window)
    unpaired_zh = {b.index for p in window.session.parallel.pairs if not p.en for b in p.zh}
    marked = {m.block for m in window.translation_view.markers}
    assert unpaired_zh <= marked
    assert all(m.tooltip for m in window.translation_view.markers)


def test_markers_for_notes_and_missing_numbers(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    zh = tmp_path / "a.md"
    en = tmp_path / "a.en.md"
    zh.write_text(
        "# 容器的历史\n\n> 原文：<https://example.com/history>\n\n"
        "Docker 于 2013 年发布，改变了软件交付的方式。\n\n"
        "> 译者注：这里的容器指 Linux 容器。\n\n"
        "Kubernetes 在 Google 内部系统 Borg 的经验之上构建，于不久后发布。\n\n"
        "今天，几乎每个云提供商都提供托管的 Kubernetes 服务。",
        encoding="utf-8",
    )
    en.write_text(
        "# A History of Containers\n\nDocker was released in 2013 and changed how software ships.\n\n"
        "Kubernetes built on the experience of Borg, Google's internal system, and was released in 2014.\n\n"
        "Today nearly every cloud provider offers a managed Kubernetes service.",
        encoding="utf-8",
    )
    open_and_settle(qtbot, window, zh)
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=15_000)
    markers = {m.block: m for m in window.translation_view.markers}
    note = next(b for b in window.session.article.units if b.text.startswith("译者注"))
    borg = next(b for b in window.session.article.units if b.text.startswith("Kubernetes"))
    assert note.index in markers
    assert "2014" in markers[borg.index].tooltip


def open_aligned_in_the_middle(qtbot, window, folder, zh: str, en: str, n: int) -> int:  # type: ignore[no-untyped-def]
    """Open ``zh`` with ``en`` as its saved original, aligned, read from its middle unit."""
    article = folder / "long.md"
    article.write_text(zh, encoding="utf-8")
    (folder / "long.en.md").write_text(en, encoding="utf-8")
    open_and_settle(qtbot, window, article)
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=30_000)
    middle = window.session.article.units[n // 2].index
    window.translation_view.scroll_to_block(middle, READING_LINE)
    return middle


def test_a_long_article_interleaves_off_the_ui_thread(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reader.ui.documents import SYNC_RENDER_BLOCKS

    n = SYNC_RENDER_BLOCKS  # both sides together: twice the limit
    zh = "# 长文\n\n" + "\n\n".join(f"第 {i} 段讲的是编号 {i * 7} 的事情。" for i in range(n))
    en = "# Long\n\n" + "\n\n".join(f"Paragraph {i} is about item number {i * 7}." for i in range(n))
    middle = open_aligned_in_the_middle(qtbot, window, tmp_path, zh, en, n)
    window.set_layout("interleaved")
    assert window.reading_layout.building and not window.settled()  # building in the background
    window.set_layout("side")
    assert not window.reading_layout.building and window.settled()  # nobody waits for that column
    window.set_layout("interleaved")  # the first build is superseded, not shown
    qtbot.waitUntil(window.settled, timeout=30_000)
    text = window.interleaved_view.toPlainText()
    assert f"Paragraph {n // 2} is about" in text and f"第 {n // 2} 段" in text
    assert abs(reading_block(window.interleaved_view) - middle) <= 1  # the same place


def test_a_long_article_takes_a_new_theme_off_the_ui_thread(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reader.ui.documents import SYNC_RENDER_BLOCKS

    n = SYNC_RENDER_BLOCKS + 50  # each side over the limit
    zh = "# 长文\n\n" + "\n\n".join(  # the 3rd paragraph lost its number: a check marker
        (f"第 {i} 段讲的是编号 {i * 7} 的事情。" if i != 3 else "第三段讲的是那件事情。") + f"\n\n```\ncode {i}\n```"
        for i in range(n))
    en = "# Long\n\n" + "\n\n".join(f"Paragraph {i} is about item number {i * 7}.\n\n```\ncode {i}\n```"
                                    for i in range(n))
    middle = open_aligned_in_the_middle(qtbot, window, tmp_path, zh, en, n)
    light_code = window.translation_view.document().toHtml().count(window.look.theme.code_background)
    markers = [list(window.translation_view.markers), list(window.original_view.markers)]
    assert markers[0]  # the check marker of the 3rd paragraph
    window.set_theme_choice("dark", remember=False)
    assert window.session.tasks.running("restyle") and window.originals.redrawing and not window.settled()
    window.set_theme_choice("sepia", remember=False)  # the dark drawing is superseded
    qtbot.waitUntil(window.settled, timeout=30_000)
    for view in (window.translation_view, window.original_view):
        assert view.document().toHtml().count(window.look.theme.code_background) >= n  # sepia code blocks
    assert light_code and window.look.theme.name == "sepia"
    assert abs(reading_block(window.translation_view) - middle) <= 1  # the same place
    assert [window.translation_view.markers, window.original_view.markers] == markers  # drawn again


def test_opening_an_article_builds_the_interleaved_column_once(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import reader.ui.layouts as layouts

    aligned(qtbot, window)
    window.set_layout("interleaved")
    builds: list[bool] = []
    real = layouts.interleave
    monkeypatch.setattr(layouts, "interleave", lambda *a: builds.append(a[1] is not None) or real(*a))
    open_and_settle(qtbot, window, ARTICLES / "azure-arc-kubernetes.md")
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=15_000)
    qtbot.waitUntil(window.settled, timeout=15_000)
    assert builds == [False, True]  # the translation alone, then with its aligned original
    builds.clear()
    open_and_settle(qtbot, window, SAMPLE)  # another article: its original is cleared and fetched
    assert builds == [False]
