"""An article edited in place: the changed blocks, and the alignment mended around them."""

from __future__ import annotations

from reader.core.article import parse_markdown
from reader.core.parallel import Pair, ParallelText, align_articles
from reader.core.patch import changed_blocks, patched_article, realign_window

ZH = "\n\n".join(f"第{k}段讲的是第{k}件事情。" for k in range(12)) + "\n"
EN = "\n\n".join(f"Paragraph {k} is about thing number {k}." for k in range(12)) + "\n"


def test_changed_blocks_names_the_edited_block_and_gives_up_when_blocks_change() -> None:
    old = parse_markdown(ZH)
    edited = parse_markdown(ZH.replace("第5段讲的是", "第5段改过，讲的是"))
    assert changed_blocks(old, edited) == [5]
    assert changed_blocks(old, parse_markdown(ZH)) == []
    split = parse_markdown(ZH.replace("第5段讲的是", "第5段\n\n讲的是"))
    assert changed_blocks(old, split) is None
    heading = parse_markdown(ZH.replace("第5段讲的是第5件事情。", "# 第5段讲的是第5件事情。"))
    assert changed_blocks(old, heading) is None


def test_realign_window_keeps_the_pairs_far_from_the_edit() -> None:
    zh, en = parse_markdown(ZH), parse_markdown(EN)
    aligned = align_articles(zh, en)
    # A pairing the aligner would not choose, far from the edit: it must stay as it was.
    first, second = aligned.pairs[:2]
    parallel = ParallelText([Pair(first.zh + second.zh, first.en + second.en, 0.5), *aligned.pairs[2:]])
    fresh = parse_markdown(ZH.replace("第9段讲的是", "第9段改过，讲的是"))
    mended = realign_window(parallel, fresh, [9], radius=1)
    assert [(tuple(b.index for b in p.zh), tuple(b.index for b in p.en)) for p in mended.pairs[:6]] == \
        [(tuple(b.index for b in p.zh), tuple(b.index for b in p.en)) for p in parallel.pairs[:6]]
    assert [b.index for b in mended.pairs[0].zh] == [0, 1]
    assert mended.counterpart("zh", 9)[0].index == 9
    assert mended.pair_of("zh", 9).zh[0].text.startswith("第9段改过")  # the new text in its pair
    assert mended.pair_of("zh", 2).zh[0] is fresh.blocks[2]  # every pair holds the new article's blocks


LONG = "# 标题\n\n" + "\n\n".join(f"第{k}段讲的是第{k}件事情，\n接着说第{k}件事情。" for k in range(30)) + "\n"


def _edit(text: str, index: int, new_text: str):  # type: ignore[no-untyped-def]
    article = parse_markdown(text)
    block = article.blocks[index]
    lines = text.split("\n")
    edited = "\n".join([*lines[: block.line_start - 1], new_text, *lines[block.line_end:]])
    new_end = block.line_start + new_text.count("\n")
    return article, block, edited, patched_article(article, index, block.line_start, block.line_end, new_end,
                                                   new_text)


def test_patched_article_is_the_parse_of_the_edited_file_without_parsing_it() -> None:
    for new_text in ("第12段改成了一行。", "第12段\n改成了\n三行。", "第12段讲的是第12件事情，\n接着说第12件事情。"):
        _old, _block, edited, patched = _edit(LONG, 13, new_text)
        assert patched is not None
        full = parse_markdown(edited)
        assert patched.blocks == full.blocks and patched.title == full.title
        assert patched.plain_text == full.plain_text and patched.key == full.key


def test_patched_article_leaves_it_to_a_full_parse_when_more_may_change() -> None:
    for new_text in ("第12段\n\n拆成两段。", "# 成了标题", "带图 ![图](a.png)", "[1]: https://example.com"):
        assert _edit(LONG, 13, new_text)[3] is None
    assert _edit(LONG, 1, "开头的一段。")[3] is None  # the header is read from the first lines
    assert _edit(LONG, 29, "结尾的一段。")[3] is None  # a source line may close the file
