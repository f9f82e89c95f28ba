"""Sentences of a paragraph pair: splitting each side, and pairing the sentences.

Splitting
  * Chinese: a sentence ends after 。！？； (and ASCII !? right after a Chinese character),
    an ellipsis (……), with the closing quotes and brackets that follow; an English
    sentence kept inside the Chinese text ends at . ! ? before a Chinese character, and a
    run of mostly Latin text is split like English.
  * English: ``sentencex`` (rule-based, with abbreviation lists), not a hand-made regex.
  * Code spans and URLs are masked before splitting, so a dot inside them never ends a
    sentence; decimals and abbreviations are the splitter's business.

Pairing
  A monotone dynamic program over the two sentence lists of one paragraph pair, with the
  shapes 1:1, 1:2, 2:1, 1:3, 3:1, 1:0 and 0:1. A candidate group scores the same kinds of
  evidence the paragraph aligner uses: the log ratio of the two lengths (CJK characters
  times the document's factor plus Latin words, against English words), Latin words,
  numbers and code shared verbatim, and Latin tokens that sit in another sentence of the
  other side. Leaving a sentence unpaired costs a fixed prior, so a sentence is only left
  alone when pairing it is clearly worse: that is what the check reports as an omission
  or an addition.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sentencex import segment  # type: ignore[import-untyped]

from reader.core.blocks import Block

__all__ = [
    "PairSentences",
    "Sentence",
    "SentenceGroup",
    "align_sentences",
    "block_sentences",
    "code_spans",
    "length_ratio",
    "pair_sentences",
    "split_en",
    "split_zh",
]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_TOKEN = re.compile(r"[a-z0-9]+(?:[._\-/:+#][a-z0-9]+)*")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"'`，。、）]+", re.IGNORECASE)
_BACKTICK = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_HTML_CODE = re.compile(r"<code\b[^>]*>(.*?)</code\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")

# A Chinese sentence end, with the closing quotes and brackets that belong to it.
_CLOSERS = "”’」』）)】》〉\"'"
_ZH_END = re.compile(
    rf"(?:[。！？；]+|(?<=[\u3400-\u9fff])[!?;]+|……+|(?<=[\u3400-\u9fff])\.(?=\s|$|[\u3400-\u9fff])"
    rf"|(?<=[A-Za-z0-9)\]])[.!?](?=\s*[\u3400-\u9fff]))[{_CLOSERS}]*"
)
_LATIN_HEAVY = 0.6  # share of letters that are Latin above which a piece is split like English


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one block: its text and where it sits in the block's plain text."""

    block: int  # position of the block inside its pair (0 for the first block)
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class SentenceGroup:
    """Sentences of the two sides that translate each other; one side may be empty."""

    zh: tuple[int, ...]  # indices into the pair's Chinese sentences
    en: tuple[int, ...]


def code_spans(source: str) -> list[str]:
    """Contents of the inline code of Markdown ``source``: backtick spans and HTML <code>."""
    out: list[str] = []
    if "`" in source:
        out += [m.group(2).strip() for m in _BACKTICK.finditer(source)]
    if "<code" in source.lower():
        out += [_TAG.sub("", m.group(1)).strip() for m in _HTML_CODE.finditer(source)]
    return [c for c in out if c]


def _masked(text: str, protected: Sequence[str]) -> str:
    """``text`` with URLs and the given code contents replaced by letters of the same length."""
    chars = list(text)
    spans = [(m.start(), m.end()) for m in _URL.finditer(text)]
    for code in protected:
        if not any(ch in code for ch in ".!?。！？；"):
            continue
        start = text.find(code)
        while start >= 0:
            spans.append((start, start + len(code)))
            start = text.find(code, start + len(code))
    for a, b in spans:
        for k in range(a, b):
            if not chars[k].isspace():
                chars[k] = "x"
    return "".join(chars)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _en_spans(masked: str, offset: int = 0) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in segment("en", masked):
        if not piece:
            continue
        start = masked.find(piece, pos)
        if start < 0:  # the splitter changed the text: keep the rest whole
            break
        pos = start + len(piece)
        spans.append((offset + start, offset + pos))
    if pos < len(masked):
        spans.append((offset + pos, offset + len(masked)))
    return spans


