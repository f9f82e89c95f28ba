"""The article model: a translation file parsed into title, source, blocks and images."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.blocks import Block, split_blocks
from reader.core.errors import ArticleError
from reader.core.header import FRONT_MATTER_TITLE_KEYS, parse_header
from reader.core.images import ImageRef, resolve_image
from reader.core.textio import MAX_FILE_BYTES, decode_bytes, read_text_file

# Header lines that credit the translation rather than carry the article.
_CREDIT = re.compile(r"^\s*(译者|协议|校验|校对|自豪地采用|阶段|翻译|作者|发布时间|原作者)\s*[:：]?")
_IMAGE_SRC = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^()\s<>]+)>?(?:\s+[\"'][^\n]*?[\"'])?\s*\)")
_HTML_IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
# An index entry of a book's back matter: a term, then page numbers or links to pages.
_PAGE_REF = r"(?:\d+(?:\s*[-–]\s*\d+)?|\[[^\]]*\]\([^)]*\))"
_INDEX_ENTRY = re.compile(r"^#*\s*[^\n]{1,120}?[,，]\s*" + _PAGE_REF + r"(?:\s*[,，]\s*" + _PAGE_REF + r")*\s*$")
_REF_IMAGE = re.compile(r"!\[[^\]\n]*\]\[([^\]\n]*)\]")


@dataclass
class Article:
    title: str
    source_url: str | None
    encoding: str
    blocks: list[Block]
    path: Path | None = None
    images: list[ImageRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)
    front_matter: dict[str, str] = field(default_factory=dict)

    @property
    def units(self) -> list[Block]:
        """The reading units: every block but header furniture."""
        return [b for b in self.blocks if not b.meta]

    @property
    def base_dir(self) -> Path | None:
        return self.path.parent if self.path else None

    @property
    def plain_text(self) -> str:
        """The text annotations anchor in: units' plain texts, one blank line apart."""
        return "\n\n".join(b.text for b in self.units)

    @property
    def key(self) -> str:
        """Stable identity across moves and renames: the source URL, else a content hash."""
        if self.source_url:
            return self.source_url
        return "urn:sha256:" + content_hash(self.plain_text)

    def block_kinds(self) -> dict[str, int]:
        return dict(Counter(b.kind for b in self.units))

    @functools.cached_property
    def counts(self) -> tuple[int, int]:
        """(words, characters): Latin words and CJK characters count as one word each."""
        text = self.plain_text
        cjk = sum(1 for ch in text if _is_cjk(ch))
        latin_words = len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’_-]*", text))
        chars = sum(1 for ch in text if not ch.isspace())
        return cjk + latin_words, chars


def content_hash(text: str) -> str:
    import hashlib  # here: OpenSSL's hashes load in ~12 M instructions, at start-up rarely needed

    normalized = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2FA1F


def parse_article(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> Article:
    """Read and parse an article file. Raises ArticleError for what cannot be read."""
    path = Path(path)
    decoded = read_text_file(path, max_bytes=max_bytes)
    article = parse_markdown(decoded.text, encoding=decoded.encoding, path=path)
    article.warnings[:0] = list(decoded.warnings)
    return article


def parse_bytes(data: bytes, name: str = "article.md", path: Path | None = None) -> Article:
    decoded = decode_bytes(data, name=name)
    article = parse_markdown(decoded.text, encoding=decoded.encoding, path=path)
    article.warnings[:0] = list(decoded.warnings)
    return article


def parse_markdown(text: str, *, encoding: str = "utf-8", path: Path | None = None) -> Article:
    if not isinstance(text, str):
        raise ArticleError("the article text must be a string")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    header = parse_header(lines)
    body = "\n".join(lines[header.body_start :])
    split = split_blocks(body, first_line=header.body_start + 1)
    warnings = list(header.warnings) + split.warnings
    source_lines = {i + 1 for i in header.source_lines}  # 1-based like Block lines
    blocks = _mark_meta(split.blocks, source_lines)
    title = _title(blocks, header.front_matter, path)
    article = Article(
        title=title,
        source_url=header.source_url,
        encoding=encoding,
        blocks=blocks,
        path=path,
        warnings=warnings,
        references=split.references,
        front_matter=header.front_matter,
    )
    article.images = _images(blocks, split.references, article.base_dir, warnings)
    return article


def _mark_meta(blocks: list[Block], source_lines: set[int]) -> list[Block]:
    """Flag header furniture. Source lines sit in the header or the last lines only,
    so only the blocks at both ends are looked at (files can hold a million blocks)."""
    if source_lines:
        head_end = max(line for line in source_lines if line <= source_lines_head(source_lines))
        for block in blocks:
            if block.line_start > head_end:
                break
            block.meta = block.meta or _touches(block, source_lines)
        tail = [line for line in source_lines if line > head_end]
        if tail:
            for block in reversed(blocks):
                if block.line_end < min(tail):
                    break
                block.meta = block.meta or _touches(block, source_lines)
    for block in blocks:
        if block.kind not in ("heading", "quote") and not block.meta:
            break  # the body has begun
        if block.kind == "quote" and _CREDIT.match(block.text):
            block.meta = True
    return blocks


def source_lines_head(lines: set[int]) -> int:
    """The last source line of the header (the first group of source lines)."""
    ordered = sorted(lines)
    head = ordered[0]
    for line in ordered[1:]:
        if line - head > 80:
            break
        head = line
    return head


def _touches(block: Block, lines: set[int]) -> bool:
    return any(block.line_start <= line <= block.line_end for line in lines)


def _title(blocks: list[Block], front_matter: dict[str, str], path: Path | None) -> str:
    for block in blocks:
        if block.kind == "heading" and block.level == 1 and _is_title(block):
            return block.text.strip()
    for key in FRONT_MATTER_TITLE_KEYS:
        if front_matter.get(key):
            return front_matter[key].strip()
    return path.stem if path else "Untitled"


def _is_title(heading: Block) -> bool:
    """A level-1 heading that can name the article: not the debris of an HTML comment
    (``-->``) or other punctuation, not an entry of a book's index (``# (hash), 45``)."""
    text = heading.text.strip()
    if not any(ch.isalnum() for ch in text):
        return False
    return not _INDEX_ENTRY.match(heading.source.strip())


def _images(
    blocks: list[Block], references: dict[str, str], base_dir: Path | None, warnings: list[str]
) -> list[ImageRef]:
    images: list[ImageRef] = []
    for block in blocks:
        if block.kind == "code" or "!" not in block.source and "<img" not in block.source.lower():
            continue
        sources = _IMAGE_SRC.findall(block.source) + _HTML_IMG_SRC.findall(block.source)
        for ref_id in _REF_IMAGE.findall(block.source):
            definition = references.get(ref_id.lower())
            if definition:
                sources.append(definition.split(":", 1)[1].strip().split()[0].strip("<>"))
        for src in sources:
            image = resolve_image(src, base_dir)
            if image.kind == "refused":
                warnings.append(f"image {src!r} refused: {image.reason}")
            images.append(image)
    return images
