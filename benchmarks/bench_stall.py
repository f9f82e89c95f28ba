"""The UI thread's longest stall while the library indexes 3,000 files and the reader
highlights, notes and scrolls (goal: < 100 ms).

The same scenario and probe as ``tests/ui/test_responsiveness.py`` (a 5 ms timer: the
longest gap between two firings is the longest the event loop was kept from running), run
on the shipped window, in a fresh process, several times; we print each run's figure and
the median. A wall-clock figure: read it beside the machine's load (printed too).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_stall.py [--runs 3] [--files 3000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(files: int) -> None:
    """One race in this process: print its figures as one line."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QDeadlineTimer
    from PySide6.QtTest import QTest

    from reader.ui.app import create_window, make_application
    from reader.ui.tasks import wait_for_all
    from tests.ui.test_responsiveness import library_folder, long_article, race_the_indexer

    def wait_until(predicate: Callable[[], bool], timeout_ms: int) -> None:
        deadline = QDeadlineTimer(timeout_ms)
        while not predicate():
            if deadline.hasExpired():
                raise SystemExit(f"bench_stall: gave up waiting after {timeout_ms} ms")
            QTest.qWait(5)

    make_application()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "data").mkdir()
        window = create_window(root / "data")
        window.resize(1200, 800)
        window.show()
        race = race_the_indexer(window, library_folder(root, files), long_article(root, 250),
                                QTest.qWait, wait_until)
        window.writer.flush()
        window.close()
        wait_for_all(10_000)
    print(f"{race.longest_ms:.0f} {race.ticks} {len(race.annotations)} {race.actions} {race.during_indexing}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_REPS", "3")))
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child run
    args = parser.parse_args()
    if args.one:
        one_run(args.files)
        return
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    stalls: list[float] = []
    for _ in range(args.runs):
        result = subprocess.run([sys.executable, __file__, "--one", "--files", str(args.files)],
                                env=env, capture_output=True, text=True, check=True)
        longest, ticks, highlights, actions, racing = result.stdout.split()[-5:]
        stalls.append(float(longest))
        print(f"run: longest stall {longest} ms over {ticks} ticks; {highlights} highlights, "
              f"{actions} notes and scrolls, {racing} while indexing")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"UI thread while indexing {args.files} files: longest stall median "
          f"{statistics.median(stalls):.0f} ms over {args.runs} runs (goal < 100 ms; load {load})")


if __name__ == "__main__":
    main()
