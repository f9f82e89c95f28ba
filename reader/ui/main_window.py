"""The main window: composes the parts, declares the command table, shows what the session says.

The session (session.py) owns the open article, its original and their alignment; layouts.py
the panes or the interleaved column; AnnotationUI and LibraryPanel their commands and docks;
actions.py builds the menus, toolbar and shortcut list from the command table below.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets  # dialogs as QtWidgets.X: PySide makes a type when first named
from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QKeySequence,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QMainWindow, QWidget

from reader.core.article import Article
from reader.core.render import RenderedDocument
from reader.core.themes import Theme
from reader.ui import settings as S
from reader.ui import web_page
from reader.ui.actions import Actions, Command, Existing, Menu, Row
from reader.ui.annotation_ui import AnnotationUI
from reader.ui.appearance import Appearance
from reader.ui.article_view import ArticleView
from reader.ui.check_panel import CheckPanel
from reader.ui.i18n import QT_TR_NOOP, tr
from reader.ui.layouts import ReadingLayout
from reader.ui.library_panel import LibraryPanel
from reader.ui.original_controller import OriginalController
from reader.ui.original_pane import OriginalPane
from reader.ui.proofread import Proofreader
from reader.ui.sentence_tint import SentenceTint
from reader.ui.session import DocumentSession, LoadedArticle
from reader.ui.status import StatusPresenter
from reader.ui.sync import PaneSync
from reader.ui.window_state import restore_window, save_window
from reader.ui.writer import StoreWriter

if TYPE_CHECKING:
    from reader.ui.find_bar import FindBar
    from reader.ui.preferences import Preferences
    from reader.ui.welcome import WelcomePage

ARTICLE_SUFFIXES = (".md", ".markdown", ".mdown", ".txt", *web_page.WEB_PAGE_SUFFIXES)
THEME_LABELS = {"system": QT_TR_NOOP("Follow the &System"), "light": QT_TR_NOOP("&Light"),
                "sepia": QT_TR_NOOP("S&epia"), "dark": QT_TR_NOOP("&Dark")}
StandardKey = QKeySequence.StandardKey


class MainWindow(QMainWindow):
    language_changed = Signal(str)  # the app rebuilds the window in the new language

    def __init__(self, settings: S.Settings, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.data_dir = data_dir
        self.look = Appearance(settings, self)
        self.remember_geometry = True  # off for one-off windows (screenshots)
        self.setWindowTitle(tr("Bilingual Reader"))
        self.setAcceptDrops(True)
        self.translation_view = self._view("translationView", tr("Translation"))
        self.original_view = self._view("originalView", tr("English original"))
        self.interleaved_view = self._view("interleavedView", tr("Interleaved translation and original"))
        self.original_pane = OriginalPane(self.original_view)
        self.writer = StoreWriter(data_dir, self)  # its failures: said in the status bar (below)
        self.originals = OriginalController(self.original_pane, data_dir, self.look.stylesheet, self)
        self.session = DocumentSession(settings, self.writer, self.originals, self.look.theme,
                                       self.look.stylesheet, lambda: QFont(self.translation_view.font()), self)
        self.sync = PaneSync(self.translation_view, self.original_view, self)
        self.sentence_tint = SentenceTint(self.translation_view, self.original_view, lambda: self.session.parallel, self)
        self.reading_layout = ReadingLayout(self.session, self.translation_view, self.original_pane,
                                            self.interleaved_view, self.sync, self._make_welcome, self)
        self.splitter, self.stack = self.reading_layout.splitter, self.reading_layout.stack
        self.setCentralWidget(self.reading_layout.page())
        # Made before the window listens to the session: they see an article go before it does.
        self.annotation_ui = AnnotationUI(self, self.session, self.reading_layout, self.original_view,
                                          self.writer, settings, data_dir)
        self.annotations = self.annotation_ui.controller
        self.session.opened.connect(self._article_opened)
        self.session.closed.connect(self._article_closed)
        self.session.restyled.connect(self._restyled)
        self.session.alignment_changed.connect(self._alignment_changed)
        self.status = StatusPresenter(self, self.session)
        self.writer.failed.connect(self.status.say)
        self.reading_layout.failed.connect(self.status.say)
        self.library = LibraryPanel(self, self.session, self.annotations.store, data_dir, settings,
                                    (self.translation_view, self.original_view))  # after the window's handlers
        self.check = CheckPanel(self, self.session, self.sync, self.sentence_tint)
        self.proofread = Proofreader(self, self.session, self.reading_layout, self.original_view,
                                     self.annotation_ui, data_dir)  # Proofread mode, review marks, Changes panel
        self.session.own_change, self.sync.extra_markers = self.proofread.file_changed, self.proofread.markers
        self.proofread.review_changed.connect(self.library.reload_if_open)  # its Review column
        self.toolbar = self.addToolBar(tr("Reading"))
        self.toolbar.setObjectName("readingToolbar")
        self.toolbar.setMovable(False)
        self.commands = Actions(self, self.toolbar)
        self.commands.declare(self._command_table())
        self.annotation_ui.commands_declared(self.commands.actions, self.commands.menus["bookmarks"])
        self.proofread.commands_declared(self.commands.actions, self.toolbar)
        self.commands["theme_" + self.look.choice].setChecked(True)
        self._fill_recent_menu()
        self.originals.redrawn.connect(self.sync.show_markers)
        self.original_pane.load_file_requested.connect(self.load_original_from_file)
        for view in (self.translation_view, self.original_view, self.interleaved_view):
            view.zoom_requested.connect(self.zoom)
        self.session.track_progress(self.translation_view)
        self._reading_before_restyle: int | None = None
        self.look.changed.connect(self._appearance_changed)
        self._restore_settings()
        self._apply_network_settings()
        self.look.apply()  # before the first paint: no unstyled flash

    def _view(self, name: str, accessible: str) -> ArticleView:
        view = ArticleView(image_cache=self.data_dir / "images")
        view.setObjectName(name)
        view.setAccessibleName(accessible)
        return view

    def _make_welcome(self) -> WelcomePage:
        from reader.ui.welcome import WelcomePage

        welcome = WelcomePage(self.settings)
        welcome.open_requested.connect(self.open_file)
        welcome.browse_requested.connect(self.choose_file)
        welcome.folder_requested.connect(lambda: self.library.choose_folder())
        return welcome

    @property
    def welcome(self) -> WelcomePage:
        return self.reading_layout.welcome

    @property
    def find_bar(self) -> FindBar:
        return self.reading_layout.find_bar

    # -- the command table: menus, toolbar and shortcuts are built from it ------------------------
    def _command_table(self) -> list[Row]:
        themes: list[Row] = [
            Command(f"theme_{choice}", tr(label), partial(self.set_theme_choice, choice), "view/theme",
                    (f"Ctrl+Alt+{number}",), checkable=True, group="theme", data=choice)
            for number, (choice, label) in enumerate(THEME_LABELS.items(), 1)
        ]
        toolbar_toggle = self.toolbar.toggleViewAction()
        toolbar_toggle.setText(tr("Show Tool&bar"))
        return [
            Menu("file", tr("&File")),
            Command("open", tr("&Open…"), self.choose_file, "file", (StandardKey.Open,)),
            Command("open_folder", tr("Open &Folder…"), self.library.choose_folder, "file", ("Ctrl+Shift+O",)),
            Menu("file/recent", tr("Open &Recent")),
            Command("load_original", tr("&Load original from file…"), self.load_original_from_file, "file"),
            *self.annotation_ui.file_commands(),
            Command("close", tr("&Close"), self.close_article, "file", (StandardKey.Close,), separator=True),
            Command("quit", tr("&Quit"), self.close, "file", (StandardKey.Quit,), role=QAction.MenuRole.QuitRole),
            Menu("edit", tr("&Edit")),
            Command("find", tr("&Find…"), self.find_in_pane, "edit", (StandardKey.Find,)),
            Command("find_next", tr("Find &Next"), lambda: self.find_bar.next(), "edit", (StandardKey.FindNext,)),
            Command("find_previous", tr("Find Pre&vious"), lambda: self.find_bar.previous(), "edit", (StandardKey.FindPrevious,)),
            Command("preferences", tr("&Preferences…"), self.show_preferences, "edit", ("Ctrl+,",), separator=True,
                    role=QAction.MenuRole.PreferencesRole),
            Menu("view", tr("&View")),
            Command("refresh_original", tr("&Refresh Original"), self.session.refresh_original, "view",
                    (StandardKey.Refresh,)),
            Command("swap", tr("S&wap Panes"), self.toggle_swap, "view", ("Ctrl+Shift+S",), checkable=True,
                    separator=True),
            Command("horizontal", tr("Side by Side (&Horizontal Split)"), lambda: self.set_orientation("horizontal"),
                    "view", ("Ctrl+Alt+H",), checkable=True, group="orientation", separator=True),
            Command("vertical", tr("Stacked (&Vertical Split)"), lambda: self.set_orientation("vertical"), "view",
                    ("Ctrl+Alt+V",), checkable=True, group="orientation"),
            Command("interleaved", tr("&Interleaved"), lambda: self.set_layout(
                "interleaved" if self.commands["interleaved"].isChecked() else "side"), "view", ("Ctrl+Alt+I",),
                    checkable=True, toolbar=2),
            Command("sync", tr("S&ynchronized Scrolling"), self.toggle_sync, "view", ("Ctrl+Alt+Y",), checkable=True,
                    separator=True, toolbar=1),
            Command("next_pair", tr("&Next Pair"), lambda: self.sync.step(+1), "view", ("Alt+Down",), toolbar=4),
            Command("previous_pair", tr("&Previous Pair"), lambda: self.sync.step(-1), "view", ("Alt+Up",),
                    toolbar=3),
            *self.check.commands(),
            Command("zoom_in", tr("&Zoom In"), lambda: self.zoom(+1), "view", ("Ctrl+=", "Ctrl++"), separator=True),
            Command("zoom_out", tr("Zoom &Out"), lambda: self.zoom(-1), "view", (StandardKey.ZoomOut,)),
            Command("zoom_reset", tr("&Actual Size"), lambda: self.zoom(0), "view", ("Ctrl+0",)),
            Menu("view/theme", tr("&Theme")),
            *themes,
            Existing("toolbar", toolbar_toggle, "view"),
            *self.library.commands(),
            *self.annotation_ui.menu_commands(),
            *self.proofread.commands(),
            Menu("help", tr("&Help")),
            Command("shortcuts", tr("&Keyboard Shortcuts"), self.show_shortcuts, "help", ("Ctrl+/",)),
            Command("about", tr("&About Bilingual Reader"), self.show_about, "help", role=QAction.MenuRole.AboutRole),
        ]

    def _fill_recent_menu(self) -> None:
        menu = self.commands.menus["file/recent"]
        menu.clear()
        recent = [p for p in self.settings.get(S.RECENT) if p]
        for number, path in enumerate(recent, 1):
            action = menu.addAction(f"&{number % 10}  {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_file(Path(p)))
        menu.setEnabled(bool(recent))

    # -- opening ------------------------------------------------------------------------------
    def open_file(self, path: Path, original: str | None = None, *, article: Article | None = None) -> None:
        if article is None and web_page.is_web_page(path):  # its article, or the open one's original
            article = web_page.open_choice(self, path, self.session)
            if article is None:
                return
        self.session.open(path, original, article=article)

    def choose_file(self) -> None:
        start = self.settings.get(S.LAST_DIR) or str(Path.home())
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, tr("Open Article"), start, tr("Markdown articles (*.md *.markdown *.txt);;All files (*)"))
        if name:
            self.open_file(Path(name))

    def load_original_from_file(self) -> None:
        article = self.session.article
        if article is None:
            return
        name, _ = QtWidgets.QFileDialog.getOpenFileName(self, tr("Load Original"), str(article.path.parent) if article.path
                                              else "", tr("Saved pages and text (*.html *.htm *.md *.txt)"))
        if name:
            self.session.load_original_file(Path(name))

    def close_article(self) -> None:
        self.session.close()

    def _article_opened(self, loaded: LoadedArticle) -> None:
        self.sync.set_parallel(None)
        if loaded.article.units:
            self.translation_view.show_document(loaded.rendered, self.look.stylesheet("zh"), loaded.document)
        else:  # an empty file is an empty article, said gently
            self.translation_view.show_notice(tr("This file is empty"), tr("Write or paste the translation into it; it opens again by itself."), self.look.theme.muted, self.look.stylesheet("zh"))
        self.reading_layout.show(then=self._restore_reading_position)
        if self.reading_layout.welcome_made_yet is not None:
            self.reading_layout.welcome_made_yet.refresh()
        self._fill_recent_menu()

    def _article_closed(self) -> None:
        self.sync.set_parallel(None)
        self.translation_view.release_hold()  # clear() resizes: no scrolling through the old positions
        self.translation_view.clear()
        self.translation_view.has_content = False
        self.original_pane.set_state(self.original_pane.state.EMPTY)

    def _restore_reading_position(self) -> None:
        block = self.annotations.reading_position_block()
        if block is not None:
            self.reading_layout.reading_view().hold_block(block)  # kept through the window's first layouts

    def settled(self) -> bool:
        """Both panes show their final state and have painted it (screenshots, tests)."""
        if self.session.article is None or self.session.tasks.busy() or self.reading_layout.building:
            return False
        if self.originals.redrawing or self.proofread.drawing:
            return False
        if self.reading_layout.interleaved:
            return self.original_pane.finished and self.interleaved_view.painted_since_load
        return self.translation_view.painted_since_load and self.original_pane.settled

    # -- alignment ------------------------------------------------------------------------------
    def _alignment_changed(self) -> None:
        self.sync.set_parallel(self.session.parallel)
        self.proofread.refresh()
        if self.reading_layout.interleaved:  # the column grows the originals: the same paragraph
            view, layout = self.interleaved_view, self.reading_layout  # stays in view (the top stays the top)
            held, reading = view.held_block, None if view.verticalScrollBar().value() == 0 else layout.reading_block()
            layout.build_interleaved(then=lambda: view.hold_block(held) if held is not None else layout.back_to(reading))
        if self.session.parallel is not None:
            self.sync.follow("zh")

    def toggle_sync(self) -> None:
        self.sync.enabled = self.commands["sync"].isChecked()
        self.settings.set(S.SYNC_SCROLL, self.sync.enabled)
        if self.sync.enabled:
            self.sync.follow("zh")

    # -- layouts --------------------------------------------------------------------------------
    def set_layout(self, name: str) -> None:
        """``side`` (two panes) or ``interleaved`` (one column), keeping the reading position."""
        if self.reading_layout.set(name):
            self.commands["interleaved"].setChecked(name == "interleaved")
            self.settings.set(S.LAYOUT, name)

    def toggle_swap(self) -> None:
        self.reading_layout.swap()
        self.settings.set(S.SWAPPED, self.reading_layout.swapped)
        self.commands["swap"].setChecked(self.reading_layout.swapped)

    def set_orientation(self, name: str) -> None:
        name = "vertical" if name == "vertical" else "horizontal"
        self.reading_layout.set_orientation(name)
        self.commands[name].setChecked(True)
        self.settings.set(S.ORIENTATION, name)

    # -- appearance -----------------------------------------------------------------------------
    def set_theme_choice(self, choice: str, *, remember: bool = True) -> None:
        """'system', 'light', 'sepia' or 'dark'; applied at once to every pane and dock."""
        self.look.set_choice(choice, remember=remember)
        self.commands["theme_" + self.look.choice].setChecked(True)

    def zoom(self, steps: int) -> None:
        """+1 / -1 a step of 10 %; 0 back to the default size."""
        self.look.zoom(steps)
        self.status.say(tr("Text size %1 pt", args=(f"{self.look.typography.font_size:g}",)), 2000)

    def _appearance_changed(self, theme: Theme, rerender: bool) -> None:
        """Redraw everything with the new theme or type, keeping the reading place."""
        self.setStyleSheet(self.look.window_stylesheet())
        self.reading_layout.theme, self.reading_layout.typography = theme, self.look.typography
        for view in (self.translation_view, self.original_view, self.interleaved_view):
            view.measure = self.look.typography.measure
        self._reading_before_restyle = self.reading_layout.reading_block()
        self.session.restyle(theme, rerender)

    def _restyled(self, rendered: RenderedDocument, document: QTextDocument | None) -> None:
        self.translation_view.show_document(rendered, self.look.stylesheet("zh"), document)
        self.sync.show_markers()
        reading = self._reading_before_restyle
        if self.reading_layout.interleaved:
            self.reading_layout.build_interleaved(then=lambda: self.reading_layout.back_to(reading))
        else:
            self.reading_layout.back_to(reading)

    # -- find, preferences, shortcuts, language -------------------------------------------------
    def find_in_pane(self) -> None:
        """Find in the pane the reader is in (the translation unless another has focus)."""
        views = (self.translation_view, self.original_view, self.interleaved_view)
        self.find_bar.open_in(views, self.reading_layout.reading_view())

    def preferences(self) -> Preferences:
        from reader.ui.preferences import Preferences

        return Preferences(theme=self.look.choice, typography=self.look.typography, sync_scroll=self.sync.enabled,
                           connect_timeout=self.settings.get(S.CONNECT_TIMEOUT),
                           read_timeout=self.settings.get(S.READ_TIMEOUT), language=self.settings.get(S.LANGUAGE),
                           data_dir=self.data_dir, remote_images=self.settings.get(S.REMOTE_IMAGES))

    def show_preferences(self) -> None:
        from reader.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.preferences(), self)
        if dialog.exec():
            self.apply_preferences(dialog.values())

    def apply_preferences(self, new: Preferences) -> None:
        old = self.preferences()
        self.settings.set(S.CONNECT_TIMEOUT, new.connect_timeout)
        self.settings.set(S.READ_TIMEOUT, new.read_timeout)
        self.settings.set(S.REMOTE_IMAGES, new.remote_images)
        self._apply_network_settings()
        if new.sync_scroll != old.sync_scroll:
            self.commands["sync"].setChecked(new.sync_scroll)
            self.toggle_sync()
        if new.data_dir != old.data_dir:
            from reader.core.store import remember_data_dir

            remember_data_dir(new.data_dir)
        self.look.choice = new.theme
        self.settings.set(S.THEME, new.theme)
        self.commands["theme_" + new.theme].setChecked(True)
        self.look.set_typography(new.typography, rerender=new.theme != old.theme)
        if new.language != old.language:
            self.set_language(new.language)

    def _apply_network_settings(self) -> None:
        self.originals.timeouts = (self.settings.get(S.CONNECT_TIMEOUT), self.settings.get(S.READ_TIMEOUT))
        self.set_remote_images(self.settings.get(S.REMOTE_IMAGES), remember=False)

    def set_remote_images(self, load: bool, *, remember: bool = True) -> None:
        """Whether pictures from the web are fetched (``open --no-remote-images``: a one-off)."""
        for view in (self.translation_view, self.original_view, self.interleaved_view):
            view.remote_images = load
        if remember:
            self.settings.set(S.REMOTE_IMAGES, load)

    def set_language(self, choice: str) -> None:
        """Switch the UI language now: the app rebuilds the window around the same article."""
        self.settings.set(S.LANGUAGE, choice)
        self.settings.q.sync()
        self.language_changed.emit(choice)

    def show_shortcuts(self) -> None:
        from reader.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.commands.shortcut_rows(), self).exec()

    def show_about(self) -> None:
        from reader.ui.about import show_about

        show_about(self)

    # -- drag and drop --------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_article(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_article(event.mimeData().urls())
        if path:
            event.acceptProposedAction()
            self.open_file(path)

    # -- settings -------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        restore_window(self, self.settings, self.reading_layout, self.library.show_on_first_start)
        self.commands["vertical" if self.settings.get(S.ORIENTATION) == "vertical" else "horizontal"].setChecked(True)
        self.commands["swap"].setChecked(self.reading_layout.swapped)
        self.commands["sync"].setChecked(self.settings.get(S.SYNC_SCROLL))
        self.sync.enabled = self.commands["sync"].isChecked()
        self.commands["interleaved"].setChecked(self.reading_layout.interleaved)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.status.say_once_if_no_chinese_font(self.settings)
        if self.session.article is None and not self.session.loading:
            self.reading_layout.show()  # the welcome page
        self.reading_layout.split_evenly_once(self.width())

    def closeEvent(self, event: QCloseEvent) -> None:
        for part in (self.session, self.library, self.proofread):
            part.shut_down()  # what their tasks still deliver is ignored: the store closes below
        self.session.save_progress()
        self.annotations.close()
        self.writer.close()  # the writes asked for are made before the window goes
        if self.remember_geometry:
            save_window(self, self.settings, self.reading_layout)
        super().closeEvent(event)


def _dropped_article(urls: list[QUrl]) -> Path | None:
    paths = (Path(url.toLocalFile()) for url in urls if url.isLocalFile())
    return next((path for path in paths if path.suffix.lower() in ARTICLE_SUFFIXES), None)
