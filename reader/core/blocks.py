"""Split Markdown into reading units (blocks) with plain text and source line ranges.

A hand-written, line-based splitter rather than a full CommonMark parser: it must be
linear in the input (30 MB files, 1 MB lines, 10,000 nesting levels) and must keep the
source line range of every unit, which alignment and annotations build on. Each block
keeps a Markdown ``source`` that renders on its own (see ``render.py``).
"""

from __future__ import annotations

import gc
import html
import re
import time
from dataclasses import dataclass, field

from reader.core.errors import ArticleError

KINDS = ("heading", "paragraph", "list_item", "quote", "code", "image", "table", "html", "footnote")


@dataclass(slots=True)
class Block:
    kind: str
    text: str  # plain text as a reader sees it
    source: str  # Markdown (or raw HTML for kind "html") that renders this block alone
    line_start: int  # 1-based, inclusive
    line_end: int
    level: int = 0  # heading level; nesting depth of list items and quotes (0 = top)
    lang: str = ""  # language of a code block
    ordinal: int | None = None  # number of an ordered list item
    meta: bool = False  # header furniture (source line, translator credits), not a reading unit
    index: int = 0


@dataclass(slots=True)
class SplitResult:
    blocks: list[Block] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)  # link id -> definition line
    warnings: list[str] = field(default_factory=list)


