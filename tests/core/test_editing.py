"""Replacing one block of a file: every other byte stays, in every encoding and line ending."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from reader.core.editing import EditError, apply_edit, replace_block
from reader.core.errors import ArticleError
from reader.core.source_blocks import read_source, source_blocks

ARTICLE = (
    "---\ntitle: 测试\n---\n# 标题\n\n> 原文：<https://example.com/a>\n\n"
    "第一段，第一行\n第一段，第二行\n\n- 列表一\n- 列表二\n  续行\n\n"
    "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n```python\nprint(1)\n```\n\n最后一段。"
)


def _write(tmp_path: Path, text: str, *, encoding: str = "utf-8", newline: str = "\n",
           bom: bool = False, name: str = "a.md") -> Path:
    path = tmp_path / name
    data = text.replace("\n", newline).encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def _blocks(path: Path) -> list:  # type: ignore[type-arg]
    source = read_source(path)
    return source_blocks(source.article(path), source)


def test_blocks_carry_their_source_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, ARTICLE)
    blocks = _blocks(path)
    by_kind = {b.kind: b for b in blocks}
    assert (blocks[0].kind, blocks[0].line_start, blocks[0].line_end, blocks[0].text) == (
        "heading", 4, 4, "# 标题")
    para = next(b for b in blocks if b.kind == "paragraph")
    assert (para.line_start, para.line_end, para.text) == (8, 9, "第一段，第一行\n第一段，第二行")
    items = [b for b in blocks if b.kind == "list_item"]
    assert [i.text for i in items] == ["- 列表一", "- 列表二\n  续行"]
    assert by_kind["table"].text == "| a | b |\n| --- | --- |\n| 1 | 2 |"
    assert by_kind["code"].text == "```python\nprint(1)\n```"
    assert [b.index for b in blocks] == list(range(len(blocks)))


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [("utf-8", "\n", False), ("utf-8", "\r\n", False), ("utf-8", "\n", True),
     ("utf-8", "\r\n", True), ("gb18030", "\n", False), ("gbk", "\r\n", False)],
)
def test_the_same_text_leaves_every_byte_and_new_text_only_its_lines(
        tmp_path: Path, encoding: str, newline: str, bom: bool) -> None:
    path = _write(tmp_path, ARTICLE + "\n", encoding=encoding, newline=newline, bom=bom)
    original = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    for block in _blocks(path):
        result = replace_block(path, block.index, block.text)
        assert not result.changed
        assert path.read_bytes() == original
    assert path.stat().st_mtime_ns == mtime  # not even rewritten

    para = next(b for b in _blocks(path) if b.kind == "paragraph")
    result = replace_block(path, para.index, "改过的第一段\n两行")
    assert result.changed
    after = path.read_bytes()
    old_lines, new_lines = original.split(newline.encode()), after.split(newline.encode())
    assert len(old_lines) == len(new_lines)
    changed = [n + 1 for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert changed == [para.line_start, para.line_end]
    assert after.startswith(b"\xef\xbb\xbf") == bom
    assert after.endswith(newline.encode())
    assert "改过的第一段".encode(encoding) in after
    # Undo gives back the very bytes.
    assert result.edit is not None
    apply_edit(result.edit.inverse())
    assert path.read_bytes() == original
    apply_edit(result.edit)
    assert path.read_bytes() == after


def test_a_file_without_a_final_newline_keeps_none(tmp_path: Path) -> None:
    path = _write(tmp_path, ARTICLE)
    last = _blocks(path)[-1]
    replace_block(path, last.index, "新的最后一段。")
    assert path.read_bytes().endswith("新的最后一段。".encode())
    replace_block(path, last.index, "两行\n最后")
    assert path.read_bytes().endswith("两行\n最后".encode())


def test_a_one_line_block_gets_the_file_s_line_ending(tmp_path: Path) -> None:
    path = _write(tmp_path, ARTICLE + "\n", newline="\r\n")
    heading = _blocks(path)[0]
    replace_block(path, heading.index, "# 新标题\n\n新的段落")
    assert b"# \xe6\x96\xb0\xe6\xa0\x87\xe9\xa2\x98\r\n\r\n" in path.read_bytes()
    assert b"\n" not in path.read_bytes().replace(b"\r\n", b"")


def test_stale_sha_and_missing_block_write_nothing(tmp_path: Path) -> None:
    path = _write(tmp_path, ARTICLE)
    original = path.read_bytes()
    with pytest.raises(EditError, match="changed since it was read"):
        replace_block(path, 0, "# x", expect_sha256="0" * 64)
    with pytest.raises(EditError, match="no block 99"):
        replace_block(path, 99, "x")
    assert path.read_bytes() == original
    good = hashlib.sha256(original).hexdigest()
    assert replace_block(path, 0, "# x", expect_sha256=good.upper()).changed


def test_text_the_encoding_cannot_hold_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "# Titre\n\nUn paragraphe écrit en français, très ordinaire.\n", encoding="latin-1")
    original = path.read_bytes()
    with pytest.raises(ArticleError, match="cannot hold"):
        replace_block(path, 1, "中文")
    assert path.read_bytes() == original


def test_the_write_goes_through_a_symlink_to_its_target(tmp_path: Path) -> None:
    target = _write(tmp_path, ARTICLE, name="real.md")
    os.chmod(target, 0o640)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    replace_block(link, 0, "# 经由链接")
    assert link.is_symlink()
    assert target.read_bytes().startswith("---\ntitle: 测试\n---\n# 经由链接\n".encode())
    assert target.stat().st_mode & 0o777 == 0o640


def test_undo_refuses_when_the_lines_changed_another_way(tmp_path: Path) -> None:
    path = _write(tmp_path, ARTICLE)
    result = replace_block(path, 0, "# 新")
    assert result.edit is not None
    path.write_bytes(path.read_bytes().replace("# 新".encode(), "# 别人改的".encode()))
    with pytest.raises(EditError, match="cannot be undone"):
        apply_edit(result.edit.inverse())


def test_an_edit_after_which_the_encoding_would_be_guessed_otherwise_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Legacy encodings are guessed from the bytes (charset_normalizer); over the corpus a
    short GBK file with one new phrase read as cp874 afterwards, and this one reads as cp949
    once its paragraph is three characters long. (A marker makes the guess flip for sure.)
    Nothing is written, and the error says why."""
    import reader.core.textio as textio

    path = _write(tmp_path, "# 标题\n\n在本章中，我们将扩展讨论 Azure Arc，专注于如何在多个云环境中使用它。\n",
                  encoding="gbk")
    original = path.read_bytes()
    assert read_source(path).encoding == "gb18030"
    real = textio.decode_bytes

    def guess(data: bytes, name: str = "the file") -> textio.DecodedText:
        decoded = real(data, name)
        if "翻转".encode("gb18030") in data:
            return textio.DecodedText(decoded.text, "cp874", decoded.warnings)
        return decoded

    monkeypatch.setattr(textio, "decode_bytes", guess)
    with pytest.raises(EditError, match="would read as"):
        replace_block(path, 1, "翻转")
    assert path.read_bytes() == original
    assert path.read_bytes() == original
    with pytest.raises(EditError, match="would read as"):
        replace_block(path, 1, "改好了")  # the real guess: cp949
    assert path.read_bytes() == original
    # An edit that keeps the guess is saved.
    assert replace_block(path, 1, "在本章中，我们将讨论 Azure Arc，专注于如何在多个云环境中使用它。").changed


def test_a_code_block_left_open_to_the_final_newline(tmp_path: Path) -> None:
    """The reader counts the empty "line" after a final newline; it has no bytes to replace
    (found in corpus-multi: geekdoc-golang-zh go-opti-gd_06.md)."""
    path = _write(tmp_path, "# 标题\n\n```go\nfunc main() {}\n")
    original = path.read_bytes()
    code = _blocks(path)[-1]
    assert (code.kind, code.line_start, code.line_end) == ("code", 3, 4)
    assert not replace_block(path, code.index, code.text).changed
    replace_block(path, code.index, "```go\nfunc main() { run() }")
    assert path.read_bytes() == original.replace(b"{}", b"{ run() }")
