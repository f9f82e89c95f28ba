"""A window opening an article builds only what the first paint needs; the rest on first use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader.ui.app import create_window, make_application
from tests.conftest import SAMPLE
from tests.ui.conftest import open_and_settle


def test_opening_an_article_builds_no_dock_welcome_or_floating_bar(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    make_application()
    window = create_window(data_dir)
    qtbot.addWidget(window)
    window.open_file(SAMPLE)  # before show, as `bilingual-reader FILE` does
    window.show()
    qtbot.waitUntil(window.settled, timeout=15_000)
    assert window.reading_layout.welcome_made_yet is None
    assert not window.library.library.built and not window.library.search.built
    assert not window.annotation_ui._dock.built
    assert window.annotation_ui.bars == {}
    window.close_article()
    assert window.stack.currentWidget() is window.welcome  # made when first needed
    window.originals.cancel()


def test_dock_actions_build_show_and_follow_their_docks(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    lazy = window.annotation_ui._dock
    action = window.annotation_ui.dock_action
    assert not lazy.built and not action.isChecked()
    action.trigger()
    assert lazy.built and window.annotation_ui.dock.isVisible() and action.isChecked()
    window.annotation_ui.dock.close()  # by its title bar
    assert not action.isChecked()
    window.commands["search"].trigger()  # Ctrl+Shift+F builds the search panel and focuses it
    assert window.library.search_dock.isVisible() and window.library.search.action.isChecked()
    window.library.search.action.trigger()
    assert not window.library.search_dock.isVisible()


def test_selection_bar_is_made_on_first_selection(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, SAMPLE)
    view = window.translation_view
    assert id(view) not in window.annotation_ui.bars
    cursor = view.document().find("PyTorch")
    view.setTextCursor(cursor)
    bar = window.annotation_ui.bars[id(view)]
    assert bar.isVisible()
    cursor.clearSelection()
    view.setTextCursor(cursor)
    assert not bar.isVisible()


def test_pyside_source_scan_gives_the_same_answers() -> None:
    """Our cheaper stand-in for PySide's per-import source scan answers as inspect would."""
    code = (
        "import sys, inspect, reader.ui, reader.ui.article_view, reader.core.article, json\n"
        "feature = sys.modules['shibokensupport.feature']\n"
        "assert feature._mod_uses_pyside.__module__ == 'reader.ui', 'not installed'\n"
        "for name in ('reader.ui.article_view', 'reader.core.article', 'json', 'sys', '_sqlite3'):\n"
        "    m = sys.modules.get(name) or __import__(name)\n"
        "    try:\n"
        "        expected = 'PySide6' in inspect.getsource(m)\n"
        "    except (TypeError, OSError):\n"
        "        expected = False\n"
        "    assert feature._mod_uses_pyside(m) == expected, name\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_the_core_a_window_needs_loads_no_fuzzy_matcher() -> None:
    """rapidfuzz and uuid load when first used, not with the annotations module."""
    code = (
        "import sys, reader.core.annotations, reader.core.reading\n"
        "loaded = [m for m in ('rapidfuzz', 'uuid', 'reader.core.library') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_the_window_loads_no_proofreading_core_until_used() -> None:
    """Editing, review and change tracking load with the first edit or review, not at start."""
    code = (
        "import sys, reader.ui.main_window\n"
        "names = ('reader.core.editing', 'reader.core.review', 'reader.core.changes',\n"
        "         'reader.core.source_blocks', 'reader.core.extract', 'httpx')\n"
        "loaded = [m for m in names if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def _open_in_a_fresh_process(tmp_path: Path, article: Path, then: str) -> None:
    """``open ARTICLE --screenshot`` in a new Python, then the assertions in ``then``."""
    code = (
        "import sys\n"
        "import PySide6.QtGui as G, PySide6.QtWidgets as W\n"
        "from reader.cli import main\n"
        "code = main(['--data-dir', sys.argv[1], 'open', sys.argv[2], '--screenshot', sys.argv[3]])\n"
        "assert code == 0, code\n"
    ) + then
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data"), str(article),
                             str(tmp_path / "shot.png")], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr


def test_opening_an_article_loads_only_what_reading_needs(tmp_path: Path) -> None:
    """What opening an article does not use loads when first used: the library (indexing,
    search; a first start only asks whether it has a folder), the find bar, the other
    commands' parsers, the pairs (with an original), JSON and difflib."""
    article = tmp_path / "a.md"  # no original beside it, none to fetch
    article.write_text("# 标题\n\n一段译文。\n\n第二段。\n", encoding="utf-8")
    _open_in_a_fresh_process(tmp_path, article, (
        "names = ('reader.core.library', 'reader.commands.library', 'reader.commands.check',\n"
        "         'reader.ui.library_dock', 'reader.ui.find_bar', 'reader.core.parallel',\n"
        "         'json', 'difflib')\n"
        "loaded = [m for m in names if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    ))


def test_opening_an_article_wakes_no_unused_qt_classes(tmp_path: Path) -> None:
    """PySide creates a Qt class's Python type when it is first used. Two things made it
    create scores of them at every start (~70 M instructions): handing Python a viewport Qt
    made (its class is looked up among every widget class) and Python event filters (every
    event class). Opening an article, its original beside it, must wake neither."""
    _open_in_a_fresh_process(tmp_path, SAMPLE, (
        "woken = [n for n in ('QCalendarWidget', 'QMdiArea', 'QWizard') if n in vars(W)]\n"
        "woken += [n for n in ('QTabletEvent', 'QNativeGestureEvent', 'QScrollPrepareEvent') if n in vars(G)]\n"
        "assert not woken, woken\n"
    ))


def test_open_docks_and_the_toolbar_come_back_next_time(qtbot, window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window.annotation_ui.dock_action.trigger()
    window.toolbar.toggleViewAction().trigger()  # hide the toolbar
    window.close()
    again = create_window(data_dir)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.annotation_ui._dock.built and again.annotation_ui.dock.isVisible()
    assert again.annotation_ui.dock_action.isChecked()
    assert not again.library.library.built  # never opened: still not built
    assert again.toolbar.isHidden()
    again.annotation_ui.dock.close()
    again.close()
    third = create_window(data_dir)
    qtbot.addWidget(third)
    assert not third.annotation_ui._dock.built


def test_first_start_with_a_library_shows_it(qtbot, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reader.core.library import index_folder
    from reader.core.store import Store

    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.md").write_text("# 标题\n\n正文。", encoding="utf-8")
    with Store(data_dir) as store:
        index_folder(store, folder)
    make_application()
    window = create_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    assert window.library.library_dock.isVisible()
    qtbot.waitUntil(lambda: len(window.library.library_dock.model.rows) == 1, timeout=10_000)
    window.library.library_dock.close()  # the user closed it: next time it stays closed
    window.close()
    again = create_window(data_dir)
    qtbot.addWidget(again)
    assert not again.library.library.built


def test_window_state_is_stored_as_plain_qt_byte_arrays(qtbot, window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from reader.ui import settings as S

    window.close()
    text = (data_dir / "settings.ini").read_text(encoding="utf-8")
    assert "geometry=@ByteArray(" in text and "PyObjectWrapper" not in text
    # Files written by earlier versions (Python bytes, pickled by PySide) still read.
    old = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    old.setValue(S.SPLITTER.key, b"\x00\xff")
    old.sync()
    assert S.Settings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)).get(S.SPLITTER) == b"\x00\xff"
