"""Time ``align_blocks`` on a 2,000 x 2,000 block document.

The document is made of the shared dev articles laid end to end (zh.md blocks against
the blocks of the English page's article), cut to 2,000 blocks a side; without the
shared data a synthetic document is used. Only the alignment is timed.

Usage: .venv/bin/python benchmarks/bench_align.py [--size N] [--data DIR ...]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_driver import en_units, zh_units  # noqa: E402

from reader.core.align import align_blocks  # noqa: E402
from reader.core.blocks import Block, split_blocks  # noqa: E402

DEFAULT_DATA = [str(Path(__file__).resolve().parents[2] / "shared" / n) for n in ("align-dev", "align-dev-hard")]


def real_document(dirs: list[str], size: int) -> tuple[list[Block], list[Block]]:
    zh: list[Block] = []
    en: list[Block] = []
    docs = sorted(p for d in dirs for p in Path(d).glob("*/zh.md"))
    while docs and (len(zh) < size or len(en) < size):
        for path in docs:
            zh += zh_units(path.read_text(encoding="utf-8"))
            en += en_units((path.parent / "en.html").read_text(encoding="utf-8"), "keep")
            if len(zh) >= size and len(en) >= size:
                break
    return zh[:size], en[:size]


def synthetic_document(size: int) -> tuple[list[Block], list[Block]]:
    rng = random.Random(7)
    zh_md: list[str] = []
    en_md: list[str] = []
    for k in range(size):
        n = rng.randint(5, 60)
        name = f"Name{k % 97}"
        if k % 10 == 0:
            zh_md.append(f"## 第 {k} 节 {name}")
            en_md.append(f"## Section {k} {name}")
        elif k % 7 == 0:
            zh_md.append(f"```\n[PRE{k}]\n```")
            en_md.append(f"```\n[PRE{k}]\n```")
        else:
            zh_md.append("中文" * n + f" {name} {k}。")
            en_md.append(" ".join(["word"] * int(n * 1.3)) + f" {name} {k}.")
    zh = split_blocks("\n\n".join(zh_md)).blocks
    en = split_blocks("\n\n".join(en_md)).blocks
    return zh, en


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--data", nargs="*", default=DEFAULT_DATA)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    zh, en = real_document([d for d in args.data if Path(d).is_dir()], args.size)
    source = "shared dev articles"
    if len(zh) < args.size or len(en) < args.size:
        zh, en = synthetic_document(args.size)
        source = "synthetic"
    best = float("inf")
    pairs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        pairs = align_blocks(zh, en)
        best = min(best, time.perf_counter() - start)
    paired = sum(1 for p in pairs if p.zh and p.en)
    print(f"align_blocks {len(zh)} x {len(en)} blocks ({source}): {best:.3f} s "
          f"(best of {args.repeat}), {len(pairs)} pairs, {paired} with both sides")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
