"""Review marks: set, listed per pair, kept across edits of the file and a new alignment."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.article import parse_article
from reader.core.editing import replace_block
from reader.core.review import ReviewError, review_items, review_progress, set_review
from reader.core.store import Store

TEXT = "# 标题\n\n> 原文：<https://example.com/a>\n\n第一段。\n\n第二段。\n\n第三段。\n\n![](img/x.png)\n\n第五段。\n"


def _article(tmp_path: Path, text: str = TEXT) -> Path:
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    return path


def _states(store: Store, path: Path) -> list[tuple[str, str, bool]]:
    return [(i.zh, i.status, i.edited) for i in review_items(store, parse_article(path), None)]


def test_marks_survive_edits_of_other_paragraphs_and_say_edited_on_their_own(tmp_path: Path) -> None:
    path = _article(tmp_path)
    with Store(tmp_path / "data") as store:
        article = parse_article(path)
        items = review_items(store, article, None)
        assert [i.zh for i in items] == ["标题", "第一段。", "第二段。", "第三段。", "", "第五段。"]
        set_review(store, article, None, items[2].index, "reviewed")
        set_review(store, article, None, items[3].index, "flagged", "术语不对")
        set_review(store, article, None, items[4].index, "reviewed")  # an image: anchored by source
        # Another paragraph grows, one is inserted before: the marks follow their text.
        blocks = parse_article(path).blocks
        first = next(b for b in blocks if b.text == "第一段。")
        replace_block(path, first.index, "第一段，改得长了很多。\n\n新插入的一段。", store=store)
        states = _states(store, path)
        assert states[3:6] == [("第二段。", "reviewed", False), ("第三段。", "flagged", False),
                               ("", "reviewed", False)]
        assert states[1] == ("第一段，改得长了很多。", "unreviewed", True)
        # The flagged pair itself is edited: it keeps its state and note, marked edited.
        third = next(b for b in parse_article(path).blocks if b.text == "第三段。")
        replace_block(path, third.index, "第三段，术语改对了。", store=store)
        item = next(i for i in review_items(store, parse_article(path), None) if i.zh.startswith("第三段"))
        assert (item.status, item.note, item.edited) == ("flagged", "术语不对", True)
        progress = review_progress(store)[parse_article(path).key]
        assert (progress.pairs, progress.reviewed, progress.flagged, progress.state) == (
            7, 2, 1, "in progress")


def test_reopening_keeps_the_marks(tmp_path: Path) -> None:
    path = _article(tmp_path)
    with Store(tmp_path / "data") as store:
        article = parse_article(path)
        set_review(store, article, None, 1, "reviewed")
    with Store(tmp_path / "data") as store:
        assert _states(store, path)[1] == ("第一段。", "reviewed", False)


def test_a_bad_pair_or_status_is_a_clean_error(tmp_path: Path) -> None:
    path = _article(tmp_path)
    with Store(tmp_path / "data") as store:
        article = parse_article(path)
        with pytest.raises(ReviewError, match="no pair 99"):
            set_review(store, article, None, 99, "reviewed")
        with pytest.raises(ReviewError, match="unknown review status"):
            set_review(store, article, None, 1, "done")


def test_all_reviewed_is_reviewed(tmp_path: Path) -> None:
    path = _article(tmp_path, "# 标题\n\n一段。\n")
    with Store(tmp_path / "data") as store:
        article = parse_article(path)
        for item in review_items(store, article, None):
            set_review(store, article, None, item.index, "reviewed")
        assert review_progress(store, [article.key])[article.key].state == "reviewed"
