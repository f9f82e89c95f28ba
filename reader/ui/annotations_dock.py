"""The Annotations dock: the article's highlights, notes and bookmarks, filtered and sorted."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.anchoring import ORPHANED
from reader.core.annotations import COLORS, Annotation
from reader.ui.annotation_controller import COLOR_NAMES, AnnotationController
from reader.ui.annotation_controller import COLORS as TINTS
from reader.ui.i18n import tr

ID_ROLE = Qt.ItemDataRole.UserRole
SIDE_LABELS = {"zh": "中", "en": "EN"}


class AnnotationsDock(QDockWidget):
    activated = Signal(object)  # Annotation
    edit_requested = Signal(object)
    attach_requested = Signal(object)

    def __init__(self, controller: AnnotationController, parent: QWidget | None = None) -> None:
        super().__init__(tr("Annotations"), parent)
        self.setObjectName("annotationsDock")
        self.controller = controller
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        filters = QGridLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Filter…"))
        self.search.setAccessibleName(tr("Filter annotations"))
        self.search.setClearButtonEnabled(True)
        self.color = QComboBox()
        self.color.setAccessibleName(tr("Colour"))
        self.color.addItem(tr("All colours"), "")
        for name in COLORS:
            self.color.addItem(tr(COLOR_NAMES[name]), name)
        self.side = QComboBox()
        self.side.setAccessibleName(tr("Side"))
        self.side.addItem(tr("Both sides"), "")
        self.side.addItem("中", "zh")
        self.side.addItem("EN", "en")
        self.tag = QComboBox()
        self.tag.setAccessibleName(tr("Tag"))
        self.sort = QComboBox()
        self.sort.setAccessibleName(tr("Sort"))
        self.sort.addItem(tr("By position"), "position")
        self.sort.addItem(tr("By time"), "time")
        # The filter field on its own row, the menus below it: the dock can stay narrow.
        layout.addWidget(self.search)
        for k, widget in enumerate((self.color, self.side, self.tag, self.sort)):
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(4)
            filters.addWidget(widget, k // 2, k % 2)
        layout.addLayout(filters)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(tr("Annotations"))
        self.tree.setHeaderLabels([tr("Quote"), tr("Note"), tr("Tags"), tr("Side"), tr("Time")])
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 200)
        self.tree.itemClicked.connect(self._activate)  # a click goes there, a double click edits
        self.tree.itemDoubleClicked.connect(lambda item, _column: self._edit(item))
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(tr("Edit…"))
        self.delete_button = QPushButton(tr("Delete"))
        self.attach_button = QPushButton(tr("Attach Here"))
        self.attach_button.setToolTip(tr("Select text in a pane, then attach the unanchored note to it"))
        self.edit_button.clicked.connect(lambda: self._with_current(self.edit_requested.emit))
        self.delete_button.clicked.connect(self.delete_current)
        self.attach_button.clicked.connect(lambda: self._with_current(self.attach_requested.emit))
        for button in (self.edit_button, self.delete_button, self.attach_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setWidget(body)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            go = QShortcut(QKeySequence(key), self.tree)
            go.setContext(Qt.ShortcutContext.WidgetShortcut)
            go.activated.connect(self._activate_current)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.tree)
        delete.activated.connect(self.delete_current)
        for widget in (self.color, self.side, self.tag, self.sort):
            widget.currentIndexChanged.connect(self.refresh)
        self.search.textChanged.connect(self.refresh)
        controller.changed.connect(self.refresh)
        self.refresh()

    # -- contents --------------------------------------------------------------------
    def visible_annotations(self) -> list[Annotation]:
        text = self.search.text().strip().lower()
        color, side, tag = self.color.currentData(), self.side.currentData(), self.tag.currentData()
        shown = []
        for a in self.controller.annotations:
            if color and a.color != color or side and a.side != side or tag and tag not in a.tags:
                continue
            if text and text not in f"{a.exact}\n{a.note}\n{' '.join(a.tags)}".lower():
                continue
            shown.append(a)
        if self.sort.currentData() == "time":
            shown.sort(key=lambda a: a.created, reverse=True)
        else:
            shown.sort(key=lambda a: (a.side != "zh", a.start))
        return shown

    def refresh(self) -> None:
        self._refresh_tags()
        selected = self.current()
        self.tree.clear()
        groups = {
            "highlight": QTreeWidgetItem([tr("Highlights and notes")]),
            "bookmark": QTreeWidgetItem([tr("Bookmarks")]),
            ORPHANED: QTreeWidgetItem([tr("Unanchored")]),
        }
        for a in self.visible_annotations():
            group = groups[ORPHANED] if a.status == ORPHANED else groups[a.kind]
            item = QTreeWidgetItem([
                a.exact.replace("\n", " ")[:120], a.note.replace("\n", " ")[:120],
                " ".join(f"#{t}" for t in a.tags), SIDE_LABELS.get(a.side, a.side), _when(a.modified),
            ])
            item.setData(0, ID_ROLE, a.id)
            item.setToolTip(0, a.exact)
            item.setToolTip(1, a.note)
            if a.kind == "highlight":
                item.setBackground(0, QBrush(TINTS.get(a.color, TINTS["yellow"])))
            group.addChild(item)
            if selected is not None and a.id == selected.id:
                item.setSelected(True)
        for group in groups.values():
            if group.childCount():
                group.setText(0, f"{group.text(0)} ({group.childCount()})")
                self.tree.addTopLevelItem(group)
                group.setExpanded(True)
        self._update_buttons()

    def _refresh_tags(self) -> None:
        current = self.tag.currentData()
        tags = sorted({t for a in self.controller.annotations for t in a.tags})
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(tr("All tags"), "")
        for t in tags:
            self.tag.addItem(f"#{t}", t)
        index = self.tag.findData(current)
        self.tag.setCurrentIndex(max(0, index))
        self.tag.blockSignals(False)

    # -- actions -------------------------------------------------------------------------
    def current(self) -> Annotation | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        annotation_id = items[0].data(0, ID_ROLE)
        return next((a for a in self.controller.annotations if a.id == annotation_id), None)

    def _with_current(self, action) -> None:  # type: ignore[no-untyped-def]
        annotation = self.current()
        if annotation is not None:
            action(annotation)

    def delete_current(self) -> None:
        annotation = self.current()
        if annotation is not None:
            self.controller.delete(annotation.id)

    def _activate_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._activate(item)

    def _edit(self, item: QTreeWidgetItem) -> None:
        annotation = next((a for a in self.controller.annotations if a.id == item.data(0, ID_ROLE)), None)
        if annotation is not None:
            self.edit_requested.emit(annotation)

    def _activate(self, item: QTreeWidgetItem) -> None:
        annotation_id = item.data(0, ID_ROLE)
        annotation = next((a for a in self.controller.annotations if a.id == annotation_id), None)
        if annotation is not None:
            self.activated.emit(annotation)

    def _update_buttons(self) -> None:
        annotation = self.current()
        self.edit_button.setEnabled(annotation is not None)
        self.delete_button.setEnabled(annotation is not None)
        self.attach_button.setEnabled(annotation is not None and annotation.status == ORPHANED)


def _when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso
