"""The window's one way to write to the store: off the UI thread, one write after another.

A write (a highlight, a note, the reading position, "opened now") may wait seconds for a
lock while the library indexer writes in its own thread; the UI thread must never be the
one waiting. ``StoreWriter.submit(write)`` runs ``write(store)`` on a thread of its own,
with its own connection, in the order the writes were submitted; the result (or the
error) comes back to the UI thread through a signal. The window shows a change at once
(it knows what it asked for) and the writer makes it last.

Handing a write over is a put on a queue (microseconds): no thread pool call that would
let another thread take the interpreter from the UI thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

from reader.core.store import Store
from reader.ui.tasks import Task, TaskContext, run_task

T = TypeVar("T")


class _Job(Protocol):
    def run(self) -> None: ...


class _Marker:
    """Done when every job queued before it is."""

    def __init__(self) -> None:
        self.done = threading.Event()

    def run(self) -> None:
        self.done.set()


class StoreWriter(QObject):
    failed = Signal(str)  # a write that did not happen: the window says so and reads again

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.pending = 0  # writes submitted and not yet done (as the UI thread knows)
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None  # started by the first write
        self._store: Store | None = None  # opened and used on the writer's thread only

    def start(self, job: _Job) -> None:
        """Run ``job`` (a Task) on the writer's thread after the jobs before it; LatestTasks
        takes the writer for a thread pool (re-anchoring must follow the writes)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="store-writer", daemon=True)
            self._thread.start()
        self._queue.put(job)

    def _work(self) -> None:
        while (job := self._queue.get()) is not None:
            job.run()
        if self._store is not None:
            self._store.close()
            self._store = None

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
        return run_task(work, on_done=done, on_error=failed, pool=self)

    def connection(self) -> Store:
        """The writer's store: call it on the writer's thread only (in a job it runs)."""
        if self._store is None:
            self._store = Store(self.data_dir)
        return self._store

    def flush(self, timeout_ms: int = 30_000) -> bool:
        """Wait until every job submitted so far is done (at quit, and in tests)."""
        if self._thread is None:
            return True
        marker = _Marker()
        self._queue.put(marker)
        return marker.done.wait(timeout_ms / 1000)

    def close(self) -> None:
        """Finish the jobs, then close the writer's connection on its own thread."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
