"""The frozen app of `make dist`: its size and its start-to-rendered-article time.

Goals: the bundle (dist/bilingual-reader) <= 150 MB, and `open ARTICLE --screenshot` from
the frozen app <= 1.5x the same from source (.venv/bin/bilingual-reader). Both run as fresh
processes, alternating, several times (BENCH_REPS), each with a new --data-dir; we print the
medians and their ratio. Prints a note and exits 0 when the bundle has not been built.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "bilingual-reader"
FROZEN = BUNDLE / "bilingual-reader"
SOURCE = Path(sys.executable).parent / "bilingual-reader"
ARTICLE = ROOT / "articles" / "azure-arc-kubernetes.md"
REPS = int(os.environ.get("BENCH_REPS", "7"))
SIZE_GOAL_MB = 150
RATIO_GOAL = 1.5


def bundle_size() -> tuple[int, int]:
    """(bytes of the files, bytes of disk used, as du counts them)."""
    files = [p for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink()]
    apparent = sum(p.stat().st_size for p in files)
    disk = sum(p.lstat().st_blocks * 512 for p in [*BUNDLE.rglob("*"), BUNDLE])
    return apparent, disk


def timed(exe: Path, tmp: Path, run: int, env: dict[str, str]) -> float:
    data = tmp / f"data-{exe.parent.name}-{run}"
    shot = tmp / f"shot-{run}.png"
    cmd = [str(exe), "--data-dir", str(data), "open", str(ARTICLE), "--screenshot", str(shot)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if not shot.is_file():
        raise SystemExit(f"{exe} wrote no screenshot")
    return elapsed


def main() -> int:
    if not FROZEN.is_file():
        print(f"skipped: no frozen app at {FROZEN.relative_to(ROOT)} (run `make dist`)")
        return 0
    apparent, disk = bundle_size()
    verdict = "ok" if apparent <= SIZE_GOAL_MB * 1_000_000 else "OVER"
    print(f"bundle size: {apparent / 1e6:.1f} MB in files ({apparent / 2**20:.1f} MiB), "
          f"{disk / 2**20:.1f} MiB on disk (du) - goal <= {SIZE_GOAL_MB} MB: {verdict}")

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("BILINGUAL_READER_DEBUG", None)
    # Byte-compile as an installation would: with PYTHONDONTWRITEBYTECODE set (as on the dev
    # machine) every source run would otherwise recompile the app; the bundle is compiled.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "reader")], check=True)
    frozen_times: list[float] = []
    source_times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        timed(FROZEN, tmp, -1, env)  # warm the disk cache for both
        timed(SOURCE, tmp, -1, env)
        for run in range(REPS):
            frozen_times.append(timed(FROZEN, tmp, run, env))
            source_times.append(timed(SOURCE, tmp, run, env))
    frozen, source = statistics.median(frozen_times), statistics.median(source_times)
    ratio = frozen / source
    verdict = "ok" if ratio <= RATIO_GOAL else "SLOWER"
    print(f"open --screenshot, frozen: median {frozen * 1000:.0f} ms over {REPS} runs "
          f"(min {min(frozen_times) * 1000:.0f}, max {max(frozen_times) * 1000:.0f})")
    print(f"open --screenshot, source: median {source * 1000:.0f} ms over {REPS} runs "
          f"(min {min(source_times) * 1000:.0f}, max {max(source_times) * 1000:.0f})")
    print(f"start-time ratio frozen/source: {ratio:.2f} (goal <= {RATIO_GOAL}): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
