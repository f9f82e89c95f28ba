"""Replacing one block of an article file, byte for byte everywhere else.

``replace_block`` is what the proofreading editor and ``bilingual-reader edit`` do: the
lines of block N (see ``source_blocks.py``) are replaced by the new text, encoded like
the file, its lines ended like the block's; every other byte stays. The same text leaves
the file untouched (not even rewritten). The write is atomic and goes through a symlink
to its target. An ``Edit`` remembers the exact bytes on both sides, so undo and redo
give back the very bytes they replaced.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from reader.core.article import Article
from reader.core.changes import (
    CONTEXT_LINES,
    baseline_kept,
    git_file,
    head_bytes,
    remember_baseline,
    unified_diff,
)
from reader.core.errors import ReaderError
from reader.core.review import note_edit
from reader.core.source_blocks import SourceBlock, SourceFile, read_source
from reader.core.store import Store
from reader.core.textio import write_atomic


class EditError(ReaderError):
    """An edit cannot be made: a stale file, a block that is not there."""


class StaleFileError(EditError):
    """The file is not the one the edit was made against (it changed since it was read)."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One saved replacement of lines, with the exact bytes on both sides."""

    path: Path
    block_index: int
    line_start: int  # 1-based; the first replaced line, before and after
    old_lines: tuple[bytes, ...]  # the block's raw lines before the edit
    new_lines: tuple[bytes, ...]  # the raw lines written in their place
    old_text: str
    new_text: str
    sha256_before: str
    sha256_after: str

    @property
    def old_line_end(self) -> int:
        return self.line_start + len(self.old_lines) - 1

    @property
    def new_line_end(self) -> int:
        return self.line_start + len(self.new_lines) - 1

    def inverse(self) -> Edit:
        return Edit(self.path, self.block_index, self.line_start, self.new_lines, self.old_lines,
                    self.new_text, self.old_text, self.sha256_after, self.sha256_before)


@dataclass(frozen=True, slots=True)
class EditResult:
    changed: bool
    diff: str  # a unified diff of this edit ("" when nothing changed)
    edit: Edit | None  # None when nothing changed
    old_text: str  # the block's Markdown source before the edit
    sha256: str  # of the file after the edit

    def to_json(self) -> dict[str, object]:
        return {"changed": self.changed, "diff": self.diff, "sha256": self.sha256}


def check_expected(source: SourceFile, expect_sha256: str | None, path: Path) -> None:
    if expect_sha256 and source.sha256 != expect_sha256.strip().lower():
        raise StaleFileError(
            f"{path.name} changed since it was read (its sha256 is {source.sha256[:12]}…, "
            f"not {expect_sha256.strip()[:12]}…); nothing was written"
        )


def block_of(article: Article, source: SourceFile, index: int, path: Path) -> SourceBlock:
    blocks = article.blocks
    if not 0 <= index < len(blocks):
        raise EditError(
            f"{path.name} has no block {index} (its blocks are numbered 0 to {len(blocks) - 1}); "
            "nothing was written"
        )
    b = blocks[index]
    return SourceBlock(b.index, b.kind, b.line_start, source.last_line(b.line_end),
                       source.text_of(b.line_start, b.line_end), b.meta)


def replace_block(path: Path, index: int, text: str, *, expect_sha256: str | None = None,
                  store: Store | None = None) -> EditResult:
    """Replace block ``index`` of the file with ``text`` (its new Markdown source).

    With a ``store``, proofreading is tracked too: the file's bytes before its first edit
    are kept when it is not committed in git (what ``diff`` compares to), and the review
    marks of the edited pair move to its new text, marked "edited".
    """
    path = Path(path)
    source = read_source(path)
    check_expected(source, expect_sha256, path)
    before = source.article()
    block = block_of(before, source, index, path)
    result = replace_lines(path, block.line_start, block.line_end, text, source=source,
                           block_index=index)
    if store is not None and result.edit is not None:
        track_edit(store, result.edit, before, source.data)
    return result


