"""View → Translation Check…: the pairs whose translation lost a number, link or code."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from reader.ui.check_dialog import TranslationCheckDialog
from tests.ui.conftest import open_and_settle


def aligned(qtbot, window, tmp_path: Path, zh: str, en: str) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "a.md"
    article.write_text(zh, encoding="utf-8")
    (tmp_path / "a.en.md").write_text(en, encoding="utf-8")  # the sibling original
    open_and_settle(qtbot, window, article)
    qtbot.waitUntil(lambda: window.session.parallel is not None, timeout=15_000)


def test_a_lost_number_is_listed_and_leads_to_its_pair(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aligned(qtbot, window, tmp_path,
            "# 潮汐\n\n潮水每天上涨两次。\n\n这座电站去年发电很多。\n",
            "# Tides\n\nThe tide rises twice a day.\n\nThe plant made 42 GWh last year.\n")
    dialog = TranslationCheckDialog(window.session.parallel, window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and "42" in dialog.list.item(0).text()
    with qtbot.waitSignal(dialog.pair_chosen) as chosen:
        dialog.list.itemClicked.emit(dialog.list.item(0))
    pair = window.session.parallel.pairs[chosen.args[0]]
    assert "发电" in pair.zh_text()


def test_nothing_to_check_says_so(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aligned(qtbot, window, tmp_path, "# 潮汐\n\n潮水每天上涨两次。\n", "# Tides\n\nThe tide rises twice a day.\n")
    dialog = TranslationCheckDialog(window.session.parallel, window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0 and dialog.list.isHidden()
    assert dialog.findChild(QLabel).text().startswith("Nothing to check")
