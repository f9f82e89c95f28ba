"""Help > About: the icon, the version, and the licences of what the app is built from."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from importlib import metadata

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import reader
from reader.ui.i18n import QT_TR_NOOP, tr
from reader.ui.icons import app_icon


@dataclass(frozen=True)
class Component:
    name: str
    licence: str
    distribution: str | None = None  # read the version with importlib.metadata
    module: str | None = None  # ... or from this module's __version__ when there is no metadata


# Names and licences are translated at display time (tr needs the app's translator then).
COMPONENTS: tuple[Component, ...] = (
    Component("Qt", "LGPL-3.0"),
    Component("PySide6", "LGPL-3.0", "PySide6-Essentials", "PySide6"),
    Component("Python", QT_TR_NOOP("PSF License")),
    Component("Python-Markdown", "BSD-3-Clause", "Markdown", "markdown"),
    Component("Pygments", "BSD-2-Clause", "Pygments", "pygments"),
    Component("trafilatura", "Apache-2.0", "trafilatura", "trafilatura"),
    Component("HTTPX", "BSD-3-Clause", "httpx", "httpx"),
    Component("charset-normalizer", "MIT", "charset-normalizer", "charset_normalizer"),
    Component("nh3", "MIT", "nh3", "nh3"),
    Component("platformdirs", "MIT", "platformdirs", "platformdirs"),
    Component("RapidFuzz", "MIT", "RapidFuzz", "rapidfuzz"),
    Component("lxml", "BSD-3-Clause", "lxml", "lxml"),
    Component(QT_TR_NOOP("Sample articles (OpenDocCN)"), "CC BY-NC-SA 4.0"),
)


def component_version(component: Component) -> str:
    """The version in use, or "" when it cannot be told (a frozen app without metadata)."""
    if component.name == "Qt":
        return qVersion()
    if component.name == "Python":
        return platform.python_version()
    if component.distribution:
        try:
            return metadata.version(component.distribution)
        except metadata.PackageNotFoundError:
            pass
    module = sys.modules.get(component.module or "")
    if module is None and component.module:
        try:
            module = __import__(component.module)
        except ImportError:
            return ""
    return str(getattr(module, "__version__", "") or "")


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(tr("About Bilingual Reader"))
        icon = app_icon()
        self.setWindowIcon(icon)

        logo = QLabel()
        logo.setObjectName("aboutIcon")
        logo.setPixmap(icon.pixmap(96, 96))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(tr("Bilingual Reader"))
        title.setObjectName("aboutTitle")
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.version_label = QLabel(tr("Version {version}").format(version=reader.__version__))
        self.version_label.setObjectName("aboutVersion")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        description = QLabel(tr("Read a Chinese translation beside its English original, paragraph by paragraph."))
        description.setWordWrap(True)
        heading = QVBoxLayout()
        for widget in (title, self.version_label, description):
            heading.addWidget(widget)
        heading.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addSpacing(12)
        top.addLayout(heading, 1)

        built_with = QLabel(tr("Built with, and distributed under their licences:"))
        self.table = self._licence_table()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(built_with)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(580, 560)

    def _licence_table(self) -> QTableWidget:
        table = QTableWidget(len(COMPONENTS), 3)
        table.setObjectName("aboutLicences")
        table.setAccessibleName(tr("Components and licences"))
        table.setHorizontalHeaderLabels([tr("Component"), tr("Version"), tr("Licence")])
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.setShowGrid(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        for row, component in enumerate(COMPONENTS):
            cells = (tr(component.name), component_version(component), tr(component.licence))
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        table.setCurrentCell(-1, -1)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return table


def show_about(parent: QWidget | None = None) -> AboutDialog:
    """Open the About dialog (window-modal, not blocking) and return it."""
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
