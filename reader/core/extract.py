"""Article extraction: a saved or fetched web page -> the article as Markdown and plain text.

trafilatura finds the article body (falling back on its recall mode, its whole-page
baseline and readability-style scoring before giving up); we prepare the page first
(split ``<br><br>`` paragraphs, lift figure captions out as paragraphs, make links
absolute) and write the Markdown ourselves from trafilatura's XML, so that
every paragraph, heading, list item and code block of the page stays one reading unit:
paragraph alignment downstream pairs these units one to one.
"""

from __future__ import annotations

import copy
import html as htmllib
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html
import trafilatura
from lxml import etree

from reader.core.errors import ReaderError

_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)


class ExtractError(ReaderError):
    """No article could be found in a page."""


@dataclass(frozen=True)
class Extracted:
    title: str | None
    author: str | None
    date: str | None
    site_name: str | None
    url: str | None
    markdown: str  # starts with "# <title>" when the title is known
    text: str  # plain article body (no title, no figure captions), paragraphs one blank line apart


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Extract the article of a page; ``url`` (the page address) makes links absolute."""
    if not html or not html.strip():
        raise ExtractError(_no_text(url))
    try:
        # Comments go: hydration markers such as <!--[--> split text nodes for trafilatura.
        tree = lxml.html.document_fromstring(html, parser=_PARSER)
        meta = trafilatura.extract_metadata(lxml.html.document_fromstring(html, parser=_PARSER), default_url=url)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError(_no_text(url)) from exc
    # A saved page knows its own address (canonical link): resolve relative links with it.
    captions = _prepare(tree, url or (meta.url if meta is not None else None))
    blocks = _article_blocks(tree)
    if not _has_text(blocks):
        raise ExtractError(_no_text(url))
    title = _clean(meta.title) if meta is not None and meta.title else None
    blocks = _with_title(blocks, title)
    markdown = "\n\n".join(b.md for b in blocks) + "\n"
    body_blocks = blocks[1:] if title and blocks and blocks[0].kind == "title" else blocks
    # Captions are reading units of the Markdown (translations keep them, the aligner
    # pairs them) but not article body text, as article-extraction references count it.
    text = "\n\n".join(b.text for b in body_blocks
                       if b.kind != "image" and b.text and _norm(b.text) not in captions)
    return Extracted(
        title=title,
        author=_clean(meta.author) if meta is not None and meta.author else None,
        date=meta.date if meta is not None and meta.date else None,
        site_name=_clean(meta.sitename) if meta is not None and meta.sitename else None,
        url=(meta.url if meta is not None and meta.url else None) or url,
        markdown=markdown,
        text=text,
    )


def _article_blocks(tree: lxml.html.HtmlElement) -> list[_Block]:
    """The article's blocks by the first method that finds one, never nothing when one does.

    trafilatura's balanced and recall modes are compared: where the recall mode's text
    holds nearly all of the balanced text and more, the two agree on the article and
    the recall mode found more of it (a section or list the balanced mode cut); where
    they disagree, the recall mode has wandered off to other text and the balanced mode
    is kept. On the 200 extract-dev pages the comparison beats either mode alone. Then
    trafilatura's whole-page baseline and readability-style scoring. What is found must
    hold a sentence (a block of 10 words or more): a login form's labels are no article.
    """
    balanced = _run_trafilatura(tree, rich=False, focus="balanced")
    recall = _run_trafilatura(tree, rich=False, focus="recall")
    if _has_sentence(balanced) and not (_has_sentence(recall) and _extends(recall, balanced)):
        focus, plain = "balanced", balanced
    elif _has_sentence(recall):
        focus, plain = "recall", recall
    else:
        for fallback in (_baseline_blocks, _readability_blocks):
            blocks = fallback(tree)
            if _has_sentence(blocks):
                return _dedup(blocks)
        return []
    # trafilatura picks a little differently when asked for images and links (image
    # teasers and link lists creep in), so the plain pass decides what the text is and
    # the rich pass only adds images and links to it.
    return _dedup(_merge_passes(plain, _run_trafilatura(tree, rich=True, focus=focus)))


def _shingles(blocks: list[_Block]) -> Counter[tuple[str, ...]]:
    words = _WORDS.findall(" ".join(b.text for b in blocks if b.kind != "image"))
    return Counter(tuple(words[k:k + 4]) for k in range(max(0, len(words) - 3)))


def _extends(longer: list[_Block], shorter: list[_Block]) -> bool:
    """``longer`` holds at least 90% of ``shorter``'s 4-word shingles and 5% more words."""
    big, small = _shingles(longer), _shingles(shorter)
    if not small or sum(big.values()) < 1.05 * sum(small.values()):
        return False
    return sum((big & small).values()) >= 0.9 * sum(small.values())


