"""Time exporting 20,000 annotations in each format (Markdown, W3C JSON, HTML, CSV).

Synthetic data, so it runs anywhere: ``--articles`` translations (60 paragraphs each)
with a sibling ``<stem>.en.md`` original, and ``--annotations`` highlights and bookmarks
spread over them (notes, tags and colours on some), inserted in one transaction.

What is measured:

* **model** — building the export model from the store and the files (parse both
  sides, align each article once, re-anchor in memory, find counterparts). Reported
  separately, with the alignment's share: it is paid once per export, whatever the
  format, and the alignment is what the reader's window caches anyway.
* **per format** — rendering the built model and writing it atomically
  (``write_export``: temp file, fsync, rename). This is the < 2 s budget.
* **import** — reading the JSON export back into an empty store (one transaction).

Usage: .venv/bin/python benchmarks/bench_export.py [--annotations N] [--articles N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import reader.core.parallel as parallel  # noqa: E402
from reader.core.anchoring import make_selector  # noqa: E402
from reader.core.annotations import COLORS, Annotation, _insert  # noqa: E402
from reader.core.article import parse_article  # noqa: E402
from reader.core.export import FORMATS, export_files, write_export  # noqa: E402
from reader.core.importer import import_file  # noqa: E402
from reader.core.store import Store  # noqa: E402

PARAGRAPHS = 60
ZH = "第{n}段：发电站位于河口，那里的潮水每天两次上涨{n}米。工程师说它能为{m}户家庭供电，批评者担心鸟类。"
EN = ("Paragraph {n}: the station sits at the mouth of the estuary, where the tide rises {n} "
      "metres twice a day. Engineers say it can power {m} homes; critics worry about birds.")


def make_articles(folder: Path, count: int) -> list[Path]:
    paths = []
    for k in range(count):
        url = f"> 原文：<https://example.org/bench/{k}/>\n\n"
        zh = [f"# 基准文章 {k}", *(ZH.format(n=n, m=n * 37 + k) for n in range(PARAGRAPHS))]
        en = [f"# Benchmark article {k}", *(EN.format(n=n, m=n * 37 + k) for n in range(PARAGRAPHS))]
        path = folder / f"article-{k:03}.md"
        path.write_text(url + "\n\n".join(zh) + "\n", encoding="utf-8")
        (folder / f"article-{k:03}.en.md").write_text("\n\n".join(en) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def fill_store(store: Store, paths: list[Path], total: int, rng: random.Random) -> None:
    rows: list[Annotation] = []
    per = total // len(paths)
    for i, path in enumerate(paths):
        article = parse_article(path)
        text = article.plain_text
        for _ in range(per + (1 if i < total % len(paths) else 0)):
            start = rng.randrange(len(text) - 40)
            end = start + rng.randint(5, 35)
            s = make_selector(text, start, end)
            stamp = "2024-05-01T12:00:00.000+00:00"
            rows.append(Annotation(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), article_key=article.key,
                side="zh", kind="bookmark" if rng.random() < 0.05 else "highlight",
                exact=s.exact, prefix=s.prefix, suffix=s.suffix, start=start, end=end,
                color=rng.choice(COLORS), note="一条笔记 with *notes*" if rng.random() < 0.3 else "",
                tags=("能源", "tide") if rng.random() < 0.3 else (), status="exact",
                created=stamp, modified=stamp))
    store.write(lambda conn: [_insert(conn, a) for a in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", type=int, default=20_000)
    parser.add_argument("--articles", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_articles(folder, args.articles)
        with Store(folder / "data") as store:
            fill_store(store, paths, args.annotations, random.Random(7))
            aligned = 0.0
            align = parallel.align_articles

            def timed_align(*a, **k):  # type: ignore[no-untyped-def]
                nonlocal aligned
                t = time.perf_counter()
                try:
                    return align(*a, **k)
                finally:
                    aligned += time.perf_counter() - t

            parallel.align_articles = timed_align  # export imports it lazily from here
            started = time.perf_counter()
            model = export_files(store, paths)
            built = time.perf_counter() - started
            parallel.align_articles = align
        with_counterpart = sum(1 for a in model.articles for i in a.items if i.counterpart)
        print(f"{model.count} annotations in {len(model.articles)} articles "
              f"({with_counterpart} with a counterpart)")
        print(f"model: {built:.2f} s (alignment {aligned:.2f} s of it)")
        for fmt in FORMATS:
            out = folder / f"export.{fmt}"
            started = time.perf_counter()
            write_export(model, fmt, out)
            elapsed = time.perf_counter() - started
            print(f"{fmt:5} {elapsed:.3f} s  {out.stat().st_size / 1e6:.1f} MB")
        with Store(folder / "empty") as empty:
            started = time.perf_counter()
            report = import_file(empty, folder / "export.json")
            print(f"import of the JSON into an empty store: {time.perf_counter() - started:.3f} s "
                  f"({report.imported} annotations, {len(report.errors)} errors)")


if __name__ == "__main__":
    main()
