"""Property tests (issue 14): whatever text or JSON a reader opens, the parsers raise nothing
but the app's own error (ReaderError) and finish in bounded time."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.article import parse_markdown
from reader.core.errors import ReaderError
from reader.core.header import fetchable_url, is_web_url, parse_header
from reader.core.importer import import_annotations, parse_json
from reader.core.render import BREAK, Renderer, breakable
from reader.core.store import Store

_STYLE_URL = re.compile(r"""<[^>]*\bstyle=("[^"]*|'[^']*)url""", re.IGNORECASE)
SECONDS = 5.0  # "a few seconds", generous for a loaded test machine; typical examples take ms

MARKUP = "#>-*`~[]()!|<>_\\ \n\t1.:/&;=\"'abcXYZ中文，。\u00a0\u200b\u2028"
markdownish = st.one_of(
    st.text(max_size=600),
    st.text(alphabet=MARKUP, max_size=800),
    st.text(alphabet="ab&;<>#x", min_size=150, max_size=4000),  # long unbroken runs
    st.lists(st.sampled_from(["# h", "> 原文：<https://a.example/x>", "- item", "  - sub", "```", "|a|b|",
                              "|-|-|", "<div style='background:url(/etc/x)'>", "[^1]", "[^1]: n", "![i](x.png)",
                              "<img src=file:///etc/passwd>", "1. one", "", "    code", "---"]),
             max_size=60).map("\n".join),
)


@contextlib.contextmanager
def bounded() -> Iterator[None]:
    started = time.monotonic()
    yield
    assert time.monotonic() - started < SECONDS


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_markdown_parses_and_renders_or_raises_our_error(text: str) -> None:
    with bounded(), contextlib.suppress(ReaderError):
        article = parse_markdown(text)
        html = Renderer().document(article.blocks).html
        assert not _STYLE_URL.search(html)  # styles never name a resource
        assert not re.search(r"""<[^>]*\b(?:src|href)=["']?file:""", html, re.IGNORECASE)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab&;<>\"= \n中", max_size=3000))
def test_breakable_only_adds_breaks(fragment: str) -> None:
    with bounded():
        assert breakable(fragment).replace(BREAK, "") == fragment.replace(BREAK, "") or BREAK in fragment


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=200), st.sampled_from([
    "> 原文：<https://example.com/a>", "原文：https://例子.测试/路径", "> 原文: [link](javascript:alert(1))",
    "---", "source: http://[::1", "title: x", "> 来源：<http://a.example:99999/>", "> 原文：<>"])), max_size=30))
def test_header_parser_never_raises(lines: list[str]) -> None:
    with bounded(), contextlib.suppress(ReaderError):
        header = parse_header(lines)
        if header.source_url is not None:
            assert is_web_url(header.source_url)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_url_checks_never_raise(text: str) -> None:
    with bounded(), contextlib.suppress(ReaderError):
        is_web_url(text)
        fetchable_url(text)


json_leaf = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
                      st.floats(allow_nan=True), st.text(alphabet=st.characters(), max_size=40),
                      st.text(alphabet=st.characters(categories=["Cs", "Lo", "Nd"]), max_size=10))
json_values = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=10), inner, max_size=5)), max_leaves=30)
selector = st.fixed_dictionaries({"type": st.sampled_from(["TextQuoteSelector", "TextPositionSelector", "X"])},
                                 optional={"exact": json_values, "prefix": json_values, "start": json_values,
                                           "end": json_values})
annotation = st.fixed_dictionaries(
    {"type": st.sampled_from(["Annotation", "oa:Annotation", ["Annotation"]]),
     "target": st.one_of(json_values, st.fixed_dictionaries(
         {"source": st.one_of(st.just("https://example.com/a"), json_values)},
         optional={"selector": st.one_of(selector, st.lists(selector, max_size=3))}))},
    optional={"id": json_values, "body": json_values, "bodyValue": json_values, "motivation": json_values,
              "created": json_values, "modified": json_values})
documents = st.one_of(json_values, annotation, st.lists(annotation, max_size=4),
                      st.fixed_dictionaries({"type": st.just("AnnotationCollection"),
                                             "first": st.fixed_dictionaries({"items": st.lists(annotation, max_size=3)})}))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(tmp_path_factory.mktemp("data")) as opened:
        yield opened


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(documents)
def test_importer_imports_or_reports(store: Store, document: object) -> None:
    with bounded(), contextlib.suppress(ReaderError):
        report = import_annotations(store, document)
        assert report.imported + report.skipped_duplicates + len(report.errors) >= 0
        for error in report.errors:
            error.encode("utf-8")  # printable: no lone surrogate reaches the report


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=500), st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_parse_as_json_or_raise_our_error(data: bytes) -> None:
    with bounded(), contextlib.suppress(ReaderError):
        parse_json(data, Path("x.json").name)
