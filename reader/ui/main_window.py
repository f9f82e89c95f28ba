"""The main window: the translation and its original side by side."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.article import Article, parse_article
from reader.core.errors import ReaderError
from reader.core.parallel import ParallelText
from reader.core.render import RenderedDocument, Renderer, interleaved_document
from reader.core.store import StoreError
from reader.core.textio import EMPTY_FILE_WARNING
from reader.core.themes import Theme, Typography, font_stack, stylesheet
from reader.ui import settings as S
from reader.ui import web_page
from reader.ui.annotation_ui import AnnotationUI
from reader.ui.appearance import (
    THEME_CHOICES,
    apply_palette,
    resolve_theme,
    save_typography,
    typography,
)
from reader.ui.article_view import ArticleView, Marker
from reader.ui.documents import SYNC_RENDER_BLOCKS, build_document
from reader.ui.file_watch import FileWatch
from reader.ui.find_bar import FindBar
from reader.ui.i18n import tr
from reader.ui.lazy_dock import LazyDock
from reader.ui.original_controller import LoadedOriginal, OriginalController
from reader.ui.original_pane import OriginalPane
from reader.ui.sentence_tint import SentenceTint
from reader.ui.sync import READING_LINE, PaneSync, pair_markers
from reader.ui.tasks import LatestTasks, TaskContext

if TYPE_CHECKING:  # built when first needed: a window opening an article never shows them
    from reader.core.checks import Issue
    from reader.core.store import Store
    from reader.ui.check_dock import CheckDock
    from reader.ui.library_dock import LibraryDock
    from reader.ui.preferences import Preferences
    from reader.ui.search_dock import SearchDock
    from reader.ui.welcome import WelcomePage

ARTICLE_SUFFIXES = (".md", ".markdown", ".mdown", ".txt", *web_page.WEB_PAGE_SUFFIXES)
SYNC_LOAD_BYTES = 48 * 1024  # larger files are parsed, rendered and built off the UI thread
# Standard keys a platform theme may leave unbound (a bare X session binds no Quit).
FALLBACK_KEYS = {QKeySequence.StandardKey.Quit: "Ctrl+Q"}


@dataclass
class LoadedArticle:
    article: Article
    rendered: RenderedDocument
    document: QTextDocument | None = None  # ``rendered`` built off the UI thread (long articles)
    stylesheet: str = ""  # the stylesheet ``document`` was built with


def load_article(path: Path, theme: Theme, ctx: TaskContext | None = None, *,
                 stylesheet: str | None = None, font: QFont | None = None) -> LoadedArticle:
    """Parse and render; in a background task (``stylesheet`` given) build the document too."""
    article = parse_article(path)
    if ctx:
        ctx.check()
    rendered = render_translation(article, theme)
    if stylesheet is None:
        return LoadedArticle(article, rendered)
    if ctx:
        ctx.check()
    _ = article.counts  # cached: the status bar will not count on the UI thread
    return LoadedArticle(article, rendered, build_document(rendered.html, stylesheet, font), stylesheet)


def interleave(article: Article, parallel: ParallelText | None, theme: Theme, only_translation: str,
               not_translated: str, en_family: str) -> RenderedDocument:
    """The interleaved column: each paragraph above its original (just the translation
    until the two are aligned)."""
    zh = Renderer(article.base_dir, article.references, theme, lang="zh")
    if parallel is None:
        return zh.document(article.blocks)
    en = Renderer(None, {}, theme, lang="en", anchor_prefix="e")
    in_pairs = set(parallel.zh_pair)
    header = [b for b in article.blocks if b.index not in in_pairs and b.meta]
    return interleaved_document(parallel, header, zh, en, only_translation=only_translation,
                                not_translated=not_translated, en_family=en_family)


def _with_document(rendered: RenderedDocument, css: str, font: QFont,
                   ctx: TaskContext) -> tuple[RenderedDocument, QTextDocument]:
    ctx.check()
    return rendered, build_document(rendered.html, css, font)


def render_translation(article: Article, theme: Theme) -> RenderedDocument:
    return Renderer(article.base_dir, article.references, theme, lang="zh").document(article.blocks)


class MainWindow(QMainWindow):
    article_loaded = Signal(object)  # Article
    load_failed = Signal(str)
    language_changed = Signal(str)  # the app rebuilds the window in the new language

    def __init__(self, settings: S.Settings, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.data_dir = data_dir
        self.article: Article | None = None
        self._rendered: RenderedDocument | None = None  # the translation as last rendered
        self.theme_choice = settings.get(S.THEME)
        self.theme = resolve_theme(self.theme_choice)
        self.typography = typography(settings)
        # Background jobs by key, the latest winning: "load" (a long article), "align",
        # "interleave" (a long article's column), "restyle" (a long article in a new theme).
        self.tasks = LatestTasks()
        self._reloading = False  # the article is being read again after a change on disk
        self._reload_next = False  # the next open_file is that reading
        self.file_watch = FileWatch(self)
        self.file_watch.changed.connect(self._file_changed)
        self.remember_geometry = True  # off for one-off windows (screenshots)
        self.setWindowTitle(tr("Bilingual Reader"))
        self.setAcceptDrops(True)

        self.translation_view = ArticleView(image_cache=data_dir / "images")
        self.translation_view.setObjectName("translationView")
        self.translation_view.setAccessibleName(tr("Translation"))
        self.original_view = ArticleView(image_cache=data_dir / "images")
        self.original_view.setObjectName("originalView")
        self.original_view.setAccessibleName(tr("English original"))
        self.original_pane = OriginalPane(self.original_view)
        self.original_pane.load_file_requested.connect(self.load_original_from_file)
        self.originals = OriginalController(self.original_pane, data_dir, self._stylesheet, self)
        self.originals.loaded.connect(self._start_alignment)
        self.originals.cleared.connect(self._clear_alignment)
        self._pending_original: str | None = None
        self.sync = PaneSync(self.translation_view, self.original_view, self)
        self.sentence_tint = SentenceTint(self.translation_view, self.original_view, lambda: self.parallel, self)
        for view in (self.translation_view, self.original_view):
            view.zoom_requested.connect(self.zoom)
        self.parallel: ParallelText | None = None
        self.interleaved_view = ArticleView(image_cache=data_dir / "images")
        self.interleaved_view.setObjectName("interleavedView")
        self.interleaved_view.setAccessibleName(tr("Interleaved translation and original"))
        self.interleaved_view.zoom_requested.connect(self.zoom)
        self.layout_name = "side"

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.translation_view)
        self.splitter.addWidget(self.original_pane)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self._splitter_restored = False
        self._welcome: WelcomePage | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.interleaved_view)
        self.find_bar = FindBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.stack, 1)
        column.addWidget(self.find_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        self.setCentralWidget(central)

        self.path_label = QLabel()
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel()
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)

        self._build_actions()
        self._build_menus()
        self.annotation_ui = AnnotationUI(self)
        self.annotations = self.annotation_ui.controller
        self._build_library()
        from reader.ui.proofread import Proofreader

        self.proofread = Proofreader(self)  # Proofread mode, review marks, the Changes panel
        self.originals.loaded.connect(self._original_for_annotations)
        self.originals.redrawn.connect(self._original_redrawn)
        self.originals.cleared.connect(self.annotations.original_cleared)
        self._restore_settings()
        self._apply_network_settings()
        self.apply_appearance()  # before the first paint: no unstyled flash
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    @property
    def welcome(self) -> WelcomePage:
        """The page of an empty window, made when first shown."""
        if self._welcome is None:
            from reader.ui.welcome import WelcomePage

            self._welcome = WelcomePage(self.settings)
            self._welcome.open_requested.connect(self.open_file)
            self._welcome.browse_requested.connect(self.choose_file)
            self._welcome.folder_requested.connect(lambda: self.choose_folder())
            self.stack.insertWidget(0, self._welcome)
        return self._welcome

    # -- actions and menus ----------------------------------------------------------
    def _action(self, text: str, slot, shortcut: QKeySequence.StandardKey | str | None = None, *,
                checkable: bool = False) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            # Every binding the platform has (Close: Ctrl+W and Ctrl+F4), else ours.
            keys = QKeySequence.keyBindings(shortcut)
            if not keys and shortcut in FALLBACK_KEYS:
                keys = [QKeySequence(FALLBACK_KEYS[shortcut])]
            action.setShortcuts(keys)
        elif shortcut is not None:
            action.setShortcuts([QKeySequence(shortcut)])
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action(tr("&Open…"), self.choose_file, QKeySequence.StandardKey.Open)
        self.open_folder_action = self._action(tr("Open &Folder…"), self.choose_folder, "Ctrl+Shift+O")
        self.load_original_action = self._action(tr("&Load original from file…"), self.load_original_from_file)
        self.export_action = self._action(tr("&Export Annotations…"), self.export_annotations, "Ctrl+E")
        self.import_action = self._action(tr("&Import Annotations…"), self.import_annotations, "Ctrl+I")
        self.refresh_original_action = self._action(tr("&Refresh Original"), self.refresh_original,
                                                    QKeySequence.StandardKey.Refresh)
        self.close_action = self._action(tr("&Close"), self.close_article, QKeySequence.StandardKey.Close)
        self.quit_action = self._action(tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.swap_action = self._action(tr("S&wap Panes"), self.toggle_swap, "Ctrl+Shift+S", checkable=True)
        self.horizontal_action = self._action(tr("Side by Side (&Horizontal Split)"),
                                              lambda: self.set_orientation("horizontal"), "Ctrl+Alt+H",
                                              checkable=True)
        self.vertical_action = self._action(tr("Stacked (&Vertical Split)"),
                                            lambda: self.set_orientation("vertical"), "Ctrl+Alt+V",
                                            checkable=True)
        group = QActionGroup(self)
        group.addAction(self.horizontal_action)
        group.addAction(self.vertical_action)
        self.interleaved_action = self._action(tr("&Interleaved"), self.toggle_interleaved, "Ctrl+Alt+I",
                                               checkable=True)
        self.sync_action = self._action(tr("S&ynchronized Scrolling"), self.toggle_sync, "Ctrl+Alt+Y",
                                        checkable=True)
        self.next_pair_action = self._action(tr("&Next Pair"), lambda: self.sync.step(+1), "Alt+Down")
        self.previous_pair_action = self._action(tr("&Previous Pair"), lambda: self.sync.step(-1), "Alt+Up")
        self._check_dock = LazyDock(self, "checkDock", Qt.DockWidgetArea.RightDockWidgetArea,
                                    self._make_check_dock, tr("Translation &Check"), "Ctrl+Alt+C")
        self.check_action = self._check_dock.action
        self.addAction(self.check_action)
        self.next_issue_action = self._action(tr("Ne&xt Issue"), lambda: self._step_issue(+1), "F8")
        self.previous_issue_action = self._action(tr("Previous Iss&ue"), lambda: self._step_issue(-1),
                                                  "Shift+F8")
        self.zoom_in_action = self._action(tr("&Zoom In"), lambda: self.zoom(+1), QKeySequence.StandardKey.ZoomIn)
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out_action = self._action(tr("Zoom &Out"), lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut)
        self.zoom_reset_action = self._action(tr("&Actual Size"), lambda: self.zoom(0), "Ctrl+0")
        theme_names = {"system": tr("Follow the &System"), "light": tr("&Light"), "sepia": tr("S&epia"),
                       "dark": tr("&Dark")}
        themes = QActionGroup(self)
        self.theme_actions: list[QAction] = []
        for number, (choice, label) in enumerate(theme_names.items(), 1):
            action = self._action(label, lambda _=False, c=choice: self.set_theme_choice(c), f"Ctrl+Alt+{number}",
                                  checkable=True)
            action.setData(choice)
            action.setChecked(choice == self.theme_choice)
            themes.addAction(action)
            self.theme_actions.append(action)
        self.find_action = self._action(tr("&Find…"), self.find_in_pane, QKeySequence.StandardKey.Find)
        self.find_next_action = self._action(tr("Find &Next"), self.find_bar.next, QKeySequence.StandardKey.FindNext)
        self.find_previous_action = self._action(tr("Find Pre&vious"), self.find_bar.previous,
                                                 QKeySequence.StandardKey.FindPrevious)
        self.preferences_action = self._action(tr("&Preferences…"), self.show_preferences, "Ctrl+,")
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.shortcuts_action = self._action(tr("&Keyboard Shortcuts"), self.show_shortcuts, "Ctrl+/")
        self.about_action = self._action(tr("&About Bilingual Reader"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.open_folder_action)
        self.recent_menu = file_menu.addMenu(tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.load_original_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(tr("&Edit"))
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.find_next_action)
        edit_menu.addAction(self.find_previous_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        self.edit_menu = edit_menu
        view_menu = bar.addMenu(tr("&View"))
        view_menu.addAction(self.refresh_original_action)
        view_menu.addSeparator()
        view_menu.addAction(self.swap_action)
        view_menu.addSeparator()
        view_menu.addAction(self.horizontal_action)
        view_menu.addAction(self.vertical_action)
        view_menu.addAction(self.interleaved_action)
        view_menu.addSeparator()
        view_menu.addAction(self.sync_action)
        view_menu.addAction(self.next_pair_action)
        view_menu.addAction(self.previous_pair_action)
        view_menu.addAction(self.check_action)
        view_menu.addAction(self.next_issue_action)
        view_menu.addAction(self.previous_issue_action)
        view_menu.addSeparator()
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        view_menu.addAction(self.zoom_reset_action)
        theme_menu = view_menu.addMenu(tr("&Theme"))
        for action in self.theme_actions:
            theme_menu.addAction(action)
        self.view_menu = view_menu
        toolbar = self.addToolBar(tr("Reading"))
        toolbar.setObjectName("readingToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.sync_action)
        toolbar.addAction(self.interleaved_action)
        toolbar.addAction(self.previous_pair_action)
        toolbar.addAction(self.next_pair_action)
        self.toolbar = toolbar
        toggle = toolbar.toggleViewAction()
        toggle.setText(tr("Show Tool&bar"))
        view_menu.addAction(toggle)
        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)
        self.help_menu = help_menu
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self.settings.get(S.RECENT) if p]
        for number, path in enumerate(recent, 1):
            action = self.recent_menu.addAction(f"&{number % 10}  {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_file(Path(p)))
        self.recent_menu.setEnabled(bool(recent))

    # -- opening --------------------------------------------------------------------
    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = self.settings.get(S.LAST_DIR) or str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, tr("Open Article"), start, tr("Markdown articles (*.md *.markdown *.txt);;All files (*)")
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path, original: str | None = None, *, article: Article | None = None) -> None:
        """Open an article; ``original`` (URL or path) is shown beside it and remembered.
        ``article`` is the file already parsed, when the caller has it."""
        path = Path(path).expanduser().absolute()  # remembered in recent files
        if article is None and web_page.is_web_page(path) and not self._reload_next:
            article = self._web_page_article(path)
            if article is None:
                return
        self._reloading, self._reload_next = self._reload_next, False  # a user's open is not quiet
        self._pending_original = original
        self.tasks.cancel("load")
        self.statusBar().showMessage(tr("Opening %1…", args=(path.name,)))
        if article is not None and len(article.blocks) <= SYNC_RENDER_BLOCKS:
            self._article_ready(LoadedArticle(article, render_translation(article, self.theme)))
            return
        if _is_small(path):
            # A typical article parses and renders in a few ms: a thread hop would only add latency.
            try:
                loaded = load_article(path, self.theme)
            except ReaderError as exc:
                self._article_failed(path, str(exc))
            else:
                self._article_ready(loaded)
            return
        theme, css, font = self.theme, self._stylesheet("zh"), QFont(self.translation_view.font())
        self.tasks.start(
            "load",
            lambda ctx: load_article(path, theme, ctx, stylesheet=css, font=font),
            on_done=self._article_ready,
            on_error=lambda message: self._article_failed(path, message),
            discard=lambda loaded: _drop_document(loaded.document),  # another article was opened
        )

    def _web_page_article(self, path: Path) -> Article | None:
        """The article in a web page, or None: it became the original of the open article, or
        the reader cancelled, or it cannot be read (said)."""
        if self.article is not None:
            choice = web_page.ask(self, path, self.article.title)
            if choice == web_page.AS_ORIGINAL:
                self.originals.load_file(path)
            if choice != web_page.AS_ARTICLE:
                return None
        try:
            return web_page.extracted_article(path)
        except ReaderError as exc:
            self._article_failed(path, str(exc))
            return None

    def _article_ready(self, loaded: LoadedArticle) -> None:
        self.tasks.cancel("load")
        self.tasks.cancel("restyle")  # it was drawing the previous article
        article = loaded.article
        self.article = article
        self._clear_alignment(rebuild=False)  # _show_layout below shows the new column
        self.annotations.open_article(article)
        self._rendered = loaded.rendered
        css = self._stylesheet("zh")
        document = loaded.document
        if document is not None and loaded.stylesheet != css:  # the theme changed meanwhile
            document.deleteLater()
            document = None
        if article.units:
            self.translation_view.show_document(loaded.rendered, css, document)
        else:  # an empty file is an empty article, said gently
            self.translation_view.show_notice(tr("This file is empty"),
                                              tr("Write or paste the translation into it; it opens again by itself."),
                                              self.theme.muted, css)
        self.annotations.views_changed()
        self._show_layout(then=self._restore_reading_position)
        self.setWindowTitle(f"{article.title} — {tr('Bilingual Reader')}")
        self.path_label.setText(str(article.path) if article.path else "")
        self.count_label.setText(self._count_text())
        self.statusBar().clearMessage()
        if article.warnings:
            self.statusBar().showMessage(tr("Opened with warnings: %1", args=("; ".join(article.warnings[:3]),)), 10000)
        self.originals.open_article(article, explicit=self._pending_original)
        self._pending_original = None
        if self._pending_find:
            self.originals.loaded.connect(self._find_pending, Qt.ConnectionType.SingleShotConnection)
            self._find_pending_now()
        if article.path:
            from reader.core import reading

            try:
                reading.mark_opened(self.annotations.store, article.path, article)
            except StoreError as exc:  # a full disk: the article is open all the same
                self.statusBar().showMessage(str(exc), 10000)
            self.settings.add_recent(str(article.path))
            self.settings.set(S.LAST_DIR, str(article.path.parent))
            if self._welcome is not None:
                self._welcome.refresh()
        self.file_watch.watch(article.path)
        if self._reloading:
            self._reloading = False
            self.statusBar().showMessage(tr("Reloaded: the file changed on disk."), 4000)
        self.article_loaded.emit(article)

    def _article_failed(self, path: Path, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.statusBar().clearMessage()
        if self.article is None:
            self._show_layout()
        if self._reloading:  # no dialog for a save caught half-way: the last good text stays
            self._reloading = False
            self.statusBar().showMessage(tr("Not reloaded: %1", args=(message,)), 10000)
            return
        self.load_failed.emit(message)
        if not self.isVisible():  # started on this file: the window first, the message over it
            QTimer.singleShot(0, self, lambda: QMessageBox.warning(self, tr("Cannot open article"), message))
            return
        QMessageBox.warning(self, tr("Cannot open article"), message)

    def _file_changed(self, path: Path) -> None:
        if not self.proofread.file_changed(path):  # not our own save, nor under the editor
            self.reload_article()

    def reload_article(self) -> None:
        """Read the open article again (it changed on disk), keeping the reading place, the
        original beside it, and the annotations (re-anchored to the new text)."""
        article = self.article
        if article is None or article.path is None:
            return
        if _is_small(article.path):
            try:
                fresh = parse_article(article.path)
            except ReaderError as exc:
                self._reloading = True
                self._article_failed(article.path, str(exc))
                return
            if not fresh.blocks and EMPTY_FILE_WARNING in fresh.warnings and article.blocks:
                # An editor caught half-way through its save: the last good text stays.
                self._reloading = True
                self._article_failed(article.path, EMPTY_FILE_WARNING)
                return
            self._reload_next = True
            self.open_file(article.path, article=fresh)
        else:
            self._reload_next = True
            self.open_file(article.path)

    def close_article(self) -> None:
        self.file_watch.watch(None)
        self.tasks.cancel("restyle")
        self.tasks.cancel("interleave")
        self.annotations.close_article()
        self.article = None
        self._clear_alignment()
        # Before clearing: clear() resizes the view, and a held block would be scrolled to
        # through the old document's positions.
        self.translation_view.has_content = False
        self.translation_view.release_hold()
        self.translation_view.clear()
        self.originals.close_article()
        self.original_pane.set_state(self.original_pane.state.EMPTY)
        self.stack.setCurrentWidget(self.welcome)
        self.setWindowTitle(tr("Bilingual Reader"))
        self.path_label.clear()
        self.count_label.clear()

    def load_original_from_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if self.article is None:
            return
        start = str(self.article.path.parent) if self.article.path else ""
        name, _ = QFileDialog.getOpenFileName(
            self, tr("Load Original"), start, tr("Saved pages and text (*.html *.htm *.md *.txt)")
        )
        if name:
            self.originals.load_file(Path(name))

    def refresh_original(self) -> None:
        if self.article is not None:
            self.originals.refresh()

    def settled(self) -> bool:
        """Both panes show their final state and have painted it (screenshots, tests)."""
        if self.article is None or self.originals.redrawing or any(
                self.tasks.running(job) for job in ("load", "align", "interleave", "restyle")):
            return False
        if self.layout_name == "interleaved":
            return self.original_pane.finished and self.interleaved_view.painted_since_load
        return self.translation_view.painted_since_load and self.original_pane.settled

    # -- alignment ------------------------------------------------------------------
    def _clear_alignment(self, rebuild: bool = True) -> None:
        """Forget the pairs; an interleaved column that showed them is built again (unless
        ``rebuild`` is off: the caller shows the column itself)."""
        had_pairs = self.parallel is not None
        self.tasks.cancel("align")
        self.parallel = None
        self.sync.set_parallel(None)
        if self._check_dock.built:
            self.check_dock.check(None)
        self.translation_view.set_markers([])
        self.original_view.set_markers([])
        self.count_label.setText(self._count_text())
        if rebuild and had_pairs and self.layout_name == "interleaved" and self.article is not None:
            self._build_interleaved()

    def _start_alignment(self, loaded: LoadedOriginal) -> None:
        article = self.article
        if article is None:
            return
        def work(ctx: TaskContext) -> ParallelText:
            from reader.core.parallel import align_articles

            return align_articles(article, loaded.article)

        self.tasks.start("align", work, on_done=self._alignment_ready, on_error=self._alignment_failed)

    def _alignment_ready(self, parallel: ParallelText) -> None:
        self.parallel = parallel
        self.sync.set_parallel(parallel)
        if self._check_dock.built:
            self.check_dock.check(parallel, self.article.path if self.article else None)
        self._show_markers()
        self.proofread.refresh()
        self.count_label.setText(self._count_text())
        if self.layout_name == "interleaved":
            view = self.interleaved_view
            # The column grows the originals: the same paragraph stays in view (the top stays the top).
            held = view.held_block
            reading = None if view.verticalScrollBar().value() == 0 else self._reading_block()
            self._build_interleaved(then=lambda: view.hold_block(held) if held is not None else self._back_to(reading))
        self.sync.follow("zh")

    def _show_markers(self) -> None:
        report = self._check_dock.get().report if self._check_dock.built else None
        for side, view in (("zh", self.translation_view), ("en", self.original_view)):
            markers = pair_markers(self.parallel, side, report) if self.parallel is not None else []
            view.set_markers([Marker(b, c, t) for b, c, t in markers] + self.proofread.markers(side))

    def _alignment_failed(self, message: str) -> None:
        self.statusBar().showMessage(tr("Alignment failed: %1", args=(message,)), 10000)

    def _count_text(self) -> str:
        if self.article is None:
            return ""
        words, chars = self.article.counts
        text = tr("%1 words · %2 characters", args=(f"{words:,}", f"{chars:,}"))
        if self.parallel is not None:
            text = tr("%n pair(s) · %1 unpaired", "", self.parallel.paired_count, args=(str(self.parallel.unpaired_count),)) + "   " + text
        return text

    def toggle_sync(self) -> None:
        self.sync.enabled = self.sync_action.isChecked()
        self.settings.set(S.SYNC_SCROLL, self.sync.enabled)
        if self.sync.enabled:
            self.sync.follow("zh")

    # -- translation check (reader/ui/check_dock.py) ----------------------------------
    @property
    def check_dock(self) -> CheckDock:
        return self._check_dock.get()

    def _make_check_dock(self) -> CheckDock:
        from reader.ui.check_dock import CheckDock

        dock = CheckDock(self)
        dock.issue_chosen.connect(self._go_to_issue)
        dock.report_ready.connect(lambda _report: self._show_markers())
        dock.check(self.parallel, self.article.path if self.article else None)
        return dock

    def _step_issue(self, delta: int) -> None:
        self._check_dock.set_visible(True)
        self.check_dock.step(delta)

    def _go_to_issue(self, issue: Issue) -> None:
        """Both panes to the sentence an issue is about (its paragraph when it has none)."""
        from reader.ui.check_dock import issue_block

        if self.parallel is None:
            return
        self.sync.go_to_pair(issue.pair)
        for side, view in (("zh", self.translation_view), ("en", self.original_view)):
            block = issue_block(self.parallel, issue, side)
            if block is not None:
                view.scroll_to_block(block, READING_LINE)

    # -- layouts --------------------------------------------------------------------
    def set_layout(self, name: str) -> None:
        """``side`` (two panes) or ``interleaved`` (one column), keeping the reading position."""
        if name == self.layout_name:
            return
        reading = self._reading_block()
        self.layout_name = name
        self.interleaved_action.setChecked(name == "interleaved")
        self.settings.set(S.LAYOUT, name)
        self._show_layout(then=lambda: self._back_to(reading))

    def _back_to(self, reading: int | None) -> None:
        """Scroll the column shown to block ``reading`` (the other pane follows)."""
        if reading is not None:
            view = self.interleaved_view if self.layout_name == "interleaved" else self.translation_view
            view.scroll_to_block(reading, READING_LINE)
            self.sync.follow("zh")

    def toggle_interleaved(self) -> None:
        self.set_layout("interleaved" if self.interleaved_action.isChecked() else "side")

    def _reading_block(self) -> int | None:
        view = self.interleaved_view if self.layout_name == "interleaved" else self.translation_view
        if not view.has_content:
            return None
        hit = view.block_at_y(view.verticalScrollBar().value() + view.viewport().height() * READING_LINE)
        return hit[0] if hit else None

    def _show_layout(self, then: Callable[[], None] | None = None) -> None:
        """Show the page for the state: welcome, the two panes, or the interleaved column;
        ``then`` runs once it shows the article (a long article's column is built first)."""
        if self.layout_name != "interleaved":
            self.tasks.cancel("interleave")  # a column nobody will look at
        if self.article is None:
            self.stack.setCurrentWidget(self.welcome)
        elif self.layout_name == "interleaved":
            self.stack.setCurrentWidget(self.interleaved_view)  # laid out at its size first
            self._build_interleaved(then)
            return
        else:
            self.stack.setCurrentWidget(self.splitter)
        if then is not None:
            then()

    def _build_interleaved(self, then: Callable[[], None] | None = None) -> None:
        """Each paragraph above its original; a long article's is built off the UI thread."""
        article, parallel = self.article, self.parallel
        if article is None:
            return
        self.tasks.cancel("interleave")
        theme, css = self.theme, self._stylesheet("zh")
        labels = (tr("Only in the translation"), tr("Not translated"), font_stack("en", self.typography))

        def render() -> RenderedDocument:
            return interleave(article, parallel, theme, *labels)

        size = len(article.blocks) + (sum(len(p.en) for p in parallel.pairs) if parallel else 0)
        if size <= SYNC_RENDER_BLOCKS:
            self._show_interleaved(render(), css, None, then)
            return
        font = QFont(self.interleaved_view.font())
        self.tasks.start(
            "interleave",
            lambda ctx: _with_document(render(), css, font, ctx),
            on_done=lambda result: self._show_interleaved(result[0], css, result[1], then),
            on_error=lambda message: self.statusBar().showMessage(
                tr("Alignment failed: %1", args=(message,)), 10000),
            discard=lambda result: result[1].deleteLater(),  # another article, theme or alignment
        )

    def _show_interleaved(self, rendered: RenderedDocument, css: str, document: QTextDocument | None,
                          then: Callable[[], None] | None) -> None:
        self.interleaved_view.show_document(rendered, css, document)
        self.annotations.views_changed()
        if then is not None:
            then()

    def _original_redrawn(self) -> None:
        self._show_markers()
        self.annotations.views_changed()

    def _original_for_annotations(self, loaded: LoadedOriginal) -> None:
        self.annotations.original_loaded(loaded.article)
        self.annotations.views_changed()

    def _restore_reading_position(self) -> None:
        block = self.annotations.reading_position_block()
        if block is None:
            return
        view = self.interleaved_view if self.layout_name == "interleaved" else self.translation_view
        view.hold_block(block)  # kept through the window's first layouts

    # -- library --------------------------------------------------------------------
    def _build_library(self) -> None:
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        self._library_dock = LazyDock(self, "libraryDock", left, self._make_library_dock, tr("&Library"),
                                      "Ctrl+Shift+L")
        self.library_action = self._library_dock.action
        self._search_dock = LazyDock(self, "searchDock", left, self._make_search_dock, tr("Search Pan&el"))
        self.search_action = self._action(tr("&Search Library…"), lambda: self.search_dock.focus_query(),
                                          "Ctrl+Shift+F")
        search_panel = self._search_dock.action
        for action in (self.library_action, self.search_action, search_panel):
            self.addAction(action)
            self.view_menu.addAction(action)
        self._pending_find: str | None = None
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(1500)
        self._progress_timer.timeout.connect(self.save_progress)
        self.translation_view.verticalScrollBar().valueChanged.connect(lambda _v: self._progress_timer.start())

    @property
    def library_dock(self) -> LibraryDock:
        return self._library_dock.get()

    @property
    def search_dock(self) -> SearchDock:
        return self._search_dock.get()

    def _make_library_dock(self) -> LibraryDock:
        from reader.ui.library_dock import LibraryDock

        dock = LibraryDock(self.data_dir, self)
        dock.open_requested.connect(self.open_file)
        dock.add_folder_requested.connect(self.choose_folder)
        dock.notice.connect(lambda text: self.statusBar().showMessage(text, 15000))
        if _has_library(self.annotations.store):
            dock.reload()
        return dock

    def _make_search_dock(self) -> SearchDock:
        from reader.ui.search_dock import SearchDock

        dock = SearchDock(self.data_dir, self)
        dock.open_requested.connect(self.open_search_hit)
        return dock

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, tr("Add a Folder to the Library"),
                                                  self.settings.get(S.LAST_DIR) or str(Path.home()))
        if folder:
            self.library_dock.show()
            self.library_dock.index([folder])

    def open_search_hit(self, path: Path, query: str) -> None:
        self._pending_find = query
        self.open_file(path)

    def _find_pending_now(self) -> None:
        """The hit may be in the translation: look there at once; the original gets a second look."""
        query = self._pending_find
        self._find_pending()
        if self.translation_view.textCursor().hasSelection():
            return
        self._pending_find = query

    def _find_pending(self) -> None:
        """After opening a search result: select the first hit in the translation or original."""
        query, self._pending_find = self._pending_find, None
        if not query:
            return
        from reader.core.library import parse_query

        terms = parse_query(query)
        if not terms:
            return
        for view in (self.translation_view, self.original_view):
            cursor = view.document().find(terms[0])
            if not cursor.isNull():
                view.select_quietly(cursor)
                view.centre_cursor()
                return

    def save_progress(self) -> None:
        article = self.article
        view = self.translation_view
        if article is None or not view.has_content:
            return
        from reader.core import reading

        bar = view.verticalScrollBar()
        total = bar.maximum() + bar.pageStep()
        fraction = 1.0 if bar.maximum() == 0 else (bar.value() + bar.pageStep()) / max(1, total)
        try:
            reading.set_progress(self.annotations.store, article.key, fraction)
        except StoreError as exc:  # a full disk: said, reading goes on
            self.statusBar().showMessage(str(exc), 10000)

    # -- view -----------------------------------------------------------------------
    def toggle_swap(self) -> None:
        self.splitter.insertWidget(1, self.splitter.widget(0) or self.original_pane)
        self.settings.set(S.SWAPPED, self.splitter.widget(0) is self.original_pane)
        self.swap_action.setChecked(self.splitter.widget(0) is self.original_pane)

    def set_orientation(self, name: str) -> None:
        vertical = name == "vertical"
        self.splitter.setOrientation(Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal)
        (self.vertical_action if vertical else self.horizontal_action).setChecked(True)
        self.settings.set(S.ORIENTATION, "vertical" if vertical else "horizontal")

    def _stylesheet(self, lang: str) -> str:
        return stylesheet(self.theme, lang=lang, typography=self.typography)

    # -- appearance -------------------------------------------------------------------
    def set_theme_choice(self, choice: str, *, remember: bool = True) -> None:
        """'system', 'light', 'sepia' or 'dark'; applied at once to every pane and dock."""
        self.theme_choice = choice if choice in THEME_CHOICES else "system"
        if remember:
            self.settings.set(S.THEME, self.theme_choice)
        for action in self.theme_actions:
            action.setChecked(action.data() == self.theme_choice)
        self.apply_appearance()

    def _system_scheme_changed(self) -> None:
        if self.theme_choice == "system":
            self.apply_appearance()

    def set_typography(self, value: Typography) -> None:
        self.typography = value
        save_typography(self.settings, value)
        self.apply_appearance(rerender=False)

    def zoom(self, steps: int) -> None:
        """+1 / -1 a step of 10 %; 0 back to the default size."""
        self.set_typography(self.typography.zoomed(steps))
        self.statusBar().showMessage(tr("Text size %1 pt", args=(f"{self.typography.font_size:g}",)), 2000)

    def apply_appearance(self, rerender: bool = True) -> None:
        """Redraw everything with the current theme and typography, keeping the reading place."""
        theme = resolve_theme(self.theme_choice)
        rerender = rerender or theme != self.theme
        self.theme = theme
        self.originals.theme = theme
        apply_palette(theme)
        self._apply_styles()
        for view in (self.translation_view, self.original_view, self.interleaved_view):
            view.measure = self.typography.measure
        if self.article is None:
            return
        reading = self._reading_block()
        need_render = rerender or self._rendered is None
        css = self._stylesheet("zh")
        self.tasks.cancel("restyle")
        if self.originals.current is not None:
            self.originals.redraw(rerender=rerender)
        if len(self.article.blocks) <= SYNC_RENDER_BLOCKS:
            if need_render or self._rendered is None:
                self._rendered = render_translation(self.article, theme)
            self.translation_view.show_document(self._rendered, css)
            self._restyled_shown(reading)
            return
        article, kept, font = self.article, None if need_render else self._rendered, QFont(self.translation_view.font())
        self.tasks.start(
            "restyle",
            lambda ctx: _with_document(kept or render_translation(article, theme), css, font, ctx),
            on_done=lambda result: self._restyled(result, css, reading),
            discard=_drop_document,  # superseded: another theme, or another article
        )

    def _restyled(self, result: tuple[RenderedDocument, QTextDocument], css: str,
                  reading: int | None) -> None:
        rendered, built = result
        self._rendered = rendered
        document: QTextDocument | None = built
        if css != self._stylesheet("zh"):
            built.deleteLater()
            document = None
        self.translation_view.show_document(rendered, self._stylesheet("zh"), document)
        self._restyled_shown(reading)

    def _restyled_shown(self, reading: int | None) -> None:
        self._show_markers()
        self.annotations.views_changed()
        if self.layout_name == "interleaved":
            self._build_interleaved(then=lambda: self._back_to(reading))
        else:
            self._back_to(reading)

    def _apply_styles(self) -> None:
        t = self.theme
        self.setStyleSheet(
            f"ArticleView {{ background: {t.background}; color: {t.text}; }}"
            f"#originalMessage {{ background: {t.background}; }}"
            f"#originalMessage QLabel {{ color: {t.muted}; }}"
            f"#stateTitle {{ font-size: 15pt; color: {t.text}; }}"
            f"WelcomePage {{ background: {t.background}; }}"
        )

    # -- export and import -------------------------------------------------------------
    def export_annotations(self) -> None:
        from reader.core.annotations import count_annotations
        from reader.ui.export_dialog import ExportDialog

        article = self.article
        current = len(self.annotations.annotations) if article is not None else 0
        dialog = ExportDialog(self.data_dir, article.path if article else None,
                              article.title if article else "", current, count_annotations(self.annotations.store),
                              self.settings.get(S.LAST_DIR), self)
        dialog.exported.connect(lambda n, where: self.statusBar().showMessage(
            tr("Exported %n annotation(s) to %1", "", n, args=(where,)), 10000))
        dialog.exec()

    def import_annotations(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from reader.ui.export_dialog import import_annotations_file

        name, _ = QFileDialog.getOpenFileName(self, tr("Import Annotations"), self.settings.get(S.LAST_DIR),
                                              tr("Web annotations (*.json *.jsonld);;All files (*)"))
        if name:
            import_annotations_file(self.tasks, self.data_dir, Path(name), self._imported,
                                    lambda message: _warn(self, tr("Import failed"), message))

    def _imported(self, report) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QMessageBox

        text = tr("Imported %n annotation(s); %1 were already here.", "", report.imported,
                  args=(report.skipped_duplicates,))
        if report.errors:
            text += "\n\n" + tr("Skipped %n entry(ies):", "", len(report.errors)) + "\n" + "\n".join(
                report.errors[:12])
        self.statusBar().showMessage(text.split("\n")[0], 10000)
        self.annotations.refresh()  # imported notes may belong to the open article
        QMessageBox.information(self, tr("Import Annotations"), text)

    # -- find, preferences, shortcuts, language --------------------------------------
    def find_in_pane(self) -> None:
        """Find in the pane the reader is in (the translation unless another has focus)."""
        focused = QApplication.focusWidget()
        views = (self.translation_view, self.original_view, self.interleaved_view)
        view = next((v for v in views if v is focused and v.isVisible()), None)
        if view is None and self.find_bar.view is not None and self.find_bar.view.isVisible():
            view = self.find_bar.view
        if view is None:
            view = self.interleaved_view if self.layout_name == "interleaved" else self.translation_view
        panes = (self.translation_view, self.original_view)
        partner = next((p for p in panes if view in panes and p is not view and p.isVisible() and p.has_content), None)
        self.find_bar.open_for(view, partner)

    def preferences(self) -> Preferences:
        from reader.ui.preferences import Preferences

        return Preferences(
            theme=self.theme_choice,
            typography=self.typography,
            sync_scroll=self.sync.enabled,
            connect_timeout=self.settings.get(S.CONNECT_TIMEOUT),
            read_timeout=self.settings.get(S.READ_TIMEOUT),
            language=self.settings.get(S.LANGUAGE),
            data_dir=self.data_dir,
            remote_images=self.settings.get(S.REMOTE_IMAGES),
        )

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
            self.sync_action.setChecked(new.sync_scroll)
            self.toggle_sync()
        if new.data_dir != old.data_dir:
            from reader.core.store import remember_data_dir

            remember_data_dir(new.data_dir)
        self.theme_choice = new.theme
        self.settings.set(S.THEME, new.theme)
        for action in self.theme_actions:
            action.setChecked(action.data() == new.theme)
        self.typography = new.typography
        save_typography(self.settings, new.typography)
        self.apply_appearance(rerender=new.theme != old.theme)
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

        ShortcutsDialog(self.menuBar(), self).exec()

    def show_about(self) -> None:
        from reader.ui.about import show_about

        show_about(self)

    # -- drag and drop --------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_article(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_article(event.mimeData().urls())
        if path:
            event.acceptProposedAction()
            self.open_file(path)

    # -- settings -------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.get(S.GEOMETRY)
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(1400, 900)
        self.set_orientation(self.settings.get(S.ORIENTATION))
        if self.settings.get(S.SWAPPED) and self.splitter.widget(0) is not self.original_pane:
            self.splitter.insertWidget(0, self.original_pane)
        state = self.settings.get(S.SPLITTER)  # sizes are in the order of the panes
        if state:
            self._splitter_restored = self.splitter.restoreState(QByteArray(state))
        self.swap_action.setChecked(self.splitter.widget(0) is self.original_pane)
        self.sync_action.setChecked(self.settings.get(S.SYNC_SCROLL))
        self.sync.enabled = self.sync_action.isChecked()
        self.layout_name = "interleaved" if self.settings.get(S.LAYOUT) == "interleaved" else "side"
        self.interleaved_action.setChecked(self.layout_name == "interleaved")
        self._restore_docks()

    def _restore_docks(self) -> None:
        """The toolbar and the docks open at the last quit, in their places; on the first start
        with a library (indexed from the command line, say), the Library."""
        state = self.settings.get(S.WINDOW_STATE)
        if state is None:
            if _has_library(self.annotations.store):
                self._library_dock.set_visible(True)
            return
        self.restoreState(QByteArray(state))  # docks made later take their places from it
        docks = {lazy.name: lazy for lazy in self.findChildren(LazyDock)}
        for name in self.settings.get(S.OPEN_DOCKS):
            if name in docks:
                docks[name].set_visible(True)

    def save_settings(self) -> None:
        self.settings.set(S.GEOMETRY, self.saveGeometry())
        self.settings.set(S.SPLITTER, self.splitter.saveState())
        self.settings.set(S.WINDOW_STATE, self.saveState())
        self.settings.set(S.OPEN_DOCKS, [lazy.name for lazy in self.findChildren(LazyDock) if lazy.is_open])
        self.settings.q.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._say_once_if_no_chinese_font()
        if self.article is None and not self.tasks.running("load"):
            self._show_layout()  # the welcome page
        if not self._splitter_restored:
            # Equal panes on first start; later starts restore what the user chose.
            total = self.width()
            self.splitter.setSizes([total // 2, total - total // 2])
            self._splitter_restored = True

    def _say_once_if_no_chinese_font(self) -> None:
        """Without a CJK font Chinese shows as boxes: say once (ever) how to install one."""
        if self.settings.get(S.CJK_FONT_NOTICE) or has_chinese_font():
            return
        self.settings.set(S.CJK_FONT_NOTICE, True)
        notice = QLabel(tr("No Chinese font is installed, so Chinese text may show as boxes. "
                           "Install one, e.g. on Debian or Ubuntu: sudo apt install fonts-noto-cjk"))
        notice.setObjectName("cjk_font_notice")
        notice.setWordWrap(True)
        self.statusBar().addWidget(notice, 1)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tasks.cancel_all()
        self.originals.cancel()
        self.file_watch.watch(None)  # also spares ~10 ms at exit (the kernel drops watches slowly)
        if self._library_dock.built:
            self.library_dock.cancel_indexing()
        self._progress_timer.stop()  # saved just below; the store closes after
        self.save_progress()
        self.annotations.close()
        if self.remember_geometry:
            self.save_settings()
        super().closeEvent(event)


def _warn(parent: QWidget, title: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, message)


def _drop_document(document: QTextDocument | None) -> None:
    if document is not None:
        document.deleteLater()


def _has_library(store: Store) -> bool:
    from reader.core.library import has_folders  # the library's module loads with its dock

    return has_folders(store)


def _is_small(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size <= SYNC_LOAD_BYTES
    except OSError:
        return False


def _dropped_article(urls: list[QUrl]) -> Path | None:
    for url in urls:
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in ARTICLE_SUFFIXES:
                return path
    return None


def has_chinese_font() -> bool:
    """Is a font that writes Simplified Chinese installed?"""
    from PySide6.QtGui import QFontDatabase

    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
