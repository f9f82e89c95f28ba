"""``gui``, ``open`` and ``inspect``: reading one article."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from reader.commands.common import dump_json
from reader.core import settings
from reader.core.article import parse_article
from reader.core.errors import ReaderError


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    gui = sub.add_parser("gui", parents=[common], help="open the reader window (the default)")
    gui.add_argument("file", nargs="?", type=Path, help="an article to open")
    gui.set_defaults(func=run_gui)

    open_ = sub.add_parser("open", parents=[common], help="open an article in the window")
    open_.add_argument("file", type=Path)
    open_.add_argument("--original", metavar="URL|PATH", help="the English original to show")
    open_.add_argument("--layout", choices=settings.LAYOUT.choices, default=None)
    open_.add_argument("--theme", choices=settings.THEME.choices, default=None)
    open_.add_argument("--lang", default=None, help="UI language, e.g. zh_CN or en")
    open_.add_argument("--screenshot", type=Path, metavar="PNG", help="save a screenshot and exit")
    open_.add_argument("--size", default="1400x900", help="window size for --screenshot (WxH)")
    open_.add_argument("--no-remote-images", action="store_true",
                       help="do not fetch the article's pictures from the web")
    open_.set_defaults(func=run_open)

    inspect = sub.add_parser("inspect", parents=[common], help="describe an article file")
    inspect.add_argument("file", type=Path)
    inspect.add_argument("--json", action="store_true", help="print JSON")
    inspect.set_defaults(func=run_inspect)


def run_inspect(args: argparse.Namespace) -> int:
    article = parse_article(args.file)
    kinds = article.block_kinds()
    data = {
        "title": article.title,
        "source_url": article.source_url,
        "encoding": article.encoding,
        "blocks": len(article.units),
        "block_kinds": kinds,
        "images": [
            {"src": i.src, "kind": i.kind, **({"reason": i.reason} if i.reason else {})}
            for i in article.images
        ],
        "warnings": article.warnings,
    }
    if args.json:
        dump_json(data)
    else:
        print(f"{article.title}\n  source: {article.source_url or '—'}\n  encoding: {article.encoding}")
        kind_list = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
        print(f"  blocks: {data['blocks']} ({kind_list})\n  images: {len(article.images)}")
        for warning in article.warnings:
            print(f"  warning: {warning}")
    return 0


def parse_size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*", text)
    if not m:
        raise ReaderError(f"--size must look like 1400x900, not {text!r}")
    return int(m.group(1)), int(m.group(2))


def run_open(args: argparse.Namespace) -> int:
    # Fail on a bad file before any window appears.
    file = args.file.expanduser().absolute()  # recent files must work from any folder
    article = parse_article(file)
    size = parse_size(args.size)
    if args.original:
        from reader.core.originals import check_original_path

        check_original_path(args.original)
    from reader.ui.app import run_app

    return run_app(
        file=file,
        article=article,
        data_dir=args.data_dir,
        original=args.original,
        layout=args.layout,
        theme=args.theme,
        lang=args.lang,
        screenshot=args.screenshot,
        remote_images=not args.no_remote_images,
        size=size,
    )


def run_gui(args: argparse.Namespace) -> int:
    from reader.ui.app import run_app

    return run_app(file=args.file, data_dir=args.data_dir)
