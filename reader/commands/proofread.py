"""``blocks``, ``edit``, ``review`` and ``diff``: proofreading a translation from scripts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.commands.common import dump_json, open_store

if TYPE_CHECKING:  # the core loads when a command runs: the CLI starts fast
    from reader.core.article import Article
    from reader.core.parallel import ParallelText
    from reader.core.store import Store

REVIEW_STATUSES = ("reviewed", "flagged", "unreviewed")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    blocks = sub.add_parser("blocks", parents=[common],
                            help="the article's blocks with their source lines")
    blocks.add_argument("file", type=Path)
    blocks.add_argument("--json", action="store_true", help="print JSON")
    blocks.set_defaults(func=run_blocks)

    edit = sub.add_parser("edit", parents=[common],
                          help="replace one block's source lines, leaving every other byte as it was")
    edit.add_argument("file", type=Path)
    edit.add_argument("--block", type=int, required=True, metavar="N", help="the block's index")
    edit.add_argument("--text", required=True, help="the block's new Markdown source")
    edit.add_argument("--expect-sha256", metavar="HEX",
                      help="refuse (write nothing) unless the file still has this sha256")
    edit.add_argument("--json", action="store_true", help="print JSON")
    edit.set_defaults(func=run_edit)

    review = sub.add_parser("review", parents=[common],
                            help="list or set the review state of the article's pairs")
    review.add_argument("file", type=Path)
    review.add_argument("--original", metavar="URL|PATH", help="the original the pairs align with")
    review.add_argument("--pair", type=int, metavar="I", help="the pair to set (see --json)")
    review.add_argument("--status", choices=REVIEW_STATUSES, help="the pair's new state")
    review.add_argument("--note", default=None, help="a note (e.g. why the pair is flagged)")
    review.add_argument("--json", action="store_true", help="print JSON")
    review.set_defaults(func=run_review)

    diff = sub.add_parser("diff", parents=[common],
                          help="unified diff of the file against git HEAD, else the start of proofreading")
    diff.add_argument("file", type=Path)
    diff.set_defaults(func=run_diff)


def run_blocks(args: argparse.Namespace) -> int:
    from reader.core.source_blocks import read_source, source_blocks

    source = read_source(args.file)
    blocks = source_blocks(source.article(args.file), source)
    if args.json:
        dump_json({"blocks": [b.to_json() for b in blocks], "sha256": source.sha256})
        return 0
    for b in blocks:
        first = b.text.split("\n", 1)[0]
        print(f"{b.index:5}  {b.line_start}-{b.line_end}  {b.kind:9}  {first[:60]}")
    return 0


def run_edit(args: argparse.Namespace) -> int:
    from reader.core.editing import replace_block

    with open_store(args) as store:
        result = replace_block(args.file, args.block, args.text,
                               expect_sha256=args.expect_sha256, store=store)
    if args.json:
        dump_json(result.to_json())
    elif result.changed:
        sys.stdout.write(result.diff)
    else:
        print("unchanged", file=sys.stderr)
    return 0


def run_review(args: argparse.Namespace) -> int:
    from reader.core.article import parse_article
    from reader.core.errors import ReaderError
    from reader.core.review import progress_of, review_items, set_review

    if (args.pair is None) != (args.status is None):
        raise ReaderError("--pair and --status go together")
    article = parse_article(args.file)
    with open_store(args) as store:
        parallel = _parallel(store, article, args.original)
        if args.pair is not None:
            item = set_review(store, article, parallel, args.pair, args.status, args.note)
            if args.json:
                dump_json(item.to_json())
            else:
                print(f"pair {item.index}: {item.status}" + (f" ({item.note})" if item.note else ""))
            return 0
        items = review_items(store, article, parallel)
    progress = progress_of(items)
    if args.json:
        dump_json({"pairs": progress.pairs, "reviewed": progress.reviewed, "flagged": progress.flagged,
               "items": [i.to_json() for i in items]})
        return 0
    marks = {"reviewed": "✓", "flagged": "!", "unreviewed": " "}
    for item in items:
        edited = "✎" if item.edited else " "
        print(f"{item.index:5} {marks[item.status]}{edited} {item.zh[:40]}"
              + (f"  — {item.note}" if item.note else ""))
    print(f"{progress.reviewed}/{progress.pairs} reviewed, {progress.flagged} flagged")
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from reader.core.changes import file_changes

    with open_store(args) as store:
        changes = file_changes(args.file, store)
    if not changes.base:
        print(f"note: {args.file.name} is not in git and was not edited here; nothing to compare",
              file=sys.stderr)
    sys.stdout.flush()
    sys.stdout.buffer.write(changes.diff)  # the file's own bytes: git apply needs them
    sys.stdout.buffer.flush()
    return 0


def _parallel(store: Store, article: Article, original: str | None) -> ParallelText | None:
    """The alignment with the original, or None (each paragraph alone) without one."""
    from reader.core.errors import ReaderError
    from reader.core.originals import load_original_article
    from reader.core.parallel import align_articles

    try:
        english = load_original_article(store, article, explicit=original)
    except ReaderError as exc:
        if original:
            raise
        print(f"note: no English original ({exc}); each paragraph is a pair of its own",
              file=sys.stderr)
        return None
    return align_articles(article, english)
