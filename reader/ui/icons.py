"""The app's icon, from the PNG sizes (and the SVG) in resources/icons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from reader.core.paths import resources_dir

ICON_NAME = "bilingual-reader"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def icons_dir() -> Path:
    return resources_dir() / "icons"


def app_icon() -> QIcon:
    """Every rendered size (crisp at each size); the SVG or the desktop theme when missing."""
    folder = icons_dir()
    icon = QIcon()
    for size in ICON_SIZES:
        png = folder / f"{ICON_NAME}-{size}.png"
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    if icon.isNull():
        svg = folder / f"{ICON_NAME}.svg"
        if svg.is_file():
            icon.addFile(str(svg))
    if icon.isNull():
        icon = QIcon.fromTheme(ICON_NAME)  # installed by `make install-desktop`
    return icon
