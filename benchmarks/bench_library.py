"""Library index and search speed on the shared corpus (12,916 articles).

    .venv/bin/python benchmarks/bench_library.py [FOLDER] [--runs N]

Prints the full index time, the re-index time with nothing changed, the median query
time for Chinese words, English words and phrases beside ``grep -rl`` of the same
strings, the store's size and the peak memory (this process and its workers).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.library import index_folder, search  # noqa: E402
from reader.core.store import Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "thenewstack-zh"
QUERIES = {
    "Chinese words": ["容器", "安全", "开源", "数据库", "云原生", "微服务", "可观察性", "人工智能"],
    "English words": ["kubernetes", "docker", "serverless", "python", "observability", "AI",
                      "WebAssembly", "Go"],
    "phrases": ['"service mesh"', '"machine learning"', '"open source"', '"容器编排"',
                '"服务网格"', '"platform engineering"'],
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-library-"))
    try:
        with Store(tmp) as store:
            t = time.perf_counter()
            first = index_folder(store, args.folder)
            full = time.perf_counter() - t
            print(f"full index: {full:.2f} s ({first.indexed} indexed, "
                  f"{len(first.skipped)} skipped)")
            t = time.perf_counter()
            again = index_folder(store, args.folder)
            print(f"re-index, nothing changed: {time.perf_counter() - t:.3f} s "
                  f"({again.unchanged} unchanged)")
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            print(f"store size: {store.path.stat().st_size / 1e6:.0f} MB "
                  f"(corpus {sum(p.stat().st_size for p in args.folder.glob('*.md')) / 1e6:.0f} MB)")
            print(f"\n{'query':<26}{'hits':>7}{'median ms':>11}{'grep -rl ms':>13}")
            for group, queries in QUERIES.items():
                medians, greps = [], []
                for q in queries:
                    times = []
                    for _ in range(args.runs):
                        result = search(store, q)
                        times.append(result.elapsed_ms)
                    median = statistics.median(times)
                    grep = _grep_ms(q.strip('"'), args.folder)
                    medians.append(median)
                    greps.append(grep)
                    print(f"{q:<26}{result.total:>7}{median:>11.2f}{grep:>13.1f}")
                print(f"{'  median ' + group:<33}{statistics.median(medians):>11.2f}"
                      f"{statistics.median(greps):>13.1f}\n")
        print(_dock_time(tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {self_mb:.0f} MB (this process), {child_mb:.0f} MB (largest worker)")
    return 0


DOCK_PROBE = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from reader.ui.app import create_window, make_application
app = make_application()
window = create_window(Path(sys.argv[1]))
rows = []
loop = QEventLoop()
start = time.perf_counter()
window.library.library_dock.loaded.connect(lambda n: rows.append((n, time.perf_counter() - start)))
window.library.library_dock.loaded.connect(lambda n: QTimer.singleShot(0, loop.quit))  # after painting
QTimer.singleShot(30000, loop.quit)
window.show()
loop.exec()
print(f"library dock: {rows[0][0]} entries shown {rows[0][1] * 1000:.0f} ms after the window opened")
"""


def _dock_time(data_dir: Path) -> str:
    """The Library dock's rows after the window opens, in a fresh offscreen GUI process."""
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", DOCK_PROBE, str(data_dir)], capture_output=True,
                            text=True, env=env, check=False)
    return result.stdout.strip() or result.stderr.strip().splitlines()[-1]


def _grep_ms(text: str, folder: Path) -> float:
    """grep -rl (case-insensitive for Latin, like the search), best of 3, warm cache."""
    flags = "-rlF" + ("i" if text.isascii() else "")
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(["grep", flags, "--", text, str(folder)], stdout=subprocess.DEVNULL,
                       check=False)
        best = min(best, (time.perf_counter() - t) * 1000)
    return best


if __name__ == "__main__":
    raise SystemExit(main())