_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)[^`]*$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|(?=[^#\s]))(.*?)(?:[ \t]+#+)?[ \t]*$")
_ATX_EMPTY = re.compile(r"^ {0,3}(#{1,6})[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>")
_LIST = re.compile(r"^( *)([-*+]|(\d{1,9})[.)])(?:([ \t]+)(.*)|$)")
_TABLE_SEP = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_REFERENCE = re.compile(r"^ {0,3}\[([^\]^][^\]]*)\]:[ \t]*(\S+)(?:[ \t]+.*)?$")
_FOOTNOTE = re.compile(r"^ {0,3}\[\^([^\]]+)\]:[ \t]*(.*)$")
_HTML_BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu", "nav", "noscript", "object", "ol", "optgroup", "option", "p", "pre", "script", "section", "source", "style", "summary", "svg", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "video", "audio", "canvas", "math"]
)
_HTML_START = re.compile(r"^ {0,3}<(!--|/?([a-zA-Z][a-zA-Z0-9-]*))(?=[\s/>]|$)")
_IMAGE_ONLY = re.compile(
    r"^(?:\s*(?:\[!\[[^\]\n]*\]\([^()\n]*\)\]\([^()\n]*\)|!\[[^\]\n]*\]\([^()\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]|<img\b[^>]*>))+\s*$",
    re.IGNORECASE,
)

PARSE_TIME_LIMIT = 4.0  # seconds: a file that takes longer fails cleanly instead of hanging

# A line whose first character is none of these can only be paragraph text.
_SPECIAL_FIRST = frozenset("#`~>-*+_=<[|!0123456789 \t")


def split_blocks(text: str, first_line: int = 1) -> SplitResult:
    """Split Markdown ``text`` (newlines already normalized) into blocks."""
    # Millions of small objects: the cyclic GC would rescan them all, and they hold no cycles.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _Splitter(text.split("\n"), first_line).run()
    finally:
        if was_enabled:
            gc.enable()


class _Splitter:
    def __init__(self, lines: list[str], first_line: int, time_limit: float = PARSE_TIME_LIMIT) -> None:
        self.time_limit = time_limit
        self.deadline = time.monotonic() + time_limit
        self.lines = lines
        self.offset = first_line
        self.result = SplitResult()
        self.para: list[str] = []
        self.para_start = 0
        self.list_stack: list[tuple[int, int]] = []  # (marker indent, content indent)

    # -- emitting -----------------------------------------------------------------
    def emit(
        self,
        kind: str,
        source: str,
        start: int,
        end: int,
        text: str | None = None,
        level: int = 0,
        lang: str = "",
        ordinal: int | None = None,
    ) -> None:
        if text is None:
            text = code_text(source) if kind == "code" else inline_text(source)
        blocks = self.result.blocks
        blocks.append(
            Block(kind, text, source, start + self.offset, end + self.offset, level, lang, ordinal,
                  False, len(blocks))
        )

    def flush_paragraph(self) -> None:
        if not self.para:
            return
        para = self.para
        source = para[0].strip() if len(para) == 1 else "\n".join(line.strip() for line in para)
        start, end = self.para_start, self.para_start + len(self.para) - 1
        self.para = []
        if _IMAGE_ONLY.match(source):
            self.emit("image", source, start, end, text="")
        else:
            self.emit("paragraph", source, start, end)

    # -- main loop ----------------------------------------------------------------
    def run(self) -> SplitResult:
        lines = self.lines
        n = len(lines)
        i = 0
        check_at = 4096
        while i < n:
            if i >= check_at:
                check_at = i + 4096
                if time.monotonic() > self.deadline:
                    raise ArticleError(
                        f"the article is too large to open ({n:,} lines; gave up after "
                        f"{self.time_limit:.0f} s)"
                    )
            line = lines[i]
            stripped = line.strip()
            if not stripped:
                self.flush_paragraph()
                i += 1
                continue
            if line[0] not in _SPECIAL_FIRST:  # plain text: the common case, kept fast
                if not self.para:
                    self.para_start = i
                    self.list_stack = []
                self.para.append(line)
                i += 1
                continue
            if self.para:
                # Only a few constructs interrupt a paragraph.
                setext = _SETEXT.match(line)
                if setext and not self.list_stack:
                    level = 1 if setext.group(1)[0] == "=" else 2
                    source = " ".join(p.strip() for p in self.para)
                    start = self.para_start
                    self.para = []
                    self.emit("heading", source, start, i, level=level)
                    i += 1
                    continue
                if _TABLE_SEP.match(line) and "|" in self.para[-1] and len(self.para) == 1:
                    header = self.para.pop()
                    i = self.table(i - 1, header)
                    continue
                if not (
                    _FENCE.match(line)
                    or _ATX.match(line)
                    or _ATX_EMPTY.match(line)
                    or _QUOTE.match(line)
                    or _RULE.match(line)
                    or self.starts_html(line)
                    or self.interrupts_with_list(line)
                ):
                    self.para.append(line)
                    i += 1
                    continue
                self.flush_paragraph()
            i = self.block_at(i)
        self.flush_paragraph()
        return self.result

    def interrupts_with_list(self, line: str) -> bool:
        m = _LIST.match(line)
        return bool(m and m.group(5) and m.group(5).strip())

    def starts_html(self, line: str) -> bool:
        m = _HTML_START.match(line)
        return bool(m and (m.group(1) == "!--" or m.group(2).lower() in _HTML_BLOCK_TAGS))

    def block_at(self, i: int) -> int:
        """Parse the block that starts at line ``i``; return the index after it."""
        line = self.lines[i]
        if m := _FENCE.match(line):
            self.list_stack = []
            return self.fenced_code(i, m)
        if m := _ATX.match(line):
            self.list_stack = []
            self.emit("heading", m.group(2).strip(), i, i, level=len(m.group(1)))
            return i + 1
        if m := _ATX_EMPTY.match(line):
            self.list_stack = []
            return i + 1
        if _RULE.match(line):
            self.list_stack = []
            return i + 1
        if _QUOTE.match(line):
            self.list_stack = []
            return self.quote(i)
        if m := _LIST.match(line):
            return self.list_item(i, m)
        if self.starts_html(line):
            self.list_stack = []
            return self.html_block(i)
        if m := _FOOTNOTE.match(line):
            return self.footnote(i, m)
        if m := _REFERENCE.match(line):
            self.result.references.setdefault(m.group(1).lower(), line.strip())
            return i + 1
        if line.startswith(("    ", "\t")) and not self.list_stack:
            return self.indented_code(i)
        self.list_stack = [] if not line.startswith(" ") else self.list_stack
        self.para = [line]
        self.para_start = i
        return i + 1

    # -- constructs -----------------------------------------------------------------
    def fenced_code(self, i: int, m: re.Match[str]) -> int:
        indent, fence, lang = len(m.group(1)), m.group(2), m.group(3)
        closing = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
        body: list[str] = []
        j = i + 1
        n = len(self.lines)
        while j < n and not closing.match(self.lines[j]):
            body.append(_dedent(self.lines[j], indent))
            j += 1
        if j >= n:
            # Damaged files open with ```` and close with ```: accept the shorter closer.
            relaxed = re.compile(r"^ {0,3}" + re.escape(fence[0]) + r"{3,}[ \t]*$")
            j = next((k for k in range(i + 1, n) if relaxed.match(self.lines[k])), n)
            body = [_dedent(line, indent) for line in self.lines[i + 1 : j]]
        if j >= n:
            self.result.warnings.append(f"code block opened on line {i + self.offset} is never closed")
            end = n - 1
        else:
            end = j
        code = "\n".join(body)
        self.emit("code", code, i, end, lang=lang.strip().lower(), text=code)
        return end + 1

    def indented_code(self, i: int) -> int:
        body: list[str] = []
        j = i
        n = len(self.lines)
        while j < n and (self.lines[j].startswith(("    ", "\t")) or not self.lines[j].strip()):
            body.append(self.lines[j][4:] if self.lines[j].startswith("    ") else self.lines[j][1:])
            j += 1
        while body and not body[-1].strip():
            body.pop()
            j -= 1
        code = "\n".join(body)
        self.emit("code", code, i, j - 1, text=code)
        return j

    def quote(self, i: int) -> int:
        """A run of quote lines; each paragraph inside becomes a ``quote`` block."""
        n = len(self.lines)
        j = i
        para: list[str] = []
        para_start = i
        depth_of_para = 1
        in_fence = ""

        def flush(end: int) -> None:
            nonlocal para
            if para:
                source = "\n".join(para)
                kind = "code" if para[0].lstrip().startswith(("```", "~~~")) else "quote"
                self.emit(
                    "quote",
                    source,
                    para_start,
                    end,
                    level=depth_of_para,
                    text=code_text(source) if kind == "code" else inline_text(source),
                )
            para = []

        while j < n:
            line = self.lines[j]
            if not _QUOTE.match(line):
                # Lazy continuation: a plain line right after quoted paragraph text.
                if para and line.strip() and not in_fence and not self.starts_new_block(line):
                    para.append(line.strip())
                    j += 1
                    continue
                break
            depth, content = _quote_depth(line)
            if in_fence:
                para.append(content)
                if content.strip().startswith(in_fence):
                    in_fence = ""
                j += 1
                continue
            if not content.strip():
                flush(j - 1)
                j += 1
                continue
            if para and depth != depth_of_para:
                flush(j - 1)
            if not para:
                para_start = j
                depth_of_para = depth
            fence = _FENCE.match(content)
            if fence:
                in_fence = fence.group(2)[:3]
            elif para and (_ATX.match(content) or _LIST.match(content) and not _LIST.match(para[0])):
                flush(j - 1)
                para_start = j
                depth_of_para = depth
            para.append(content)
            j += 1
        flush(j - 1)
        return j

    def starts_new_block(self, line: str) -> bool:
        return bool(
            _FENCE.match(line)
            or _ATX.match(line)
            or _RULE.match(line)
            or _LIST.match(line)
            or self.starts_html(line)
        )

    def list_item(self, i: int, m: re.Match[str]) -> int:
        indent = len(m.group(1))
        marker = m.group(2)
        spacing = m.group(4) or " "
        first = m.group(5) or ""
        content_indent = indent + len(marker) + min(len(spacing.expandtabs(4)), 4)
        stack = self.list_stack
        while stack and indent < stack[-1][1]:
            stack.pop()
        level = len(stack)
        stack.append((indent, content_indent))
        body = [first]
        n = len(self.lines)
        j = i + 1
        blank_run = 0
        in_fence = ""
        if fence := _FENCE.match(first):
            in_fence = fence.group(2)[:3]
        while j < n:
            line = self.lines[j]
            if in_fence:
                body.append(_dedent(line, content_indent))
                if line.strip().startswith(in_fence):
                    in_fence = ""
                j += 1
                continue
            if not line.strip():
                blank_run += 1
                j += 1
                continue
            lead = len(line) - len(line.lstrip(" "))
            if _LIST.match(line):
                break  # a sibling or a nested item: its own block
            if blank_run:
                if lead < content_indent:
                    break
                body.append("")
            elif lead < content_indent and (
                _QUOTE.match(line) or _FENCE.match(line) or _ATX.match(line) or self.starts_html(line)
            ):
                break
            stripped_line = _dedent(line, content_indent)
            if fence := _FENCE.match(stripped_line):
                in_fence = fence.group(2)[:3]
            body.append(stripped_line)
            blank_run = 0
            j += 1
        end = j - 1 - blank_run
        ordinal = int(m.group(3)) if m.group(3) else None
        source = "\n".join(body).strip("\n")
        self.emit("list_item", source, i, max(end, i), level=level, ordinal=ordinal, lang=marker[-1])
        return end + 1

    def html_block(self, i: int) -> int:
        n = len(self.lines)
        first = self.lines[i]
        m = _HTML_START.match(first)
        tag = (m.group(2) or "").lower() if m else ""
        j = i
        body: list[str] = []
        if m and m.group(1) == "!--":
            while j < n:
                body.append(self.lines[j])
                j += 1
                if "-->" in body[-1]:
                    break
            else:
                self.result.warnings.append(f"HTML comment opened on line {i + self.offset} is never closed")
        elif tag in ("script", "style", "pre", "textarea"):
            close = f"</{tag}"
            while j < n:
                body.append(self.lines[j])
                j += 1
                if close in body[-1].lower():
                    break
        else:
            while j < n and self.lines[j].strip():
                body.append(self.lines[j])
                j += 1
        source = "\n".join(body)
        plain = html_text(source)
        if plain or re.search(r"<img\b", source, re.IGNORECASE):
            self.emit("html", source, i, j - 1, text=plain)
        return j

    def footnote(self, i: int, m: re.Match[str]) -> int:
        body = [m.group(2)]
        j = i + 1
        n = len(self.lines)
        while j < n and self.lines[j].startswith(("    ", "\t")):
            body.append(self.lines[j].strip())
            j += 1
        self.emit("footnote", "\n".join(body), i, j - 1, lang=m.group(1))
        return j

    def table(self, i: int, header: str) -> int:
        rows = [header, self.lines[i + 1]]
        j = i + 2
        n = len(self.lines)
        while j < n and self.lines[j].strip() and "|" in self.lines[j]:
            rows.append(self.lines[j])
            j += 1
        cells = [_table_cells(r) for k, r in enumerate(rows) if k != 1]
        plain = "\n".join(" | ".join(inline_text(c) for c in row) for row in cells)
        self.emit("table", "\n".join(r.strip() for r in rows), i, j - 1, text=plain)
        return j


def _dedent(line: str, width: int) -> str:
    lead = len(line) - len(line.lstrip(" "))
    return line[min(lead, width) :]


_QUOTE_PREFIX = re.compile(r"(?: {0,3}> ?)+")


def _quote_depth(line: str) -> tuple[int, str]:
    """Count the quote markers that open ``line`` (a regex: no recursion, no Python loop)."""
    m = _QUOTE_PREFIX.match(line)
    if not m:
        return 0, line
    return m.group(0).count(">"), line[m.end() :]


def _table_cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]


# -- plain text ---------------------------------------------------------------------
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_LINKED_IMAGE = re.compile(r"\[!\[[^\]\n]*\]\([^()\n]*\)\]\([^()\n]*\)")
_IMAGE = re.compile(r"!\[[^\]\n]*\](?:\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)|\[[^\]\n]*\])")
_LINK = re.compile(r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_REF_LINK = re.compile(r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\[[^\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]*)>", re.IGNORECASE)
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_TAG = re.compile(r"<!--.*?-->|</?[a-zA-Z][^<>]*>", re.DOTALL)
_EMPHASIS = (
    re.compile(r"(\*\*|__)(?=\S)([^\n]*?\S)\1"),
    re.compile(r"~~(?=\S)([^\n]*?\S)~~"),
    re.compile(r"(?<!\*)\*(?=[^\s*])([^*\n]*?[^\s*]|[^\s*])\*(?!\*)"),
    re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]*?[^\s_]|[^\s_])_(?![\w_])"),
)
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_SPACES = re.compile(r"\s+")


_MARKUP_CHARS = re.compile(r"[\\`*_~\[\]<>&!]")


def inline_text(source: str) -> str:
    """The plain text a reader sees for inline Markdown ``source``."""
    if not _MARKUP_CHARS.search(source):  # most paragraphs: nothing to strip
        return " ".join(source.split())
    # Code spans are verbatim: park them behind private-use placeholders first.
    spans: list[str] = []

    def park(m: re.Match[str]) -> str:
        content = m.group(2)
        spans.append(content.strip(" ") if content.strip() else content)
        return f"\ue000{len(spans) - 1}\ue001"

    text = _CODE_SPAN.sub(park, source) if "`" in source else source
    text = _strip_inline(text)
    if spans:
        text = _PARKED.sub(lambda m: spans[int(m.group(1))], text)
    return _SPACES.sub(" ", text).strip()


_PARKED = re.compile("\ue000(\\d+)\ue001")


def _strip_inline(text: str) -> str:
    text = _LINKED_IMAGE.sub("", text)
    text = _IMAGE.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub("", text)
    for _ in range(3):  # links nest only shallowly in practice
        new = _LINK.sub(r"\1", text)
        new = _REF_LINK.sub(r"\1", new)
        if new == text:
            break
        text = new
    text = _TAG.sub("", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(lambda m: m.group(m.lastindex or 1), text)
    text = _ESCAPE.sub(r"\1", text)
    return html.unescape(text)


def code_text(source: str) -> str:
    return source


_HTML_DROP = re.compile(
    r"<(script|style|svg|iframe|object|template|noscript)\b.*?(?:</\1\s*>|$)", re.DOTALL | re.IGNORECASE
)


def html_text(source: str) -> str:
    """Plain text of a raw HTML block, without the content of elements that never show."""
    text = _HTML_DROP.sub("", source)
    text = _TAG.sub(" ", text)
    return _SPACES.sub(" ", html.unescape(text)).strip()
