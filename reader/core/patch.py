"""An article edited in place: which blocks changed, and the alignment mended around them.

After the app's own save the window shows the new text without reading, drawing and
aligning the whole article again: when the file still has the same blocks (same kinds, in
the same order) only the changed ones are drawn again, and only a window of pairs around
them is aligned again; the other pairs are kept as they were.
"""

from __future__ import annotations

from dataclasses import replace

from reader.core.article import Article
from reader.core.blocks import split_blocks
from reader.core.parallel import Pair, ParallelText

REALIGN_RADIUS = 2  # pairs before and after the edited ones that are aligned again
HEADER_LINES = 20  # the header (source line, credits) is read from the first lines: parse it all
EDGE_BLOCKS = 3  # a source line may also close the file: the last blocks are parsed with it all


def patched_article(old: Article, block_index: int, line_start: int, old_line_end: int,
                    new_line_end: int, new_text: str) -> Article | None:
    """``old`` with the paragraph ``block_index`` (its lines now end at ``new_line_end``)
    holding ``new_text``, without parsing the whole file again; None when the edit may change
    more than that paragraph (it became two blocks or another kind, holds an image or a link
    definition, sits in the header or the last blocks): then parse the file."""
    blocks = old.blocks
    if not 0 <= block_index < len(blocks) - EDGE_BLOCKS:
        return None
    block = blocks[block_index]
    if block.kind != "paragraph" or block.meta or block.line_start <= HEADER_LINES \
            or block.line_end != old_line_end or block.line_start != line_start:
        return None
    if any(mark in text for text in (block.source, new_text) for mark in ("!", "<img", "<IMG", "]:")):
        return None
    split = split_blocks(new_text, first_line=block.line_start)
    if len(split.blocks) != 1 or split.references or split.warnings:
        return None
    new = split.blocks[0]
    if new.kind != "paragraph" or new.line_end != new_line_end:
        return None
    delta = new_line_end - old_line_end
    later = blocks[block_index + 1:] if not delta else [
        replace(b, line_start=b.line_start + delta, line_end=b.line_end + delta) for b in blocks[block_index + 1:]]
    new.index = block_index
    return replace(old, blocks=[*blocks[:block_index], new, *later], warnings=list(old.warnings))


def changed_blocks(old: Article, new: Article) -> list[int] | None:
    """Indices of the blocks whose text changed, or None when the blocks themselves changed
    (one more or one fewer, another kind): then the whole article must be read again."""
    if len(old.blocks) != len(new.blocks) or old.references != new.references:
        return None
    changed: list[int] = []
    for a, b in zip(old.blocks, new.blocks, strict=True):
        if (a.kind, a.meta, a.level, a.lang, a.ordinal, a.index) != (b.kind, b.meta, b.level, b.lang, b.ordinal,
                                                                     b.index):
            return None
        if a.source != b.source or a.text != b.text:
            changed.append(b.index)
    return changed


def realign_window(parallel: ParallelText, fresh: Article, changed: list[int],
                   radius: int = REALIGN_RADIUS) -> ParallelText:
    """``parallel`` with the translation's blocks taken from ``fresh`` and the pairs within
    ``radius`` of the changed blocks aligned again; the rest of the alignment stays."""
    from reader.core.align import align_blocks

    pairs = [Pair(tuple(fresh.blocks[b.index] for b in p.zh), p.en, p.confidence) for p in parallel.pairs]
    touched = sorted({parallel.zh_pair[i] for i in changed if i in parallel.zh_pair})
    if not touched:
        return ParallelText(pairs)
    low, high = max(0, touched[0] - radius), min(len(pairs), touched[-1] + radius + 1)
    zh = [b for p in pairs[low:high] for b in p.zh]
    en = [b for p in pairs[low:high] for b in p.en]
    window = [Pair(tuple(zh[i] for i in a.zh), tuple(en[j] for j in a.en), a.confidence)
              for a in align_blocks(zh, en)]
    return ParallelText(pairs[:low] + window + pairs[high:])
