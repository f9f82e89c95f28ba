"""The Changes panel: what proofreading changed in the open file, and "Commit…".

The diff is against git HEAD when the file is in a git work tree, else against the text
when proofreading started (``core/changes.py``); inside each changed line pair the
changed characters are marked. "Commit…" commits this file alone, with a message listing
the changed pairs that the proofreader edits first. Diffs and commits run off the UI thread.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.core.changes import Changes, DiffLine
from reader.ui.i18n import tr
from reader.ui.tasks import LatestTasks, TaskContext

if TYPE_CHECKING:
    from reader.ui.session import DocumentSession

_STYLE = {
    "-": "background:rgba(250,82,82,0.16);",
    "+": "background:rgba(64,192,87,0.18);",
    "@": "color:#868e96;",
    "\\": "color:#868e96;",
    " ": "",
}
_CHANGED = {"-": "background:rgba(250,82,82,0.45);", "+": "background:rgba(64,192,87,0.5);"}


def diff_html(lines: list[DiffLine]) -> str:
    """The diff as HTML: removed and added lines tinted, changed characters darker."""
    rows = []
    for line in lines:
        if line.segments:
            body = "".join(
                f'<span style="{_CHANGED[line.kind]}">{html.escape(text)}</span>' if changed
                else html.escape(text)
                for changed, text in line.segments
            )
        else:
            body = html.escape(line.text)
        mark = line.kind if line.kind in "-+" else "&nbsp;"
        rows.append(f'<div style="{_STYLE.get(line.kind, "")}white-space:pre-wrap;">'
                    f"<code>{mark}</code> {body}</div>")
    return "".join(rows)


def commit_message(changes: Changes, title: str) -> str:
    """A first message: the title, then one line per changed line pair (the new text)."""
    added = [line.text.strip() for line in changes.lines if line.kind == "+" and line.text.strip()]
    body = "\n".join(f"- {text[:60]}{'…' if len(text) > 60 else ''}" for text in added[:30])
    return f"校对：{title}\n\n{body}".strip()


class CommitDialog(QDialog):
    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Commit"))
        column = QVBoxLayout(self)
        column.addWidget(QLabel(tr("Commit this file only, with this message:")))
        self.message = QPlainTextEdit(message)
        self.message.setObjectName("commitMessage")
        column.addWidget(self.message, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.resize(520, 320)


class ChangesDock(QDockWidget):
    committed = Signal(str)  # the new commit's id
    refreshed = Signal()

    def __init__(self, window: QMainWindow, session: DocumentSession, data_dir: Path) -> None:
        super().__init__(tr("Changes"), window)
        self.main = window  # its status bar, and the parent of the commit dialog
        self.session = session
        self.data_dir = data_dir
        self.tasks = LatestTasks()
        self.changes: Changes | None = None
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 6, 6, 6)
        self.summary = QLabel()
        self.summary.setObjectName("changesSummary")
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)
        self.view = QTextBrowser()
        self.view.setObjectName("changesView")
        column.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.refresh_button = QPushButton(tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.commit_button = QPushButton(tr("Commit…"))
        self.commit_button.setObjectName("commitButton")
        self.commit_button.clicked.connect(self.commit)
        self.commit_button.setEnabled(False)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        row.addWidget(self.commit_button)
        column.addLayout(row)
        self.setWidget(body)
        session.opened.connect(lambda _loaded: self.refresh() if self.isVisible() else None)
        session.patched.connect(lambda _article: self.refresh() if self.isVisible() else None)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        article = self.session.article
        if article is None or article.path is None:
            self.changes = None
            self.summary.setText(tr("No article is open."))
            self.view.clear()
            self.commit_button.setEnabled(False)
            return
        path, data_dir = Path(article.path), self.data_dir

        def work(_ctx: TaskContext) -> Changes:
            from reader.core.changes import file_changes
            from reader.core.store import Store

            with Store(data_dir) as store:
                return file_changes(path, store)

        self.tasks.start("diff", work, on_done=self._show,
                         on_error=lambda message: self.summary.setText(message))

    def _show(self, changes: Changes) -> None:
        self.changes = changes
        if changes.base == "HEAD":
            where = tr("Against git HEAD (%1).", args=(changes.name,))
        elif changes.base == "start":
            where = tr("Against the text when proofreading started.")
        else:
            where = tr("Not in git and not edited here: nothing to compare.")
        if changes.base and not changes.changed:
            where += " " + tr("No changes.")
        self.summary.setText(where)
        self.view.setHtml(diff_html(changes.lines))
        self.commit_button.setEnabled(changes.base == "HEAD" and changes.changed)
        self.refreshed.emit()

    def commit_dialog(self) -> CommitDialog | None:
        if self.changes is None or self.session.article is None:
            return None
        return CommitDialog(commit_message(self.changes, self.session.article.title), self.main)

    def commit(self) -> None:
        dialog = self.commit_dialog()
        if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.commit_with(dialog.message.toPlainText())

    def commit_with(self, message: str) -> None:
        if self.changes is None:
            return
        path = self.changes.path

        def work(_ctx: TaskContext) -> str:
            from reader.core.changes import commit_file

            return commit_file(path, message)

        self.tasks.start("commit", work, on_done=self._committed,
                         on_error=lambda message: self.summary.setText(message))

    def _committed(self, commit: str) -> None:
        self.main.statusBar().showMessage(tr("Committed %1.", args=(commit[:10],)), 6000)
        self.committed.emit(commit)
        self.refresh()
