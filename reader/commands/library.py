"""``library`` (index, list, folders, remove) and ``search``: the article library."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.commands.common import dump_json, open_store
from reader.core.errors import ReaderError


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    lib = sub.add_parser("library", parents=[common], help="folders of articles")
    actions = lib.add_subparsers(dest="library_command", metavar="ACTION", required=True)

    index = actions.add_parser("index", parents=[common],
                               help="add a folder to the library and (re)index it")
    index.add_argument("dir", type=Path)
    index.add_argument("--json", action="store_true", help="print JSON")
    index.set_defaults(func=run_index)

    list_ = actions.add_parser("list", parents=[common], help="list the library's articles")
    list_.add_argument("dir", type=Path, nargs="?", help="only this folder's articles")
    list_.add_argument("--json", action="store_true", help="print JSON")
    list_.set_defaults(func=run_list)

    folders = actions.add_parser("folders", parents=[common], help="list the library folders")
    folders.add_argument("--json", action="store_true", help="print JSON")
    folders.set_defaults(func=run_folders)

    remove = actions.add_parser("remove", parents=[common], help="forget a library folder")
    remove.add_argument("dir", type=Path)
    remove.set_defaults(func=run_remove)

    search = sub.add_parser("search", parents=[common], help="search the library")
    search.add_argument("query", help='words, "quoted phrases"; all must occur')
    search.add_argument("--limit", type=int, default=20, help="at most this many results")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(func=run_search)


def run_index(args: argparse.Namespace) -> int:
    from reader.core import library
    from reader.core.paths import resolved_path

    with open_store(args) as store:
        known = {f.path for f in library.folders(store)}
        if not args.dir.is_dir() and str(args.dir.expanduser().absolute()) not in known and \
                resolved_path(args.dir) not in known:
            raise ReaderError(f"{args.dir} is not a folder")
        report = library.index_folder(store, args.dir)
    if args.json:
        dump_json(report.to_json())
        return 0
    print(f"indexed {report.indexed}, unchanged {report.unchanged}, removed {report.removed}, "
          f"skipped {len(report.skipped)} in {report.elapsed_ms} ms")
    for file, reason in report.skipped:
        print(f"  skipped {file}: {reason}")
    return 0


def run_search(args: argparse.Namespace) -> int:
    from reader.core import library

    if args.limit < 1:
        raise ReaderError("--limit must be at least 1")
    with open_store(args) as store:
        result = library.search(store, args.query, limit=args.limit)
    if args.json:
        dump_json(result.to_json())
        return 0
    for hit in result.results:
        print(f"{hit.score:9.3f}  {hit.title}\n           {hit.file}\n           {hit.snippet}")
    print(f"{result.total} found in {result.elapsed_ms:.1f} ms")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from reader.core import library

    with open_store(args) as store:
        rows = library.list_articles(store, args.dir)
    if args.json:
        dump_json([{"path": r.path, "title": r.title, "site": r.site, "progress": r.progress,
                "annotations": r.annotations, "last_opened": r.last_opened, "key": r.key}
               for r in rows])
        return 0
    for r in rows:
        print(f"{r.progress:4.0%}  {r.title}  ({r.path})")
    return 0


def run_folders(args: argparse.Namespace) -> int:
    from reader.core import library

    with open_store(args) as store:
        rows = library.folders(store)
    if args.json:
        dump_json([{"path": f.path, "articles": f.articles, "indexed_at": f.indexed_at}
               for f in rows])
        return 0
    for f in rows:
        print(f"{f.articles:6d}  {f.path}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from reader.core import library

    with open_store(args) as store:
        library.remove_folder(store, args.dir)
    return 0
