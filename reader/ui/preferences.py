"""Preferences: theme, type, text width, sync, network timeouts, data folder, language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from reader.core import settings as S
from reader.core.themes import Typography
from reader.ui.i18n import LANGUAGES, tr


@dataclass
class Preferences:
    theme: str
    typography: Typography
    sync_scroll: bool
    connect_timeout: float
    read_timeout: float
    language: str
    data_dir: Path
    remote_images: bool = True


class PreferencesDialog(QDialog):
    def __init__(self, current: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Preferences"))
        self.current = current
        self.new_data_dir = current.data_dir
        form = QFormLayout(self)
        self.theme = QComboBox()
        labels = {"system": tr("Follow the system"), "light": tr("Light"), "sepia": tr("Sepia"),
                  "dark": tr("Dark")}
        for value in S.THEME.choices or ():
            self.theme.addItem(labels[value], value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(current.theme)))
        form.addRow(tr("&Theme:"), self.theme)
        families = QFontDatabase.families()
        self.font_zh = _font_box(families, current.typography.font_zh)
        self.font_en = _font_box(families, current.typography.font_en)
        form.addRow(tr("&Chinese font:"), self.font_zh)
        form.addRow(tr("&English font:"), self.font_en)
        self.font_size = QDoubleSpinBox()
        _set_range(self.font_size, S.FONT_SIZE)
        self.font_size.setSingleStep(0.5)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(current.typography.font_size)
        form.addRow(tr("Text &size:"), self.font_size)
        self.line_height = QSpinBox()
        _set_range(self.line_height, S.LINE_HEIGHT)
        self.line_height.setSingleStep(5)
        self.line_height.setSuffix(" %")
        self.line_height.setValue(current.typography.line_height)
        form.addRow(tr("Line s&pacing:"), self.line_height)
        self.measure = QSpinBox()
        _set_range(self.measure, S.MEASURE)
        self.measure.setSingleStep(20)
        self.measure.setSuffix(" px")
        self.measure.setValue(current.typography.measure)
        form.addRow(tr("Maximum text &width:"), self.measure)
        self.sync = QCheckBox(tr("Scroll the other pane along (synchronized scrolling)"))
        self.sync.setChecked(current.sync_scroll)
        form.addRow(tr("Reading:"), self.sync)
        self.connect_timeout = _seconds(current.connect_timeout, S.CONNECT_TIMEOUT)
        self.read_timeout = _seconds(current.read_timeout, S.READ_TIMEOUT)
        form.addRow(tr("Co&nnection timeout:"), self.connect_timeout)
        form.addRow(tr("&Read timeout:"), self.read_timeout)
        self.remote_images = QCheckBox(tr("Load remote images (pictures from the web)"))
        self.remote_images.setChecked(current.remote_images)
        form.addRow(tr("Images:"), self.remote_images)
        self.language = QComboBox()
        for code in S.LANGUAGE.choices or ():
            label = LANGUAGES[code]
            self.language.addItem(tr(label) if code == "system" else label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current.language)))
        form.addRow(tr("&Language:"), self.language)
        row = QHBoxLayout()
        self.data_label = QLabel(str(current.data_dir))
        self.data_label.setWordWrap(True)
        change = QPushButton(tr("Change…"))
        change.clicked.connect(self._choose_data_dir)
        row.addWidget(self.data_label, 1)
        row.addWidget(change)
        form.addRow(tr("Data folder:"), row)
        self.restart_note = QLabel(tr("A new data folder is used from the next start."))
        self.restart_note.hide()
        form.addRow(self.restart_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _choose_data_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Data Folder"), str(self.new_data_dir))
        if folder:
            self.new_data_dir = Path(folder)
            self.data_label.setText(folder)
            self.restart_note.setVisible(self.new_data_dir != self.current.data_dir)

    def values(self) -> Preferences:
        return Preferences(
            theme=str(self.theme.currentData()),
            typography=Typography(
                font_size=round(self.font_size.value(), 2),
                line_height=self.line_height.value(),
                measure=self.measure.value(),
                font_zh=str(self.font_zh.currentData() or ""),
                font_en=str(self.font_en.currentData() or ""),
            ),
            sync_scroll=self.sync.isChecked(),
            connect_timeout=self.connect_timeout.value(),
            read_timeout=self.read_timeout.value(),
            language=str(self.language.currentData()),
            data_dir=self.new_data_dir,
            remote_images=self.remote_images.isChecked(),
        )


def _font_box(families: list[str], current: str) -> QComboBox:
    box = QComboBox()
    box.addItem(tr("(default)"), "")
    for family in families:
        box.addItem(family, family)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def _set_range(box: QSpinBox | QDoubleSpinBox, setting: S.Setting) -> None:
    """The range the setting declares (a value outside it would not be read back)."""
    assert setting.minimum is not None and setting.maximum is not None
    if isinstance(box, QSpinBox):
        box.setRange(int(setting.minimum), int(setting.maximum))
    else:
        box.setRange(setting.minimum, setting.maximum)


def _seconds(value: float, setting: S.Setting) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    _set_range(box, setting)
    box.setSuffix(" s")
    box.setDecimals(0)
    box.setValue(value)
    return box
