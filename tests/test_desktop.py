"""Desktop integration: the icon, the About dialog, the .desktop file and its installer."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

import reader
from reader.core.paths import resources_dir

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
DESKTOP = ROOT / "resources" / "linux" / "bilingual-reader.desktop"
INSTALLER = ROOT / "resources" / "linux" / "install-desktop.sh"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def read_desktop(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_icon_pngs_have_their_sizes() -> None:
    assert (ICONS / "bilingual-reader.svg").is_file()
    for size in SIZES:
        head = (ICONS / f"bilingual-reader-{size}.png").read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", head[16:24]) == (size, size)


def test_app_icon_has_every_size(qapp) -> None:  # type: ignore[no-untyped-def]
    from reader.ui.icons import app_icon, icons_dir

    assert icons_dir() == resources_dir() / "icons"
    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(SIZES)
    assert not icon.pixmap(48, 48).isNull()


def test_about_shows_version_and_licences(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    from reader.ui.about import COMPONENTS, show_about

    dialog = show_about(None)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert reader.__version__ in dialog.version_label.text()
    assert not dialog.findChild(QLabel, "aboutIcon").pixmap().isNull()
    table = dialog.table
    assert table.rowCount() == len(COMPONENTS)
    rows = {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())}
    assert rows["trafilatura"][1] == "Apache-2.0"
    assert rows["Qt"][1] == "LGPL-3.0"
    assert rows["Sample articles (OpenDocCN)"][1] == "CC BY-NC-SA 4.0"
    for name, (version, _licence) in rows.items():
        if not name.startswith("Sample articles"):
            assert version[:1].isdigit(), name  # read at run time
    dialog.close()


def test_about_strings_go_through_tr(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from reader.ui import about

    monkeypatch.setattr(about, "tr", lambda text: f"«{text}»")
    dialog = about.AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle().startswith("«")
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton) if button.text()]
    table = dialog.table
    texts += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    texts += [table.item(r, c).text() for r in range(table.rowCount()) for c in (0, 2)]
    assert texts and all(t.startswith("«") for t in texts), texts


def test_desktop_file() -> None:
    entry = read_desktop(DESKTOP)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Bilingual Reader"
    assert entry["Name[zh_CN]"] == "双语对照阅读器"
    assert entry["Comment"]
    assert entry["Exec"] == "bilingual-reader %f"
    assert entry["Icon"] == "bilingual-reader"
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Office;Viewer;Education;"
    assert entry["MimeType"] == "text/markdown;text/x-markdown;"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-validate")
def test_desktop_file_validates() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _bare_path(tmp_path: Path) -> str:
    """A PATH with only what the installer needs: no desktop tools at all."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh", "dirname", "cp", "mkdir", "sed", "awk", "mv"):
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).symlink_to(found)
    return str(bin_dir)


@pytest.mark.parametrize("tools", ["none", "system"])
def test_install_desktop(tmp_path: Path, tools: str) -> None:
    exe = tmp_path / "my apps" / "bilingual-reader"
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    data = tmp_path / "data"
    env = {
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(data),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "BILINGUAL_READER_EXEC": str(exe),
        "PATH": _bare_path(tmp_path) if tools == "none" else os.environ["PATH"],
    }
    result = subprocess.run(["sh", str(INSTALLER), "/unused"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    installed = data / "applications" / "bilingual-reader.desktop"
    entry = read_desktop(installed)
    assert entry["Exec"] == f'"{exe}" %f'
    assert entry["Name[zh_CN]"] == "双语对照阅读器"
    assert "TryExec" not in entry
    for size in SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "bilingual-reader.png").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "bilingual-reader.svg").is_file()
    assert not (tmp_path / "home").exists()  # XDG_DATA_HOME respected


@pytest.mark.parametrize("built", [False, True])
def test_install_desktop_picks_the_bundle_else_the_argument(tmp_path: Path, built: bool) -> None:
    """Without BILINGUAL_READER_EXEC: the frozen app when built, else the given (venv) path."""
    checkout = tmp_path / "checkout"  # a copy: what is built in the real one does not matter
    shutil.copytree(ROOT / "resources", checkout / "resources")
    venv_exe = tmp_path / "venv" / "bin" / "bilingual-reader"
    frozen = checkout / "dist" / "bilingual-reader" / "bilingual-reader"
    for exe in (venv_exe, frozen) if built else (venv_exe,):
        exe.parent.mkdir(parents=True)
        exe.write_text("#!/bin/sh\n")
        exe.chmod(0o755)
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "d"), "PATH": _bare_path(tmp_path)}
    installer = checkout / "resources" / "linux" / "install-desktop.sh"
    result = subprocess.run(["sh", str(installer), str(venv_exe)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    entry = read_desktop(tmp_path / "d" / "applications" / "bilingual-reader.desktop")
    assert entry["Exec"] == f'"{frozen if built else venv_exe}" %f'
