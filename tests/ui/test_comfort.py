"""Themes, type, zoom, find in page, preferences, language and keyboard access."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication, QMenu

from reader.core.themes import THEMES
from reader.ui import settings as S
from reader.ui.app import create_window, current_window
from tests.conftest import ARTICLES
from tests.ui.conftest import open_and_settle

BILINGUAL = ARTICLES / "azure-arc-kubernetes.md"


def test_theme_switch_changes_palette_and_documents(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, BILINGUAL)
    window.set_theme_choice("dark")
    dark = THEMES["dark"]
    assert QApplication.instance().palette().color(QPalette.ColorRole.Base).name() == dark.background
    assert dark.background in window.translation_view.document().defaultStyleSheet()
    assert dark.background in window.original_view.document().defaultStyleSheet()
    assert window.settings.get(S.THEME) == "dark"
    window.set_theme_choice("sepia")
    assert THEMES["sepia"].background in window.translation_view.document().defaultStyleSheet()
    # Highlights survive a re-render.
    window.set_theme_choice("light")
    assert "在本章中" in window.translation_view.toPlainText()


def test_system_theme_follows_the_desktop(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import reader.ui.appearance as appearance

    monkeypatch.setattr(appearance, "system_is_dark", lambda: True)
    window.set_theme_choice("system")
    assert window.look.theme.name == "dark"
    monkeypatch.setattr(appearance, "system_is_dark", lambda: False)
    window.look.system_scheme_changed()
    assert window.look.theme.name == "light"


def test_zoom_persists_and_ctrl_wheel_zooms(qtbot, window, data_dir) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, BILINGUAL)
    before = window.look.typography.font_size
    window.commands["zoom_in"].trigger()
    assert window.look.typography.font_size > before
    assert f"font-size: {window.look.typography.font_size}pt" in window.translation_view.document().defaultStyleSheet()
    event = QWheelEvent(QPointF(10, 10), QPointF(10, 10), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(window.translation_view.viewport(), event)
    zoomed = window.look.typography.font_size
    assert zoomed > before * 1.15
    window.close()
    again = create_window(data_dir)
    qtbot.addWidget(again)
    assert again.look.typography.font_size == zoomed
    again.commands["zoom_reset"].trigger()
    assert again.look.typography.font_size == 11.5


def test_find_counts_tints_steps_and_closes(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, BILINGUAL)
    view = window.translation_view
    expected = view.toPlainText().count("Kubernetes")
    window.translation_view.setFocus()
    window.commands["find"].trigger()
    bar = window.find_bar
    assert bar.isVisible() and bar.view is view
    bar.field.setText("Kubernetes")
    assert len(bar.matches) == expected > 3
    assert len(view._layers["4-find"]) == expected
    assert bar.count.text() == f"1 of {expected}"
    first = view.textCursor().selectionStart()
    window.commands["find_next"].trigger()
    assert view.textCursor().selectionStart() > first
    assert bar.count.text() == f"2 of {expected}"
    window.commands["find_previous"].trigger()
    assert bar.count.text() == f"1 of {expected}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert "4-find" not in view._layers
    bar.field.setText("不存在的字符串")


def test_find_in_the_original_pane(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, BILINGUAL)
    window.original_view.setFocus()
    window.find_in_pane()
    window.find_bar.field.setText("chapter")
    assert window.find_bar.view is window.original_view
    assert window.find_bar.matches


def test_preferences_apply_type_and_network(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, BILINGUAL)
    prefs = window.preferences()
    new = replace(prefs, typography=replace(prefs.typography, line_height=200, measure=600, font_en="DejaVu Serif"),
                  connect_timeout=3, read_timeout=7, sync_scroll=False)
    window.apply_preferences(new)
    css = window.original_view.document().defaultStyleSheet()
    assert "line-height: 200%" in css and "'DejaVu Serif'" in css.split("font-family:")[1].split(";")[0]
    assert window.translation_view.measure == 600
    assert window.originals.timeouts == (3, 7)
    assert not window.sync.enabled
    assert window.settings.get(S.MEASURE) == 600


def test_preferences_dialog_round_trip(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from reader.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(window.preferences(), window)
    qtbot.addWidget(dialog)
    dialog.font_size.setValue(14)
    dialog.theme.setCurrentIndex(dialog.theme.findData("sepia"))
    values = dialog.values()
    assert values.typography.font_size == 14 and values.theme == "sepia"


def test_language_switch_retranslates_menus(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, BILINGUAL)
    assert window.menuBar().actions()[0].text() == "&File"
    window.set_language("zh_CN")
    chinese = current_window()
    qtbot.addWidget(chinese)
    assert chinese is not window
    assert chinese.menuBar().actions()[0].text() == "文件(&F)"
    qtbot.waitUntil(lambda: chinese.session.article is not None, timeout=10_000)
    assert chinese.session.article.path == BILINGUAL
    chinese.set_language("en")
    english = current_window()
    qtbot.addWidget(english)
    assert english.menuBar().actions()[0].text() == "&File"


def test_every_action_is_reachable_from_the_keyboard_or_a_menu(window) -> None:  # type: ignore[no-untyped-def]
    in_menus = set()

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            in_menus.add(action)
            if action.menu() is not None:
                walk(action.menu())

    for action in window.menuBar().actions():
        if action.menu() is not None:
            walk(action.menu())
    for action in window.findChildren(QAction):
        if not action.text() or action.isSeparator() or action.menu() is not None:
            continue
        assert action.shortcuts() or action in in_menus, action.text()


def test_shortcuts_are_listed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from reader.ui.shortcuts_dialog import ShortcutsDialog

    dialog = ShortcutsDialog(window.commands.shortcut_rows(), window)
    qtbot.addWidget(dialog)
    commands = {dialog.table.item(r, 1).text(): dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())}
    assert commands["Find…"] and commands["Next Pair"] and commands["Preferences…"]
    assert commands["Quit"] == "Ctrl+Q"  # offscreen, like a bare X session, binds no Quit of its own
    assert "Ctrl+W" in commands["Close"].split(", ")  # every binding the platform has for Close


def test_no_two_commands_share_a_key(window) -> None:  # type: ignore[no-untyped-def]
    owners: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            name = key.toString()
            assert name not in owners or owners[name] == action.text(), (name, owners.get(name), action.text())
            owners[name] = action.text()


def test_widgets_have_accessible_names(window) -> None:  # type: ignore[no-untyped-def]
    for widget in (window.translation_view, window.original_view, window.interleaved_view,
                   window.library.library_dock.table, window.library.search_dock.query, window.find_bar.field):
        assert widget.accessibleName()


def test_preferences_labels_have_distinct_mnemonics(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    import re

    from PySide6.QtWidgets import QLabel

    from reader.ui.i18n import install_language
    from reader.ui.preferences import PreferencesDialog

    try:
        for lang in ("en", "zh_CN"):
            install_language(lang)
            dialog = PreferencesDialog(window.preferences(), window)
            qtbot.addWidget(dialog)
            keys = [m.group(1).lower() for label in dialog.findChildren(QLabel)
                    if (m := re.search(r"&([^&\s])", label.text()))]
            assert len(keys) >= 8 and len(keys) == len(set(keys)), (lang, keys)
    finally:
        install_language("en")


def test_each_menu_has_distinct_mnemonics_in_both_languages(qtbot, data_dir) -> None:  # type: ignore[no-untyped-def]
    import re

    from reader.ui.app import create_window, make_application
    from reader.ui.i18n import install_language

    make_application()
    clashes: list[str] = []

    def walk(menu, lang: str) -> None:  # type: ignore[no-untyped-def]
        seen: dict[str, str] = {}
        for action in menu.actions():
            if action.isSeparator():
                continue
            match = re.search(r"&([^&\s])", action.text())
            if match:
                key = match.group(1).lower()
                if key in seen:
                    clashes.append(f"{lang}: {seen[key]} / {action.text()}")
                seen[key] = action.text()
            if action.menu() is not None:
                walk(action.menu(), lang)

    try:
        for lang in ("en", "zh_CN"):
            window = create_window(data_dir, lang=lang)
            qtbot.addWidget(window)
            walk(window.menuBar(), lang)
    finally:
        install_language("en")
    assert clashes == []


def test_labels_with_a_mnemonic_have_a_buddy(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Else Qt shows the '&' itself and Alt+key does nothing."""
    import re

    from PySide6.QtWidgets import QLabel

    from reader.core.annotations import Annotation
    from reader.ui.export_dialog import ExportDialog
    from reader.ui.note_dialog import NoteDialog
    from reader.ui.preferences import PreferencesDialog

    note = Annotation(id="x", article_key="k", side="zh", kind="highlight", exact="引文", prefix="", suffix="",
                      start=0, end=2, color="yellow", note="", tags=(), status="exact", created="", modified="")
    dialogs = [PreferencesDialog(window.preferences(), window), NoteDialog(note, [], window),
               ExportDialog(window.data_dir, None, "", 0, 0, "", window)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        for label in dialog.findChildren(QLabel):
            if re.search(r"&[^&\s]", label.text()):
                assert label.buddy() is not None, (type(dialog).__name__, label.text())
