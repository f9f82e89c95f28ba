"""``align``: the paragraph alignment of an article with its English original."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    align = sub.add_parser("align", parents=[common], help="align an article with its original")
    align.add_argument("file", type=Path)
    align.add_argument("--original", metavar="URL|PATH",
                       help="the original to align with (remembered for the article)")
    align.add_argument("--json", action="store_true", help="print JSON")
    align.add_argument("--sentences", action="store_true",
                       help="with --json: each pair's sentences, paired")
    align.set_defaults(func=run_align)


def run_align(args: argparse.Namespace) -> int:
    from reader.commands.common import open_store
    from reader.core.article import parse_article
    from reader.core.originals import load_original_article
    from reader.core.parallel import align_articles, pairs_json

    article = parse_article(args.file)
    with open_store(args) as store:
        original = load_original_article(store, article, explicit=args.original)
    parallel = align_articles(article, original)
    output = pairs_json(parallel)
    if args.sentences:
        from reader.core.checks import parallel_sentences

        for entry, sents in zip(output["pairs"], parallel_sentences(parallel), strict=True):
            entry["sentences"] = [{"zh": sents.zh_text(g), "en": sents.en_text(g)}
                                  for g in sents.groups]
    if args.json:
        json.dump(output, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for pair in parallel.pairs:
            mark = "  " if not pair.unpaired else "· "
            print(f"{mark}{pair.confidence:.2f}  {pair.zh_text()[:40]!s:42}  {pair.en_text()[:60]}")
        print(f"{parallel.paired_count} pairs · {parallel.unpaired_count} unpaired")
    return 0
