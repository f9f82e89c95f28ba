"""The CLI contract: names, JSON keys, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from tests.conftest import ARTICLES, SAMPLE


def test_inspect_json(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["inspect", str(SAMPLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"title", "source_url", "encoding", "blocks", "block_kinds", "images", "warnings"}
    assert data["title"] == "PyTorch 将 AI/ML 带回它的研究，开源根源"
    assert data["source_url"] == "https://thenewstack.io/pytorch-takes-ai-ml-back-to-its-research-open-source-roots/"
    assert data["encoding"] == "utf-8"
    assert data["block_kinds"]["heading"] == 5
    assert data["images"][0]["kind"] == "missing"


def test_inspect_does_not_import_qt() -> None:
    code = (
        "import sys; from reader.cli import main; main(['inspect', sys.argv[1], '--json']); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    result = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.md", "No such file"),
        (lambda d: d, "folder"),
        (lambda d: _write(d / "b.md", b"%PDF-1.5\n\x00\x01"), "PDF"),
    ],
)
def test_bad_input_is_one_line_exit_1(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    result = subprocess.run([sys.executable, "-m", "reader", "inspect", str(path), "--json"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_extract_refuses_other_schemes_in_one_line() -> None:
    for source in ("javascript:alert(1)", "ftp://example.com/a.html", "mailto:a@example.com"):
        result = subprocess.run([sys.executable, "-m", "reader", "extract", source],
                                capture_output=True, text=True)
        assert result.returncode == 1
        assert result.stderr.startswith("error: Only http and https URLs and local files can be read")
        assert result.stderr.count("\n") == 1


def test_inspect_an_empty_file_is_an_empty_article(tmp_path: Path) -> None:
    path = _write(tmp_path / "empty.md", b"")
    result = subprocess.run([sys.executable, "-m", "reader", "inspect", str(path), "--json"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["blocks"] == 0 and data["source_url"] is None and data["title"] == "empty"
    assert data["warnings"] == ["the file is empty"]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_screenshot(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    article = ARTICLES / "azure-arc-kubernetes.md"
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(tmp_path / "d"), "open", str(article),
         "--screenshot", str(out), "--size", "1000x700"],
        capture_output=True, text=True, timeout=120, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    # Not blank: both panes drew text.
    colours = {image.pixel(x, y) for x in range(0, 1000, 7) for y in range(60, 700, 7)}
    assert len(colours) > 20
    # A screenshot's window size is not the user's: the next real window keeps its own.
    settings = (tmp_path / "d" / "settings.ini").read_text(encoding="utf-8")
    assert "geometry" not in settings
    assert str(article) in settings  # while the article still counts as opened


def test_recent_files_are_absolute(tmp_path: Path) -> None:
    """A file opened by a relative path is remembered by its absolute one."""
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(tmp_path / "d"), "open",
         str(SAMPLE.relative_to(ARTICLES.parent)), "--screenshot", str(tmp_path / "s.png")],
        capture_output=True, text=True, timeout=120, env=env, cwd=ARTICLES.parent,
    )
    assert result.returncode == 0, result.stderr
    from PySide6.QtCore import QSettings

    recent = QSettings(str(tmp_path / "d" / "settings.ini"), QSettings.Format.IniFormat).value("files/recent")
    assert recent in ([str(SAMPLE)], str(SAMPLE))


def test_open_with_a_missing_original_file_fails_before_any_window(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    args = ["--data-dir", str(tmp_path), "open", str(SAMPLE), "--screenshot", str(tmp_path / "s.png")]
    assert main([*args, "--original", str(tmp_path / "nope.html")]) == 1
    assert capsys.readouterr().err == f"error: No such file: {tmp_path / 'nope.html'}\n"
    assert main([*args, "--original", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert not (tmp_path / "s.png").exists()


def test_bad_size_is_an_error(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["open", str(SAMPLE), "--screenshot", "x.png", "--size", "huge"]) == 1
    assert "--size" in capsys.readouterr().err


def test_version(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main(["--version"])
    assert "bilingual-reader" in capsys.readouterr().out


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_a_quit_signal_closes_the_window_as_quit_would(tmp_path: Path, sig: str) -> None:
    """Logout (SIGTERM) or Ctrl+C in the terminal: the window saves its state and the app exits."""
    import signal
    import sqlite3
    import time

    data = tmp_path / "d"
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, "-m", "reader", "--data-dir", str(data), str(SAMPLE)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not _opened(data / "reader-data.sqlite3", sqlite3):  # the article is open: the loop runs
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()[1]
            time.sleep(0.05)
        proc.send_signal(getattr(signal, sig))
        _out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    settings = (data / "settings.ini").read_text(encoding="utf-8")
    assert "geometry=@ByteArray(" in settings  # saved by the window's close


def _opened(store: Path, sqlite3) -> bool:  # type: ignore[no-untyped-def]
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
            return bool(conn.execute("SELECT 1 FROM library_state WHERE last_opened IS NOT NULL").fetchone())
    except sqlite3.Error:
        return False


# -- check and sentence pairing ---------------------------------------------------------
_CHECK_EN = """# Debugging

