"""Every per-user setting of the window, declared once with its default."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    kind: type


GEOMETRY = Setting("window/geometry", None, bytes)
WINDOW_STATE = Setting("window/state", None, bytes)  # toolbar and dock places
OPEN_DOCKS = Setting("window/open_docks", [], list)  # object names of the docks open at quit
SPLITTER = Setting("window/splitter", None, bytes)
ORIENTATION = Setting("view/orientation", "horizontal", str)
SWAPPED = Setting("view/swapped", False, bool)
LAYOUT = Setting("view/layout", "side", str)
SYNC_SCROLL = Setting("view/sync_scroll", True, bool)
THEME = Setting("view/theme", "system", str)
FONT_SIZE = Setting("text/font_size", 11.5, float)
LINE_HEIGHT = Setting("text/line_height", 165, int)
MEASURE = Setting("text/measure", 760, int)
FONT_ZH = Setting("text/font_zh", "", str)
FONT_EN = Setting("text/font_en", "", str)
LANGUAGE = Setting("ui/language", "system", str)
CONNECT_TIMEOUT = Setting("network/connect_timeout", 10.0, float)
READ_TIMEOUT = Setting("network/read_timeout", 30.0, float)
REMOTE_IMAGES = Setting("network/remote_images", True, bool)  # pictures from the web
RECENT = Setting("files/recent", [], list)
LAST_DIR = Setting("files/last_dir", "", str)
MAX_RECENT = 10


class Settings:
    """Typed access to QSettings; the organization/application names pick the file."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings()

    def get(self, setting: Setting) -> Any:
        value = self.q.value(setting.key, setting.default)
        if value is None:
            return setting.default
        if setting.kind is bool:
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
        if setting.kind is list:
            if isinstance(value, str):
                return [value]
            return list(value or [])
        if setting.kind is bytes:
            return bytes(value) if value else None
        try:
            return setting.kind(value)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting, value: Any) -> None:
        if setting.kind is bytes and value is not None:
            value = QByteArray(bytes(value))  # @ByteArray(...) in the file: plain Qt, no pickle
        self.q.setValue(setting.key, value)

    def add_recent(self, path: str) -> list[str]:
        recent = [p for p in self.get(RECENT) if p != path]
        recent.insert(0, path)
        del recent[MAX_RECENT:]
        self.set(RECENT, recent)
        return recent
