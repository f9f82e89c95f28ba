"""``annotate`` and ``annotations``: highlights, notes, tags and bookmarks of an article."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.commands.common import dump_json, open_store
from reader.core.vocabulary import COLORS, SIDES

SIDE_NAMES = {"zh": "Chinese", "en": "English"}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    annotate = sub.add_parser("annotate", parents=[common],
                              help="highlight or bookmark a quote of an article; prints JSON")
    annotate.add_argument("file", type=Path)
    annotate.add_argument("--quote", required=True, help="the text to annotate, as it appears")
    annotate.add_argument("--side", choices=SIDES, default="zh",
                          help="zh: the translation (default); en: the cached original")
    annotate.add_argument("--prefix", default=None, help="text just before the quote, to pick one")
    annotate.add_argument("--suffix", default=None, help="text just after the quote, to pick one")
    annotate.add_argument("--note", default="")
    annotate.add_argument("--tag", action="append", default=[], metavar="TAG",
                          help="a tag (repeat for more)")
    annotate.add_argument("--color", choices=COLORS, default="yellow")
    annotate.add_argument("--bookmark", action="store_true", help="a bookmark, not a highlight")
    annotate.set_defaults(func=run_annotate)

    listing = sub.add_parser("annotations", parents=[common],
                             help="re-anchor and list the annotations of an article")
    listing.add_argument("file", type=Path)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=run_annotations)


def run_annotate(args: argparse.Namespace) -> int:
    from reader.core.anchoring import QuoteError, find_quote
    from reader.core.annotations import AnnotationError, create_annotation, side_text
    from reader.core.article import parse_article

    article = parse_article(args.file)
    with open_store(args) as store:
        text = side_text(article, store, args.side)
        try:
            start, end = find_quote(text, args.quote, args.prefix, args.suffix)
        except QuoteError as exc:
            raise AnnotationError(f"{exc} ({SIDE_NAMES[args.side]} side of {args.file.name})") from exc
        annotation = create_annotation(
            store, article.key, args.side, text, start, end,
            kind="bookmark" if args.bookmark else "highlight", color=args.color,
            note=args.note, tags=args.tag,
        )
    dump_json(annotation.to_json(text))
    return 0


def run_annotations(args: argparse.Namespace) -> int:
    from reader.core.anchoring import ORPHANED
    from reader.core.annotations import AnnotationError, reanchor_article, side_text
    from reader.core.article import parse_article

    article = parse_article(args.file)
    with open_store(args) as store:
        texts: dict[str, str] = {"zh": article.plain_text}
        try:
            texts["en"] = side_text(article, store, "en")
        except AnnotationError:
            texts.pop("en", None)  # English annotations stay as stored; said below
        annotations = reanchor_article(store, article.key, texts)
    stale = sum(1 for a in annotations if a.side not in texts)
    if stale:
        print(f"note: the English original is not available offline; {stale} annotation(s) on "
              "it were not re-anchored", file=sys.stderr)
    if args.json:
        dump_json({"annotations": [a.to_json(texts.get(a.side)) for a in annotations]})
        return 0
    if not annotations:
        print("no annotations")
    for a in annotations:
        tags = f" #{' #'.join(a.tags)}" if a.tags else ""
        where = "orphaned" if a.status == ORPHANED else f"{a.start}-{a.end} {a.status}"
        print(f"[{a.side} {where}] {a.kind} {a.color}{tags}: {a.exact!r}")
        if a.note:
            print(f"    note: {a.note}")
    return 0
