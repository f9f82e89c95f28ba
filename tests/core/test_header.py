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


# --- forms seen in further OpenDocCN repositories (issue 16) ------------------------------


@pytest.mark.parametrize(
    "header",
    [
        f"> 译文：[`example.com/posts/original-article/`]({URL})",  # mislabelled, points at the original
        f"> 译文链接：[`example.com/posts/original-article/`]({URL})",
        f"> 原\ufffd\ufffd：[`example.com/posts/original-article/`]({URL})",  # label damaged to U+FFFD
        f"> 更多原文：<{URL}>",
        f"> [原文链接]({URL})",  # the label is the link's text
        f"来源：[某网站]({URL})",  # no blockquote
        f"> 噻:[`example . com/posts/original-article/`]({URL})",  # a garbled label
    ],
)
def test_damaged_or_wrong_labels_with_the_original_link(header: str) -> None:
    article = parse_markdown(f"# 标题\n\n{header}\n\n正文第一段。\n\n正文第二段。")
    assert article.source_url == URL
    assert [b.text for b in article.units] == ["标题", "正文第一段。", "正文第二段。"]


def test_label_damaged_before_a_lower_heading() -> None:
    article = parse_markdown(f"> 原\ufffd\ufffd：[`example.com/x`]({URL})\n\n#### 1.2 小节\n\n正文。")
    assert article.source_url == URL


def test_a_translated_label_loses_to_the_real_one() -> None:
    text = f"# 标题\n\n> 译文：[中文版](https://example.cn/zh/)\n>\n> 原文：<{URL}>\n\n正文。"
    assert parse_markdown(text).source_url == URL


@pytest.mark.parametrize("label", ["注", "提示", "相关", "另见"])
def test_a_quoted_note_with_a_link_is_not_the_source(label: str) -> None:
    text = f"# 标题\n\n> {label}：[某页面](https://example.org/other)\n\n正文。"
    assert parse_markdown(text).source_url is None


def test_credit_and_licence_links_are_never_the_source() -> None:
    text = "# 标题\n\n> 译者：[飞龙](https://github.com/x)\n>\n> 协议：[CC BY-NC-SA 4.0](https://creativecommons.org/)\n\n正文。"
    assert parse_markdown(text).source_url is None


def test_url_with_spaces_and_chinese_inside_angle_brackets_is_kept_whole() -> None:
    from reader.core.header import fetchable_url

    url = "https://example.com/JSON 解析文件-golang/"
    article = parse_markdown(f"# 标题\n\n> 原文：<{url}>\n\n正文。")
    assert article.source_url == url
    assert fetchable_url(url) == "https://example.com/JSON%20%E8%A7%A3%E6%9E%90%E6%96%87%E4%BB%B6-golang/"


@pytest.mark.parametrize("glued", ["（请翻译该网址", "。", "，见下文", "\u3000说明"])
def test_chinese_glued_to_the_end_of_a_url_is_not_part_of_it(glued: str) -> None:
    article = parse_markdown(f"# 标题\n\n> 原文：{URL}{glued}\n\n正文。")
    assert article.source_url == URL


def test_a_typo_in_the_href_falls_back_to_the_clean_url_in_the_text() -> None:
    text = "# 标题\n\n> 原文：[`annas-archive.org/md5/abc123`](hhttps://annas-archive.org/md5/abc123)\n\n正文。"
    assert parse_markdown(text).source_url == "https://annas-archive.org/md5/abc123"


def test_a_typo_in_the_scheme_alone_is_repaired() -> None:
    text = "# 标题\n\n> 原文：[Original](htps://example.com/a)\n\n正文。"
    assert parse_markdown(text).source_url == "https://example.com/a"


def test_the_header_link_wins_over_a_labelled_body_link_further_down() -> None:
    text = (f"# 标题\n\n[原文链接]({URL})\n\n正文第一段。\n\n"
            "来源：[`trends.google.com/`](https://trends.google.com/)\n\n正文第二段。")
    assert parse_markdown(text).source_url == URL


def test_an_unlabelled_header_quote_wins_over_a_labelled_body_line() -> None:
    text = (f"# 标题\n\n> [`example.com/posts/original-article/`]({URL})\n\n正文第一段。\n\n"
            "原文链接：http://other.example.org/copy\n\n正文第二段。")
    assert parse_markdown(text).source_url == URL


def test_a_book_title_as_source_names_no_original() -> None:
    text = "# 标题\n\n> 原文：Kubernetes in Action\n\n正文，见 [文档](https://kubernetes.io/)。\n\n来源：[x](https://x.example.com/)"
    article = parse_markdown(text)
    assert article.source_url is None
    assert any("no usable" in w for w in article.warnings)


def test_the_closing_of_an_html_comment_is_never_the_title() -> None:
    article = parse_markdown("<!--\n-->\n-->\n===\n\n# 真标题\n\n正文。")
    assert article.title == "真标题"
    assert parse_markdown("# -->\n\n正文。").title == "Untitled"


@pytest.mark.parametrize(
    "entry",
    ["# (井号), 45", "# (井号)，45–47, 112", "# 注释, [使用注释](ch02.html#idm45), [数组](ch03.html#idm7)"],
)
def test_an_index_entry_of_a_book_is_never_the_title(entry: str) -> None:
    article = parse_markdown(f"{entry}\n\n+ 运算符, 12\n\n# 索引\n")
    assert article.title == "索引"


@pytest.mark.parametrize("title", ["Hello, World", "第一章，入门", "Go 1.18, 发布说明"])
def test_titles_with_commas_stay_titles(title: str) -> None:
    assert parse_markdown(f"# {title}\n\n正文。").title == title


def test_an_empty_file_is_an_empty_article(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reader.core.article import parse_article

    for data in (b"", b" \n\n\t", "\ufeff".encode()):
        path = tmp_path / "empty.md"
        path.write_bytes(data)
        article = parse_article(path)
        assert article.blocks == [] and article.title == "empty" and article.source_url is None
        assert article.warnings == ["the file is empty"]
