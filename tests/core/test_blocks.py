"""Splitting Markdown into reading units."""

from __future__ import annotations

from reader.core.article import parse_markdown
from reader.core.blocks import inline_text, split_blocks


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in split_blocks(text).blocks]


def test_headings_paragraphs_and_line_ranges() -> None:
    blocks = split_blocks("# 一\n\n第一段\n继续\n\n## 二 ##\n\n第二段", first_line=1).blocks
    assert [(b.kind, b.level, b.text, b.line_start, b.line_end) for b in blocks] == [
        ("heading", 1, "一", 1, 1),
        ("paragraph", 0, "第一段 继续", 3, 4),
        ("heading", 2, "二", 6, 6),
        ("paragraph", 0, "第二段", 8, 8),
    ]


def test_setext_headings() -> None:
    assert kinds("Title\n=====\n\nSub\n---\n\ntext") == [
        ("heading", "Title"), ("heading", "Sub"), ("paragraph", "text")
    ]


def test_list_items_are_units_with_levels() -> None:
    blocks = split_blocks("- a\n- b\n  continued\n    - nested\n1. one\n2. two").blocks
    assert [(b.kind, b.level, b.text, b.ordinal) for b in blocks] == [
        ("list_item", 0, "a", None),
        ("list_item", 0, "b continued", None),
        ("list_item", 1, "nested", None),
        ("list_item", 0, "one", 1),
        ("list_item", 0, "two", 2),
    ]


def test_quotes_split_by_paragraph_and_depth() -> None:
    blocks = split_blocks("> 第一\n> 续\n>\n> 第二\n>> 更深").blocks
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("quote", 1, "第一 续"), ("quote", 1, "第二"), ("quote", 2, "更深")
    ]


def test_code_blocks_are_verbatim() -> None:
    blocks = split_blocks("```python\nx = *a*  # [link](b)\n\ny = 2\n```\n\n    indented()\n").blocks
    assert blocks[0].kind == "code" and blocks[0].lang == "python"
    assert blocks[0].text == "x = *a*  # [link](b)\n\ny = 2"
    assert (blocks[1].kind, blocks[1].text) == ("code", "indented()")


def test_unclosed_fence_runs_to_the_end_with_a_warning() -> None:
    result = split_blocks("text\n\n```\ncode\nmore")
    assert result.blocks[-1].text == "code\nmore"
    assert result.warnings


def test_longer_fence_closed_by_shorter_one() -> None:
    result = split_blocks("````\ncode\n```\n\nafter")
    assert [(b.kind, b.text) for b in result.blocks] == [("code", "code"), ("paragraph", "after")]
    assert not result.warnings


def test_tables_images_html_and_footnotes() -> None:
    text = (
        "| a | b |\n|---|---|\n| 1 | **2** |\n\n![alt](img/x.png)\n\n"
        "<div>raw <b>html</b></div>\n\n<svg><title>Group</title></svg>\n\n[^1]: 脚注"
    )
    assert kinds(text) == [
        ("table", "a | b\n1 | 2"),
        ("image", ""),
        ("html", "raw html"),
        ("footnote", "脚注"),
    ]


def test_inline_text_strips_markup() -> None:
    source = "用 **粗体**、*斜体*、`code *x*`、[链接](https://x.org/a_(b)) 和 <span>标签</span> &amp; ![i](y.png)\\*"
    assert inline_text(source) == "用 粗体、斜体、code *x*、链接 和 标签 & *"


def test_snake_case_is_not_emphasis() -> None:
    assert inline_text("call my_func_name now") == "call my_func_name now"


def test_units_exclude_header_furniture() -> None:
    article = parse_markdown("# T\n\n> 原文：<https://x.org/a>\n\n正文")
    assert [b.kind for b in article.blocks] == ["heading", "quote", "paragraph"]
    assert article.blocks[1].meta and not article.blocks[2].meta
    assert article.plain_text == "T\n\n正文"


def test_reference_links() -> None:
    result = split_blocks("see [the docs][d] now\n\n[d]: https://example.com/docs")
    assert result.blocks[0].text == "see the docs now"
    assert "d" in result.references
