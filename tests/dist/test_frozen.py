"""The frozen PyInstaller bundle (``make dist``) runs: the window, the CLI, trafilatura.

Run with ``make test-dist`` (builds first) or ``pytest -m dist tests/dist``; skipped when
dist/bilingual-reader/bilingual-reader has not been built.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "bilingual-reader"
EXE = BUNDLE / "bilingual-reader"
INTERNAL = BUNDLE / "_internal"
ARTICLES = ROOT / "articles"
SIZE_LIMIT_MB = 150

pytestmark = [
    pytest.mark.dist,
    pytest.mark.skipif(not EXE.is_file(), reason=f"no frozen app at {EXE}: run `make dist`"),
]


def run(*args: str | Path, data_dir: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BILINGUAL_READER_HOME": str(data_dir)}
    env.pop("BILINGUAL_READER_DEBUG", None)
    return subprocess.run(
        [str(EXE), "--data-dir", str(data_dir), *map(str, args)],
        capture_output=True, text=True, timeout=timeout, env=env, cwd=data_dir.parent,
    )


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """Exit 0 and no Python error anywhere, background tasks included."""
    assert result.returncode == 0, result.stderr
    for marker in ("Traceback", "Error:", "error:", "task failed"):
        assert marker not in result.stderr, result.stderr


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_version_is_the_pyproject_version(data_dir: Path) -> None:
    expected = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    result = run("--version", data_dir=data_dir)
    assert_clean(result)
    assert result.stdout.strip() == f"bilingual-reader {expected}"


def test_open_takes_a_screenshot(data_dir: Path, tmp_path: Path) -> None:
    shot = tmp_path / "out.png"
    result = run("open", ARTICLES / "azure-arc-kubernetes.md", "--screenshot", shot, data_dir=data_dir)
    assert_clean(result)  # the original (the .en.html beside it) is extracted in the background
    width, height = png_size(shot)
    assert width >= 1000 and height >= 600
    assert shot.stat().st_size > 50_000  # text was drawn, not an empty window


def test_open_a_sample_from_the_bundle(data_dir: Path, tmp_path: Path) -> None:
    """The bundled copy of the sample articles (with their images) is complete."""
    sample = INTERNAL / "articles" / "pytorch-takes-ai-ml-back-to-its-research-open-source-roots.md"
    assert sample.is_file()
    assert any((INTERNAL / "articles" / "img").iterdir())
    shot = tmp_path / "sample.png"
    assert_clean(run("open", sample, "--screenshot", shot, data_dir=data_dir))
    png_size(shot)


def test_inspect_json(data_dir: Path) -> None:
    result = run("inspect", "--json", ARTICLES / "azure-arc-kubernetes.md", data_dir=data_dir)
    assert_clean(result)
    data = json.loads(result.stdout)
    assert data["title"] == "第二章。扩展 Azure 控制平面用于 Kubernetes"
    assert data["encoding"] == "utf-8"
    assert data["blocks"] > 10


def test_extract_uses_trafilatura_with_its_data(data_dir: Path) -> None:
    result = run("extract", ARTICLES / "azure-arc-kubernetes.en.html", "--format", "text", data_dir=data_dir)
    assert_clean(result)
    assert "Azure Arc" in result.stdout
    assert len(result.stdout.split("\n\n")) > 10
    # the data files trafilatura and its helpers read next to their modules
    assert (INTERNAL / "trafilatura" / "settings.cfg").is_file()
    assert any((INTERNAL / "justext" / "stoplists").glob("English.txt"))
    assert any((INTERNAL / "tld" / "res").glob("*.dat.txt"))


def test_errors_stay_one_line(data_dir: Path, tmp_path: Path) -> None:
    result = run("inspect", tmp_path / "missing.md", data_dir=data_dir)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_app_resources_are_bundled() -> None:
    icons = INTERNAL / "resources" / "icons"
    assert (icons / "bilingual-reader.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (icons / f"bilingual-reader-{size}.png").is_file()
    assert not (icons / "render_icons.py").exists()  # a development tool, not app data
    if (ROOT / "resources" / "translations").is_dir():
        for qm in (ROOT / "resources" / "translations").glob("*.qm"):
            assert (INTERNAL / "resources" / "translations" / qm.name).is_file()


def test_unused_qt_is_left_out() -> None:
    qt = INTERNAL / "PySide6" / "Qt"
    libs = {p.name for p in (qt / "lib").iterdir()}
    for unused in ("Qml", "Quick", "Pdf", "Network", "OpenGL", "WebEngine", "Multimedia", "3D"):
        assert not any(name.startswith(f"libQt6{unused}") for name in libs), unused
    assert not (qt / "plugins" / "platformthemes" / "libqgtk3.so").exists()
    assert (qt / "plugins" / "platforms" / "libqoffscreen.so").is_file()
    for fmt in ("gif", "jpeg", "svg", "webp"):
        assert (qt / "plugins" / "imageformats" / f"libq{fmt}.so").is_file(), fmt
    translations = [p.name for p in (qt / "translations").glob("*.qm")]
    assert translations and all(n.endswith(("_zh_CN.qm", "_en.qm")) for n in translations)
    for module in ("tkinter", "unittest", "pytest", "_pytest"):
        assert not (INTERNAL / module).exists(), module


def test_bundle_size() -> None:
    total = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink())
    assert total <= SIZE_LIMIT_MB * 1_000_000, f"{total / 1e6:.1f} MB"


def test_proofreading_and_check_run_frozen(data_dir: Path, tmp_path: Path) -> None:
    """dulwich (without its optional compiled speed-ups), sentencex and autocorrect are bundled."""
    repo = tmp_path / "repo"
    repo.mkdir()
    article = repo / "a.md"
    article.write_text("# 标题\n\n> 原文：<https://example.com/a>\n\n第一段。\n\n第二段。\n", encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "a.md"], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    blocks = json.loads(run("blocks", article, "--json", data_dir=data_dir).stdout)["blocks"]
    last = blocks[-1]["index"]
    assert_clean(run("edit", article, "--block", str(last), "--text", "第二段，改好了。", data_dir=data_dir))
    diff = run("diff", article, data_dir=data_dir)
    assert_clean(diff)
    assert "-第二段。" in diff.stdout and "+第二段，改好了。" in diff.stdout
    original = tmp_path / "a.html"
    original.write_text("<html><body><article><h1>Title</h1><p>The first paragraph says one thing "
                        "plainly.</p><p>The second paragraph says another thing plainly.</p>"
                        "</article></body></html>", encoding="utf-8")
    check = run("check", article, "--original", original, "--json", data_dir=data_dir)
    assert_clean(check)
    assert "summary" in json.loads(check.stdout)
