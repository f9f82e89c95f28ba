"""What the subcommands share: opening the store, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.store import Store


def open_store(args: argparse.Namespace) -> Store:
    """The store of ``--data-dir``; a notice about it (say, it was repaired) goes to stderr."""
    from reader.core.store import Store

    store = Store(args.data_dir)
    if store.report.notice:
        print(f"note: {store.report.notice}", file=sys.stderr)
    return store


def dump_json(data: object) -> None:
    """``data`` on stdout as indented JSON, Chinese kept readable, one newline after."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
