"""The translation check beside the session: its dock (built when first opened), F8 / Shift+F8
through the issues, their margin markers, and both panes to the issue chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow

from reader.ui.actions import Command, Existing, Row
from reader.ui.i18n import tr
from reader.ui.lazy_dock import LazyDock
from reader.ui.sentence_tint import SentenceTint
from reader.ui.session import DocumentSession
from reader.ui.sync import READING_LINE, PaneSync

if TYPE_CHECKING:
    from reader.core.checks import CheckReport, Issue
    from reader.ui.check_dock import CheckDock


class CheckPanel(QObject):
    def __init__(self, window: QMainWindow, session: DocumentSession, sync: PaneSync,
                 tint: SentenceTint) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.sync = sync
        self.tint = tint  # its views: the translation ("zh") and the original ("en")
        self.lazy = LazyDock(window, "checkDock", Qt.DockWidgetArea.RightDockWidgetArea, self._make_dock,
                             tr("Translation &Check"), "Ctrl+Alt+C")
        session.alignment_changed.connect(self._recheck)
        session.patched.connect(lambda _article: self._recheck())  # a proofreading save
        session.closed.connect(self._recheck)

    def commands(self) -> list[Row]:
        return [
            Existing("check", self.lazy.action, "view"),
            Command("next_issue", tr("Ne&xt Issue"), lambda: self.step(+1), "view", ("F8",)),
            Command("previous_issue", tr("Previous Iss&ue"), lambda: self.step(-1), "view", ("Shift+F8",)),
        ]

    @property
    def dock(self) -> CheckDock:
        return self.lazy.get()

    def _make_dock(self) -> CheckDock:
        from reader.ui.check_dock import CheckDock

        dock = CheckDock(self.window)
        dock.issue_chosen.connect(self._go_to_issue)
        dock.report_ready.connect(self._report_ready)
        article = self.session.article
        dock.check(self.session.parallel, article.path if article else None)
        return dock

    def _recheck(self) -> None:
        if self.lazy.built:
            self.sync.check_report = None  # until the new report is ready
            article = self.session.article
            self.dock.check(self.session.parallel if article else None, article.path if article else None)

    def _report_ready(self, report: CheckReport | None) -> None:
        self.sync.check_report = report
        self.sync.show_markers()

    def step(self, delta: int) -> None:
        self.lazy.set_visible(True)
        self.dock.step(delta)

    def _go_to_issue(self, issue: Issue) -> None:
        """Both panes to the sentence an issue is about and its counterpart, at the reading
        line and tinted (the paragraph when the report has no sentence for a side)."""
        from reader.ui.check_dock import issue_block, issue_sentences
        from reader.ui.sentence_tint import sentence_y

        parallel, report = self.session.parallel, self.dock.report
        if parallel is None:
            return
        current = report is not None and report.pairs == parallel.pairs
        tinted, anchors = issue_sentences(report, issue) if report is not None and current else ({}, {})
        self.sync.set_focus(issue.pair)
        for side, view in self.tint.views.items():
            anchor = anchors.get(side)
            block = issue_block(parallel, issue, side)
            y = sentence_y(view, *anchor[0]) if anchor else (
                view.block_y(block) if block is not None else None)
            if y is not None:
                self.sync.place(side, y - view.viewport().height() * READING_LINE)
        self.tint.show_sentences(tinted)
