"""The note editor: a note, tags with completion, and the colour of a highlight."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from reader.core.annotations import COLORS, Annotation
from reader.ui.annotation_controller import COLOR_NAMES
from reader.ui.i18n import tr


class NoteDialog(QDialog):
    def __init__(self, annotation: Annotation, known_tags: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Note") if annotation.kind == "highlight" else tr("Bookmark"))
        self.resize(460, 320)
        form = QFormLayout(self)
        quote = QLabel(f"“{annotation.exact[:200]}”")
        quote.setWordWrap(True)
        quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(quote)
        self.note = QPlainTextEdit(annotation.note)
        self.note.setAccessibleName(tr("Note"))
        self.note.setTabChangesFocus(True)
        form.addRow(tr("&Note:") if annotation.kind == "highlight" else tr("&Name:"), self.note)
        self.tags = QLineEdit(" ".join(annotation.tags))
        self.tags.setAccessibleName(tr("Tags"))
        self.tags.setPlaceholderText(tr("space-separated, e.g. term todo"))
        completer = _TagCompleter(known_tags, self.tags)
        self.tags.setCompleter(completer)
        form.addRow(tr("&Tags:"), self.tags)
        self.colors = QButtonGroup(self)
        row = QHBoxLayout()
        for name in COLORS:
            button = QRadioButton(tr(COLOR_NAMES[name]))
            button.setProperty("color", name)
            button.setChecked(name == annotation.color)
            self.colors.addButton(button)
            row.addWidget(button)
        if annotation.kind == "highlight":
            form.addRow(tr("Colour:"), row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.note.setFocus()

    def values(self) -> tuple[str, list[str], str]:
        checked = self.colors.checkedButton()
        color = checked.property("color") if checked else "yellow"
        return self.note.toPlainText().strip(), self.tags.text().split(), str(color)


class _TagCompleter(QCompleter):
    """Completes the last word of a space-separated tag list."""

    def __init__(self, tags: list[str], line: QLineEdit) -> None:
        super().__init__(tags, line)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.line = line

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt override)
        return [path.split(" ")[-1]]

    def pathFromIndex(self, index) -> str:  # type: ignore[no-untyped-def]  # noqa: N802
        words = self.line.text().split(" ")
        words[-1] = super().pathFromIndex(index)
        return " ".join(words)
