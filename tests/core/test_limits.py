"""Pathological inputs parse or fail cleanly, quickly, without deep recursion."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.article import parse_bytes, parse_markdown
from reader.core.errors import ArticleError, ReaderError
from reader.core.render import Renderer


def timed(text: str) -> float:
    """CPU seconds, so that a busy machine does not fail a test meant to catch blow-ups."""
    start = time.process_time()
    article = parse_markdown(text)
    Renderer().document(article.blocks[:2000])
    return time.process_time() - start


def test_thirty_megabytes() -> None:
    para = "这是一个比较长的测试段落，包含 English words 和一些数字 2024 以及标点符号。" * 4
    text = "# t\n\n" + "\n\n".join([para] * int(30e6 / len(para.encode())))
    assert timed(text) < 5


def test_one_megabyte_line() -> None:
    assert timed("# t\n\n" + "词 word *x* [a](b) " * 60000) < 5


def test_ten_thousand_nested_quotes() -> None:
    article = parse_markdown("# t\n\n" + ">" * 10000 + " deep")
    assert article.units[-1].text == "deep" and article.units[-1].level == 10000
    assert timed("# t\n\n" + ">" * 10000 + " deep\n" + "> shallow\n" * 100) < 5


def test_ten_thousand_nested_list_levels() -> None:
    text = "# t\n\n" + "\n".join(" " * (2 * i) + "- item" for i in range(10000))
    article = parse_markdown(text)
    assert len(article.units) == 10001 and article.units[-1].level == 9999
    assert timed(text) < 5


def test_unclosed_fence() -> None:
    article = parse_markdown("# t\n\n```python\n" + "x = 1\n" * 5000)
    assert article.units[-1].kind == "code"


def test_time_limit_fails_cleanly() -> None:
    from reader.core.blocks import _Splitter

    with pytest.raises(ArticleError, match="too large"):
        _Splitter(("段\n\n" * 100000).split("\n"), 1, time_limit=-1).run()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_parses_or_raises_our_error(text: str) -> None:
    with contextlib.suppress(ReaderError):
        article = parse_markdown(text)
        Renderer().document(article.blocks)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="#>-*`~[]()!|<>_\\ \n1.abc中文", max_size=300))
def test_markup_soup_parses(text: str) -> None:
    article = parse_markdown(text)
    Renderer().document(article.blocks)
    for block in article.blocks:
        assert block.line_start <= block.line_end


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_parse_or_raise_our_error(data: bytes) -> None:
    with contextlib.suppress(ReaderError):
        parse_bytes(data)
