"""Time re-anchoring 10,000 annotations on one ~50,000-character article after edits.

The article is the shared dev articles' Chinese texts laid end to end (the repo's
articles/ without the shared data). Annotations are random ranges of 5-150 characters;
the edits are insertions and deletions of sentences, words replaced inside quotes,
and whitespace and punctuation changes. ``reanchor_many`` is timed, then the same with
the store (``reanchor_article``: read, re-anchor, save the new positions).

Usage: .venv/bin/python benchmarks/bench_anchor.py [--annotations N] [--chars N] [--edits N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.anchoring import make_selector, reanchor_many  # noqa: E402
from reader.core.annotations import create_annotation, reanchor_article  # noqa: E402
from reader.core.article import parse_markdown  # noqa: E402
from reader.core.store import Store  # noqa: E402

SOURCES = [Path(__file__).resolve().parents[2] / "shared" / n for n in ("align-dev", "align-dev-hard")]


def article_text(chars: int) -> str:
    paths = sorted(p for d in SOURCES for p in d.glob("*/zh.md")) or sorted(
        (ROOT / "articles").glob("*.md"))
    parts: list[str] = []
    total = 0
    while total < chars:
        for path in paths:
            text = parse_markdown(path.read_text(encoding="utf-8")).plain_text
            parts.append(text)
            total += len(text) + 2
            if total >= chars:
                break
    return "\n\n".join(parts)[:chars]


def edit(text: str, rng: random.Random, count: int) -> str:
    """Apply ``count`` realistic edits at random places."""
    for _ in range(count):
        at = rng.randrange(len(text))
        kind = rng.choice(["insert", "delete", "replace", "space", "punct"])
        if kind == "insert":
            text = text[:at] + "新增加的一句话，用来测试重新锚定。" + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + rng.randint(20, 200) :]
        elif kind == "replace":
            text = text[:at] + "改" + text[at + rng.randint(1, 3) :]
        elif kind == "space":
            text = text[:at] + " " + text[at:]
        else:
            text = text[:at] + text[at:].replace("，", ",", 3)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=10_000)
    parser.add_argument("--chars", type=int, default=50_000)
    parser.add_argument("--edits", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(42)
    old = article_text(args.chars)
    selectors = []
    for _ in range(args.annotations):
        start = rng.randrange(len(old) - 160)
        selectors.append(make_selector(old, start, start + rng.randint(5, 150)))
    new = edit(old, rng, args.edits)

    began = time.perf_counter()
    anchors = reanchor_many(new, selectors)
    elapsed = time.perf_counter() - began
    counts = Counter(a.status for a in anchors)
    print(f"{len(selectors):,} annotations, {len(old):,} -> {len(new):,} characters, "
          f"{args.edits} edits")
    print(f"reanchor_many: {elapsed:.3f} s  " + ", ".join(f"{k} {v}" for k, v in counts.items()))

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp)) as store:
        # Rows go in directly: one transaction for setup, not 10,000.
        for selector in selectors[:1]:
            create_annotation(store, "bench", "zh", old, selector.start, selector.end)
        store.write(lambda conn: conn.executemany(
            "INSERT INTO annotations (id, article_key, side, exact, prefix, suffix, "
            "start_offset, end_offset, created, modified) VALUES (?, 'bench', 'zh', ?, ?, ?, ?, ?, "
            "'', '')",
            [(f"id{i}", s.exact, s.prefix, s.suffix, s.start, s.end)
             for i, s in enumerate(selectors[1:])]))
        began = time.perf_counter()
        annotations = reanchor_article(store, "bench", {"zh": new})
        elapsed = time.perf_counter() - began
    print(f"reanchor_article (store read + re-anchor + save): {elapsed:.3f} s for "
          f"{len(annotations):,} annotations")


if __name__ == "__main__":
    main()