def _dedup(blocks: list[_Block]) -> list[_Block]:
    """Drop repeats of long paragraphs when repeats are a good part of the text.

    Pages that carry their article twice (a desktop and a mobile copy, tabs, a print
    version) come out of trafilatura with each paragraph repeated; a paragraph repeated
    here and there (a boilerplate note in two sections of a long page) stays.
    """
    seen: set[str] = set()
    repeats: set[int] = set()
    for index, block in enumerate(blocks):
        if block.kind == "image" or len(block.text) < _REPEAT_MIN_CHARS:
            continue
        if block.text in seen:
            repeats.add(index)
        seen.add(block.text)
    total = sum(len(b.text) for b in blocks)
    if not repeats or sum(len(blocks[k].text) for k in repeats) < 0.15 * total:
        return blocks
    return [b for k, b in enumerate(blocks) if k not in repeats]


_WORDS = re.compile(r"\w+")
_REPEAT_MIN_CHARS = 80


def _has_text(blocks: list[_Block]) -> bool:
    return any(b.kind != "image" and b.text.strip() for b in blocks)


def _has_sentence(blocks: list[_Block]) -> bool:
    return any(b.kind != "image" and len(b.text.split()) >= 10 for b in blocks)


def _run_trafilatura(tree: lxml.html.HtmlElement, *, rich: bool, focus: str) -> list[_Block]:
    document = trafilatura.bare_extraction(
        copy.deepcopy(tree),
        favor_recall=focus == "recall",
        include_comments=False,
        include_tables=True,
        include_images=rich,
        include_formatting=True,
        include_links=rich,
        with_metadata=False,
    )
    body = getattr(document, "body", None) if document is not None else None
    return _Writer().blocks(body) if body is not None else []


def _baseline_blocks(tree: lxml.html.HtmlElement) -> list[_Block]:
    """trafilatura's last resort: the page's paragraphs (or its JSON-LD article body)."""
    from trafilatura.baseline import baseline

    body, _text, _length = baseline(copy.deepcopy(tree))
    return _Writer().blocks(body)


def _readability_blocks(tree: lxml.html.HtmlElement) -> list[_Block]:
    """Readability's scoring of text density picks the densest container of the page."""
    from trafilatura.external import try_readability

    summary = try_readability(copy.deepcopy(tree))
    if not len(summary):
        return []
    document = trafilatura.bare_extraction(
        summary, favor_recall=True, include_tables=True, include_formatting=True, with_metadata=False
    )
    body = getattr(document, "body", None) if document is not None else None
    return _Writer().blocks(body) if body is not None else []


def _merge_passes(plain: list[_Block], rich: list[_Block]) -> list[_Block]:
    wanted = {_norm(b.text) for b in plain}
    kept: list[_Block] = []
    keeping = True
    for block in rich:
        if block.kind != "image":
            keeping = _norm(block.text) in wanted
        if keeping:
            kept.append(block)
    got = {_norm(b.text) for b in kept if b.kind != "image"}
    return kept if wanted <= got else plain


def _no_text(url: str | None) -> str:
    return f"No article text found in {url}" if url else "No article text found in the page"


def _clean(value: str) -> str:
    return " ".join(value.split())


# --- preparing the page -------------------------------------------------------------

# Only changes that keep the page's text and fix its structure are made here: dropping
# furniture by class names, roles or tags before trafilatura cost F1 on the 200 extract-dev
# pages (0.911 against 0.935 without; a wrapper named "widget", a page whose broken markup
# ends inside a <button>, lost the whole article), so trafilatura alone decides what is text.
_DOUBLE_BR = re.compile(r"(?:<br\s*/?>\s*){2,}", re.IGNORECASE)


