"""Raw HTML never reaches the view unsanitized; images stay inside the article folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.article import parse_article, parse_markdown
from reader.core.images import resolve_image
from reader.core.render import Renderer, block_state


def render(text: str, base: Path | None = None) -> str:
    article = parse_markdown(text, path=(base / "a.md") if base else None)
    return Renderer(article.base_dir, article.references).document(article.blocks).html


@pytest.mark.parametrize(
    "evil",
    [
        "<script>alert(1)</script>",
        "<style>body{display:none}</style>",
        '<iframe src="https://evil.example"></iframe>',
        '<object data="x.swf"></object>',
        '<img src="x.png" onerror="alert(1)">',
        '<a href="javascript:alert(1)">click</a>',
        '<p onclick="alert(1)">para</p>',
        "[md link](javascript:alert(1))",
    ],
)
def test_dangerous_html_is_removed(evil: str) -> None:
    html = render(f"# T\n\n{evil}\n\n正文 {evil} 结束")
    lowered = html.lower()
    for needle in ("<script", "alert(1)</", "<style", "<iframe", "<object", "onerror", "onclick",
                   "javascript:"):
        assert needle not in lowered


def test_trailing_svg_disappears() -> None:
    html = render('# T\n\n正文\n\n<svg xmlns:xlink="x" viewBox="0 0 68 31"><title>Group</title> <desc>Created with Sketch.</desc></svg>')
    assert "Group" not in html and "Sketch" not in html and "<svg" not in html


def test_code_is_highlighted_by_pygments() -> None:
    html = render("```python\ndef f():\n    return 1\n```")
    assert "<pre style=" in html and "color:" in html and "def" in html


@pytest.mark.parametrize("text", [
    "这是一段没有任何标记的中文，带有全角标点：“引号”、（括号）和顿号。",
    "Plain English with 'quotes', \"double quotes\", and a question?",
    "两行的段落\n第二行紧跟着",
    "Ünïcode, ellipsis… and an em dash — all fine",
])
def test_plain_text_renders_without_markdown_and_the_same(text: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    renderer = Renderer()
    expected = renderer.markdown(text).strip()
    monkeypatch.setattr(renderer._md, "convert", lambda _s: (_ for _ in ()).throw(AssertionError("used Markdown")))
    assert f"<p>{renderer.inline(text)}</p>" == expected


@pytest.mark.parametrize("text", ["a *b*", "x_y_z", "[link](u)", "<b>x</b>", "a & b", "1. item", "a  \nb",
                                  "`code`", "50% off", "a:b", "(x)", "mail@host", "no\xa0break"])
def test_text_with_markup_still_goes_through_markdown(text: str) -> None:
    from reader.core.render import _MARKUP

    assert _MARKUP.search(text), text


def test_lists_leave_room_between_marker_and_text() -> None:
    html = Renderer().document(parse_markdown("- 一\n  - 二\n\n1. 甲\n2. 乙").blocks).html
    assert html.count('<ul style="list-style-type: none; -qt-list-indent: 1;">') == 1  # the view draws it
    assert html.count('<ul style="list-style-type: none; -qt-list-indent: 2;">') == 1
    assert html.count("-qt-list-number-suffix: '.\u2002'; -qt-list-indent: 1;") == 2


def test_each_block_has_an_anchor() -> None:
    article = parse_markdown("# T\n\n- a\n- b\n\n```\nc\n```\n\n| x |\n|---|\n| 1 |")
    html = Renderer().document(article.blocks).html
    for block in article.blocks:
        assert f"-qt-user-state: {block_state('b', block.index)};" in html
    assert "<a name=" not in html  # named anchors made Qt's HTML import quadratic


def test_images_are_confined(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "ok.png").write_bytes(b"\x89PNG")
    (tmp_path.parent / "secret.png").write_bytes(b"\x89PNG")
    assert resolve_image("img/ok.png", tmp_path).kind == "local"
    assert resolve_image("img/none.png", tmp_path).kind == "missing"
    assert resolve_image("../secret.png", tmp_path).kind == "refused"
    assert resolve_image("../../../etc/passwd", tmp_path).kind == "refused"
    assert resolve_image("/etc/passwd", tmp_path).kind == "refused"
    assert resolve_image("file:///etc/passwd", tmp_path).kind == "refused"
    assert resolve_image("https://example.com/a.png", tmp_path).kind == "remote"
    assert resolve_image("img/%6Fk.png", tmp_path).kind == "local"


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    folder = tmp_path / "article"
    folder.mkdir()
    (folder / "link.png").symlink_to(tmp_path / "outside.png")
    assert resolve_image("link.png", folder).kind == "refused"


def test_article_images_and_warnings(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# T\n\n![](img/x.png)\n\n![](../../../etc/passwd)\n\n<img src=\"https://e.org/r.png\">", encoding="utf-8")
    article = parse_article(path)
    assert [i.kind for i in article.images] == ["missing", "refused", "remote"]
    assert any("outside" in w or "absolute" in w for w in article.warnings)


def test_rendered_images_use_tokens(tmp_path: Path) -> None:
    article = parse_markdown("# T\n\n![a](img/x.png)", path=tmp_path / "a.md")
    rendered = Renderer(article.base_dir).document(article.blocks)
    assert 'src="reader-image:b0"' in rendered.html
    assert rendered.images["reader-image:b0"].kind == "missing"


def test_renderer_uses_exactly_the_declared_extensions() -> None:
    from reader.core.render import MARKDOWN_EXTENSIONS, _extensions

    assert [type(e).__module__.rsplit(".", 1)[-1] for e in _extensions()] == MARKDOWN_EXTENSIONS
