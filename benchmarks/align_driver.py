"""Align one zh.md with its en.html and print PRED JSON for the shared scorer.

Usage: align_driver.py ZH.md EN.html [--en-mode traf|keep]

A stand-in for the real pipeline while the team's extractor is being written. Two
English paths test that the aligner does not depend on what the extractor keeps:

* ``traf`` (default): trafilatura's Markdown, title prepended when missing;
* ``keep``: everything inside the page's main ``<article>`` (byline, callouts,
  captions, bios, share bars), ``<br><br>`` splitting paragraphs.

The mode may also be set with the ``ALIGN_EN_MODE`` environment variable.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.core.align import align_blocks  # noqa: E402
from reader.core.blocks import Block, split_blocks  # noqa: E402

_SOURCE_LINE = re.compile(r"^\s*原文\s*[:：]")


def zh_units(text: str) -> list[Block]:
    blocks = split_blocks(text.replace("\r\n", "\n")).blocks
    return [b for b in blocks if not b.meta and not _SOURCE_LINE.match(b.text)]


# -- English side: trafilatura ------------------------------------------------------
def en_markdown_traf(page: str) -> str:
    import trafilatura

    md = (
        trafilatura.extract(
            page,
            output_format="markdown",
            include_formatting=True,
            include_tables=True,
            include_images=True,
            include_links=True,
            favor_recall=True,
        )
        or ""
    )
    # trafilatura renders <pre> as an inline code line glued to the next paragraph.
    # Consecutive <pre> blocks come out glued on one line: `[PRE1]``[PRE2]`.
    md = re.sub(r"(?m)^((?:`[^`\n]+`)+)$", lambda m: m.group(1).replace("``", "`\n\n`"), md)
    md = re.sub(r"(?m)^(`[^`\n]+`)\n(?=\S)", r"\1\n\n", md)
    if not re.match(r"\s*# ", md):
        m = re.search(r"<h1\b[^>]*>(.*?)</h1>", page, re.S | re.I) or re.search(
            r"<title>(.*?)</title>", page, re.S | re.I
        )
        if m:
            title = html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()
            md = f"# {title}\n\n{md}"
    return md


# -- English side: keep everything inside <article> ----------------------------------
_VOID = {"img", "br", "hr", "meta", "link", "input", "source", "wbr"}
_SKIP = {"script", "style", "svg", "noscript", "template", "form", "button", "iframe", "nav"}
_BLOCK = {
    "p", "div", "section", "header", "footer", "aside", "figure", "figcaption", "blockquote",
    "ul", "ol", "li", "pre", "table", "h1", "h2", "h3", "h4", "h5", "h6", "article", "main", "dl",
    "dt", "dd", "tr",
}  # fmt: skip


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[_Node | str] = []


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in _VOID:
            self.cur = node

    def handle_endtag(self, tag: str) -> None:
        node: _Node | None = self.cur
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.cur = node.parent

    def handle_data(self, data: str) -> None:
        self.cur.children.append(data)


def _text_len(node: _Node) -> int:
    total = 0
    for c in node.children:
        if isinstance(c, str):
            total += len(c.strip())
        elif c.tag not in _SKIP:
            total += _text_len(c)
    return total


def _find_all(node: _Node, tag: str) -> list[_Node]:
    out: list[_Node] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.tag == tag:
            out.append(n)
        stack.extend(c for c in n.children if isinstance(c, _Node))
    return out


def _inline(node: _Node) -> str:
    parts: list[str] = []
    for c in node.children:
        if isinstance(c, str):
            parts.append(c)
        elif c.tag in _SKIP:
            continue
        elif c.tag == "br":
            parts.append("\n")
        elif c.tag == "code":
            parts.append(f"`{_inline(c)}`")
        elif c.tag in ("strong", "b"):
            parts.append(f"**{_inline(c)}**")
        elif c.tag in ("em", "i"):
            parts.append(f"*{_inline(c)}*")
        elif c.tag == "a" and c.attrs.get("href", "").startswith("http"):
            parts.append(f"[{_inline(c)}]({c.attrs['href']})")
        elif c.tag == "img":
            parts.append(f"![{c.attrs.get('alt', '')}]({c.attrs.get('src', '')})")
        else:
            parts.append(_inline(c))
    return "".join(parts)


def _clean(text: str) -> str:
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


class _Renderer:
    def __init__(self) -> None:
        self.out: list[str] = []

    def para(self, text: str, prefix: str = "") -> None:
        # <br><br> separates paragraphs; a single <br> is a line break.
        for chunk in re.split(r"\n\s*\n", text):
            lines = [_clean(line) for line in chunk.split("\n")]
            body = " ".join(line for line in lines if line)
            if body:
                self.out.append(prefix + body)

    def walk(self, node: _Node, quote: bool = False) -> None:
        inline_buf: list[_Node | str] = []

        def flush() -> None:
            if inline_buf:
                tmp = _Node("span", {}, None)
                tmp.children = list(inline_buf)
                self.para(_inline(tmp), "> " if quote else "")
                inline_buf.clear()

        for c in node.children:
            if isinstance(c, str) or (c.tag not in _BLOCK and c.tag not in _SKIP):
                inline_buf.append(c)
                continue
            flush()
            if c.tag in _SKIP:
                continue
            tag = c.tag
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                text = _clean(_inline(c).replace("\n", " "))
                if text:
                    self.out.append("#" * int(tag[1]) + " " + text)
            elif tag == "pre":
                code = "".join(_all_text(c)).strip("\n")
                self.out.append(f"```\n{code}\n```")
            elif tag == "li":
                if any(isinstance(k, _Node) and k.tag in ("p", "ul", "ol") for k in c.children):
                    self.walk(c, quote)
                else:
                    self.para(_inline(c).replace("\n", " "), "- ")
            elif tag == "blockquote":
                self.walk(c, quote=True)
            elif tag == "table":
                rows = [_clean(" | ".join(_clean(_inline(td)) for td in tr.children
                                          if isinstance(td, _Node)))
                        for tr in _find_all(c, "tr")]  # fmt: skip
                self.out.extend(f"| {r} |" for r in reversed(rows) if r)
            else:
                self.walk(c, quote)
        flush()


def _all_text(node: _Node) -> list[str]:
    out: list[str] = []
    for c in node.children:
        out.extend([c] if isinstance(c, str) else _all_text(c))
    return out


def en_markdown_keep(page: str) -> str:
    tree = _Tree()
    tree.feed(page)
    candidates = _find_all(tree.root, "article") or _find_all(tree.root, "main")
    if not candidates:
        candidates = _find_all(tree.root, "body") or [tree.root]
    main = max(candidates, key=_text_len)
    r = _Renderer()
    r.walk(main)
    md = "\n\n".join(r.out)
    if not re.match(r"\s*# ", md):
        m = re.search(r"<title>(.*?)</title>", page, re.S | re.I)
        if m:
            md = f"# {html.unescape(m.group(1)).strip()}\n\n{md}"
    return md


def en_units(page: str, mode: str) -> list[Block]:
    md = en_markdown_keep(page) if mode == "keep" else en_markdown_traf(page)
    return [b for b in split_blocks(md).blocks if not b.meta]


def _render(block: Block) -> str:
    return block.source if block.kind == "image" else block.text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("zh")
    ap.add_argument("en")
    ap.add_argument("--en-mode", default=os.environ.get("ALIGN_EN_MODE", "traf"))
    args = ap.parse_args(argv)
    zh = zh_units(Path(args.zh).read_text(encoding="utf-8"))
    en = en_units(Path(args.en).read_text(encoding="utf-8", errors="replace"), args.en_mode)
    pairs = align_blocks(zh, en)
    out = [
        {
            "zh": "\n".join(_render(zh[i]) for i in p.zh),
            "en": "\n".join(_render(en[j]) for j in p.en),
            "confidence": round(p.confidence, 3),
        }
        for p in pairs
    ]
    json.dump({"pairs": out}, sys.stdout, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
