"""The main window: the translation and its original side by side."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from reader.core.article import Article, parse_article
from reader.core.errors import ReaderError
from reader.core.render import RenderedDocument, Renderer
from reader.core.themes import get_theme, stylesheet
from reader.ui import settings as S
from reader.ui.article_view import ArticleView
from reader.ui.i18n import tr
from reader.ui.original_controller import OriginalController
from reader.ui.original_pane import OriginalPane
from reader.ui.tasks import Task, TaskContext, run_task
from reader.ui.welcome import WelcomePage

ARTICLE_SUFFIXES = (".md", ".markdown", ".mdown", ".txt")
SYNC_LOAD_BYTES = 256 * 1024  # larger files are parsed and rendered off the UI thread


@dataclass
class LoadedArticle:
    article: Article
    rendered: RenderedDocument


def load_article(path: Path, ctx: TaskContext | None = None) -> LoadedArticle:
    """Parse and render off the UI thread."""
    article = parse_article(path)
    if ctx:
        ctx.check()
    rendered = Renderer(article.base_dir, article.references, lang="zh").document(article.blocks)
    return LoadedArticle(article, rendered)


class MainWindow(QMainWindow):
    article_loaded = Signal(object)  # Article
    load_failed = Signal(str)

    def __init__(self, settings: S.Settings, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.data_dir = data_dir
        self.article: Article | None = None
        self.theme = get_theme("light")
        self._load_task: Task | None = None
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
        self._pending_original: str | None = None

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.translation_view)
        self.splitter.addWidget(self.original_pane)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self._splitter_restored = False
        self.welcome = WelcomePage(settings)
        self.welcome.open_requested.connect(self.open_file)
        self.welcome.browse_requested.connect(self.choose_file)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)

        self.path_label = QLabel()
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel()
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)

        self._build_actions()
        self._build_menus()
        self._restore_settings()
        self._apply_styles()

    # -- actions and menus ----------------------------------------------------------
    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None, *,
                checkable: bool = False) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action(tr("&Open…"), self.choose_file, QKeySequence.StandardKey.Open)
        self.load_original_action = self._action(tr("Load &original from file…"), self.load_original_from_file)
        self.refresh_original_action = self._action(tr("&Refresh Original"), self.refresh_original,
                                                    QKeySequence.StandardKey.Refresh)
        self.close_action = self._action(tr("&Close"), self.close_article, QKeySequence.StandardKey.Close)
        self.quit_action = self._action(tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.swap_action = self._action(tr("&Swap Panes"), self.toggle_swap, "Ctrl+Shift+S", checkable=True)
        self.horizontal_action = self._action(tr("Side by Side (&Horizontal Split)"),
                                              lambda: self.set_orientation("horizontal"), "Ctrl+Alt+H",
                                              checkable=True)
        self.vertical_action = self._action(tr("Stacked (&Vertical Split)"),
                                            lambda: self.set_orientation("vertical"), "Ctrl+Alt+V",
                                            checkable=True)
        group = QActionGroup(self)
        group.addAction(self.horizontal_action)
        group.addAction(self.vertical_action)
        self.about_action = self._action(tr("&About Bilingual Reader"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.load_original_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)
        view_menu = bar.addMenu(tr("&View"))
        view_menu.addAction(self.refresh_original_action)
        view_menu.addSeparator()
        view_menu.addAction(self.swap_action)
        view_menu.addSeparator()
        view_menu.addAction(self.horizontal_action)
        view_menu.addAction(self.vertical_action)
        self.view_menu = view_menu
        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(self.about_action)
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
        start = self.settings.get(S.LAST_DIR) or str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, tr("Open Article"), start, tr("Markdown articles (*.md *.markdown *.txt);;All files (*)")
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path, original: str | None = None) -> None:
        """Open an article; ``original`` (URL or path) is shown beside it and remembered."""
        path = Path(path)
        self._pending_original = original
        if self._load_task:
            self._load_task.cancel()
        self.statusBar().showMessage(tr("Opening %1…").replace("%1", path.name))
        if _is_small(path):
            # A typical article parses and renders in a few ms: a thread hop would only add latency.
            try:
                loaded = load_article(path)
            except ReaderError as exc:
                self._article_failed(path, str(exc))
            else:
                self._article_ready(loaded)
            return
        self._load_task = run_task(
            lambda ctx: load_article(path, ctx),
            on_done=self._article_ready,
            on_error=lambda message, p=path: self._article_failed(p, message),
        )

    def _article_ready(self, loaded: LoadedArticle) -> None:
        self._load_task = None
        article = loaded.article
        self.article = article
        self.translation_view.show_document(loaded.rendered, self._stylesheet("zh"))
        self.stack.setCurrentWidget(self.splitter)
        self.setWindowTitle(f"{article.title} — {tr('Bilingual Reader')}")
        self.path_label.setText(str(article.path) if article.path else "")
        words, chars = article.counts()
        self.count_label.setText(tr("%1 words · %2 characters").replace("%1", f"{words:,}")
                                 .replace("%2", f"{chars:,}"))
        self.statusBar().clearMessage()
        if article.warnings:
            self.statusBar().showMessage(tr("Opened with warnings: %1").replace("%1", "; ".join(article.warnings[:3])), 10000)
        self.originals.open_article(article, explicit=self._pending_original)
        self._pending_original = None
        if article.path:
            self.settings.add_recent(str(article.path))
            self.settings.set(S.LAST_DIR, str(article.path.parent))
            self.welcome.refresh()
        self.article_loaded.emit(article)

    def _article_failed(self, path: Path, message: str) -> None:
        self._load_task = None
        self.statusBar().clearMessage()
        self.load_failed.emit(message)
        QMessageBox.warning(self, tr("Cannot open article"), message)

    def close_article(self) -> None:
        self.article = None
        self.translation_view.clear()
        self.translation_view.has_content = False
        self.originals.close_article()
        self.original_pane.set_state(self.original_pane.state.EMPTY)
        self.stack.setCurrentWidget(self.welcome)
        self.setWindowTitle(tr("Bilingual Reader"))
        self.path_label.clear()
        self.count_label.clear()

    def load_original_from_file(self) -> None:
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
        return (
            self.article is not None
            and self._load_task is None
            and self.translation_view.painted_since_load
            and self.original_pane.settled
        )

    # -- view -----------------------------------------------------------------------
    def toggle_swap(self) -> None:
        first = self.splitter.widget(0)
        self.splitter.insertWidget(1, first)
        self.settings.set(S.SWAPPED, self.splitter.widget(0) is self.original_pane)
        self.swap_action.setChecked(self.splitter.widget(0) is self.original_pane)

    def set_orientation(self, name: str) -> None:
        vertical = name == "vertical"
        self.splitter.setOrientation(Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal)
        (self.vertical_action if vertical else self.horizontal_action).setChecked(True)
        self.settings.set(S.ORIENTATION, "vertical" if vertical else "horizontal")

    def _stylesheet(self, lang: str) -> str:
        return stylesheet(self.theme, lang=lang)

    def _apply_styles(self) -> None:
        t = self.theme
        self.setStyleSheet(
            f"ArticleView {{ background: {t.background}; color: {t.text}; }}"
            f"#originalMessage {{ background: {t.background}; }}"
            f"#originalMessage QLabel {{ color: {t.muted}; }}"
            f"#stateTitle {{ font-size: 15pt; color: {t.text}; }}"
            f"WelcomePage {{ background: {t.background}; }}"
        )

    def show_about(self) -> None:
        from reader import __version__

        QMessageBox.about(
            self,
            tr("About Bilingual Reader"),
            tr("<h3>Bilingual Reader %1</h3><p>Read a Chinese translation beside its English original.</p>")
            .replace("%1", __version__),
        )

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

    def save_settings(self) -> None:
        self.settings.set(S.GEOMETRY, bytes(self.saveGeometry().data()))
        self.settings.set(S.SPLITTER, bytes(self.splitter.saveState().data()))
        self.settings.q.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._splitter_restored:
            # Equal panes on first start; later starts restore what the user chose.
            total = self.width()
            self.splitter.setSizes([total // 2, total - total // 2])
            self._splitter_restored = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._load_task:
            self._load_task.cancel()
        self.originals.cancel()
        self.save_settings()
        super().closeEvent(event)


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