def _prepare(tree: lxml.html.HtmlElement, url: str | None) -> set[str]:
    """Fix the page's structure in place; returns the figure captions made paragraphs."""
    _absolute_links(tree, url)
    # Each caption and each <br><br> paragraph stays a reading unit of its own (the
    # aligner pairs units one to one); the text is the same either way.
    captions = _lift_captions(tree)
    for p in list(tree.iter("p")):
        _split_double_br(p)
    return captions


def _absolute_links(tree: lxml.html.HtmlElement, url: str | None) -> None:
    base = tree.find(".//base[@href]")
    base_url = urljoin(url or "", base.get("href")) if base is not None else url
    for img in tree.iter("img"):
        # Lazy-loading pages keep the real address in a data attribute.
        src = img.get("src", "")
        if not src or src.startswith("data:"):
            for attr in ("data-src", "data-lazy-src", "data-original", "data-url"):
                if img.get(attr):
                    img.set("src", img.get(attr))
                    break
    if not base_url:
        return
    for el, attr in (("a", "href"), ("img", "src")):
        for node in tree.iter(el):
            value = (node.get(attr) or "").strip()
            if value and not value.startswith(("data:", "javascript:", "mailto:")):
                node.set(attr, urljoin(base_url, value))


def _lift_captions(tree: lxml.html.HtmlElement) -> set[str]:
    """Make each caption a paragraph after its figure, never glued to the text around."""
    lifted: set[str] = set()
    for caption in list(tree.iter("figcaption")):
        figure = caption.getparent()
        if figure is None or not caption.text_content().strip():
            continue
        para = lxml.html.Element("p")
        para.text = caption.text
        for child in list(caption):
            para.append(child)
        _drop(caption)
        anchor = figure if figure.tag == "figure" else caption
        if anchor is caption:
            continue
        para.tail = figure.tail
        figure.tail = None
        figure.addnext(para)
        lifted.add(_norm(para.text_content()))
    return lifted


def _split_double_br(p: lxml.html.HtmlElement) -> None:
    if sum(1 for _ in p.iter("br")) < 2:
        return
    inner = htmllib.escape(p.text or "", quote=False) + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in p
    )
    parts = [part for part in _DOUBLE_BR.split(inner) if part.strip()]
    if len(parts) < 2:
        return
    tail = p.tail
    for part in parts:
        new = lxml.html.fragment_fromstring(part, create_parent="p")
        p.addprevious(new)
    parent = p.getparent()
    if parent is not None:
        parent.remove(p)
        new.tail = tail


def _drop(el: etree._Element) -> None:
    if isinstance(el, lxml.html.HtmlElement):
        el.drop_tree()
    elif (parent := el.getparent()) is not None:
        parent.remove(el)


# --- writing Markdown from trafilatura's XML ----------------------------------------


@dataclass(frozen=True)
class _Block:
    kind: str  # title | heading | paragraph | list | quote | code | table | image
    md: str
    text: str


_SPACE = re.compile(r"\s+")
_MD_SPECIAL = re.compile(r"([\\`*\[\]])")
_LT = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_BLOCK_START = re.compile(r"^(\s*)([#>+=|-]|\d+[.)](?=\s|$))")
_HARD_BREAK = "\x00"  # a <br> inside a paragraph, until spaces are collapsed


