"""A screenshot of reading with annotations: a pair clicked (its tint and margin bar) holding a
yellow highlight in the translation and a green one in the original, in each theme.

Run by `make screenshots`: python docs/screenshot_reading.py OUT.png [light|sepia|dark]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QTextCursor

from reader.ui.app import create_window, make_application, wait_until_settled
from reader.ui.tasks import wait_for_all

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "articles" / "azure-arc-kubernetes.md"
PAIR = 6  # a paragraph a screen down, with a list below it


def _highlight(window, view, block: int, start: int, end: int, color: str) -> None:  # type: ignore[no-untyped-def]
    at = view.block_position(block)
    cursor = QTextCursor(view.document())
    cursor.setPosition(at + start)
    cursor.setPosition(at + end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    window.annotation_ui.highlight(color, view)


def main(out: Path, theme: str) -> int:
    app = make_application()
    with tempfile.TemporaryDirectory() as data:
        window = create_window(Path(data))
        window.remember_geometry = False
        window.set_theme_choice(theme, remember=False)
        window.resize(1400, 900)
        window.open_file(ARTICLE)
        window.show()
        if not wait_until_settled(app, window) or window.parallel is None:
            print("the window did not settle", file=sys.stderr)
            return 1
        pair = window.parallel.pairs[PAIR]
        _highlight(window, window.translation_view, pair.zh[0].index, 4, 12, "yellow")
        _highlight(window, window.original_view, pair.en[0].index, 10, 40, "green")
        window.sync.go_to_pair(PAIR)
        for view in (window.translation_view, window.original_view):
            view.clearFocus()
        app.processEvents()
        window.grab().save(str(out), "PNG")
        window.close()
        wait_for_all(5000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "light"))
