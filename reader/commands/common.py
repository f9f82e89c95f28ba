"""What the subcommands share: opening the store, printing JSON."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the core loads when a command runs: the CLI starts fast
    from reader.core.store import Store


@contextmanager
def open_store(args: argparse.Namespace) -> Iterator[Store]:
    """The store of ``--data-dir``; what it had to tell (repaired, rebuilt, read-only) is
    said once on stderr, as ``note: …``, when the command is done with it."""
    from reader.core.store import Store

    store = Store(getattr(args, "data_dir", None))
    failed = True
    try:
        yield store
        failed = False
    finally:
        store.close()
        notices = list(store.report.notices)
        if store.read_only and not failed:  # a failed write says it in its error line
            notices.append(f"changes cannot be saved: {store.read_only}")
        for notice in notices:
            print(f"note: {notice}", file=sys.stderr)


def dump_json(data: object) -> None:
    """``data`` on stdout as indented JSON, Chinese kept readable, one newline after."""
    import json  # here: the window's start (this module loads with its command) never needs it

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
