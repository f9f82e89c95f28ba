"""Alignment quality through the shipped path, and the time of ``align_blocks`` at scale.

Quality: ``align --json`` as the app computes it (``reader.core.parallel.align_files``:
the translation parsed, the page extracted by ``extract_html``, ``align_blocks``) on the
shared align-dev and align-dev-hard sets and on all align-dev documents joined into one
article and one page, scored by the set's ``score.py`` (see ``align_data.py``).

Time: the shared dev articles laid end to end (the translation's units against the
units extracted from the English pages), cut to 2,000 blocks a side; without the shared
data a synthetic document is used. Only the alignment is timed.

Usage: .venv/bin/python benchmarks/bench_align.py [--size N] [--data DIR ...] [--no-quality]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import align_data  # noqa: E402

from reader.core.align import align_blocks  # noqa: E402
from reader.core.article import parse_article, parse_markdown  # noqa: E402
from reader.core.blocks import Block, split_blocks  # noqa: E402
from reader.core.originals import load_original_file  # noqa: E402

DEFAULT_DATA = [str(align_data.ALIGN_DEV), str(align_data.ALIGN_DEV_HARD)]


def real_document(dirs: list[str], size: int) -> tuple[list[Block], list[Block]]:
    zh: list[Block] = []
    en: list[Block] = []
    docs = sorted(p for d in dirs for p in Path(d).glob("*/zh.md"))
    while docs and (len(zh) < size or len(en) < size):
        for path in docs:
            zh += parse_article(path).units
            en += parse_markdown(load_original_file(path.parent / "en.html").markdown).units
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


def quality() -> None:
    for set_dir in (align_data.ALIGN_DEV, align_data.ALIGN_DEV_HARD):
        scores = align_data.score_documents(align_data.documents(set_dir), jobs=2)
        print(f"{set_dir.name} (shipped path): {align_data.summary_line(scores)}")
    with tempfile.TemporaryDirectory() as tmp:
        joined = align_data.join_documents(align_data.documents(align_data.ALIGN_DEV), Path(tmp) / "joined")
        score = align_data.score_document(joined)
        print(f"align-dev joined into one page, {score.gold} links (shipped path): "
              f"{align_data.summary_line([score])}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--data", nargs="*", default=DEFAULT_DATA)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-quality", dest="quality", action="store_false")
    args = ap.parse_args()
    if args.quality and align_data.ALIGN_DEV.is_dir():
        quality()
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
