"""The window's one way to write to the store: off the UI thread, one write after another.

A write (a highlight, a note, the reading position, "opened now") may wait seconds for a
lock while the library indexer writes in its own thread; the UI thread must never be the
one waiting. ``StoreWriter.submit(write)`` runs ``write(store)`` on a single thread of its
own, with its own connection, in the order the writes were submitted; the result (or
the error) comes back to the UI thread through a signal. The window shows a change at
once (it knows what it asked for) and the writer makes it last.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal

from reader.core.store import Store
from reader.ui.tasks import Task, TaskContext, run_task

T = TypeVar("T")


class StoreWriter(QObject):
    failed = Signal(str)  # a write that did not happen: the window says so and reads again

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.pool = QThreadPool(self)  # jobs that must follow the writes (re-anchoring) run here too
        self.pool.setMaxThreadCount(1)  # one thread: writes stay in order and share a connection
        self.pool.setExpiryTimeout(-1)  # ... the same thread always (a connection stays in its thread)
        self.pending = 0  # writes submitted and not yet done (as the UI thread knows)
        self._store: Store | None = None  # opened and used on the writer's thread only

    def submit(self, write: Callable[[Store], T], on_done: Callable[[T], None] | None = None,
               on_error: Callable[[str], None] | None = None) -> Task:
        """Run ``write(store)`` on the writer's thread after the writes submitted before it."""

        def work(ctx: TaskContext) -> Any:
            return write(self.connection())

        def done(result: Any) -> None:
            self.pending -= 1
            if on_done is not None:
                on_done(result)

        def failed(message: str) -> None:
            self.pending -= 1
            (on_error or self.failed.emit)(message)

        self.pending += 1
        return run_task(work, on_done=done, on_error=failed, pool=self.pool)

    def connection(self) -> Store:
        """The writer's store: call it on the writer's thread only (in a job on ``pool``)."""
        if self._store is None:
            self._store = Store(self.data_dir)
        return self._store

    def flush(self, timeout_ms: int = 30_000) -> bool:
        """Wait until every submitted write is done (at quit, and in tests)."""
        return self.pool.waitForDone(timeout_ms)

    def close(self) -> None:
        """Finish the writes, then close the writer's connection on its own thread."""

        def close(store: Store) -> None:
            store.close()
            self._store = None

        if self._store is not None or self.pool.activeThreadCount():
            self.submit(close)
        self.flush()
