"""The window's building blocks: translated strings, declared settings, latest-wins tasks."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from reader.core import settings as schema
from reader.ui.i18n import install_language, tr
from reader.ui.settings import Settings
from reader.ui.tasks import LatestTasks, TaskContext, wait_for_all


# -- tr: arguments and plural forms ------------------------------------------------------
@pytest.fixture
def chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    install_language("zh_CN")
    yield
    install_language("en")


def test_an_argument_that_contains_a_placeholder_stays_as_it_is(qapp) -> None:  # type: ignore[no-untyped-def]
    install_language("en")  # English has a catalogue too: its plural forms
    # Chained .replace("%1", …).replace("%2", …) would put "c" into the first argument.
    assert tr("Exported %n annotation(s) to %1", "", 2, args=("100%2 sure",)) == \
        "Exported 2 annotations to 100%2 sure"
    assert tr("%1 of %2", args=("%2", "c")) == "%2 of c"


def test_plural_forms_and_arguments_are_translated(chinese: None) -> None:
    assert tr("Exported %n annotation(s) to %1", "", 3, args=("notes.md",)) == "已导出 3 条批注到 notes.md"
    assert tr("Imported %n annotation(s); %1 were already here.", "", 1, args=(4,)) == "已导入 1 条批注；4 条已存在。"


# -- settings: one declaration, validated on read --------------------------------------------
@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.mark.parametrize(("setting", "stored"), [
    (schema.THEME, "purple"),  # not one of the choices
    (schema.LAYOUT, "diagonal"),
    (schema.FONT_SIZE, "huge"),  # not a number
    (schema.FONT_SIZE, 400.0),  # out of range
    (schema.LINE_HEIGHT, 20),
    (schema.SYNC_SCROLL, "maybe"),
    (schema.CONNECT_TIMEOUT, -3),
])
def test_an_invalid_stored_value_gives_the_default_with_a_warning(
        settings: Settings, caplog: pytest.LogCaptureFixture, setting: schema.Setting, stored: object) -> None:
    settings.q.setValue(setting.key, stored)
    with caplog.at_level(logging.WARNING, logger="reader.ui.settings"):
        assert settings.get(setting) == setting.default
    assert setting.key in caplog.text


def test_valid_values_read_back_as_their_declared_types(settings: Settings, tmp_path: Path) -> None:
    settings.set(schema.THEME, "sepia")
    settings.set(schema.FONT_SIZE, 14.5)
    settings.set(schema.SYNC_SCROLL, False)
    settings.set(schema.RECENT, ["/a.md"])
    settings.set(schema.GEOMETRY, b"\x01\x02")
    settings.q.sync()
    again = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert again.get(schema.THEME) == "sepia"
    assert again.get(schema.FONT_SIZE) == 14.5
    assert again.get(schema.SYNC_SCROLL) is False
    assert again.get(schema.RECENT) == ["/a.md"]
    assert again.get(schema.GEOMETRY) == b"\x01\x02"
    assert again.get(schema.LINE_HEIGHT) == schema.LINE_HEIGHT.default  # never stored


def test_every_setting_is_declared_once_and_its_default_is_valid() -> None:
    keys = [s.key for s in schema.ALL]
    assert len(keys) == len(set(keys)) and len(keys) >= 19
    for setting in schema.ALL:
        assert setting.parse(setting.default) == setting.default


def test_preferences_and_cli_offer_what_the_schema_allows(qapp) -> None:  # type: ignore[no-untyped-def]
    from reader.cli import build_parser
    from reader.core.themes import Typography
    from reader.ui.preferences import Preferences, PreferencesDialog

    dialog = PreferencesDialog(Preferences("system", Typography(), True, 10.0, 30.0, "system", Path()))
    themes = [dialog.theme.itemData(i) for i in range(dialog.theme.count())]
    assert tuple(themes) == schema.THEME.choices
    assert (dialog.measure.minimum(), dialog.measure.maximum()) == (schema.MEASURE.minimum, schema.MEASURE.maximum)
    assert dialog.font_size.maximum() == schema.FONT_SIZE.maximum
    args = build_parser().parse_args(["open", "x.md", "--theme", "system", "--layout", "interleaved"])
    assert (args.theme, args.layout) == ("system", "interleaved")


# -- latest wins ---------------------------------------------------------------------------
def test_the_latest_task_under_a_key_wins(qtbot) -> None:  # type: ignore[no-untyped-def]
    tasks = LatestTasks()
    release = threading.Event()
    done: list[str] = []

    def slow(ctx: TaskContext) -> str:
        release.wait(5)
        return "old"

    tasks.start("load", slow, on_done=done.append)
    tasks.start("load", lambda ctx: "new", on_done=done.append)
    tasks.start("other", lambda ctx: "other", on_done=done.append)
    qtbot.waitUntil(lambda: sorted(done) == ["new", "other"], timeout=5000)
    assert not tasks.running("load")
    release.set()  # the superseded one ends late (it ignored its cancel)
    wait_for_all()
    qtbot.wait(20)
    assert sorted(done) == ["new", "other"]


def test_a_result_already_on_its_way_is_discarded(qtbot) -> None:  # type: ignore[no-untyped-def]
    tasks = LatestTasks()
    done: list[str] = []
    discarded: list[str] = []
    first = tasks.start("load", lambda ctx: "old", on_done=done.append, discard=discarded.append)
    assert first.done.wait(5)  # its result is queued for the UI thread, not yet delivered
    tasks.start("load", lambda ctx: "new", on_done=done.append, discard=discarded.append)
    qtbot.waitUntil(lambda: done == ["new"], timeout=5000)
    assert discarded == ["old"]  # e.g. a document built for nothing, freed on the UI thread


def test_stop_still_reports_the_end_while_cancel_does_not(qtbot) -> None:  # type: ignore[no-untyped-def]
    tasks = LatestTasks()
    ended: list[str] = []

    def until_cancelled(ctx: TaskContext) -> None:
        while not ctx.cancelled():
            threading.Event().wait(0.005)
        ctx.check()

    tasks.start("a", until_cancelled, on_cancelled=lambda: ended.append("a"))
    tasks.start("b", until_cancelled, on_cancelled=lambda: ended.append("b"))
    tasks.stop("a")
    tasks.cancel("b")
    qtbot.waitUntil(lambda: ended == ["a"], timeout=5000)
    wait_for_all()
    qtbot.wait(20)  # let a late "b" signal arrive, if it were wrongly delivered
    assert ended == ["a"] and not tasks.busy()


def test_a_cancelled_task_that_then_breaks_is_quiet(qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    """Quitting cancels the tasks; one that breaks after (an import at interpreter shutdown)
    reports no traceback and no error, only that it was cancelled."""
    from reader.ui.tasks import run_task

    started, release = threading.Event(), threading.Event()
    failed: list[str] = []
    cancelled: list[bool] = []

    def breaks_after_cancel(ctx: TaskContext) -> None:
        started.set()
        release.wait(5)
        raise RuntimeError("can't register atexit after shutdown")

    task = run_task(breaks_after_cancel, on_error=failed.append, on_cancelled=lambda: cancelled.append(True))
    assert started.wait(5)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: cancelled == [True], timeout=5000)
    assert failed == [] and "background task failed" not in caplog.text
