"""Encodings, line endings, NUL bytes and files that are not text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.article import parse_article
from reader.core.errors import ArticleError

TEXT = "# 标题\n\n> 原文：<https://example.com/a>\n\n第一段，包含中文与 English。\n\n第二段：更多的中文文字，用来让编码检测有足够的样本。"


def write(tmp_path: Path, data: bytes, name: str = "a.md") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
        ((TEXT * 3).encode("gb18030"), "gb18030"),
        ((TEXT * 3).encode("gbk"), "gb18030"),
    ],
)
def test_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    article = parse_article(write(tmp_path, data))
    assert article.title == "标题"
    assert article.source_url == "https://example.com/a"
    assert article.encoding == encoding
    assert article.units[1].text == "第一段，包含中文与 English。"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings(tmp_path: Path, newline: str) -> None:
    article = parse_article(write(tmp_path, TEXT.replace("\n", newline).encode()))
    assert [b.text for b in article.units][:2] == ["标题", "第一段，包含中文与 English。"]


def test_nul_bytes_are_stripped_with_a_warning(tmp_path: Path) -> None:
    article = parse_article(write(tmp_path, TEXT.replace("第一段", "第\x00一段").encode()))
    assert article.units[1].text.startswith("第一段")
    assert any("NUL" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (bytes(range(256)) * 40, "not a text file"),
    ],
)
def test_not_text(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        parse_article(write(tmp_path, data))


def test_random_bytes_are_refused(tmp_path: Path) -> None:
    data = os.urandom(20000)
    with pytest.raises(ArticleError):
        parse_article(write(tmp_path, data))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="No such file"):
        parse_article(tmp_path / "nope.md")
    with pytest.raises(ArticleError, match="folder"):
        parse_article(tmp_path)


def test_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, b"x" * 2048)
    with pytest.raises(ArticleError, match="too large"):
        parse_article(path, max_bytes=1024)
