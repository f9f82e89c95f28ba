"""Markdown blocks to the HTML subset QTextDocument renders, one anchor per block.

Each block renders on its own (Python-Markdown for inline text and lists, Pygments
for code) behind an anchor ``b<index>``, so the view can map every block to its exact
character range. Raw HTML from the article is sanitized with nh3 before it reaches
the view; image sources are replaced by ``reader-image:`` tokens the view resolves.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_by_name, guess_lexer
from pygments.util import ClassNotFound

from reader.core.blocks import Block, inline_text
from reader.core.images import ImageRef, resolve_image
from reader.core.themes import LATIN_FAMILY, Theme, get_theme

if TYPE_CHECKING:
    from reader.core.parallel import ParallelText

MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "codehilite", "sane_lists", "footnotes", "toc"]
IMAGE_SCHEME = "reader-image"
MAX_VISUAL_DEPTH = 8  # deeper nesting is drawn at this depth
HUGE_BLOCK = 50_000  # chars: Python-Markdown's inline pass turns quadratic past this

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "center", "code", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt",
    "u", "ul", "var",
}  # fmt: skip
_CLEAN_CONTENT = {
    "script", "style", "svg", "iframe", "object", "embed", "noscript", "template", "math",
    "frame", "frameset", "applet", "audio", "video", "canvas", "textarea", "select", "button",
    "title", "head",
}  # fmt: skip
_CELL_ATTRS = {"align", "colspan", "rowspan", "style", "valign", "width"}
_ALLOWED_ATTRS = {
    "a": {"href", "name", "title", "id"},
    "img": {"src", "alt", "title", "width", "height"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "ol": {"start", "style"}, "ul": {"style"}, "span": {"style"}, "div": {"style"},
    "pre": {"style"}, "p": {"align"}, "td": _CELL_ATTRS, "th": _CELL_ATTRS,
    "table": {"width", "border", "cellpadding", "cellspacing"}, "font": {"color"},
    "blockquote": {"style"},
}  # fmt: skip
_URL_SCHEMES = {"http", "https", "mailto"}

_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")', re.IGNORECASE)
_TEXT_ELEMENT = re.compile(r"<(p|h[1-6]|li|blockquote|dt|dd)\b[^>]*>", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(r"<(p|h[1-6]|li|td|th|pre|blockquote|div|dt|dd)\b[^>]*>", re.IGNORECASE)
# Any character Markdown or HTML might act on, a list or heading start, a hard line break:
# a paragraph without them renders as its escaped text.
_MARKUP = re.compile(r"[\\`*_\[\]<>&!#|~^=+\-{}()$:@%\xa0]|^\s*\d+[.)]\s|\s{2}\n|\t", re.MULTILINE)
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_REF_USE = re.compile(r"\]\s?\[([^\[\]\n]*)\]|\[([^\[\]\n]+)\](?![(\[:])")


def _extensions() -> list[markdown.Extension]:
    """MARKDOWN_EXTENSIONS as instances: by name, Python-Markdown first scans every installed
    package's entry points (importlib.metadata), ~35 ms at each start."""
    from markdown.extensions.codehilite import CodeHiliteExtension
    from markdown.extensions.fenced_code import FencedCodeExtension
    from markdown.extensions.footnotes import FootnoteExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from markdown.extensions.toc import TocExtension

    return [TableExtension(), FencedCodeExtension(), CodeHiliteExtension(noclasses=True, guess_lang=False),
            SaneListExtension(), FootnoteExtension(), TocExtension()]


