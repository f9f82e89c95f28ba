"""Align the blocks of a Chinese translation with the blocks of its English original.

The aligner is a banded dynamic program over the two block sequences, in the spirit of
Gale & Church (1993) but scoring much more than length. Every candidate pair of groups
(``zh[i0:i1]`` with ``en[j0:j1]``) gets a score that is a sum of log-likelihood ratios
"these blocks translate each other" versus "these are two unrelated blocks", plus the
log prior of the pair's shape. The DP picks the monotone path of pairs with the largest
total; leaving a block unpaired has its own (prior) score, so a block is only paired
when the evidence beats that prior.

Signals
  * Length: the Chinese length (CJK characters times a per-document factor, plus
    Latin-script words) against the English word count. The log ratio is Gaussian
    with a narrow spread for true pairs (wider for short blocks and headings) and a
    wide one for random pairs; the factor is re-estimated from the document's own
    confident pairs, since it varies with the translator and the subject.
  * Shared tokens: names, products, acronyms, numbers and code that a translation
    copies verbatim. Each Latin-script token of the Chinese side found (or not) in
    the English side, and each salient English token (number, code span, acronym,
    capitalised name) found (or not) in the Chinese side, adds a Bernoulli LLR whose
    random-pair rate is the token's document frequency, so rare tokens weigh most.
  * Verbatim blocks: code blocks must match as code (placeholders such as
    ``[PRE3]`` compare exactly), images compare by file name, link targets by URL.
  * Kind: heading to heading (same level best) is likely; a heading may still pair
    with a paragraph (captions, bold labels); code and images only pair with their own
    kind; headings, code and images are never merged with other blocks.
  * Furniture: an English block that looks like site material kept inside the
    article, in the forms real pages show (``Also read:``/``Related:`` links, photo
    labels, ``Updated:`` stamps, newsletter blurbs, "6 min read", a pull quote
    repeating a nearby paragraph), is cheap to leave unpaired and costly to pair; so is
    a Chinese translator's note (``译者注``).

Shapes are 1:1, 2:1, 1:2, 3:1, 1:3, 1:0, 0:1 and, for a list translated as a single
paragraph, one block against a run of up to 8 English list items (and the reverse).

Band: the DP only visits cells near a guide path drawn through anchors (code blocks,
images and tokens that occur exactly once on each side, chained by a longest increasing
subsequence). When the best path runs along the edge of the band, the band is widened
and the DP rerun, until the path stays inside, the band covers everything or it reaches
MAX_CELLS (two unrelated texts must not cost a full n x m table).

Confidence: for a pair, the logistic of its score minus the score of leaving its blocks
unpaired; for an unpaired block, the logistic of the margin by which leaving it alone
beat the best pairing with a neighbour of the path.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.blocks import Block

__all__ = ["AlignedPair", "align_blocks", "translation_differences"]


@dataclass(frozen=True, slots=True)
class AlignedPair:
    zh: tuple[int, ...]
    en: tuple[int, ...]
    confidence: float


# -- tuning -------------------------------------------------------------------------
NEG = -1e18
SHAPE_PRIOR = {  # log prior of each shape (roughly the frequencies seen in real pairs)
    (1, 1): -0.1,
    (1, 0): -4.5,
    (0, 1): -2.6,
    (2, 1): -5.0,
    (1, 2): -5.0,
    (3, 1): -6.0,
    (1, 3): -6.0,
}
LIST_JOIN_MAX = 8
LIST_JOIN_PRIOR = -6.0
BAND_MIN = 12
MAX_CELLS = 1_500_000  # widest band the DP is allowed to grow to
FURNITURE_SKIP_BONUS = 2.4  # added to the 0:1 / 1:0 score of a block that looks like furniture
FURNITURE_PAIR_PENALTY = -4.0
Q_ZH_TOKEN = 0.85  # chance a Latin token of a Chinese block appears in its English pair
SIGMA_RANDOM = 1.1  # spread of the length log ratio of unrelated blocks
CONF_SCALE = 0.5


# -- features -----------------------------------------------------------------------
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
_TOKEN = re.compile(r"[a-z0-9]+(?:[._\-/:+#][a-z0-9]+)*")
_SPLIT = re.compile(r"[._\-/:+#]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")
_URL = re.compile(r"https?://[^\s<>()\[\]\"'`，。、）]+", re.IGNORECASE)
_CODE_SPAN = re.compile(r"`+([^`\n]+?)`+")
_HTML_CODE = re.compile(r"<code\b[^>]*>(.*?)</code\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_IMG_SRC = re.compile(
    r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*\bsrc=[\"']?([^\"'\s>]+)", re.IGNORECASE
)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,:\-/]\d+)*(?![\w])")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,}s?\b|\b[a-z]+[A-Z]\w*|\b[A-Z][a-z]+[A-Z]\w*")
_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}")
_TRANSLATOR_NOTE = re.compile(r"^\s*[（(【\[]?\s*(?:译者注|译注|译者按|译者的话|校者注|编者注)")
# Site material kept inside an article, in the forms the 200 real pages of extract-dev show
# outside the article text (WCXB's reference): a label opening the block ("Also read:",
# "Related:", "Photo: Shutterstock", "Updated: Sep 19") or a
# newsletter or reading-time line ("Sign up for our newsletter.", "6 min read").
_FURNITURE_LABEL = re.compile(
    r"^\W{0,3}(?:related|also read|photo|update[ds]?)(?:\s*\([^)]{0,40}\))?\s*[:：]",
    re.IGNORECASE,
)
_FURNITURE_PHRASE = re.compile(
    r"in your inbox|subscribe to our|our newsletter|^\W{0,3}\d+ min read\W*$", re.IGNORECASE
)
# Literal cues that must be present before _FURNITURE_PHRASE is worth running.
_PHRASE_CUES = ("inbox", "subscribe", "newsletter", "min read")


def _is_furniture(text: str) -> bool:
    head = text[:300]
    if _FURNITURE_LABEL.match(head):
        return True
    low = head.lower()
    return any(cue in low for cue in _PHRASE_CUES) and bool(_FURNITURE_PHRASE.search(head))


_LIST_KINDS = frozenset({"li"})
_PROSE_KINDS = frozenset({"p", "li", "quote"})


def _kind(block: Block) -> str:
    return {
        "heading": "h",
        "code": "code",
        "image": "img",
        "list_item": "li",
        "quote": "quote",
    }.get(block.kind, "p")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _tokens(text: str) -> set[str]:
    """Lower-cased Latin/number tokens, each compound with its parts, plurals folded."""
    out: set[str] = set()
    for tok in _TOKEN.findall(text.lower()):
        parts = _TOKEN_PARTS.get(tok)
        if parts is None:
            pieces = _SPLIT.split(tok)
            parts = (
                (_fold(tok), *(_fold(p) for p in pieces if p)) if len(pieces) > 1 else (_fold(tok),)
            )
            if len(_TOKEN_PARTS) < 100_000:
                _TOKEN_PARTS[tok] = parts
        out.update(parts)
    return out


_TOKEN_PARTS: dict[str, tuple[str, ...]] = {}


def _fold(tok: str) -> str:
    if len(tok) > 3 and tok.endswith("s") and not tok.endswith("ss") and not tok[-2].isdigit():
        return tok[:-1]
    return tok


def _image_key(block: Block) -> str:
    m = _IMG_SRC.search(block.source)
    if not m:
        return ""
    src = (m.group(1) or m.group(2) or "").split("?")[0].rstrip("/")
    return src.rsplit("/", 1)[-1].lower()


def _code_key(text: str) -> str:
    return re.sub(r"\s+", " ", _norm(text)).strip()


@dataclass(slots=True)
class _Unit:
    kind: str
    level: int
    cjk: int  # CJK characters
    words: int  # Latin-script words
    tokens: frozenset[str]
    salient: dict[str, float]  # English tokens a translation keeps -> keep probability
    urls: frozenset[str]
    key: str  # code text or image file name; the text of a paragraph
    furniture: bool


def _unit(block: Block, zh: bool) -> _Unit:
    text = _norm(block.text or "")
    kind = _kind(block)
    if kind == "p" and block.kind == "html" and not text.strip() and _image_key(block):
        kind = "img"
    if kind == "img":
        key = _image_key(block)
    elif kind == "code" or (kind == "p" and len(text) < 200):
        key = _code_key(block.text)  # short paragraphs too: an inline-rendered code block
    else:
        key = ""
    urls = frozenset(u.rstrip(".,;:").lower() for u in _URL.findall(block.source or ""))
    salient: dict[str, float] = {}
    if not zh and kind not in ("code", "img"):
        for m in _NUMBER.finditer(text):
            for tok in _tokens(m.group()):
                salient[tok] = 0.85
        for m in _CODE_SPAN.finditer(_norm(block.source or "")):
            for tok in _tokens(m.group(1)):
                salient.setdefault(tok, 0.8)
        for m in _ACRONYM.finditer(text):
            for tok in _tokens(m.group()):
                salient.setdefault(tok, 0.75)
        if kind != "h":  # headings are in Title Case: capitals there are no names
            for m in _CAPITAL.finditer(text):
                for tok in _tokens(m.group()):
                    salient.setdefault(tok, 0.45)
    if zh:
        furniture = bool(_TRANSLATOR_NOTE.match(text))
    else:
        furniture = kind not in ("code", "img", "h") and _is_furniture(text)
    return _Unit(
        kind=kind,
        level=block.level if kind == "h" else 0,
        cjk=len(_CJK.findall(text)),
        words=len(_WORD.findall(text)),
        tokens=frozenset(_tokens(text)) if kind not in ("code", "img") else frozenset(),
        salient=salient,
        urls=urls,
        key=key,
        furniture=furniture,
    )


def _mark_pull_quotes(units: list[_Unit], blocks: Sequence[Block]) -> None:
    """A block repeating a sentence of a nearby block is a pull quote: furniture."""
    plain = [
        _NON_WORD.sub("", b.text.lower()) if u.kind in _PROSE_KINDS else ""
        for u, b in zip(units, blocks, strict=True)
    ]
    for k, u in enumerate(units):
        if len(plain[k]) < 30:
            continue
        for k2 in range(max(0, k - 8), min(len(units), k + 9)):
            if k2 != k and len(plain[k2]) > len(plain[k]) and plain[k] in plain[k2]:
                u.furniture = True
                break


_NON_WORD = re.compile(r"\W+")


# -- scoring ------------------------------------------------------------------------
class _Scorer:
    def __init__(self, zh: list[_Unit], en: list[_Unit]) -> None:
        self.zh, self.en = zh, en
        n_en, n_zh = max(len(en), 1), max(len(zh), 1)
        df_en: Counter[str] = Counter()
        for u in en:
            df_en.update(u.tokens)
        df_zh: Counter[str] = Counter()
        for u in zh:
            df_zh.update(u.tokens)
        # Bernoulli LLRs per token given its random-pair rate: a Chinese token scores
        # ``miss`` when absent from the English side and ``miss + gain`` when present.
        self.miss: dict[str, float] = {}
        self.gain: dict[str, float] = {}
        for tok in df_zh:
            p = min((df_en.get(tok, 0) + 0.5) / (n_en + 1), 0.95)
            q = Q_ZH_TOKEN if len(tok) > 1 or tok.isdigit() else 0.6
            self.miss[tok] = math.log((1 - q) / (1 - p))
            self.gain[tok] = math.log(q / p) - self.miss[tok]
        # A salient English token absent from the Chinese side.
        self.pen: dict[str, float] = {}
        for u in en:
            for tok, keep in u.salient.items():
                p = min((df_zh.get(tok, 0) + 0.5) / (n_zh + 1), 0.95)
                self.pen[tok] = min(self.pen.get(tok, 0.0), math.log((1 - keep) / (1 - p)))
        self.zh_miss = [sum(self.miss[t] for t in u.tokens) for u in zh]
        self.zh_bound = [sum(max(self.miss[t] + self.gain[t], 0.0) for t in u.tokens) for u in zh]
        self.en_pen = [sum(self.pen[t] for t in u.salient) for u in en]
        self.cjk = _prefix([u.cjk for u in zh])
        self.zh_words = _prefix([u.words for u in zh])
        self.en_words = _prefix([u.words for u in en])
        self.ratio = self._initial_ratio()

    def _initial_ratio(self) -> float:
        """English words per CJK character, from the totals of the prose blocks."""
        cjk = sum(u.cjk for u in self.zh if u.kind in _PROSE_KINDS)
        zh_words = sum(u.words for u in self.zh if u.kind in _PROSE_KINDS)
        en_words = sum(u.words for u in self.en if u.kind in _PROSE_KINDS and not u.furniture)
        if cjk < 50:
            return 0.6
        return min(max((en_words - zh_words) / cjk, 0.3), 1.2)

    def length(self, i0: int, i1: int, j0: int, j1: int, heading: bool) -> float:
        zl = (self.cjk[i1] - self.cjk[i0]) * self.ratio + self.zh_words[i1] - self.zh_words[i0]
        el = self.en_words[j1] - self.en_words[j0]
        if zl + el < 1:
            return 0.0
        x = math.log((zl + 1.0) / (el + 1.0))
        var = 0.13**2 + 0.8 / (min(zl, el) + 2.0)
        if heading:
            var += 0.25
        var_bg = SIGMA_RANDOM**2
        return 0.5 * math.log(var_bg / var) - x * x / (2 * var) + x * x / (2 * var_bg)

    def tokens(self, i0: int, i1: int, j0: int, j1: int) -> float:
        gain, pen = self.gain, self.pen
        if i1 - i0 == 1:
            ztoks = self.zh[i0].tokens
            score = self.zh_miss[i0]
        else:
            ztoks = frozenset().union(*(u.tokens for u in self.zh[i0:i1]))
            score = sum(self.miss[t] for t in ztoks)
        if j1 - j0 == 1:
            e = self.en[j0]
            etoks, sal = e.tokens, frozenset(e.salient)
            score += self.en_pen[j0]
        else:
            es = self.en[j0:j1]
            etoks = frozenset().union(*(u.tokens for u in es))
            sal = frozenset().union(*(u.salient for u in es))
            score += sum(pen[t] for t in sal)
        for tok in ztoks & etoks:
            score += gain[tok]
        for tok in sal & ztoks:
            score -= pen[tok]
        zu = frozenset().union(*(u.urls for u in self.zh[i0:i1]))
        eu = frozenset().union(*(u.urls for u in self.en[j0:j1]))
        if zu or eu:
            shared = len(zu & eu)
            score += 4.0 * shared - 0.7 * (len(zu) - shared) - 0.3 * (len(eu) - shared)
        return score

    def pair(self, i0: int, i1: int, j0: int, j1: int, floor: float = NEG) -> float:
        """Score of zh[i0:i1] paired with en[j0:j1]; NEG when the shape is not allowed.

        When the score cannot reach ``floor`` (a bound is checked before the token
        work), NEG may be returned too.
        """
        nz, ne = i1 - i0, j1 - j0
        if nz == 1 and ne == 1:
            z, e = self.zh[i0], self.en[j0]
            if z.kind in ("code", "img") or e.kind in ("code", "img"):
                if z.kind != e.kind:
                    # An extractor may render a one-line code block as an inline-code paragraph.
                    if "code" in (z.kind, e.kind) and "img" not in (z.kind, e.kind):
                        return 9.0 if z.key == e.key else NEG
                    return NEG
                if z.key == e.key and z.key:
                    return 9.0
                if z.kind == "img":
                    return -1.0
                return 6.0 * _jaccard(_tokens(z.key.lower()), _tokens(e.key.lower())) - 3.0
            score = SHAPE_PRIOR[(1, 1)]
            heading = z.kind == "h" or e.kind == "h"
            if z.kind == "h" and e.kind == "h":
                score += 1.5 if z.level == e.level else 0.8
            elif heading:
                score -= 1.5
            elif z.kind == e.kind:
                score += 0.3
            if z.furniture or e.furniture:
                score += FURNITURE_PAIR_PENALTY
            score += self.length(i0, i1, j0, j1, heading)
            if score + self.zh_bound[i0] + 4.0 * len(z.urls) < floor:
                return NEG
            return score + self.tokens(i0, i1, j0, j1)
        # Groups: only prose blocks merge.
        zs, es = self.zh[i0:i1], self.en[j0:j1]
        for u in zs:
            if u.kind not in _PROSE_KINDS or u.furniture:
                return NEG
        for u in es:
            if u.kind not in _PROSE_KINDS or u.furniture:
                return NEG
        prior = SHAPE_PRIOR.get((nz, ne))
        if prior is None:
            # A list translated as one block, or the reverse.
            joined = es if nz == 1 else zs if ne == 1 else ()
            if not joined or any(u.kind not in _LIST_KINDS for u in joined):
                return NEG
            prior = LIST_JOIN_PRIOR
        score = prior + self.length(i0, i1, j0, j1, False)
        if score + sum(self.zh_bound[i0:i1]) + 4.0 * sum(len(u.urls) for u in zs) < floor:
            return NEG
        return score + self.tokens(i0, i1, j0, j1)

    def skip_zh(self, i: int) -> float:
        u = self.zh[i]
        s = SHAPE_PRIOR[(1, 0)]
        if u.furniture:
            s += FURNITURE_SKIP_BONUS + 1.5
        elif u.kind == "img":
            s += 3.0
        return s

    def skip_en(self, j: int) -> float:
        u = self.en[j]
        s = SHAPE_PRIOR[(0, 1)]
        if u.furniture:
            s += FURNITURE_SKIP_BONUS
        elif u.kind == "img":
            s += 1.5
        return s


def _prefix(values: list[int]) -> list[int]:
    out = [0]
    for v in values:
        out.append(out[-1] + v)
    return out


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


# -- band ---------------------------------------------------------------------------
def _anchors(zh: list[_Unit], en: list[_Unit]) -> list[tuple[int, int]]:
    """Pairs of blocks sharing a key found exactly once on each side, in a monotone chain."""

    def unique(units: list[_Unit]) -> dict[str, int]:
        seen: dict[str, int] = {}
        dup: set[str] = set()
        for k, u in enumerate(units):
            if u.kind in ("code", "img"):
                keys = {"k:" + u.key}
            elif u.kind == "p" and u.key.startswith("[") and " " not in u.key:
                keys = {"k:" + u.key}  # a code placeholder rendered inline
            else:
                keys = {t for t in u.tokens if len(t) > 2}
            for key in keys:
                if key in seen:
                    dup.add(key)
                seen[key] = k
        return {k: v for k, v in seen.items() if k not in dup}

    uz, ue = unique(zh), unique(en)
    # Sorting equal i by decreasing j keeps two candidates of one block out of a chain.
    cands = sorted(
        {(i, ue[key]) for key, i in uz.items() if key in ue}, key=lambda c: (c[0], -c[1])
    )
    # Longest chain increasing in both coordinates (patience sorting on j).
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(cands)
    for k, (_, j) in enumerate(cands):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos > 0 else -1
    chain: list[tuple[int, int]] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(cands[k])
        k = prev[k]
    return chain[::-1]


def _guide(n: int, m: int, anchors: list[tuple[int, int]]) -> list[float]:
    """Expected en position for each zh position 0..n, piecewise linear through anchors."""
    pts = [(0, 0)] + [(i + 1, j + 1) for i, j in anchors] + [(n, m)]
    out = [0.0] * (n + 1)
    for (a, b), (c, d) in zip(pts, pts[1:], strict=False):
        for i in range(a, c + 1):
            out[i] = b + (d - b) * (i - a) / (c - a) if c > a else float(d)
    return out


# -- dynamic program ----------------------------------------------------------------
_GROUP_SHAPES = ((2, 1), (1, 2), (3, 1), (1, 3))
_SHAPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), *_GROUP_SHAPES)
_SHAPES += tuple((1, k) for k in range(4, LIST_JOIN_MAX + 1))
_SHAPES += tuple((k, 1) for k in range(4, LIST_JOIN_MAX + 1))


def _runs(units: list[_Unit], kinds: frozenset[str]) -> list[int]:
    """runs[k] = how many blocks of ``kinds`` (not furniture) end just before position k."""
    runs = [0] * (len(units) + 1)
    for k, u in enumerate(units):
        runs[k + 1] = runs[k] + 1 if u.kind in kinds and not u.furniture else 0
    return runs


def _dp(
    scorer: _Scorer, lo: list[int], hi: list[int]
) -> tuple[list[tuple[int, int, int, int, float]], bool]:
    """Best path within the band; returns its pairs and whether it touched the band edge."""
    n, m = len(scorer.zh), len(scorer.en)
    skip_zh = [scorer.skip_zh(i) for i in range(n)]
    skip_en = [scorer.skip_en(j) for j in range(m)]
    # Group shapes need runs of prose blocks; checking run lengths first spares most calls.
    prose_z, prose_e = _runs(scorer.zh, _PROSE_KINDS), _runs(scorer.en, _PROSE_KINDS)
    list_z, list_e = _runs(scorer.zh, _LIST_KINDS), _runs(scorer.en, _LIST_KINDS)
    index = {shape: k for k, shape in enumerate(_SHAPES)}
    pair = scorer.pair
    score: list[list[float]] = []
    back: list[list[int]] = []
    for i in range(n + 1):
        row_lo, row_hi = lo[i], hi[i]
        srow = [NEG] * (row_hi - row_lo + 1)
        brow = [-1] * (row_hi - row_lo + 1)
        up = score[i - 1] if i else None
        up_lo, up_hi = (lo[i - 1], hi[i - 1]) if i else (0, -1)
        pz, lz = prose_z[i], list_z[i]
        for j in range(row_lo, row_hi + 1):
            best, arg = NEG, -1
            if i == 0 and j == 0:
                best = 0.0
            if j > row_lo and srow[j - 1 - row_lo] > NEG:  # 0:1
                best, arg = srow[j - 1 - row_lo] + skip_en[j - 1], 2
            if up is not None:
                if up_lo <= j <= up_hi and up[j - up_lo] > NEG:  # 1:0
                    val = up[j - up_lo] + skip_zh[i - 1]
                    if val > best:
                        best, arg = val, 1
                if up_lo <= j - 1 <= up_hi and j and up[j - 1 - up_lo] > NEG:  # 1:1
                    prev = up[j - 1 - up_lo]
                    val = prev + pair(i - 1, i, j - 1, j, best - prev)
                    if val > best:
                        best, arg = val, 0
                if j and pz:
                    pe = prose_e[j]
                    cands: list[tuple[int, int]] = []
                    if pe:
                        cands += [sh for sh in _GROUP_SHAPES if sh[0] <= pz and sh[1] <= pe]
                        if pz and list_e[j] >= 4:
                            cands += [(1, k) for k in range(4, min(list_e[j], LIST_JOIN_MAX) + 1)]
                        if lz >= 4:
                            cands += [(k, 1) for k in range(4, min(lz, LIST_JOIN_MAX) + 1)]
                    for a, b in cands:
                        pi, pj = i - a, j - b
                        if pi < 0 or pj < lo[pi] or pj > hi[pi]:
                            continue
                        prev = score[pi][pj - lo[pi]]
                        if prev <= NEG:
                            continue
                        val = prev + pair(pi, i, pj, j, best - prev)
                        if val > best:
                            best, arg = val, index[(a, b)]
            srow[j - row_lo] = best
            brow[j - row_lo] = arg
        score.append(srow)
        back.append(brow)
    path: list[tuple[int, int, int, int, float]] = []
    i, j = n, m
    touched = False
    while i > 0 or j > 0:
        if (j - lo[i] <= 1 and lo[i] > 0) or (hi[i] - j <= 1 and hi[i] < m):
            touched = True
        a, b = _SHAPES[back[i][j - lo[i]]]
        gain = score[i][j - lo[i]] - score[i - a][j - b - lo[i - a]]
        path.append((i - a, i, j - b, j, gain))
        i, j = i - a, j - b
    path.reverse()
    return path, touched


def _band(guide: list[float], m: int, width: int) -> tuple[list[int], list[int]]:
    n = len(guide) - 1
    lo = [max(0, math.floor(g) - width) for g in guide]
    hi = [min(m, math.ceil(g) + width) for g in guide]
    lo[0], hi[n] = 0, m
    for i in range(1, n + 1):  # monotone edges keep every cell reachable
        lo[i] = max(lo[i], lo[i - 1])
    for i in range(n - 1, -1, -1):
        hi[i] = min(hi[i], hi[i + 1])
    for i in range(n + 1):
        lo[i] = min(lo[i], hi[i])
    for i in range(1, n + 1):  # rows must overlap, or a jump of the guide cuts every path
        lo[i] = min(lo[i], hi[i - 1])
    return lo, hi


def _sigmoid(x: float) -> float:
    if x < -30:
        return 0.0
    if x > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))


def align_blocks(zh: Sequence[Block], en: Sequence[Block]) -> list[AlignedPair]:
    """Align two block sequences; every block appears in exactly one pair, in document order."""
    n, m = len(zh), len(en)
    if n == 0 or m == 0:
        return [AlignedPair((i,), (), 1.0) for i in range(n)] + [
            AlignedPair((), (j,), 1.0) for j in range(m)
        ]
    zu = [_unit(b, zh=True) for b in zh]
    eu = [_unit(b, zh=False) for b in en]
    _mark_pull_quotes(eu, en)
    scorer = _Scorer(zu, eu)
    anchors = _anchors(zu, eu)
    guide = _guide(n, m, anchors)
    path = _run(scorer, guide, n, m)
    # Re-estimate the length factor from the confident 1:1 prose pairs and realign if it moved.
    ratios = sorted(
        (eu[j0].words - zu[i0].words) / zu[i0].cjk
        for i0, i1, j0, j1, gain in path
        if i1 - i0 == 1 and j1 - j0 == 1 and gain > 3.0
        and zu[i0].kind in _PROSE_KINDS and zu[i0].cjk >= 20 and eu[j0].words >= 8
    )  # fmt: skip
    if len(ratios) >= 5:
        new = min(max(ratios[len(ratios) // 2], 0.2), 1.5)
        if abs(new - scorer.ratio) > 0.05 * scorer.ratio:
            scorer.ratio = new
            path = _run(scorer, guide, n, m)
    return _pairs(scorer, path)


def _run(
    scorer: _Scorer, guide: list[float], n: int, m: int
) -> list[tuple[int, int, int, int, float]]:
    width = int(abs(n - m) * 0.1) + BAND_MIN
    while True:
        lo, hi = _band(guide, m, width)
        path, touched = _dp(scorer, lo, hi)
        full = all(a == 0 for a in lo) and all(b == m for b in hi)
        # Past MAX_CELLS a wider band costs more than a path along its edge is worth
        # (two unrelated texts, say).
        if not touched or full or (2 * width + 1) * (n + 1) > MAX_CELLS:
            return path
        width *= 2


def _pairs(scorer: _Scorer, path: list[tuple[int, int, int, int, float]]) -> list[AlignedPair]:
    out: list[AlignedPair] = []
    n, m = len(scorer.zh), len(scorer.en)
    for i0, i1, j0, j1, gain in path:
        if i1 > i0 and j1 > j0:
            alone = sum(scorer.skip_zh(i) for i in range(i0, i1)) + sum(
                scorer.skip_en(j) for j in range(j0, j1)
            )
            conf = _sigmoid(CONF_SCALE * (gain - alone))
        else:
            # Margin over pairing this block with a block next to it on the path.
            if i1 > i0:
                own = scorer.skip_zh(i0)
                near = range(max(0, j0 - 2), min(m, j0 + 2))
                alts = [scorer.pair(i0, i1, j, j + 1) - scorer.skip_en(j) for j in near]
            else:
                own = scorer.skip_en(j0)
                near = range(max(0, i0 - 2), min(n, i0 + 2))
                alts = [scorer.pair(i, i + 1, j0, j1) - scorer.skip_zh(i) for i in near]
            best = max(alts, default=NEG)
            conf = _sigmoid(CONF_SCALE * (own - best)) if best > NEG else 1.0
        out.append(AlignedPair(tuple(range(i0, i1)), tuple(range(j0, j1)), round(conf, 4)))
    return out


# -- proofreading -------------------------------------------------------------------
def code_spans(text: str) -> list[tuple[int, str]]:
    """(position, code) of each inline code span: Markdown backticks and HTML ``<code>``."""
    import html

    spans = [(m.start(), m.group(1).strip()) for m in _CODE_SPAN.finditer(text)]
    spans += [(m.start(), html.unescape(_TAG.sub("", m.group(1))).strip()) for m in _HTML_CODE.finditer(text)]
    return sorted((at, span) for at, span in spans if span)


def translation_differences(zh_text: str, en_text: str, *, zh_source: str = "",
                            en_source: str | None = None) -> list[str]:
    """Numbers, URLs and code spans of the English text that the Chinese text lacks.

    Both texts may be plain or Markdown. Code spans are looked for in ``en_source`` (the
    Markdown or HTML the English was written in, whose backticks and ``<code>`` the plain
    text has lost) when given, else in ``en_text``; ``zh_source`` is the translation's.
    Items are returned in English order, each once: URLs as written, code spans in
    backticks, numbers as written.
    """
    zh = _norm(zh_text)
    en = _norm(en_text)
    zh_code = zh + "\n" + _norm(zh_source)
    zh_flat = zh.replace(",", "").replace(" ", "")
    found: list[tuple[int, str]] = []
    for m in _URL.finditer(en):
        url = m.group().rstrip(".,;:")
        if url not in zh:
            found.append((m.start(), url))
    code_source = en if en_source is None else _norm(en_source)
    for at, span in code_spans(code_source):
        if span not in zh_code:
            # Placed by where the code starts in the plain text: code comes in English order.
            where = en.find(span)
            found.append((where if where >= 0 else at, f"`{span}`"))
    # Numbers outside URLs and code spans; thousands separators and spacing may differ.
    rest = _CODE_SPAN.sub(lambda m: " " * len(m.group()), en)
    for _, span in code_spans(code_source):  # numbers inside code are the code's, checked above
        rest = rest.replace(span, " " * len(span))
    rest = _URL.sub(lambda m: " " * len(m.group()), rest)
    for m in _NUMBER.finditer(rest):
        num = m.group().rstrip(".,:-/")
        plain = num.replace(",", "")
        if plain not in zh_flat and not (plain.isdigit() and _chinese_numeral(int(plain)) in zh_flat):
            found.append((m.start(), num))
    out: list[str] = []
    for _, item in sorted(found):
        if item not in out:
            out.append(item)
    return out


_DIGITS = "零一二三四五六七八九"


def _chinese_numeral(n: int) -> str:
    """How a translation writes a small number in words (第二章 for Chapter 2); "" past 99."""
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    return "\x00"  # matches nothing
