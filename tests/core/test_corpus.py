"""Every real article of the shared corpus parses, with its source URL (slow: --runslow)."""

from __future__ import annotations

import pytest

from reader.core.article import parse_article
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "thenewstack-zh"


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the repository")
def test_whole_corpus_parses_with_sources() -> None:
    files = sorted(CORPUS.glob("*.md"))
    assert len(files) == 12916
    errors, without_source = [], []
    for path in files:
        try:
            article = parse_article(path)
        except Exception as exc:  # any failure at all is a finding
            errors.append(f"{path.name}: {exc}")
            continue
        if not (article.source_url or "").startswith("https://thenewstack.io/"):
            without_source.append(path.name)
        assert article.units and article.title
    assert errors == []
    assert without_source == []


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the repository")
def test_plain_paragraphs_skip_markdown_with_the_same_html() -> None:
    """The renderer's shortcut for text Markdown would not touch gives exactly its HTML."""
    import html

    from reader.core.render import _MARKUP, Renderer

    renderer = Renderer()
    checked, different = 0, []
    for path in sorted(CORPUS.glob("*.md"))[::4]:  # a quarter of the corpus: ~37,000 paragraphs
        for block in parse_article(path).blocks:
            if block.kind not in ("paragraph", "heading", "footnote") or _MARKUP.search(block.source):
                continue
            checked += 1
            rendered = renderer.markdown(block.source).strip()
            if rendered != f"<p>{html.escape(block.source, quote=False)}</p>":
                different.append(f"{path.name}: {block.source[:60]!r} -> {rendered[:80]!r}")
    assert checked > 30_000 and different == []
