"""File → Export Annotations… and Import Annotations…."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.store import Store
from reader.ui.i18n import QT_TR_NOOP, tr
from reader.ui.tasks import LatestTasks, TaskContext

if TYPE_CHECKING:
    from reader.core.importer import ImportReport

FORMATS = (  # (format, suffix, label)
    ("md", ".md", QT_TR_NOOP("Markdown (Obsidian, Typora)")),
    ("json", ".json", QT_TR_NOOP("W3C Web Annotation (JSON)")),
    ("html", ".html", QT_TR_NOOP("Web page (HTML, printable)")),
    ("csv", ".csv", QT_TR_NOOP("CSV (spreadsheets, Anki)")),
)


class ExportDialog(QDialog):
    exported = Signal(int, str)  # annotations written, destination

    def __init__(self, data_dir: Path, article_path: Path | None, article_title: str, article_count: int,
                 all_count: int, start_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Export Annotations"))
        self.setMinimumWidth(520)  # room for the file name
        self.data_dir = data_dir
        self.article_path = article_path
        self.title = article_title
        self.start_dir = start_dir
        self.tasks = LatestTasks()
        layout = QVBoxLayout(self)
        self.this_article = QRadioButton(tr("This article (%n annotation(s))", "", article_count))
        self.all_articles = QRadioButton(tr("All articles (%n annotation(s))", "", all_count))
        self.this_article.setEnabled(article_path is not None)
        (self.this_article if article_path is not None and article_count else self.all_articles).setChecked(True)
        layout.addWidget(self.this_article)
        layout.addWidget(self.all_articles)
        form = QFormLayout()
        self.format = QComboBox()
        self.format.setAccessibleName(tr("Export format"))
        for fmt, _suffix, label in FORMATS:
            self.format.addItem(tr(label), fmt)
        form.addRow(tr("&Format:"), self.format)
        row = QHBoxLayout()
        self.destination = QLineEdit()
        self.destination.setAccessibleName(tr("Export destination"))
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.destination, 1)
        row.addWidget(browse)
        save_as = QLabel(tr("&Save as:"))
        save_as.setBuddy(self.destination)  # a row of widgets gets no buddy by itself
        form.addRow(save_as, row)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(self._suggest)
        self.this_article.toggled.connect(self._suggest)
        self._suggest()

    def fmt(self) -> str:
        return str(self.format.currentData())

    def _suffix(self) -> str:
        return next(suffix for fmt, suffix, _ in FORMATS if fmt == self.fmt())

    def _suggest(self) -> None:
        base = self.title if self.this_article.isChecked() else tr("annotations")
        stem = re.sub(r'[\\/:*?"<>|\s]+', "-", base).strip("-")[:60] or "annotations"
        current = self.destination.text()
        folder = self._resolved(current).parent if current else self.folder()
        self.destination.setText(str(folder / f"{stem}-annotations{self._suffix()}"))

    def folder(self) -> Path:
        """The folder the dialog proposes: the last one used, else the article's."""
        if self.start_dir:
            return Path(self.start_dir).expanduser()
        return self.article_path.parent if self.article_path is not None else Path.home()

    def _resolved(self, text: str) -> Path:
        """A name typed without a folder goes to the folder the dialog shows, not to the
        process's working folder."""
        path = Path(text.strip()).expanduser()
        return path if path.is_absolute() else self.folder() / path

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr("Export Annotations"), self.destination.text(),
                                              f"*{self._suffix()}")
        if name:
            self.destination.setText(name if Path(name).suffix else name + self._suffix())

    def export(self) -> None:
        from reader.core import export

        if not self.destination.text().strip():
            self.message.setText(tr("Choose where to save the export."))
            return
        destination = self._resolved(self.destination.text())
        fmt, data_dir = self.fmt(), self.data_dir
        paths = [self.article_path] if self.this_article.isChecked() and self.article_path else None

        def work(ctx: TaskContext) -> int:
            with Store(data_dir) as store:
                model = export.export_files(store, paths) if paths else export.export_all(store)
            ctx.check()
            export.write_export(model, fmt, destination)  # atomic: temp file, then rename
            return model.count

        self.export_button.setEnabled(False)
        self.message.setText(tr("Exporting…"))
        self.tasks.start("export", work, on_done=lambda n: self._done(n, destination), on_error=self._failed)

    def _done(self, count: int, destination: Path) -> None:
        self.exported.emit(count, str(destination))
        self.accept()

    def _failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        self.message.setText(message)


def import_annotations_file(tasks: LatestTasks, data_dir: Path, path: Path,
                            on_done: Callable[[ImportReport], None], on_error: Callable[[str], None]) -> None:
    """Import a W3C/JSON file in the background; ``on_done`` gets the ImportReport."""
    from reader.core.importer import import_file

    def work(ctx: TaskContext) -> ImportReport:
        with Store(data_dir) as store:
            return import_file(store, path)

    tasks.start("import", work, on_done=on_done, on_error=on_error)
