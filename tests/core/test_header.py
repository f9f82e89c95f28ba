"""Every spelling of the source line the translation repositories use."""

from __future__ import annotations

import pytest

from reader.core.article import parse_markdown

URL = "https://example.com/posts/original-article/"


@pytest.mark.parametrize(
    "header",
    [
        f"> 原文：<{URL}>",
        f"> 原文: <{URL}>",
        f"> 原文:<{URL}>",
        f"> 原文： {URL}",
        f"> 原文：[Original article]({URL})",
        f"> 原文：[`example.com/posts/original-article/`]({URL})",
        f"> 原文：[{URL}]({URL})",
        f'> 原文：[Book Title]({URL} "title")',
        f"> 来源：[某网站]({URL})",
        f"> 原始文本：<{URL}>",
        f"原文链接：{URL}",
        f"> 原文地址：<{URL}>",
        f"> 原文出处：[link]({URL})",
        f"英文原文：{URL}",
        f"Source: {URL}",
        f"> source: <{URL}>",
        f"Original: [here]({URL})",
        f"-   来源：[site]({URL})",
        f"> **来源：[site]({URL})**",
        f"> 本文链接：{URL}",
        f"> 查看原文：{URL}",
        f"> 出处：{URL}",
        f"> [`example.com/posts/original-article/`]({URL})原文：",
        f"原文：<{URL}>",
    ],
)
def test_header_forms(header: str) -> None:
    article = parse_markdown(f"# 标题\n\n{header}\n\n正文第一段。\n\n正文第二段。")
    assert article.source_url == URL
    assert article.title == "标题"
    assert [b.text for b in article.units] == ["标题", "正文第一段。", "正文第二段。"]


def test_translator_lines_in_header_are_not_units() -> None:
    text = f"# 标题\n\n> 译者：飞龙\n>\n> 来源：[x]({URL})\n>\n> 协议：CC BY-NC-SA 4.0\n\n正文。"
    article = parse_markdown(text)
    assert article.source_url == URL
    assert [b.text for b in article.units] == ["标题", "正文。"]


def test_yaml_front_matter() -> None:
    text = f"---\ntitle: 前言标题\noriginal_url: {URL}\n---\n\n正文。"
    article = parse_markdown(text)
    assert article.source_url == URL
    assert article.title == "前言标题"
    assert [b.text for b in article.units] == ["正文。"]


@pytest.mark.parametrize("key", ["source", "original", "original_url", "url", "link"])
def test_front_matter_keys(key: str) -> None:
    assert parse_markdown(f"---\n{key}: {URL}\n---\n\n# T\n\n正文").source_url == URL


def test_html_comment_front_matter() -> None:
    text = f"<!--yml\n分类：机器学习\n日期：2024-01-01\n-->\n\n# 标题\n\n> 原文：<{URL}>\n\n正文。"
    article = parse_markdown(text)
    assert article.source_url == URL
    assert article.front_matter["分类"] == "机器学习"
    assert [b.text for b in article.units] == ["标题", "正文。"]


def test_unclosed_metadata_comment_still_parses() -> None:
    article = parse_markdown(f"<!--yml\n分类：x\n\n# 标题\n\n> 原文：<{URL}>\n\n正文。")
    assert article.source_url == URL
    assert any("never closed" in w for w in article.warnings)


def test_source_repeated_at_the_end_is_furniture() -> None:
    text = f"# 标题\n\n> 原文：<{URL}>\n\n正文。\n\n> 原文：<{URL}>"
    article = parse_markdown(text)
    assert [b.text for b in article.units] == ["标题", "正文。"]


def test_source_only_at_the_end() -> None:
    article = parse_markdown("# 标题\n\n正文。\n\n" + "更多。\n\n" * 20 + f"原文链接：{URL}")
    assert article.source_url == URL


@pytest.mark.parametrize(
    "value",
    ["javascript:alert(1)", "file:///etc/passwd", "Machine Learning Bookcamp", "<http//broken>",
     "[x](ftp://example.com/a)", "https://exa mple.com/a"],
)
def test_non_web_sources_warn(value: str) -> None:
    article = parse_markdown(f"# 标题\n\n> 原文：{value}\n\n正文。")
    assert article.source_url is None
    assert any("source line" in w for w in article.warnings)


def test_body_credit_lines_are_not_the_source() -> None:
    body = "\n\n".join(f"第{i}段。" for i in range(20))
    text = f"# 标题\n\n> 原文：<{URL}>\n\n{body}\n\n来源:[赫普西奥](https://heptio.com/x)\n\n结尾。"
    article = parse_markdown(text)
    assert article.source_url == URL
    assert "赫普西奥" in [b.text for b in article.units][-2]


def test_archive_and_tracking_urls_kept_as_published() -> None:
    url = "http://web.archive.org/web/20200101000000/http://example.com/a?source=x---1#0001"
    assert parse_markdown(f"# T\n\n> 原文：<{url}>\n\nx").source_url == url


def test_title_falls_back_to_file_name(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reader.core.article import parse_article

    path = tmp_path / "my-article.md"
    path.write_text("没有标题的正文。", encoding="utf-8")
    assert parse_article(path).title == "my-article"


def test_first_h1_is_the_title_even_with_several() -> None:
    article = parse_markdown("# 第一\n\n正文\n\n# 第二\n\n更多")
    assert article.title == "第一"
