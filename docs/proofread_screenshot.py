"""Screenshot of Proofread mode for the README (``make screenshots``).

A copy of the bilingual sample in a temporary folder: two pairs marked, one paragraph
open in the editor with a correction typed, its original tinted beside it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/proofread_screenshot.py docs/screenshot-proofread.png
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from reader.ui.app import create_window, make_application
    from reader.ui.tasks import wait_for_all

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("azure-arc-kubernetes.md", "azure-arc-kubernetes.en.html"):
            shutil.copy(ROOT / "articles" / name, folder / name)
        window = create_window(folder / "data")
        window.remember_geometry = False
        window.resize(1400, 900)
        window.show()

        def spin(ready, seconds: float = 30) -> None:  # type: ignore[no-untyped-def]
            end = time.monotonic() + seconds
            while not ready() and time.monotonic() < end:
                app.processEvents()
                time.sleep(0.01)

        window.open_file(folder / "azure-arc-kubernetes.md")
        spin(lambda: window.settled() and window.session.parallel is not None)
        proof = window.proofread
        proof.set_active(True)
        spin(lambda: bool(proof.items))
        items = proof.items
        for k, status in ((1, "reviewed"), (2, "reviewed"), (3, "flagged")):
            proof.set_status(items[k].zh_blocks[0], status, "术语：AKS 应保留英文" if status == "flagged" else None)
            spin(lambda k=k: proof.items[k].status != "unreviewed")
        target = next(b for b in window.session.article.units if b.index == items[4].zh_blocks[0])
        proof.edit_block(target)
        assert proof.editor is not None
        proof.editor.edit.setPlainText(target.source.replace("它", "Kubernetes", 1))
        spin(lambda: False, 0.5)
        window.grab().save(str(out), "PNG")
        proof.cancel_edit()
        window.close()
        wait_for_all(10_000)
    QApplication.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshot-proofread.png"))