class _Writer:
    def blocks(self, root: etree._Element) -> list[_Block]:
        out: list[_Block] = []
        self._container(root, out)
        return out

    def _container(self, el: etree._Element, out: list[_Block]) -> None:
        if el.text and el.text.strip():
            self._paragraph_text(el.text, out)
        for child in el:
            if isinstance(child.tag, str):
                self._block(child, out)
            if child.tail and child.tail.strip():
                self._paragraph_text(child.tail, out)

    def _paragraph_text(self, text: str, out: list[_Block]) -> None:
        plain = _SPACE.sub(" ", text).strip()
        out.append(_Block("paragraph", _escape_start(_escape(plain)), plain))

    def _block(self, el: etree._Element, out: list[_Block]) -> None:
        tag = el.tag
        if tag == "head":
            md, text = self._inline_single_line(el)
            if text:
                level = int(el.get("rend", "h2")[1:] or 2) if re.fullmatch(r"h[1-6]", el.get("rend", "")) else 2
                out.append(_Block("heading", "#" * level + " " + md, text))
        elif tag == "p":
            if len(el) == 1 and el[0].tag == "graphic" and not (el.text or "").strip() and not (el[0].tail or "").strip():
                self._block(el[0], out)
                return
            md, text = self._inline(el)
            if text:
                out.append(_Block("paragraph", _escape_start(md), text))
        elif tag == "list":
            md, text = self._list(el, 0)
            if text:
                out.append(_Block("list", md, text))
        elif tag == "quote":
            inner: list[_Block] = []
            if any(child.tag in ("p", "list", "quote", "code", "head", "table") for child in el):
                self._container(el, inner)
            else:
                md, text = self._inline(el)
                if text:
                    inner.append(_Block("paragraph", _escape_start(md), text))
            if inner:
                md = "\n>\n".join(_prefix_lines(b.md, "> ") for b in inner)
                out.append(_Block("quote", md, "\n\n".join(b.text for b in inner)))
        elif tag == "code":
            code = "".join(str(t) for t in el.itertext()).strip("\n")
            if code.strip():
                fence = "`" * max(3, _longest_run(code, "`") + 1)
                out.append(_Block("code", f"{fence}\n{code}\n{fence}", code))
        elif tag == "table":
            table = self._table(el)
            if table:
                out.append(table)
        elif tag == "graphic":
            md = self._image(el)
            if md:
                out.append(_Block("image", md, ""))
        elif tag in ("lb", "done"):
            return
        elif tag in ("hi", "ref", "del"):
            md, text = self._inline_of([el])
            if text:
                out.append(_Block("paragraph", _escape_start(md), text))
        else:  # div, section and anything else holding blocks
            self._container(el, out)

    # inline content

    def _inline(self, el: etree._Element) -> tuple[str, str]:
        md, text = self._inline_parts(el)
        return _finish_inline(md), _finish_plain(text)

    def _inline_single_line(self, el: etree._Element) -> tuple[str, str]:
        md, text = self._inline(el)
        return md.replace("  \n", " ").replace("\n", " "), text.replace("\n", " ")

    def _inline_of(self, elements: list[etree._Element]) -> tuple[str, str]:
        md, text = [], []
        for child in elements:
            m, t = self._inline_child(child)
            md.append(m + _escape(child.tail or ""))
            text.append(t + (child.tail or ""))
        return _finish_inline("".join(md)), _finish_plain("".join(text))

    def _inline_parts(self, el: etree._Element, skip: tuple[str, ...] = ()) -> tuple[str, str]:
        md = [_escape(el.text or "")]
        text = [el.text or ""]
        for child in el:
            if child.tag in skip:
                continue
            if not isinstance(child.tag, str):  # a comment or processing instruction
                md.append(_escape(child.tail or ""))
                text.append(child.tail or "")
                continue
            m, t = self._inline_child(child)
            md.append(m + _escape(child.tail or ""))
            text.append(t + (child.tail or ""))
        return "".join(md), "".join(text)

    def _inline_child(self, el: etree._Element) -> tuple[str, str]:
        tag = el.tag
        if tag == "lb":
            return _HARD_BREAK, _HARD_BREAK
        if tag == "graphic":
            return self._image(el), ""
        if tag == "code":
            code = _SPACE.sub(" ", "".join(str(t) for t in el.itertext()))
            return _code_span(code), code
        md, text = self._inline_parts(el)
        if tag == "hi":
            marker = {"#b": "**", "#i": "*", "#t": "`"}.get(el.get("rend", ""), "")
            if marker == "`":
                return _code_span(_SPACE.sub(" ", text)), text
            return _wrap(md, marker), text
        if tag == "ref":
            target = el.get("target", "").strip()
            if target and md.strip() and not target.startswith("javascript:"):
                return f"[{md.strip()}]({_link_target(target)})", text
        return md, text

    def _image(self, el: etree._Element) -> str:
        src = (el.get("src") or "").strip()
        if not src or src.startswith("data:"):
            return ""
        alt = _SPACE.sub(" ", el.get("alt") or el.get("title") or "").strip()
        return f"![{_escape(alt)}]({_link_target(src)})"

    # lists and tables

    def _list(self, el: etree._Element, depth: int) -> tuple[str, str]:
        lines: list[str] = []
        texts: list[str] = []
        ordered = el.get("rend") == "ol"
        indent = " " * (4 * depth) if depth else ""
        number = 0
        for item in el:
            if item.tag != "item":
                continue
            number += 1
            marker = f"{number}. " if ordered else "- "
            md, text = self._inline_parts(item, skip=("list",))
            md, text = _finish_inline(md), _finish_plain(text)
            if text:
                cont = indent + " " * len(marker)
                body = _escape_start(md).replace("\n", "\n" + cont)
                lines.append(f"{indent}{marker}{body}")
                texts.append(text)
            for sub in item.iter("list"):
                if sub.getparent() is item:
                    sub_md, sub_text = self._list(sub, depth + 1)
                    if sub_text:
                        lines.append(sub_md)
                        texts.append(sub_text)
        return "\n".join(lines), "\n".join(texts)

    def _table(self, el: etree._Element) -> _Block | None:
        rows: list[list[tuple[str, str]]] = []
        for row in el.iter("row"):
            cells = [self._inline_single_line(cell) for cell in row if cell.tag == "cell"]
            if any(text for _, text in cells):
                rows.append(cells)
        if not rows:
            return None
        width = max(len(r) for r in rows)
        rows = [r + [("", "")] * (width - len(r)) for r in rows]
        md_rows = ["| " + " | ".join(m.replace("|", "\\|") or " " for m, _ in r) + " |" for r in rows]
        md_rows.insert(1, "|" + "---|" * width)
        text = "\n".join("\t".join(t for _, t in r).strip() for r in rows)
        return _Block("table", "\n".join(md_rows), text)