def split_en(text: str, code: Sequence[str] = ()) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of English ``text``; ``code`` are code contents to keep whole."""
    if not text.strip():
        return []
    masked = _masked(text, code)
    out = [t for a, b in _en_spans(masked) if (t := _trimmed(text, a, b))]
    return out


def _latin_share(text: str) -> float:
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    cjk = len(_CJK.findall(text))
    return latin / (latin + cjk) if latin + cjk else 0.0


def split_zh(text: str, code: Sequence[str] = ()) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of Chinese ``text`` (English kept inside is split as English)."""
    if not text.strip():
        return []
    masked = _masked(text, code)
    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in _ZH_END.finditer(masked):
        pieces.append((pos, m.end()))
        pos = m.end()
    if pos < len(masked):
        pieces.append((pos, len(masked)))
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        piece = masked[a:b]
        if ". " in piece and _latin_share(piece) >= _LATIN_HEAVY:
            sub = _en_spans(piece, a)
        else:
            sub = [(a, b)]
        out += [t for s, e in sub if (t := _trimmed(text, s, e))]
    return out


# -- pairing --------------------------------------------------------------------------
SHAPE_PRIOR = {(1, 1): 0.0, (1, 2): -4.0, (2, 1): -2.8, (1, 3): -5.5, (3, 1): -3.4}
SKIP_ZH = -3.2  # leaving a Chinese sentence unpaired (an addition)
SKIP_EN = -2.2  # leaving an English sentence unpaired (an omission)
VAR_BASE = 0.06  # spread of the length log ratio of true pairs of long sentences
VAR_SHORT = 1.5  # extra spread of short ones
LEADING_SKIP = -1.5  # added for English sentences left out before the first translated one
TRAILING_SKIP = -0.8  # for English sentences left out after the last translated one
SHARED_TOKEN = 0.9  # a Latin word or number found on both sides of a group
MISPLACED_TOKEN = -0.9  # a token of the group found only in another sentence of the other side
TOKEN_CAP = 4
DEFAULT_RATIO = 0.55  # English words per CJK character in typical technical translations


@dataclass(slots=True)
class _Feat:
    cjk: int
    words: int
    tokens: frozenset[str]


_WIDE = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")  # full-width digits and letters


def _features(text: str) -> _Feat:
    if _WIDE.search(text):  # full-width letters and digits count as Latin ones
        text = unicodedata.normalize("NFKC", text)
    low = text.lower()
    tokens = frozenset(t for t in _TOKEN.findall(low) if len(t) > 1 or t.isdigit())
    return _Feat(len(_CJK.findall(text)), len(_LATIN_WORD.findall(text)), tokens)


