"""Starting the GUI: the QApplication, the window, and the screenshot mode."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from reader.core.article import Article
from reader.core.errors import ReaderError
from reader.core.store import default_data_dir
from reader.ui.settings import LANGUAGE, Settings

SCREENSHOT_TIMEOUT_S = 60


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
        from reader.ui.icons import app_icon

        app.setWindowIcon(app_icon())
        QGuiApplication.setDesktopFileName("bilingual-reader")  # docks match the .desktop file
    QCoreApplication.setOrganizationName("bilingual-reader")
    QCoreApplication.setApplicationName("Bilingual Reader")
    return app  # type: ignore[return-value]


def settings_for(data_dir: Path) -> Settings:
    data_dir.mkdir(parents=True, exist_ok=True)
    return Settings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat))


_windows: list = []  # type: ignore[type-arg]  # keeps the open window alive


def create_window(data_dir: Path | None = None, *, lang: str | None = None):  # type: ignore[no-untyped-def]
    """A main window on ``data_dir``, its UI in ``lang`` (else the saved or system language)."""
    from reader.ui.i18n import install_language
    from reader.ui.main_window import MainWindow

    data_dir = Path(data_dir) if data_dir else default_data_dir()
    settings = settings_for(data_dir)
    install_language(lang or settings.get(LANGUAGE))
    window = MainWindow(settings, data_dir)
    window.language_changed.connect(lambda code, w=window: rebuild_window(w, code))
    _windows[:] = [window]  # one main window at a time
    return window


def current_window():  # type: ignore[no-untyped-def]
    return _windows[-1] if _windows else None


def rebuild_window(old, lang: str):  # type: ignore[no-untyped-def]
    """A new window in another language, in the same place, on the same article and layout."""
    open_now = old.session.article
    article = open_now.path if open_now is not None and open_now.path else None
    reading = old.reading_layout.reading_block()
    geometry = old.saveGeometry()
    new = create_window(old.data_dir, lang=lang)
    new.restoreGeometry(geometry)
    old.close()
    old.deleteLater()
    if article is not None:
        new.open_file(article)
        if reading is not None:
            view = new.reading_layout.reading_view()
            view.scroll_to_block(reading)
    new.show()
    return new


def run_app(
    *,
    file: Path | None = None,
    article: Article | None = None,
    data_dir: Path | None = None,
    original: str | None = None,
    layout: str | None = None,
    theme: str | None = None,
    lang: str | None = None,
    screenshot: Path | None = None,
    size: tuple[int, int] = (1400, 900),
    remote_images: bool = True,
) -> int:
    """The window on ``file`` (``article``: that file, already parsed); with ``screenshot``,
    save a PNG of it once drawn and return instead of running the event loop."""
    app = make_application()
    undo_signals = None
    if not screenshot:
        from reader.ui.quit_signals import quit_on_signals

        undo_signals = quit_on_signals(app, _quit_app)
    window = create_window(data_dir, lang=lang)
    if screenshot:
        window.remember_geometry = False  # the user's window keeps its own size
        window.resize(*size)
    if theme:
        window.set_theme_choice(theme, remember=False)  # a one-off, e.g. for a screenshot
    if layout:
        window.set_layout(layout)
    if not remote_images:
        window.set_remote_images(False, remember=False)  # this run only
    if file:
        window.open_file(Path(file), original=original, article=article)
    window.show()
    if screenshot:
        return _take_screenshot(app, window, screenshot)
    try:
        return app.exec()
    finally:
        if undo_signals is not None:
            undo_signals()


def _quit_app() -> None:
    """Quit as the menu's Quit does: the window saves what it keeps, then the loop ends."""
    window = current_window()
    if window is not None:
        window.close()
    QCoreApplication.quit()


def wait_until_settled(app: QApplication, window, timeout_s: float = SCREENSHOT_TIMEOUT_S) -> bool:  # type: ignore[no-untyped-def]
    """Run the event loop until both panes have painted their final state."""
    deadline = time.monotonic() + timeout_s
    failed: list[str] = []
    def on_failure(_path: Path, message: str, quiet: bool) -> None:
        if not quiet:
            failed.append(message)

    window.session.failed.connect(on_failure)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(5)

    def check() -> None:
        if failed or window.settled() or time.monotonic() > deadline:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if failed:
        raise ReaderError(failed[0])
    return window.settled()


def _take_screenshot(app: QApplication, window, path: Path) -> int:  # type: ignore[no-untyped-def]
    if not wait_until_settled(app, window):
        raise ReaderError(f"the window did not finish drawing within {SCREENSHOT_TIMEOUT_S} s")
    app.processEvents()
    image = window.grab()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise ReaderError(f"cannot write the screenshot to {path}")
    window.close()
    return 0
