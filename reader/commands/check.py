"""``check``: the translation check of an article, sentence by sentence."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    check = sub.add_parser("check", parents=[common],
                           help="find machine-translation faults, sentence by sentence")
    check.add_argument("file", type=Path)
    check.add_argument("--original", metavar="URL|PATH",
                       help="the original to compare with (remembered for the article)")
    check.add_argument("--glossary", metavar="FILE", type=Path,
                       help="a TSV/CSV glossary: English term, agreed Chinese renderings "
                            "(default: glossary.tsv in the article's folder or a parent)")
    check.add_argument("--json", action="store_true", help="print JSON")
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    from reader.commands.common import dump_json, open_store
    from reader.core.article import parse_article
    from reader.core.checks import check_articles, find_glossary, load_glossary
    from reader.core.originals import OriginalError, load_original_article

    article = parse_article(args.file)
    glossary_path = args.glossary or find_glossary(args.file)
    glossary = load_glossary(glossary_path) if glossary_path else None
    with open_store(args) as store:
        try:
            original = load_original_article(store, article, explicit=args.original)
        except OriginalError as exc:
            if args.original:
                raise
            # Without an original, what the translation alone shows can still be checked.
            print(f"note: {exc}; checking the translation alone", file=sys.stderr)
            original = None
    report = check_articles(article, original, glossary)
    if args.json:
        dump_json(report.as_json())
        return 0
    for issue in report.all_issues:
        where = issue.zh or issue.en or ""
        print(f"{issue.kind:12} {issue.message}  ·  {where[:60]}")
    summary = report.summary()
    print(f"{summary['flagged']} of {summary['pairs']} pairs flagged")
    return 0
