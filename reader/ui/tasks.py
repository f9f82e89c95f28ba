"""The one way to run slow work off the UI thread.

``run_task(fn, ...)`` runs ``fn(ctx)`` on the global QThreadPool. ``ctx.progress(done,
total)`` reports progress and ``ctx.cancelled()`` tells the function to stop. Results,
errors and progress come back to the UI thread as signals; no widget is ever touched
from the worker.

``LatestTasks.start(key, fn, ...)`` is the "latest wins" form every screen uses: starting a
job under a key cancels the one still running under it, and only the newest job's result,
error or progress reaches the callbacks (a superseded result goes to ``discard``).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

from reader.core.errors import ReaderError

log = logging.getLogger(__name__)


class Runner(Protocol):
    """Where a task runs: a QThreadPool, or the store writer's thread."""

    def start(self, runnable: Task) -> None: ...


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
                if self._event.is_set():  # cancelled meanwhile (the app quits mid-import): moot
                    self._emit(self.signals.cancelled)
                    return
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
    pool: Runner | None = None,
) -> Task:
    """Start ``fn`` in the background. Keep the returned task to cancel it."""
    task = Task(fn)
    _start(task, on_done, on_error, on_progress, on_cancelled, pool)
    return task


def _start(
    task: Task,
    on_done: Callable[[Any], None] | None,
    on_error: Callable[[str], None] | None,
    on_progress: Callable[[int, int], None] | None,
    on_cancelled: Callable[[], None] | None,
    pool: Runner | None,
) -> None:
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


class LatestTasks:
    """Background jobs by key, the latest one winning: ``start`` cancels the job running
    under the same key, and a superseded job's callbacks never run (its result goes to
    ``discard``, say to free a document built for nothing)."""

    def __init__(self) -> None:
        self._tasks: dict[str, Task] = {}

    def start(
        self,
        key: str,
        fn: Callable[[TaskContext], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        discard: Callable[[Any], None] | None = None,
        pool: Runner | None = None,
    ) -> Task:
        self.cancel(key)
        task = Task(fn)

        def current() -> bool:
            return self._tasks.get(key) is task

        def ended() -> bool:
            """Whether the task was the latest (it is forgotten now: it ended)."""
            if not current():
                return False
            del self._tasks[key]
            return True

        def done(result: Any) -> None:
            if ended():
                if on_done:
                    on_done(result)
            elif discard:
                discard(result)

        def failed(message: str) -> None:
            if ended() and on_error:
                on_error(message)

        def progress(done_count: int, total: int) -> None:
            if current() and on_progress:
                on_progress(done_count, total)

        def cancelled() -> None:
            if ended() and on_cancelled:
                on_cancelled()

        self._tasks[key] = task
        _start(task, done, failed, progress, cancelled, pool)
        return task

    def cancel(self, key: str) -> None:
        """Stop the job under ``key``; whatever it still delivers is ignored."""
        task = self._tasks.pop(key, None)
        if task is not None:
            task.cancel()

    def stop(self, key: str) -> None:
        """Ask the job under ``key`` to stop; unlike ``cancel`` it stays the latest, so its
        ``on_cancelled`` (or ``on_done``, if it finished anyway) still runs."""
        task = self._tasks.get(key)
        if task is not None:
            task.cancel()

    def cancel_all(self) -> None:
        for key in list(self._tasks):
            self.cancel(key)

    def running(self, key: str) -> bool:
        return key in self._tasks

    def busy(self) -> bool:
        return bool(self._tasks)


def wait_for_all(timeout_ms: int = 5000) -> bool:
    """Block until running tasks end (used at shutdown and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
