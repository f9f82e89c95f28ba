"""The window's settings in QSettings; what each one is, is declared in ``reader.core.settings``."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from reader.core.settings import *  # noqa: F403 (the declarations: S.THEME, S.RECENT, …)
from reader.core.settings import MAX_RECENT, RECENT, Setting

log = logging.getLogger(__name__)


class Settings:
    """Typed access to QSettings; the organization/application names pick the file."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings()

    def get(self, setting: Setting) -> Any:
        """The stored value as declared; a value the declaration refuses (an edited or old
        settings file) gives the default, with a warning in the log."""
        raw = self.q.value(setting.key, setting.default)
        try:
            return setting.parse(raw)
        except (TypeError, ValueError) as exc:
            log.warning("setting %s: %s; using the default %r", setting.key, exc, setting.default)
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