def length_ratio(pairs: Sequence[tuple[str, str]]) -> float:
    """English words per CJK character, from a document's paragraph pairs (median)."""
    ratios: list[float] = []
    for zh, en in pairs:
        z, e = _features(zh), _features(en)
        if z.cjk >= 20 and e.words >= 8:
            ratios.append(max(e.words - z.words, 1) / z.cjk)
    if len(ratios) < 3:
        return DEFAULT_RATIO
    ratios.sort()
    return min(max(ratios[len(ratios) // 2], 0.2), 1.5)


def align_sentences(
    zh: Sequence[str], en: Sequence[str], ratio: float = DEFAULT_RATIO
) -> list[SentenceGroup]:
    """Pair the sentences of one paragraph pair: a monotone path of groups, in order."""
    n, m = len(zh), len(en)
    if n == 0 or m == 0:
        return [SentenceGroup((i,), ()) for i in range(n)] + [
            SentenceGroup((), (j,)) for j in range(m)
        ]
    if n == 1 and m == 1:
        return [SentenceGroup((0,), (0,))]
    fz = [_features(s) for s in zh]
    fe = [_features(s) for s in en]
    # Only tokens found on both sides can be shared or misplaced.
    both = frozenset().union(*(f.tokens for f in fz)) & frozenset().union(*(f.tokens for f in fe))
    tok_z = [f.tokens & both for f in fz]
    tok_e = [f.tokens & both for f in fe]
    len_z = [f.cjk * ratio + f.words for f in fz]
    len_e = [float(f.words) for f in fe]

    def group_score(i0: int, i1: int, j0: int, j1: int) -> float:
        lz = sum(len_z[i0:i1])
        ew = sum(len_e[j0:j1])
        d = math.log((lz + 1.0) / (ew + 1.0))
        var = VAR_BASE + VAR_SHORT / (lz + ew + 2.0)
        score = SHAPE_PRIOR[(i1 - i0, j1 - j0)] - d * d / (2.0 * var)
        if both:
            tz = tok_z[i0] if i1 - i0 == 1 else frozenset().union(*tok_z[i0:i1])
            te = tok_e[j0] if j1 - j0 == 1 else frozenset().union(*tok_e[j0:j1])
            shared = len(tz & te)
            misplaced = len(tz ^ te)
            score += SHARED_TOKEN * min(shared, TOKEN_CAP) + MISPLACED_TOKEN * min(
                misplaced, TOKEN_CAP
            )
        return score

    neg = -1e18
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    shapes = ((1, 0), (0, 1), *SHAPE_PRIOR)
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            top, arg = neg, (0, 0)
            for a, b in shapes:
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0 or best[pi][pj] <= neg:
                    continue
                if a and b:
                    val = best[pi][pj] + group_score(pi, i, pj, j)
                elif a:
                    val = best[pi][pj] + SKIP_ZH
                else:  # a translation keeps the order and starts where its original does
                    val = best[pi][pj] + SKIP_EN
                    if pi == 0:
                        val += LEADING_SKIP
                    elif pi == n:
                        val += TRAILING_SKIP
                if val > top:
                    top, arg = val, (a, b)
            best[i][j] = top
            back[i][j] = arg
    groups: list[SentenceGroup] = []
    i, j = n, m
    while i or j:
        a, b = back[i][j]
        groups.append(SentenceGroup(tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    groups.reverse()
    return groups


# -- the sentences of a paragraph pair --------------------------------------------------
_SPLIT_KINDS = frozenset({"paragraph", "list_item", "quote", "footnote"})


@dataclass(frozen=True, slots=True)
class PairSentences:
    """The sentences of both sides of one paragraph pair and how they pair up."""

    zh: tuple[Sentence, ...]
    en: tuple[Sentence, ...]
    groups: tuple[SentenceGroup, ...]

    def zh_text(self, group: SentenceGroup) -> str | None:
        return " ".join(self.zh[i].text for i in group.zh) if group.zh else None

    def en_text(self, group: SentenceGroup) -> str | None:
        return " ".join(self.en[j].text for j in group.en) if group.en else None

    def group_of(self, side: str, index: int) -> SentenceGroup | None:
        for group in self.groups:
            if index in (group.zh if side == "zh" else group.en):
                return group
        return None


def block_sentences(block: Block, position: int, zh: bool) -> list[Sentence]:
    """The sentences of one block; headings, code, tables and images are one sentence."""
    text = block.text
    if not text.strip():
        return []
    if block.kind in _SPLIT_KINDS:
        code = code_spans(block.source)
        spans = split_zh(text, code) if zh else split_en(text, code)
    else:
        spans = [span] if (span := _trimmed(text, 0, len(text))) else []
    return [Sentence(position, a, b, text[a:b]) for a, b in spans]


def pair_sentences(
    zh_blocks: Sequence[Block], en_blocks: Sequence[Block], ratio: float = DEFAULT_RATIO
) -> PairSentences:
    zh = [s for k, b in enumerate(zh_blocks) for s in block_sentences(b, k, zh=True)]
    en = [s for k, b in enumerate(en_blocks) for s in block_sentences(b, k, zh=False)]
    groups = align_sentences([s.text for s in zh], [s.text for s in en], ratio)
    return PairSentences(tuple(zh), tuple(en), tuple(groups))
