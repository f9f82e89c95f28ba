"""``extract`` and ``fetch``: the English original of an article."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from reader.commands.common import dump_json

if TYPE_CHECKING:  # the real imports wait for the command that needs them (fast start)
    from reader.core.extract import Extracted
    from reader.core.originals import Original

FORMATS = ("text", "markdown", "json")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser | None = None) -> None:
    parents = [common] if common is not None else []
    extract = sub.add_parser("extract", parents=parents,
                             help="print the article text of a web page or saved HTML file")
    extract.add_argument("source", metavar="URL|FILE")
    extract.add_argument("--format", choices=FORMATS, default="markdown")
    extract.set_defaults(func=run_extract)

    fetch = sub.add_parser("fetch", parents=parents,
                           help="fetch and cache the English original of an article or URL")
    fetch.add_argument("source", metavar="FILE|URL", help="an article .md file, or a URL")
    fetch.add_argument("--refresh", action="store_true", help="revalidate a cached copy")
    fetch.add_argument("--json", action="store_true", help="print JSON")
    fetch.set_defaults(func=run_fetch)


def run_extract(args: argparse.Namespace) -> int:
    from reader.core.extract import extract_html
    from reader.core.fetch import fetch_url
    from reader.core.originals import OriginalError, check_original_path, decode_html_file

    source: str = args.source
    if not Path(source).is_file():
        check_original_path(source)  # javascript:, ftp:// ... say what can be read
    if _is_url(source):
        result = fetch_url(source)
        extracted = extract_html(result.html, url=result.final_url)
    else:
        path = Path(source)
        if not path.is_file():
            raise OriginalError(f"No such file: {path}")
        extracted = extract_html(decode_html_file(path))
    _print_extracted(extracted, args.format)
    return 0


def run_fetch(args: argparse.Namespace) -> int:
    from reader.commands.common import open_store
    from reader.core.originals import get_original

    source: str = args.source
    started = time.monotonic()
    with open_store(args) as store:
        if _is_url(source):
            original = get_original(store, source, source, None, refresh=args.refresh)
        else:
            from reader.core.article import parse_article

            article = parse_article(Path(source))
            original = get_original(store, article.key, article.source_url, Path(source),
                                    refresh=args.refresh)
    elapsed = original.elapsed or time.monotonic() - started
    data = {
        "status": _status(original),
        "http_status": original.status,
        "origin": original.origin,
        "from_cache": original.from_cache,
        "stale_reason": original.stale_reason,
        "requested_url": original.requested_url,
        "final_url": original.final_url,
        "title": original.title,
        "size": original.size,
        "elapsed": round(elapsed, 3),
        "fetched_at": original.fetched_at,
        # The Wayback Machine's copy shown because the original is gone; null for live pages.
        "archived": ({"url": original.archived.url, "timestamp": original.archived.timestamp}
                     if original.archived else None),
    }
    if args.json:
        dump_json(data)
        return 0
    print(f"status: {data['status']}")
    print(f"final URL: {original.final_url or '—'}")
    print(f"title: {original.title or '—'}")
    print(f"size: {original.size:,} bytes")
    print(f"elapsed: {elapsed:.2f} s")
    print(f"from cache: {'yes' if original.from_cache else 'no'}")
    if original.archived:
        print(f"archived copy of {original.archived.date} (the original is gone): {original.archived.url}")
    if original.stale_reason:
        print(f"note: showing the cached copy; {original.stale_reason}")
    return 0


def _status(original: Original) -> str:
    if original.stale_reason:
        return "stale cache"
    if original.status == 304:
        return "not modified (304)"
    if original.from_cache:
        return "cached"
    if original.status is not None:
        return f"fetched ({original.status})"
    return original.origin  # file or sibling


def _print_extracted(extracted: Extracted, fmt: str) -> None:
    if fmt == "json":
        data = {"title": extracted.title, "author": extracted.author, "date": extracted.date,
                "url": extracted.url, "markdown": extracted.markdown, "text": extracted.text}
        dump_json(data)
    elif fmt == "text":
        sys.stdout.write(extracted.text + "\n")
    else:
        sys.stdout.write(extracted.markdown)


def _is_url(value: str) -> bool:
    return "://" in value and not value.lower().startswith("file:")
