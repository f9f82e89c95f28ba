"""A translation and its original as one parallel text: units of both sides, aligned.

The aligner works on unit sequences; this module maps its pairs back to the blocks of
each side (by ``Block.index``) so views and exports can find a block's counterpart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.core.article import Article
from reader.core.blocks import Block


@dataclass(frozen=True)
class Pair:
    zh: tuple[Block, ...]
    en: tuple[Block, ...]
    confidence: float

    @property
    def unpaired(self) -> bool:
        return not self.zh or not self.en

    def zh_text(self) -> str:
        return "\n".join(b.text for b in self.zh)

    def en_text(self) -> str:
        return "\n".join(b.text for b in self.en)

    def differences(self) -> list[str]:
        """What a proofreader should check: numbers, URLs, code of the original missing here."""
        if self.unpaired:
            return []
        from reader.core.align import translation_differences  # the aligner loads on first use

        # The plain text has lost the backticks and <code> that mark code: look in the sources.
        return translation_differences(self.zh_text(), self.en_text(),
                                       zh_source="\n".join(b.source for b in self.zh),
                                       en_source="\n".join(b.source for b in self.en))


@dataclass
class ParallelText:
    pairs: list[Pair]
    zh_pair: dict[int, int] = field(default_factory=dict)  # zh block index -> pair index
    en_pair: dict[int, int] = field(default_factory=dict)  # en block index -> pair index

    def __post_init__(self) -> None:
        for k, pair in enumerate(self.pairs):
            for block in pair.zh:
                self.zh_pair[block.index] = k
            for block in pair.en:
                self.en_pair[block.index] = k

    @property
    def paired_count(self) -> int:
        return sum(1 for p in self.pairs if not p.unpaired)

    @property
    def unpaired_count(self) -> int:
        return sum(len(p.zh) + len(p.en) for p in self.pairs if p.unpaired)

    def pair_of(self, side: str, block_index: int) -> Pair | None:
        k = (self.zh_pair if side == "zh" else self.en_pair).get(block_index)
        return self.pairs[k] if k is not None else None

    def counterpart(self, side: str, block_index: int) -> tuple[Block, ...]:
        pair = self.pair_of(side, block_index)
        if pair is None:
            return ()
        return pair.en if side == "zh" else pair.zh


def pairs_json(parallel: ParallelText) -> dict[str, list[dict[str, object]]]:
    """What ``align --json`` prints: ``{"pairs": [{"zh", "en", "confidence"}]}`` in document order."""
    return {"pairs": [{"zh": p.zh_text(), "en": p.en_text(), "confidence": round(p.confidence, 3)}
                      for p in parallel.pairs]}


def align_files(translation: Path, original: Path) -> ParallelText:
    """Align a translation file with a local original (HTML is extracted), as the CLI does."""
    from reader.core.article import parse_article, parse_markdown
    from reader.core.originals import load_original_file

    return align_articles(parse_article(translation),
                          parse_markdown(load_original_file(original).markdown))


def align_articles(translation: Article, original: Article) -> ParallelText:
    from reader.core.align import align_blocks

    zh_units = translation.units
    en_units = original.units
    aligned = align_blocks(zh_units, en_units)
    pairs = [
        Pair(tuple(zh_units[i] for i in p.zh), tuple(en_units[j] for j in p.en), p.confidence)
        for p in aligned
    ]
    return ParallelText(pairs)
