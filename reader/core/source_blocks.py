"""An article file as its exact bytes, split into lines, with each rendered block's lines.

Proofreading edits a block by replacing its source lines (1-based, inclusive, as
``Block.line_start``/``line_end`` give them) and must leave every other byte of the file
as it was: its encoding (and byte order mark), each line's own ending (CRLF, LF or a
lone CR) and whether the file ends with a newline. So the file is kept as raw lines, each
with its own terminator; only the lines of the edited block are ever re-encoded.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from reader.core.article import Article, parse_markdown
from reader.core.errors import ArticleError
from reader.core.textio import MAX_FILE_BYTES, decode_bytes, read_file_bytes

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_TEXT_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_ENDINGS = ("\r\n", "\n", "\r")


@dataclass(frozen=True, slots=True)
class SourceBlock:
    index: int  # Block.index: position among all rendered blocks
    kind: str
    line_start: int  # 1-based, inclusive
    line_end: int
    text: str  # the block's Markdown source: its lines, joined by "\n"
    meta: bool = False  # header furniture (the source line, credits)

    def to_json(self) -> dict[str, object]:
        return {"index": self.index, "kind": self.kind, "line_start": self.line_start,
                "line_end": self.line_end, "text": self.text}


@dataclass
class SourceFile:
    """The exact bytes of a text file as a byte order mark and lines with their endings."""

    data: bytes
    encoding: str  # what the app reports (textio's name)
    codec: str  # the codec of each line, without a byte order mark
    bom: bytes
    lines: list[bytes]  # each line's bytes, its terminator included (the last may have none)
    text: str  # decoded as the reader decodes it (newlines normalized)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def line_text(self, number: int) -> str:
        """Line ``number`` (1-based) as text, without its ending."""
        return _strip_ending(self.lines[number - 1].decode(self.codec))

    def text_of(self, line_start: int, line_end: int) -> str:
        return "\n".join(self.line_text(n) for n in range(line_start, self.last_line(line_end) + 1))

    def last_line(self, line_end: int) -> int:
        """``line_end`` as a line of the file. The reader numbers the empty "line" after a
        final newline too (a code block left open runs to it): it has no bytes of its own."""
        return min(line_end, len(self.lines)) if line_end == len(self.lines) + 1 else line_end

    def texts(self) -> list[str]:
        """Every line as text, without its ending."""
        return [_strip_ending(line.decode(self.codec)) for line in self.lines]

    def ending(self, number: int) -> bytes:
        """The terminator of line ``number`` (1-based), b"" for a last line without one."""
        line = self.lines[number - 1]
        for ending in _ENDINGS:
            encoded = ending.encode(self.codec)
            if line.endswith(encoded):
                return encoded
        return b""

    def common_ending(self) -> bytes:
        """The file's most frequent line ending (LF for a file of one line)."""
        counts = Counter(self.ending(n) for n in range(1, len(self.lines) + 1))
        counts.pop(b"", None)
        return counts.most_common(1)[0][0] if counts else "\n".encode(self.codec)

    def encode_lines(self, text: str, first_ending: bytes, last_ending: bytes) -> list[bytes]:
        """``text`` ("\\n"-separated) as raw lines: ``first_ending`` between lines, the
        last line ended by ``last_ending``. Raises ArticleError for characters the file's
        encoding cannot hold."""
        parts = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        try:
            encoded = [part.encode(self.codec) for part in parts]
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start : exc.end]
            raise ArticleError(
                f"the text has characters ({bad!r}) that the file's encoding {self.encoding} "
                "cannot hold; nothing was written"
            ) from exc
        return [line + (first_ending if k < len(encoded) - 1 else last_ending)
                for k, line in enumerate(encoded)]

    def with_lines(self, line_start: int, line_end: int, new_lines: list[bytes]) -> bytes:
        """The file's bytes with lines ``line_start``..``line_end`` replaced."""
        return self.bom + b"".join(self.lines[: line_start - 1]) + b"".join(new_lines) + b"".join(
            self.lines[line_end:]
        )

    def article(self, path: Path | None = None) -> Article:
        """The article these bytes make, exactly as the reader parses them."""
        return parse_markdown(self.text, encoding=self.encoding, path=path)


def read_source(path: Path, max_bytes: int = MAX_FILE_BYTES) -> SourceFile:
    """Read ``path`` as a SourceFile; ArticleError for what the reader would not open."""
    return source_from_bytes(read_file_bytes(path, max_bytes), name=path.name)


def source_from_bytes(data: bytes, name: str = "the file") -> SourceFile:
    decoded = decode_bytes(data, name=name)  # the reader's own detection and refusals
    encoding = decoded.encoding
    bom = b""
    codec = encoding
    for mark, bom_codec in _BOMS:
        if data.startswith(mark):
            bom, codec = mark, bom_codec
            break
    body = data[len(bom) :]
    if _ascii_compatible(codec):
        # Multi-byte encodings the reader meets (GB18030, Big5, Shift_JIS…) never use the
        # bytes of CR and LF inside a character: split the bytes, never re-encode them.
        # (bytes.splitlines breaks at CR LF, CR and LF only, as the reader does.)
        lines = body.splitlines(keepends=True)
    else:
        lines = [line.encode(codec) for line in _TEXT_LINES.findall(body.decode(codec))]
    if b"".join(lines) != body:
        raise ArticleError(f"{name}: cannot split the file into lines exactly")
    return SourceFile(data=data, encoding=encoding, codec=codec, bom=bom, lines=lines,
                      text=decoded.text)


def source_blocks(article: Article, source: SourceFile) -> list[SourceBlock]:
    """Every rendered block of ``article`` with its lines in ``source``."""
    return [
        SourceBlock(b.index, b.kind, b.line_start, source.last_line(b.line_end),
                    source.text_of(b.line_start, b.line_end), b.meta)
        for b in article.blocks
    ]


def _ascii_compatible(codec: str) -> bool:
    name = codecs.lookup(codec).name
    if name.startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
        return False
    try:
        return "\r\n".encode(codec) == b"\r\n" and b"\r\n".decode(codec) == "\r\n"
    except (UnicodeError, LookupError):
        return False


def _strip_ending(line: str) -> str:
    if line.endswith("\r\n"):
        return line[:-2]
    if line.endswith(("\n", "\r")):
        return line[:-1]
    return line
