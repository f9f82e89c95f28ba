"""``export`` and ``import``: annotations out to Markdown/JSON/HTML/CSV, and W3C JSON in.

Both live here because ``import`` is a Python keyword and cannot name a module.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.commands.common import dump_json, open_store

FORMATS = ("md", "json", "html", "csv")  # = reader.core.export.FORMATS, without importing it


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    export = sub.add_parser(
        "export", parents=[common],
        help="export annotations as Markdown, W3C JSON, HTML or CSV",
        description="Export the annotations of article files (or of every annotated article "
                    "with --all) with their counterpart passages in the other language.")
    export.add_argument("files", nargs="*", type=Path, metavar="FILE", help="article .md files")
    export.add_argument("--all", action="store_true",
                        help="every article that has annotations in the store")
    export.add_argument("--format", choices=FORMATS, default=None,
                        help="md, json (W3C Web Annotation), html or csv "
                             "(default: from the suffix of -o)")
    export.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="the file to write (atomically); stdout without it")
    export.set_defaults(func=run_export)

    import_ = sub.add_parser(
        "import", parents=[common], help="import W3C Web Annotation JSON (e.g. an export)",
        description="Import annotations that have a TextQuoteSelector; they anchor when their "
                    "article is next opened. Importing the same file twice adds nothing.")
    import_.add_argument("file", type=Path, metavar="FILE.json")
    import_.add_argument("--json", action="store_true", help="print JSON")
    import_.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    from reader.core.article import parse_article
    from reader.core.errors import ReaderError
    from reader.core.export import (
        annotated_keys,
        export_article,
        export_key,
        format_for,
        make_model,
        render,
        write_export,
    )

    if not args.files and not args.all:
        raise ReaderError("Name the article files to export, or give --all")
    fmt = format_for(args.output, args.format)
    with open_store(args) as store:
        articles = [export_article(store, parse_article(path)) for path in args.files]
        for path, article in zip(args.files, articles, strict=True):
            if not article.items:
                print(f"note: {path.name} has no annotations", file=sys.stderr)
        if args.all:
            done = {a.key for a in articles}
            articles += [export_key(store, key) for key in annotated_keys(store) if key not in done]
        model = make_model(a for a in articles if a.items)
    if args.output is None:
        _write_stdout(render(model, fmt))
        return 0
    write_export(model, fmt, args.output)
    print(f"exported {model.count} annotation(s) of {len(model.articles)} article(s) to "
          f"{args.output}", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from reader.core.importer import import_file

    with open_store(args) as store:
        report = import_file(store, args.file)
    if args.json:
        dump_json(report.to_json())
    else:
        print(f"imported {report.imported} annotation(s); {report.skipped_duplicates} already "
              f"present; {len(report.errors)} skipped as invalid")
        for error in report.errors:
            print(f"  {error}")
        if report.imported:
            print("they anchor when their articles are next opened")
    if report.errors and not report.imported and not report.skipped_duplicates:
        # Nothing usable in the file: a failure for scripts, after the report says why.
        print(f"error: none of the {len(report.errors)} entries in {args.file.name} could be imported",
              file=sys.stderr)
        return 1
    return 0


def _write_stdout(data: bytes) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout (tests, IDEs) takes text only
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()