def _finish_inline(md: str) -> str:
    md = _SPACE.sub(" ", md).strip()
    md = re.sub(r" ?\x00 ?", "\x00", md).strip("\x00 ")
    return md.replace("\x00", "  \n")


def _finish_plain(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    text = re.sub(r" ?\x00 ?", "\x00", text).strip("\x00 ")
    return text.replace("\x00", "\n")


def _escape(text: str) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    # Python-Markdown has no backslash escape for these two: use entities.
    text = _ENTITY.sub("&amp;", text)
    return _LT.sub("&lt;", text)


def _escape_start(md: str) -> str:
    """Keep a paragraph from reading as a heading, quote, list item or table."""
    return "\n".join(_BLOCK_START.sub(_escape_marker, line) for line in md.split("\n"))


def _escape_marker(m: re.Match[str]) -> str:
    marker = m.group(2)
    if marker[0].isdigit():
        return m.group(1) + marker[:-1] + "\\" + marker[-1]
    return m.group(1) + "\\" + marker


def _wrap(md: str, marker: str) -> str:
    if not marker or not md.strip():
        return md
    lead = md[: len(md) - len(md.lstrip())]
    trail = md[len(md.rstrip()):]
    return f"{lead}{marker}{md.strip()}{marker}{trail}"


def _code_span(code: str) -> str:
    if not code.strip():
        return code
    fence = "`" * (_longest_run(code, "`") + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def _link_target(url: str) -> str:
    url = url.replace(" ", "%20")
    return f"<{url}>" if "(" in url or ")" in url else url


def _longest_run(text: str, ch: str) -> int:
    runs = re.findall(re.escape(ch) + "+", text)
    return max((len(r) for r in runs), default=0)


def _prefix_lines(md: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else prefix.rstrip() for line in md.split("\n"))


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def _with_title(blocks: list[_Block], title: str | None) -> list[_Block]:
    """Start with the page title as a level-1 heading (the translation's title pairs with it)."""
    if not title:
        return blocks
    wanted = _norm(title)
    for index, block in enumerate(blocks[:3]):
        if block.kind == "image":
            continue
        got = _norm(block.text)
        same = got == wanted or (block.kind == "heading" and got and (got in wanted or wanted in got))
        if same and block.kind in ("heading", "paragraph"):
            head = _Block("title", "# " + _escape(block.text.replace("\n", " ")), block.text)
            return [head] + blocks[:index] + blocks[index + 1:]
        break
    return [_Block("title", "# " + _escape(title), title)] + blocks
