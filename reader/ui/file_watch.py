"""Notice when the open article changes on disk (a translator saving it in an editor)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 300  # editors write in steps; wait until they are done


class FileWatch(QObject):
    changed = Signal(Path)  # the watched file has new contents (once per burst of writes)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self._watcher: QFileSystemWatcher | None = None  # made on first use
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)

    def watch(self, path: Path | None) -> None:
        """Watch ``path`` instead of the file watched so far (None: nothing)."""
        if path == self.path:
            self._ensure_watched()
            return
        if self._watcher is not None and self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        self._settle.stop()
        self.path = path
        self._ensure_watched()

    def _ensure_watched(self) -> None:
        if self.path is None or not self.path.is_file():
            return
        if self._watcher is None:
            self._watcher = QFileSystemWatcher(self)
            self._watcher.fileChanged.connect(lambda _name: self._settle.start())
        if str(self.path) not in self._watcher.files():
            self._watcher.addPath(str(self.path))

    def _settled(self) -> None:
        # An editor that saves by writing a new file and renaming it over the old one ends
        # the watch on the old file: watch the new one.
        self._ensure_watched()
        if self.path is not None and self.path.is_file():
            self.changed.emit(self.path)