def sanitize_html(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=_ALLOWED_TAGS,
        clean_content_tags=_CLEAN_CONTENT,
        attributes=_ALLOWED_ATTRS,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=_filter_attribute,
    )


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Inline styles keep no declaration that could name a resource: ``url()`` (in any case,
    or spelled with CSS escapes) would make the view load a file or a web address."""
    if attribute != "style":
        return value
    kept = [d for d in value.split(";") if d.strip() and not _CSS_RESOURCE.search(d)]
    return ";".join(kept) or None


_CSS_RESOURCE = re.compile(r"url|image|\\|/\*|@import|expression", re.IGNORECASE)


@dataclass
class RenderedDocument:
    html: str
    images: dict[str, ImageRef] = field(default_factory=dict)  # token URL -> image
    # In-page link targets (heading slugs, footnotes) -> the block_state of their block.
    targets: dict[str, int] = field(default_factory=dict)


# Where each block begins is marked by its first paragraph's ``-qt-user-state``, not by a
# named anchor: Qt hashes every anchor-name list alike, so a named anchor per block made its
# HTML import quadratic (a 4,000-block chapter: seconds; 10,000: over a minute).
ANCHOR_PREFIXES = ("b", "e")  # a pane's own blocks; the English ones in the interleaved view


def block_state(prefix: str, index: int) -> int:
    """The QTextBlock user state that marks the start of block ``index`` (``prefix``: its side)."""
    return index * len(ANCHOR_PREFIXES) + ANCHOR_PREFIXES.index(prefix)


def block_of_state(state: int) -> tuple[str, int] | None:
    """(prefix, block index) that a QTextBlock user state marks, or None."""
    if state < 0:
        return None
    return ANCHOR_PREFIXES[state % len(ANCHOR_PREFIXES)], state // len(ANCHOR_PREFIXES)


class Renderer:
    """Renders blocks of one document. Not thread-safe: one per thread."""

    def __init__(
        self,
        base_dir: Path | None = None,
        references: dict[str, str] | None = None,
        theme: Theme | str = "light",
        *,
        lang: str = "zh",
        anchor_prefix: str = "b",
    ) -> None:
        self.anchor_prefix = anchor_prefix
        self.base_dir = base_dir
        self.references = {k.lower(): v for k, v in (references or {}).items()}
        self.theme = get_theme(theme) if isinstance(theme, str) else theme
        self.lang = lang
        self.images: dict[str, ImageRef] = {}
        self.targets: dict[str, int] = {}
        self._md = markdown.Markdown(extensions=_extensions())
        self._formatter = HtmlFormatter(nowrap=True, noclasses=True, style=self.theme.pygments_style)

    # -- documents -----------------------------------------------------------------
    def document(self, blocks: list[Block], header_html: str = "") -> RenderedDocument:
        parts = [f'<html><body lang="{self.lang}">', header_html]
        parts.extend(self.block(block) for block in blocks)
        parts.append("</body></html>")
        return RenderedDocument("\n".join(parts), dict(self.images), dict(self.targets))

    def block(self, block: Block) -> str:
        kind = block.kind
        if kind == "code":
            body = self.code(block.source, block.lang)
        elif kind == "heading":
            level = min(max(block.level, 1), 6)
            self.targets.setdefault(slugify_unicode(block.text, "-"), block_state(self.anchor_prefix, block.index))
            body = f"<h{level}>{self.inline(block.source)}</h{level}>"
        elif kind == "list_item":
            body = self.list_item(block)
        elif kind == "quote":
            body = self.quote(block)
        elif kind == "table":
            body = self.markdown(block.source).replace(
                "<table>", f'<table border="1" cellspacing="0" cellpadding="6" width="100%" '
                f'style="border-color:{self.theme.rule}">', 1
            )
        elif kind == "html":
            body = sanitize_html(block.source)
            if not _FIRST_ELEMENT.search(body):
                body = f"<p>{body}</p>"
        elif kind == "footnote":
            ident = html.escape(block.lang)
            self.targets.setdefault(f"fn-{block.lang}", block_state(self.anchor_prefix, block.index))
            body = f'<p class="footnote"><sup>{ident}</sup> {self.inline(block.source)}</p>'
        else:  # paragraph, image
            body = f"<p>{self.inline(block.source)}</p>"
        if block.meta:
            body = f'<p class="meta">{self.inline(_meta_source(block))}</p>'
        if kind != "code":  # code does not wrap, so a long line costs Qt nothing there
            body = breakable(body)
        body = self._images(body)
        return _with_anchor(body, block_state(self.anchor_prefix, block.index))

    # -- pieces --------------------------------------------------------------------
    def markdown(self, source: str) -> str:
        if len(source) > HUGE_BLOCK:
            return f"<p>{_plain_inline(source)}</p>"
        source = self._with_references(_FOOTNOTE_REF.sub(_footnote_link, source))
        self._md.reset()
        try:
            return sanitize_html(self._md.convert(source))
        except RecursionError:
            return f"<p>{html.escape(source)}</p>"

    def inline(self, source: str) -> str:
        if len(source) > HUGE_BLOCK:
            return _plain_inline(source)
        if not _MARKUP.search(source):
            # Nothing for Markdown to do (half the paragraphs of the corpus): the same HTML —
            # checked on all 149,000 such corpus paragraphs — at a fraction of the cost.
            return html.escape(source, quote=False)
        rendered = self.markdown(source).strip()
        # One paragraph of inline text: drop the wrapper so the caller chooses the element.
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            return rendered[3:-4]
        return rendered

    def code(self, code: str, lang: str) -> str:
        try:
            lexer = get_lexer_by_name(lang) if lang else guess_lexer(code) if len(code) < 2000 else TextLexer()
        except ClassNotFound:
            lexer = TextLexer()
        if lexer.name == "Text only" or not lang:
            highlighted = html.escape(code)
        else:
            highlighted = highlight(code, lexer, self._formatter)
        highlighted = highlighted.rstrip("\n")
        return (
            f'<table class="code" width="100%" cellspacing="0" cellpadding="12" border="0" '
            f'bgcolor="{self.theme.code_background}"><tr><td><pre>{highlighted}</pre></td></tr></table>'
        )

    def list_item(self, block: Block) -> str:
        lines = block.source.split("\n")
        marker = f"{block.ordinal}. " if block.ordinal is not None else "- "
        source = marker + "\n".join([lines[0]] + ["    " + line if line else "" for line in lines[1:]])
        rendered = self.markdown(source)
        indent = min(block.level, MAX_VISUAL_DEPTH) + 1
        # Qt draws a bullet or number one space from the text. Bullets are the view's to draw
        # (ArticleView), further off; a number gets an en space after its dot.
        room = {"ul": "list-style-type: none; ", "ol": "-qt-list-number-suffix: '.\u2002'; "}
        return re.sub(
            r"<(ul|ol)(\s[^>]*)?>",
            lambda m: f'<{m.group(1)}{m.group(2) or ""} style="{room[m.group(1)]}-qt-list-indent: {indent};">',
            rendered,
            count=1,
        )

    def quote(self, block: Block) -> str:
        depth = min(max(block.level, 1), MAX_VISUAL_DEPTH)
        inner = self.markdown(block.source)
        margin = 18 * depth
        return (
            f'<blockquote style="margin-left: {margin}px; margin-right: 0px;">{inner}</blockquote>'
        )

    def _with_references(self, source: str) -> str:
        if not self.references or "]" not in source:
            return source
        used = []
        for m in _REF_USE.finditer(source):
            ident = (m.group(1) or m.group(2) or "").lower()
            if ident in self.references:
                used.append(self.references[ident])
        return source + "\n\n" + "\n".join(dict.fromkeys(used)) if used else source

    def _images(self, body: str) -> str:
        if "<img" not in body:
            return body

        def token(m: re.Match[str]) -> str:
            src = html.unescape(m.group(2))
            ref = resolve_image(src, self.base_dir)
            key = f"{IMAGE_SCHEME}:{self.anchor_prefix}{len(self.images)}"
            self.images[key] = ref
            return m.group(1) + key + m.group(3)

        return _IMG_SRC.sub(token, body)


def interleaved_document(
    parallel: ParallelText,
    header: list[Block],
    zh: Renderer,
    en: Renderer,
    *,
    only_translation: str,
    not_translated: str,
    en_family: str = LATIN_FAMILY,
) -> RenderedDocument:
    """One column: each translated paragraph, then its original in a quieter style.

    The English renderer must use another anchor prefix (``e``) than the Chinese one.
    Unpaired units stay in place with a small label saying which side lacks them.
    """
    t = zh.theme
    parts = [f'<html><body lang="{zh.lang}">']
    parts.extend(zh.block(block) for block in header)
    for pair in parallel.pairs:
        parts.extend(zh.block(block) for block in pair.zh)
        if pair.zh and pair.en and all(b.kind == "code" for b in (*pair.zh, *pair.en)):
            continue  # code is not translated: shown once
        if pair.en:
            # Each text element in the English fonts: the column's style does not reach them.
            inner = _TEXT_ELEMENT.sub(lambda m: _with_rule(m.group(0), f"font-family: {en_family};"),
                                      "\n".join(en.block(block) for block in pair.en))
            label = f'<p class="pairlabel">{html.escape(not_translated)}</p>' if not pair.zh else ""
            parts.append(
                f'<table class="original" width="100%" cellspacing="0" cellpadding="0" border="0">'
                f'<tr><td width="3" bgcolor="{t.rule}"></td><td width="14"></td>'
                f'<td style="color:{t.quote_text}; font-family:{en_family}">{label}{inner}</td></tr></table>'
            )
        elif pair.zh:
            parts.append(f'<p class="pairlabel">{html.escape(only_translation)}</p>')
    parts.append("</body></html>")
    return RenderedDocument("\n".join(parts), {**zh.images, **en.images}, {**en.targets, **zh.targets})


def _with_anchor(body: str, state: int) -> str:
    """``body`` with its first paragraph marked by ``state`` (see block_state)."""
    m = _FIRST_ELEMENT.search(body)
    if not m:
        return f'<p style="-qt-user-state: {state};">{body}</p>'
    start, end = m.start(), m.end()
    if m.group(1).lower() == "td":  # code blocks: mark the <pre> inside
        pre = re.search(r"<pre\b[^>]*>", body[end:])
        if pre:
            start, end = end + pre.start(), end + pre.end()
    return body[:start] + _with_state(body[start:end], state) + body[end:]


def _with_state(tag: str, state: int) -> str:
    """An opening tag with ``-qt-user-state`` added to its style attribute."""
    return _with_rule(tag, f"-qt-user-state: {state};")


def _with_rule(tag: str, rule: str) -> str:
    """An opening tag with a CSS ``rule`` added to its style attribute."""
    style = re.search(r'\bstyle="([^"]*)"', tag)
    if style is None:
        return f'{tag[:-1]} style="{rule}">'
    kept = style.group(1).strip()
    kept = f"{kept}; " if kept and not kept.endswith(";") else f"{kept} " if kept else ""
    return f"{tag[: style.start(1)]}{kept}{rule}{tag[style.end(1) :]}"


# Qt's line breaking is quadratic in the length of a word it cannot break (a 1 MB line with no
# space took two minutes to lay out). Runs this long get zero-width break opportunities; the
# view drops them again from what is copied, and TextMap maps offsets across them.
BREAK = "\u200b"
LONG_RUN = 200
_LONG_RUN = re.compile(r"[^\s<>\u200b\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]{" + str(LONG_RUN) + ",}")
_TAG = re.compile(r"(<[^>]*>)")
_PIECE = re.compile(r"(?:&[#\w]{1,12};|[^&]|&){1,80}")  # never splits an entity


def breakable(fragment: str) -> str:
    """``fragment`` (HTML) with a break opportunity every 80 characters of any unbroken run
    of text longer than LONG_RUN; tags, attributes and entities are left whole."""
    if not _LONG_RUN.search(fragment):
        return fragment
    parts = _TAG.split(fragment)
    for k in range(0, len(parts), 2):  # the text between tags
        if len(parts[k]) >= LONG_RUN:
            parts[k] = _LONG_RUN.sub(lambda m: BREAK.join(_PIECE.findall(m.group(0))), parts[k])
    return "".join(parts)


def _plain_inline(source: str) -> str:
    """Linear rendering of a huge paragraph: its plain text, without inline markup."""
    text = inline_text(source)
    return html.escape(text)


def _footnote_link(m: re.Match[str]) -> str:
    ident = html.escape(m.group(1))
    return f'<sup><a href="#fn-{ident}">{ident}</a></sup>'


def _meta_source(block: Block) -> str:
    return block.source.replace("\n", " ")


def header_html(lines: list[str], banner: tuple[str, str] | None = None) -> str:
    """A small muted header (used above the original: site, author, date), after an optional
    ``banner`` (text, link): a notice such as "archived copy" with the address it is about."""
    shown = " · ".join(html.escape(x) for x in lines if x)
    out = f'<p class="meta">{shown}</p>' if shown else ""
    if banner is not None:
        text, link = banner
        out = (f'<p class="banner">{html.escape(text)} '
               f'<a href="{html.escape(link, quote=True)}">{html.escape(link)}</a></p>') + out
    return out
