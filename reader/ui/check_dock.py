"""The Check panel: the translation check of the open article, issues grouped by kind.

The check (``reader.core.checks``) runs off the UI thread each time the alignment changes.
Clicking an issue (or F8 / Shift+F8) emits ``issue_chosen``: the window brings the sentence
to the reading line in both panes. A kind filter narrows the list; the margin markers of
the window come from the same report (``issue_markers``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.checks import KINDS, CheckReport, Issue
from reader.core.parallel import ParallelText
from reader.core.sentences import PairSentences, Sentence, SentenceGroup
from reader.ui.glyphs import KIND_GLYPHS, glyph_icon
from reader.ui.i18n import tr
from reader.ui.tasks import LatestTasks, TaskContext

# One colour per kind, for the list and the margin (omissions and truncations are the worst).
KIND_COLORS = {
    "omission": "#d93025",
    "truncation": "#c5221f",
    "untranslated": "#e37400",
    "repetition": "#b06000",
    "number": "#e8710a",
    "url": "#1a73e8",
    "code": "#7b1fa2",
    "addition": "#188038",
    "term": "#007b83",
    "typography": "#9aa0a6",
}


def kind_name(kind: str) -> str:
    names = {
        "omission": tr("Omission"),
        "truncation": tr("Truncation"),
        "untranslated": tr("Left untranslated"),
        "repetition": tr("Repetition"),
        "number": tr("Number"),
        "url": tr("Link"),
        "code": tr("Code"),
        "addition": tr("Addition"),
        "term": tr("Term"),
        "typography": tr("Typography"),
    }
    return names.get(kind, kind)


def issue_block(parallel: ParallelText, issue: Issue, side: str) -> int | None:
    """Block index of the sentence an issue names on ``side`` (its pair's first block else)."""
    k = issue.pair if side == "zh" else issue.english_pair
    if not 0 <= k < len(parallel.pairs):
        return None
    pair = parallel.pairs[k]
    blocks = pair.zh if side == "zh" else pair.en
    return blocks[0].index if blocks else None


SentencePlaces = dict[str, list[tuple[int, Sentence]]]


def issue_sentences(report: CheckReport, issue: Issue) -> tuple[SentencePlaces, SentencePlaces]:
    """(block index, sentence) per side that an issue is about (with their counterparts in the
    other pane), and per side the one to bring to the reading line: for a sentence with no
    counterpart (an omission), the other pane's sentence where the missing one would stand."""
    if not (0 <= issue.pair < len(report.pairs) and 0 <= issue.english_pair < len(report.pairs)):
        return {}, {}
    k = {"zh": issue.pair, "en": issue.english_pair}
    chosen = {"zh": list(issue.zh_sentences), "en": list(issue.en_sentences)}
    gap: dict[str, int] = {}  # side -> index of the sentence after the missing counterpart
    if k["zh"] == k["en"]:
        sents = report.sentences[k["zh"]]
        for side, there in (("zh", "en"), ("en", "zh")):
            if chosen[side] and not chosen[there]:
                groups = [g for n in chosen[side] if (g := sents.group_of(side, n)) is not None]
                chosen[there] = sorted({m for g in groups for m in (g.en if there == "en" else g.zh)})
                if groups and not chosen[there]:
                    gap[there] = _sentence_after(sents, groups[0], there)

    def places(side: str, indices: list[int]) -> list[tuple[int, Sentence]]:
        pair, sents = report.pairs[k[side]], report.sentences[k[side]]
        blocks = pair.zh if side == "zh" else pair.en
        own = sents.zh if side == "zh" else sents.en
        return [(blocks[s.block].index, s) for n in indices
                if 0 <= n < len(own) and (s := own[n]).block < len(blocks)]

    tinted = {side: places(side, chosen[side]) for side in ("zh", "en")}
    anchors = {side: tinted[side][:1] or places(side, [gap[side]] if side in gap else [])
               for side in ("zh", "en")}
    return tinted, anchors


def _sentence_after(sents: PairSentences, group: SentenceGroup, side: str) -> int:
    """Index of the first ``side`` sentence after ``group`` (else the last one before it)."""
    groups = list(sents.groups)
    at = groups.index(group)
    after = [m for g in groups[at + 1:] for m in (g.zh if side == "zh" else g.en)]
    before = [m for g in groups[:at] for m in (g.zh if side == "zh" else g.en)]
    return after[0] if after else (before[-1] if before else -1)


def issue_markers(report: CheckReport, side: str) -> list[tuple[int, str, str, str]]:
    """(block, colour, tooltip, glyph) for the margin: one per block and kind (its own colour
    and shape), the messages as tooltip."""
    out: dict[tuple[int, str], list[str]] = {}
    for issue in report.all_issues:
        if issue.kind == "typography" or (side == "en" and not issue.en_sentences):
            continue  # typography: too many to mark (the panel lists them)
        k = issue.pair if side == "zh" else issue.english_pair
        pair = report.pairs[k]
        sents = report.sentences[k]
        blocks = pair.zh if side == "zh" else pair.en
        if not blocks:
            continue
        indices = issue.zh_sentences if side == "zh" else issue.en_sentences
        sentences = sents.zh if side == "zh" else sents.en
        position = sentences[indices[0]].block if indices and indices[0] < len(sentences) else 0
        block = blocks[min(position, len(blocks) - 1)].index
        out.setdefault((block, issue.kind), []).append(issue.message)
    return [(block, KIND_COLORS.get(kind, "#e8710a"), kind_name(kind) + ": " + "\n".join(messages),
             KIND_GLYPHS.get(kind, ""))
            for (block, kind), messages in out.items()]


class CheckDock(QDockWidget):
    issue_chosen = Signal(object)  # Issue
    report_ready = Signal(object)  # CheckReport

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Translation Check"), parent)
        self.report: CheckReport | None = None
        self._tasks = LatestTasks()
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.kind_filter = QComboBox(body)
        self.kind_filter.setAccessibleName(tr("Kinds of issues to list"))
        self.kind_filter.addItem(tr("All kinds"), "")
        for kind in KINDS:
            self.kind_filter.addItem(kind_name(kind), kind)
        self.kind_filter.currentIndexChanged.connect(lambda _i: self._fill())
        self.summary = QLabel(body)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(body)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setAccessibleName(tr("Issues of the translation"))
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        layout.addWidget(self.kind_filter)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        self.setWidget(body)
        self.summary.setText(tr("Open an article with its original to check the translation."))

    # -- the check --------------------------------------------------------------------
    def check(self, parallel: ParallelText | None, article_path: Path | None = None) -> None:
        """Check ``parallel`` off the UI thread (``None``: nothing to check)."""
        if parallel is None:
            self._tasks.cancel("check")
            self.set_report(None)
            return
        self.summary.setText(tr("Checking the translation…"))

        def work(ctx: TaskContext) -> CheckReport:
            from reader.core.checks import check_parallel, find_glossary, load_glossary

            path = find_glossary(article_path)
            glossary = load_glossary(path) if path else None
            ctx.check()
            return check_parallel(parallel, glossary)

        self._tasks.start("check", work, on_done=self.set_report,
                          on_error=lambda message: self.summary.setText(message))

    def set_report(self, report: CheckReport | None) -> None:
        self.report = report
        self._fill()
        self.report_ready.emit(report)

    def _visible_issues(self) -> list[Issue]:
        if self.report is None:
            return []
        kind = self.kind_filter.currentData()
        return [i for i in self.report.all_issues if not kind or i.kind == kind]

    def _fill(self) -> None:
        self.tree.clear()
        if self.report is None:
            self.summary.setText(tr("Open an article with its original to check the translation."))
            return
        issues = self._visible_issues()
        by_kind: dict[str, list[Issue]] = {}
        for issue in issues:
            by_kind.setdefault(issue.kind, []).append(issue)
        for kind in KINDS:
            found = by_kind.get(kind)
            if not found:
                continue
            group = QTreeWidgetItem(self.tree, [tr("%1 (%2)", args=(kind_name(kind), len(found)))])
            group.setForeground(0, QColor(KIND_COLORS[kind]))
            group.setIcon(0, glyph_icon(KIND_GLYPHS[kind], KIND_COLORS[kind]))
            group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            for issue in found:
                text = issue.message
                quote = issue.zh or issue.en
                if quote:
                    text += "\n" + (quote if len(quote) <= 80 else quote[:79] + "…")
                item = QTreeWidgetItem(group, [text])
                item.setToolTip(0, issue.message)
                item.setData(0, Qt.ItemDataRole.UserRole, issue)
            group.setExpanded(True)
        flagged = self.report.summary()["flagged"]
        self.summary.setText(
            tr("%n issue(s) in %1 of %2 pairs", "", len(issues),
               args=(flagged, len(self.report.pairs))) if issues else
            tr("Nothing to check: no issue found.")
        )

    def _items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            if group is not None:
                out += [child for c in range(group.childCount()) if (child := group.child(c))]
        return out

    def _clicked(self, item: QTreeWidgetItem) -> None:
        issue = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(issue, Issue):
            self.issue_chosen.emit(issue)

    def step(self, delta: int) -> None:
        """Choose the next (+1) or previous (-1) issue of the list, wrapping around."""
        items = self._items()
        if not items:
            return
        current = self.tree.currentItem()
        k = items.index(current) if current in items else (-1 if delta > 0 else 0)
        item = items[(k + delta) % len(items)]
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
        self._clicked(item)