Containers share a kernel with the host system. This means you can learn a lot about a container from the host itself. Let us look at some tools that help with that.

The image is about 1,000 MB and takes 2.5 seconds to start. Run `docker top` to see its processes.
"""
_CHECK_ZH = """# 调试

容器与主机系统共享一个内核。让我们看看一些对此有帮助的工具。

镜像大约一千 MB，启动需要 3.5 秒。运行 `docker top` 查看它的进程。
"""


def _check_files(tmp_path: Path) -> tuple[Path, Path]:
    zh, en = tmp_path / "a.md", tmp_path / "original.md"
    zh.write_text(_CHECK_ZH, encoding="utf-8")
    en.write_text(_CHECK_EN, encoding="utf-8")
    return zh, en


def test_check_json_with_an_original(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    zh, en = _check_files(tmp_path)
    assert main(["check", str(zh), "--original", str(en), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"pairs", "summary"}
    assert set(data["summary"]) == {"pairs", "flagged", "by_kind"}
    assert [set(p) for p in data["pairs"]] == [{"zh", "en", "issues"}] * 3
    issues = [i for p in data["pairs"] for i in p["issues"]]
    assert all(set(i) == {"kind", "zh", "en", "message"} for i in issues)
    by_kind = {i["kind"]: i for i in issues}
    assert set(by_kind) == {"omission", "number"}
    assert by_kind["omission"]["en"].startswith("This means you can learn")
    assert by_kind["number"]["en"].startswith("The image is about")
    assert data["summary"] == {"pairs": 3, "flagged": 2, "by_kind": {"omission": 1, "number": 1}}
    # The pairs are those of align, in the same order.
    assert main(["align", str(zh), "--json"]) == 0
    aligned = json.loads(capsys.readouterr().out)["pairs"]
    assert [p["zh"] for p in aligned] == [p["zh"] for p in data["pairs"]]


def test_check_without_an_original_checks_the_translation_alone(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    zh = tmp_path / "b.md"
    zh.write_text(_CHECK_ZH.replace("让我们看看", "This is left in the translation as it was. 让我们看看"),
                  encoding="utf-8")
    assert main(["check", str(zh), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert "translation alone" in captured.err
    assert all(p["en"] is None for p in data["pairs"])
    assert data["summary"]["by_kind"]["untranslated"] == 1


def test_check_glossary_option_and_errors(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    zh, en = _check_files(tmp_path)
    glossary = tmp_path / "terms.csv"
    glossary.write_text("kernel,核心\n", encoding="utf-8")
    assert main(["check", str(zh), "--original", str(en), "--glossary", str(glossary), "--json"]) == 0
    kinds = [i["kind"] for p in json.loads(capsys.readouterr().out)["pairs"] for i in p["issues"]]
    assert "term" in kinds
    assert main(["check", str(zh), "--glossary", str(tmp_path / "none.tsv"), "--json"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_align_sentences_json(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    zh, en = _check_files(tmp_path)
    assert main(["align", str(zh), "--original", str(en), "--json", "--sentences"]) == 0
    pairs = json.loads(capsys.readouterr().out)["pairs"]
    assert all(set(p) == {"zh", "en", "confidence", "sentences"} for p in pairs)
    assert pairs[1]["sentences"] == [
        {"zh": "容器与主机系统共享一个内核。", "en": "Containers share a kernel with the host system."},
        {"zh": None, "en": "This means you can learn a lot about a container from the host itself."},
        {"zh": "让我们看看一些对此有帮助的工具。", "en": "Let us look at some tools that help with that."},
    ]
    assert main(["align", str(zh), "--json"]) == 0
    assert "sentences" not in json.loads(capsys.readouterr().out)["pairs"][0]


def test_every_command_is_in_the_table_of_command_modules() -> None:
    """A run builds only its command's parser (reader.cli.COMMAND_MODULES): a command missing
    from the table would be unknown; one under the wrong module would have no options."""
    import argparse

    from reader.cli import COMMAND_MODULES, build_parser

    def commands(parser: argparse.ArgumentParser) -> set[str]:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return set(sub.choices)

    assert commands(build_parser()) == set(COMMAND_MODULES)
    for command in COMMAND_MODULES:
        assert command in commands(build_parser(command))


def test_a_run_imports_only_its_own_command_module() -> None:
    code = ("import sys; from reader.cli import main; main(['inspect', sys.argv[1], '--json']); "
            "print(sorted(m for m in sys.modules if m.startswith('reader.commands.')))")
    out = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True, text=True,
                         check=True).stdout
    assert out.splitlines()[-1] == "['reader.commands.article', 'reader.commands.common']"


@pytest.mark.parametrize("argv, shown", [
    (["--help"], ["annotations", "diff", "extract", "library", "open"]),  # every command
    (["--data-dir", "/tmp", "library", "--help"], ["index", "folders"]),
    (["fetch", "--help"], ["--refresh", "--json"]),
])
def test_help_shows_every_command_and_each_commands_options(argv: list[str], shown: list[str], capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main(argv)
    out = capsys.readouterr().out
    assert all(word in out for word in shown)
