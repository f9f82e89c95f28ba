"""The UI thread never waits: highlights, notes and scrolling stay smooth while the library indexes.

Before the store writer, each highlight and note was written on the UI thread and waited
for the indexer's write lock: the same run stalled the window for 846 ms (and more with
bigger batches); now the longest stall is the paint of a view, ~50-110 ms on a loaded
two-core machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer

from reader.core.annotations import Annotation, list_annotations
from reader.core.store import Store
from reader.core.vocabulary import COLORS

PROBE_MS = 5


class LatencyProbe(QObject):
    """A timer that should fire every PROBE_MS: the longest gap between two firings is the
    longest the event loop was kept from running (a stall the reader would feel)."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest_ms = 0.0
        self.ticks = 0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_ms = max(self.longest_ms, (now - self.last) * 1000)
        self.last = now
        self.ticks += 1

    def stop(self) -> None:
        self.timer.stop()


def library_folder(root: Path, n: int) -> Path:
    folder = root / "library"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:05}.md").write_text(
            f"# 第{i}篇：容器与 Kubernetes\n\n> 原文：<https://example.com/post-{i}/>\n\n"
            + "\n\n".join(f"第{i}篇第{k}段，讨论容器编排、调度和 observability。" for k in range(12)),
            encoding="utf-8")
    return folder


def long_article(root: Path, paragraphs: int) -> Path:
    path = root / "reading.md"
    path.write_text("# 正在读的文章\n\n> 原文：<https://example.com/reading/>\n\n" + "\n\n".join(
        f"这是第{k}段，其中有一句值得标记的话（编号{k}号），后面还有一些正文。" for k in range(paragraphs)),
        encoding="utf-8")
    return path


@dataclass
class RaceResult:
    longest_ms: float
    ticks: int
    annotations: list[Annotation]
    actions: int
    during_indexing: int


def race_the_indexer(window, folder: Path, path: Path, wait: Callable[[int], None],  # type: ignore[no-untyped-def]
                     wait_until: Callable[[Callable[[], bool], int], None]) -> RaceResult:
    """Open ``path``, index ``folder`` and meanwhile highlight, note and scroll as a reader
    does, one action a turn of the event loop; the probe measures the longest stall.
    (benchmarks/bench_stall.py runs the same with its own ``wait``s.)"""
    window.open_file(path)
    wait_until(window.settled, 15_000)
    wait_until(lambda: not window.annotations.busy, 10_000)
    dock = window.library.library_dock
    finished: list[object] = []
    dock.indexing_finished.connect(finished.append)
    view = window.translation_view
    bar = view.verticalScrollBar()
    probe = LatencyProbe()
    probe.start()
    dock.index([str(folder)])
    done = during_indexing = 0
    annotations: list[Annotation] = []
    while not finished and done < 400:  # one user action a turn of the event loop, as a reader acts
        if len(annotations) < 40:  # a well-annotated article: 40 highlights, each with a note
            view.setTextCursor(view.document().find(f"编号{done * 5}号"))
            annotations.append(window.annotation_ui.highlight(list(COLORS)[done % len(COLORS)], view))
            wait(10)
        annotation = annotations[done % len(annotations)]
        window.annotations.update(annotation.id, note=f"第{done}条笔记", tags=["待查"])
        wait(10)
        bar.setValue(bar.maximum() * (done % 20) // 20)
        during_indexing += dock.tasks.running("index")
        done += 1
        wait(10)
    wait_until(lambda: bool(finished), 300_000)
    probe.stop()
    return RaceResult(probe.longest_ms, probe.ticks, annotations, done, during_indexing)


@pytest.mark.slow  # ~10 s, and a wall-clock figure: run alone on a quiet machine (make test-all)
def test_the_ui_thread_never_stalls_while_the_library_indexes(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = library_folder(tmp_path, 3000)
    path = long_article(tmp_path, 250)
    race = race_the_indexer(window, folder, path, qtbot.wait,
                            lambda predicate, timeout: qtbot.waitUntil(predicate, timeout=timeout))
    annotations = race.annotations
    print(f"\nUI thread: longest stall {race.longest_ms:.0f} ms over {race.ticks} ticks; "
          f"{len(annotations)} highlights, {race.actions} notes and scrolls, {race.during_indexing} while indexing")
    assert race.during_indexing >= 10  # the edits really raced the indexer's writes
    assert race.longest_ms < 100
    assert window.writer.flush()
    with Store(window.data_dir) as store:  # every edit was stored, in order
        stored = list_annotations(store, window.session.article.key)
    assert len(stored) == len(annotations) and all(a.note and a.tags == ("待查",) for a in stored)
    assert {a.id: a.note for a in stored} == {a.id: a.note for a in window.annotations.annotations}
