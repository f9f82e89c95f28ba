"""Start-to-screenshot time of `bilingual-reader open` against a bare QTextBrowser floor.

The floor is the least any PySide6 app can do: import Qt, render the same Markdown with
the same extensions into a QTextBrowser and grab it. Both run as fresh processes, several
times, alternating. The ratio (goal: <= 1.3) is the median of each app run over the floor
run just before it: on a shared machine single runs of the same program land near 400 or
near 600 ms at random, for stretches, so that the ratio of the two medians (or of the two
fastest runs) of the same code swings between 1.2 and 1.5, while runs side by side mostly
share their luck. The medians, the fastest runs, CPU time and (with valgrind) the
instructions counted are printed too. Also times parse + render of a 1 MB article.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "articles" / "pytorch-takes-ai-ml-back-to-its-research-open-source-roots.md"
REPS = int(os.environ.get("BENCH_REPS", "11"))

FLOOR = r"""
import sys, markdown
from PySide6.QtWidgets import QApplication, QTextBrowser
from reader.core.render import MARKDOWN_EXTENSIONS
app = QApplication([])
text = open(sys.argv[1], encoding="utf-8").read()
html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS,
                         extension_configs={"codehilite": {"noclasses": True}})
view = QTextBrowser()
view.resize(1400, 900)
view.setHtml(html)
view.show()
app.processEvents()
view.grab().save(sys.argv[2], "PNG")
"""


def timed(cmd: list[str], env: dict[str, str], cpu: list[float] | None = None) -> float:
    """Wall-clock seconds of ``cmd``; its CPU seconds (user + system) go to ``cpu``: on a
    shared, loaded machine the CPU time moves less than the wall clock."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall


def _instructions(cmd: list[str], env: dict[str, str]) -> int | None:
    """Instructions ``cmd`` runs, counted by callgrind (~30 s): on a shared machine the clock
    of one run varies by a third, this count by well under 1%."""
    if os.environ.get("BENCH_INSTRUCTIONS") == "0" or not shutil.which("valgrind"):
        return None
    result = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                            env=env, capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", result.stderr)
    return int(found.group(1)) if result.returncode == 0 and found else None


def _ms(seconds: list[float]) -> str:
    return " ".join(f"{x * 1000:.0f}" for x in seconds)


def main() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # Byte-compile as an installation would: this machine sets PYTHONDONTWRITEBYTECODE, which
    # would otherwise make every run recompile the app (but not Qt or Markdown) from source.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "reader")], check=True)
    app_times: list[float] = []
    floor_times: list[float] = []
    app_cpu: list[float] = []
    floor_cpu: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "shot.png"
        data = Path(tmp) / "data"
        app_cmd = [sys.executable, "-m", "reader", "--data-dir", str(data), "open", str(ARTICLE),
                   "--screenshot", str(out)]
        floor_cmd = [sys.executable, "-c", FLOOR, str(ARTICLE), str(out)]
        timed(app_cmd, env)  # warm the disk cache and the stored original's failure path
        for _ in range(REPS):
            floor_times.append(timed(floor_cmd, env, floor_cpu))
            app_times.append(timed(app_cmd, env, app_cpu))
        instructions = [_instructions(cmd, env) for cmd in (app_cmd, floor_cmd)]
    app_median, floor_median = statistics.median(app_times), statistics.median(floor_times)
    app_best, floor_best = min(app_times), min(floor_times)
    paired = statistics.median(a / f for a, f in zip(app_times, floor_times, strict=True))
    print(f"open --screenshot: fastest {app_best * 1000:.0f} ms, median {app_median * 1000:.0f} ms "
          f"over {REPS} runs")
    print(f"bare QTextBrowser floor: fastest {floor_best * 1000:.0f} ms, median {floor_median * 1000:.0f} ms")
    print(f"ratio: {paired:.2f} (each run over the floor run before it, median; goal <= 1.30); "
          f"of the medians {app_median / floor_median:.2f}, of the fastest runs {app_best / floor_best:.2f}")
    print(f"  runs (ms), app: {_ms(app_times)}; floor: {_ms(floor_times)}")
    cpu_app, cpu_floor = statistics.median(app_cpu), statistics.median(floor_cpu)
    print(f"  CPU time (less sensitive to a loaded machine): app {cpu_app * 1000:.0f} ms, floor "
          f"{cpu_floor * 1000:.0f} ms, ratio {cpu_app / cpu_floor:.2f}; load average "
          + ", ".join(f"{x:.2f}" for x in os.getloadavg()))

    if None not in instructions:
        app_ir, floor_ir = instructions
        print(f"  instructions (callgrind, one run each: the same on a busy machine): app "
              f"{app_ir / 1e6:.0f} M, floor {floor_ir / 1e6:.0f} M, ratio {app_ir / floor_ir:.2f}")
    else:
        print("  instructions: not counted (needs valgrind; BENCH_INSTRUCTIONS=0 skips them)")

    from reader.core.article import parse_markdown
    from reader.core.render import Renderer

    para = "这是一个测试段落，包含 English words、`code` 和 [链接](https://example.com)。" * 5
    text = "# 标题\n\n> 原文：<https://example.com/a>\n\n" + "\n\n".join([para] * (1_000_000 // len(para.encode())))
    start = time.perf_counter()
    article = parse_markdown(text)
    parsed = time.perf_counter()
    Renderer().document(article.blocks)
    done = time.perf_counter()
    print(f"1 MB article: parse {(parsed - start) * 1000:.0f} ms, render {(done - parsed) * 1000:.0f} ms "
          f"({len(article.blocks)} blocks)")
    print(f"Qt document of a 1 MB article with lists (off the UI thread): {_document_ms(text):.0f} ms")


def _document_ms(text: str) -> float:
    """Qt's HTML import of an article rich in list items, each a block with its own marker:
    once quadratic (named anchors), so a figure to watch."""
    from PySide6.QtWidgets import QApplication

    from reader.core.article import parse_markdown
    from reader.core.render import Renderer
    from reader.core.themes import get_theme, stylesheet
    from reader.ui.documents import build_document

    _app = QApplication.instance() or QApplication([])
    items = "".join(f"- 第 {i} 项：列表项里的 English words 和 `code`。\n" for i in range(12_000))
    html = Renderer().document(parse_markdown("# 列表\n\n" + items).blocks).html
    start = time.perf_counter()
    build_document(html, stylesheet(get_theme("light"), lang="zh"))
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    main()