def replace_lines(path: Path, line_start: int, line_end: int, text: str, *,
                  expect_sha256: str | None = None, source: SourceFile | None = None,
                  block_index: int = -1) -> EditResult:
    """Replace lines ``line_start``..``line_end`` (1-based, inclusive) with ``text``.

    What the editor calls: it knows the block's lines from the article it shows, and
    ``expect_sha256`` of the bytes it was parsed from, so nothing is parsed here.
    """
    path = Path(path)
    if source is None:
        source = read_source(path)
        check_expected(source, expect_sha256, path)
    line_end = source.last_line(line_end)
    if not 1 <= line_start <= line_end <= len(source.lines):
        raise EditError(f"{path.name} has no lines {line_start}–{line_end}; nothing was written")
    old_text = source.text_of(line_start, line_end)
    new_text = text.replace("\r\n", "\n").replace("\r", "\n")
    if new_text == old_text:
        return EditResult(False, "", None, old_text, source.sha256)
    last_ending = source.ending(line_end)
    if line_end > line_start:
        inner_ending = source.ending(line_start)
    else:
        inner_ending = last_ending or source.common_ending()
    new_lines = source.encode_lines(new_text, inner_ending, last_ending) if new_text else []
    data = source.with_lines(line_start, line_end, new_lines)
    _check_detection(source, data, path)
    edit = Edit(
        path=path, block_index=block_index, line_start=line_start,
        old_lines=tuple(source.lines[line_start - 1 : line_end]),
        new_lines=tuple(new_lines), old_text=old_text, new_text=new_text,
        sha256_before=source.sha256, sha256_after=hashlib.sha256(data).hexdigest(),
    )
    write_through(path, data)
    diff = local_diff(source, line_start, line_end, new_lines, path.name)
    return EditResult(True, diff.decode(source.codec, "replace"), edit, old_text, edit.sha256_after)


def _check_detection(source: SourceFile, data: bytes, path: Path) -> None:
    """Refuse an edit after which the reader would take the file for another encoding.

    UTF-8 stays UTF-8 (it is tried first, and a byte order mark stays); a legacy encoding
    is guessed from the bytes, and a short GBK file with new text can read as Big5 or a
    Thai code page: the proofreader would see garbage and the diff would be wrong.
    """
    if source.codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        return
    from reader.core.textio import decode_bytes

    now = decode_bytes(data, name=path.name).encoding
    if now != source.encoding:
        raise EditError(
            f"after this edit {path.name} would read as {now}, not {source.encoding} (the encoding "
            "is guessed from its bytes); nothing was written. Save it as UTF-8 to edit it freely"
        )


def track_edit(store: Store, edit: Edit, before: Article, data_before: bytes,
               after: Article | None = None) -> None:
    """After ``edit`` was written: keep the proofreading base (outside git) and move the
    review marks of the edited lines to their new text. ``after`` is parsed when not given."""
    _keep_baseline(store, edit.path, data_before)
    if after is None:
        after = read_source(edit.path).article()
    note_edit(store, before, after, edit.line_start, edit.old_line_end, edit.new_line_end)


def local_diff(source: SourceFile, line_start: int, line_end: int, new_lines: list[bytes],
               name: str) -> bytes:
    """The unified diff of replacing those lines, from the lines around them only."""
    first = max(1, line_start - CONTEXT_LINES)
    last = min(len(source.lines), line_end + CONTEXT_LINES)
    head = source.lines[first - 1 : line_start - 1]
    tail = source.lines[line_end:last]
    before = (source.bom if first == 1 else b"") + b"".join(source.lines[first - 1 : last])
    after = (source.bom if first == 1 else b"") + b"".join([*head, *new_lines, *tail])
    return unified_diff(before, after, name, line_offset=first - 1)


def _keep_baseline(store: Store, path: Path, data: bytes) -> None:
    """Outside git (or for a file git does not track), keep the text proofreading starts from."""
    if baseline_kept(store, path):
        return
    location = git_file(path)
    if location is not None and head_bytes(location) is not None:
        return
    remember_baseline(store, path, data)


def apply_edit(edit: Edit, store: Store | None = None) -> Edit:
    """Apply ``edit`` (e.g. an undo: ``edit.inverse()``) if its lines are still there.

    The lines it replaces must hold exactly the bytes it expects; anything else means
    the file changed another way, and EditError says so (nothing is written).
    """
    source = read_source(edit.path)
    end = edit.line_start + len(edit.old_lines) - 1
    current = tuple(source.lines[edit.line_start - 1 : end])
    if current != edit.old_lines:
        raise StaleFileError(f"{edit.path.name} changed at lines {edit.line_start}–{end}; "
                        "the edit cannot be undone or redone there")
    data = source.with_lines(edit.line_start, end, list(edit.new_lines))
    write_through(edit.path, data)
    if store is not None:
        track_edit(store, edit, source.article(), source.data)
    return edit


def write_through(path: Path, data: bytes) -> None:
    """Write ``data`` atomically to ``path``, or to its target when it is a symlink."""
    write_atomic(Path(os.path.realpath(path)), data)

