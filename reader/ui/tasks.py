"""The one way to run slow work off the UI thread.

``run_task(fn, ...)`` runs ``fn(ctx)`` on the global QThreadPool. ``ctx.progress(done,
total)`` reports progress and ``ctx.cancelled()`` tells the function to stop. Results,
errors and progress come back to the UI thread as signals; no widget is ever touched
from the worker.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

from reader.core.errors import ReaderError

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a task that noticed it was cancelled."""


class TaskContext:
    def __init__(self, signals: TaskSignals, event: threading.Event) -> None:
        self._signals = signals
        self._event = event

    def progress(self, done: int, total: int | None = None) -> None:
        Task._emit(self._signals.progress, int(done), -1 if total is None else int(total))

    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled


class TaskSignals(QObject):
    progress = Signal(int, int)  # done, total (-1: unknown)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Task(QRunnable):
    def __init__(self, fn: Callable[[TaskContext], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the handle owns it; Qt must not delete it under us
        self.fn = fn
        self.signals = TaskSignals()
        self._event = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def is_cancelled(self) -> bool:
        return self._event.is_set()

    def run(self) -> None:
        ctx = TaskContext(self.signals, self._event)
        try:
            try:
                result = self.fn(ctx)
            except Cancelled:
                self._emit(self.signals.cancelled)
            except ReaderError as exc:
                if self._event.is_set():
                    self._emit(self.signals.cancelled)
                else:
                    self._emit(self.signals.failed, str(exc))
            except Exception as exc:  # a bug: report it rather than lose the worker
                log.exception("background task failed")
                self._emit(self.signals.failed, f"Unexpected error: {type(exc).__name__}: {exc}")
            else:
                if self._event.is_set():
                    self._emit(self.signals.cancelled)
                else:
                    self._emit(self.signals.finished, result)
        finally:
            self.done.set()

    @staticmethod
    def _emit(signal: SignalInstance, *args: object) -> None:
        # RuntimeError: the receivers are gone (the app is quitting); nobody waits for this.
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)


_running: set[Task] = set()


def run_task(
    fn: Callable[[TaskContext], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Start ``fn`` in the background. Keep the returned task to cancel it."""
    task = Task(fn)
    if on_done:
        task.signals.finished.connect(on_done)
    if on_error:
        task.signals.failed.connect(on_error)
    if on_progress:
        task.signals.progress.connect(on_progress)
    if on_cancelled:
        task.signals.cancelled.connect(on_cancelled)
    for signal in (task.signals.finished, task.signals.failed, task.signals.cancelled):
        signal.connect(lambda *_: _running.discard(task))
    _running.add(task)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def wait_for_all(timeout_ms: int = 5000) -> bool:
    """Block until running tasks end (used at shutdown and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
