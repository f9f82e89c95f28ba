"""File → Export Annotations… and Import Annotations…."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from reader.ui.export_dialog import ExportDialog
from tests.ui.conftest import open_and_settle


def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.md"
    path.write_text("# 标题\n\n> 原文：<https://example.com/a>\n\n第一段中文，值得高亮。\n\n第二段中文。", encoding="utf-8")
    (tmp_path / "a.en.md").write_text("# Title\n\nThe first paragraph, worth a highlight.\n\nThe second.",
                                      encoding="utf-8")
    return path


def highlighted(qtbot, window, tmp_path: Path):  # type: ignore[no-untyped-def]
    open_and_settle(qtbot, window, article(tmp_path))
    qtbot.waitUntil(lambda: not window.annotations.busy and window.session.parallel is not None, timeout=10_000)
    view = window.translation_view
    view.setTextCursor(view.document().find("值得高亮"))
    return window.annotation_ui.highlight("green", view)


def test_export_dialog_writes_each_format(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    highlighted(qtbot, window, tmp_path)
    shown: list[ExportDialog] = []

    def run(dialog: ExportDialog) -> int:
        shown.append(dialog)
        assert "(1 annotation)" in dialog.this_article.text() and dialog.this_article.isChecked()
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        dialog.destination.setText(str(tmp_path / f"out.{fmt}"))
        with qtbot.waitSignal(dialog.exported, timeout=10_000):
            dialog.export()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ExportDialog, "exec", run)
    for fmt in ("md", "json", "html", "csv"):
        window.commands["export"].trigger()
        written = (tmp_path / f"out.{fmt}").read_bytes().decode("utf-8-sig")
        assert "值得高亮" in written
        if fmt in ("md", "csv"):
            assert "worth a highlight" in written  # the aligned counterpart
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection"
    assert "Exported 1 annotation to" in window.statusBar().currentMessage()


def test_import_attaches_to_the_open_article(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = article(tmp_path)
    open_and_settle(qtbot, window, path)
    w3c = {
        "@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
        "id": "urn:uuid:11111111-2222-3333-4444-555555555555", "motivation": "commenting",
        "body": {"type": "TextualBody", "value": "外部笔记", "purpose": "commenting"},
        "target": {"source": "https://example.com/a",
                   "selector": {"type": "TextQuoteSelector", "exact": "第二段中文"}},
    }
    file = tmp_path / "in.json"
    file.write_text(json.dumps([w3c, {"type": "Annotation"}]), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(file), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    window.commands["import"].trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "Imported 1 annotation;" in shown[0] and "Skipped 1" in shown[0]
    qtbot.waitUntil(lambda: any(a.note == "外部笔记" and a.status != "orphaned"
                                for a in window.annotations.annotations), timeout=10_000)
    painted = [s.cursor.selectedText() for s in window.translation_view._layers.get("0-annotations", [])]
    assert painted == ["第二段中文"]
