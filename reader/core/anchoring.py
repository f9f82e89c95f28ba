"""Find an annotation's text again after the article changed.

An annotation keeps a W3C-style TextQuoteSelector (``exact`` with up to 32 characters of
``prefix`` and ``suffix``) and a TextPositionSelector (``start``/``end``). Offsets are
code points of the plain text of one side (``Article.plain_text``); Qt counts UTF-16
units, so the UI converts at its boundary with ``codepoint_to_utf16`` and
``utf16_to_codepoint``.

Re-anchoring tries, in order (``reanchor``):

a. **exact** — the text at the stored position still equals the quote (and no other
   occurrence fits the context better);
b. **moved** — the quote occurs elsewhere: the occurrence whose prefix/suffix match
   best wins, ties going to the one nearest where it was expected;
c. **fuzzy** — the quote was edited: the best approximate match (Levenshtein, found with
   Myers' bit-parallel algorithm in windows picked near the expected position and by
   ``rapidfuzz.fuzz.partial_ratio_alignment`` over the whole text, the latter only when
   no match near the expected place has ``LOCAL_CONTEXT`` (75 %) of its context), if it needs at
   most ``FUZZY_ERROR_RATE`` (25 %) edits of the quote's length; quotes shorter than
   ``FUZZY_MIN_LENGTH`` (4) are never matched fuzzily and quotes shorter than
   ``SHORT_QUOTE`` (16) also need ``SHORT_QUOTE_CONTEXT`` (50 %) of their context to
   match, since a short quote with a few edits matches too much by chance. The ends
   of the match may then move by up to an eighth of the quote's length to sit against
   the unchanged prefix/suffix. An exact occurrence whose context matches less than
   ``POOR_CONTEXT`` (50 %) competes with the fuzzy matches instead of winning outright,
   so a word edited in its paragraph does not jump to the same word elsewhere;
d. **orphaned** — none of the above; the annotation keeps its last position and is
   never deleted.

A selector with an empty range (``start == end``, e.g. an imported annotation that had
no TextPositionSelector) has no known position: it is found by its quote alone, an exact
occurrence counts as **exact**, and it neither uses nor sets the shift expected of its
neighbours in ``reanchor_many``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from reader.core.errors import ReaderError


@functools.cache
def _rapidfuzz() -> tuple[ModuleType, Any, Any, Any]:
    """rapidfuzz's fuzz, Levenshtein, Postfix and Prefix, loaded when first needed: most
    annotations re-anchor exactly, and the import costs ~10 ms of the app's start."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein, Postfix, Prefix

    return fuzz, Levenshtein, Postfix, Prefix


CONTEXT_CHARS = 32
FUZZY_ERROR_RATE = 0.25
FUZZY_MIN_LENGTH = 4
SHORT_QUOTE = 16
SHORT_QUOTE_CONTEXT = 0.5
# partial_ratio scores a window of the quote's length; 25 % edits score about 75.
_PARTIAL_CUTOFF = 100 * (1 - FUZZY_ERROR_RATE) - 5
POOR_CONTEXT = 0.5  # below this an exact occurrence may lose to an edited one
_PREFILTER_CUTOFF = 100 * (1 - 2 * FUZZY_ERROR_RATE)
_WINDOW_SLACK = 16  # extra characters searched around the expected place
LOCAL_CONTEXT = 0.75  # a fuzzy match this well placed ends the search

EXACT, MOVED, FUZZY, ORPHANED = "exact", "moved", "fuzzy", "orphaned"


class QuoteError(ReaderError):
    """A quote to annotate is not in the text, or is there more than once."""

    def __init__(self, message: str, count: int) -> None:
        super().__init__(message)
        self.count = count


@dataclass(frozen=True, slots=True)
class Selector:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int
    end: int
    status: str  # exact, moved, fuzzy or orphaned; an orphan keeps its last known range


def make_selector(text: str, start: int, end: int) -> Selector:
    """The quote and position selectors for ``text[start:end]``."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad range {start}..{end} in a text of {len(text)} characters")
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
    )


def position_known(selector: Selector) -> bool:
    """False for a selector without a position (an empty range): find it by its quote."""
    return selector.end > selector.start


def find_quote(
    text: str, quote: str, prefix: str | None = None, suffix: str | None = None
) -> tuple[int, int]:
    """The (start, end) of the one occurrence of ``quote`` that prefix/suffix allow.

    Whitespace runs in the quote (and in prefix/suffix) match any whitespace run, so a
    quote typed on one line finds text that spans blocks. Raises QuoteError when the
    quote is missing or the occurrences left are not exactly one.
    """
    if not quote.strip():
        raise QuoteError("The quote is empty", 0)
    spans = [(s, s + len(quote)) for s in _occurrences(text, quote)]
    if not spans:
        pattern = r"\s+".join(re.escape(word) for word in quote.split())
        spans = [m.span() for m in re.finditer(pattern, text)]
    shown = _shorten(quote)
    if not spans:
        raise QuoteError(f"The quote {shown} is not in the text", 0)
    fitting = [
        (s, e)
        for s, e in spans
        if (not prefix or _squash(text[max(0, s - 4 * len(prefix) - 8) : s]).endswith(_squash(prefix)))
        and (not suffix or _squash(text[e : e + 4 * len(suffix) + 8]).startswith(_squash(suffix)))
    ]
    if len(fitting) == 1:
        return fitting[0]
    if not fitting:
        raise QuoteError(
            f"The quote {shown} occurs {len(spans)} time(s) but never with that prefix/suffix",
            len(spans),
        )
    raise QuoteError(
        f"The quote {shown} occurs {len(fitting)} times; give a --prefix or --suffix that "
        "tells which one",
        len(fitting),
    )


def reanchor(text: str, selector: Selector, expected_start: int | None = None) -> Anchor:
    """Where ``selector`` points in ``text`` now; see the module docstring.

    ``expected_start`` is where the quote probably is (its old start shifted like the
    annotations before it); it defaults to the old start.
    """
    old = selector
    quote = old.exact
    expected = old.start if expected_start is None else expected_start
    m = len(quote)
    if not quote:
        return Anchor(old.start, old.end, ORPHANED)
    # a. The common cases cost one comparison: unchanged, or shifted with its neighbours.
    if text[old.start : old.end] == quote and _full_context(text, old.start, old.end, old):
        return Anchor(old.start, old.end, EXACT)
    known = position_known(old)
    if (expected != old.start and text[expected : expected + m] == quote
            and _full_context(text, expected, expected + m, old)):
        return Anchor(expected, expected + m, MOVED)
    # b. Every exact occurrence, ranked by context, then by distance.
    best: tuple[float, int, int] | None = None
    for start in _occurrences(text, quote):
        rank = (-_context(text, start, start + m, old), abs(start - expected), start)
        if best is None or rank < best:
            best = rank
    if best is not None and -best[0] >= POOR_CONTEXT:
        start = best[2]
        return Anchor(start, start + m, EXACT if start == old.start or not known else MOVED)
    # c. An edited quote; an occurrence with poor context competes with it.
    found = _fuzzy(text, old, expected)
    if best is not None and (found is None or _cost(text, 0, 1 + best[0], best[1], m) <= found[2]):
        start = best[2]
        return Anchor(start, start + m, EXACT if start == old.start or not known else MOVED)
    if found is not None:
        return Anchor(found[0], found[1], FUZZY)
    return Anchor(old.start, old.end, ORPHANED)


def reanchor_many(text: str, selectors: Sequence[Selector]) -> list[Anchor]:
    """``reanchor`` for every selector (results in input order), fast for many.

    Edits shift all later annotations by the same amount, so walking them in position
    order and expecting each to move like the one before makes most lookups O(1).
    """
    result: list[Anchor | None] = [None] * len(selectors)
    delta = 0
    for i in sorted(range(len(selectors)), key=lambda i: selectors[i].start):
        selector = selectors[i]
        if not position_known(selector):  # found by quote; says nothing about the shift
            result[i] = reanchor(text, selector)
            continue
        anchor = reanchor(text, selector, max(0, selector.start + delta))
        if anchor.status != ORPHANED:
            delta = anchor.start - selector.start
        result[i] = anchor
    return result  # type: ignore[return-value]


# --- fuzzy matching ---------------------------------------------------------------------


def _fuzzy(text: str, old: Selector, expected: int) -> tuple[int, int, float] | None:
    """The best approximate match as (start, end, cost), or None.

    The window where the quote is expected comes first; only when nothing there has a
    context matching at least ``LOCAL_CONTEXT`` is the whole text searched.
    """
    fuzz = _rapidfuzz()[0]
    quote = old.exact
    m = len(quote)
    k = int(m * FUZZY_ERROR_RATE)
    if m < FUZZY_MIN_LENGTH or k < 1 or not text:
        return None
    local = _best_in(text, old, expected, expected - k - _WINDOW_SLACK,
                     expected + m + k + _WINDOW_SLACK, k)
    if local is not None and local[3] >= LOCAL_CONTEXT or m > len(text):
        return local[:3] if local is not None else None
    hit = fuzz.partial_ratio_alignment(quote, text, score_cutoff=_PARTIAL_CUTOFF)
    if hit is not None:
        far = _best_in(text, old, expected, hit.dest_start - k - 8, hit.dest_end + k + 8, k)
        if far is not None and (local is None or far[2] < local[2]):
            local = far
    return local[:3] if local is not None else None


def _best_in(
    text: str, old: Selector, expected: int, lo: int, hi: int, k: int
) -> tuple[int, int, float, float] | None:
    """The cheapest match in text[lo:hi] as (start, end, cost, context)."""
    fuzz = _rapidfuzz()[0]
    m = len(old.exact)
    lo, hi = max(0, lo), min(len(text), hi)
    # A quick test in C first: a match within 25 % edits scores at least 50 here.
    if not fuzz.partial_ratio(old.exact, text[lo:hi], score_cutoff=_PREFILTER_CUTOFF):
        return None
    best: tuple[int, int, float, float] | None = None
    for start, end, _ in _approximate(old.exact, text, lo, hi, k):
        start, end, distance = _fit_boundaries(text, old, start, end, k)
        context = _context(text, start, end, old)
        if m < SHORT_QUOTE and context < SHORT_QUOTE_CONTEXT:
            continue
        cost = _cost(text, distance, context, abs(start - expected), m)
        if best is None or (cost, start) < (best[2], best[0]):
            best = (start, end, cost, context)
    return best


def _cost(text: str, distance: int, context: float, shift: int, m: int) -> float:
    """Edits weigh most, then context; the distance moved only breaks ties."""
    return distance / m + 0.5 * (1 - context) + 0.01 * shift / max(1, len(text))


def _fit_boundaries(text: str, old: Selector, start: int, end: int, k: int) -> tuple[int, int, int]:
    """Move the ends of an approximate match to where the old prefix/suffix fit best
    (the longest run of unchanged context right next to the quote).

    Edit distance alone cannot tell "jumpe" from "jumped" for the quote "jumps"; the
    text that followed the quote can.
    """
    _, Levenshtein, Postfix, Prefix = _rapidfuzz()
    quote = old.exact
    reach = max(1, k // 2)
    if old.suffix:
        end = max(
            range(max(start + 1, end - reach), min(len(text), end + reach) + 1),
            key=lambda e: (Prefix.similarity(old.suffix, text[e : e + len(old.suffix)]),
                           -Levenshtein.distance(quote, text[start:e]), -abs(e - end)),
        )
    if old.prefix:
        start = max(
            range(max(0, start - reach), min(end - 1, start + reach) + 1),
            key=lambda s: (Postfix.similarity(old.prefix, text[max(0, s - len(old.prefix)) : s]),
                           -Levenshtein.distance(quote, text[s:end]), -abs(s - start)),
        )
    return start, end, Levenshtein.distance(quote, text[start:end])


def _approximate(pattern: str, text: str, lo: int, hi: int, k: int) -> list[tuple[int, int, int]]:
    """Best matches of ``pattern`` in ``text[lo:hi]`` with at most ``k`` edits:
    (start, end, distance) for each run of end positions reaching the least distance."""
    scores = _myers(pattern, text, lo, hi, search=True)
    if not scores:
        return []
    least = min(scores)
    if least > k:
        return []
    found: list[tuple[int, int, int]] = []
    for i, score in enumerate(scores):
        # The last end of each run of best scores keeps substitutions over deletions.
        if score == least and (i + 1 == len(scores) or scores[i + 1] != least):
            end = lo + i + 1
            found.append((_match_start(pattern, text, end, k), end, least))
    return found


def _match_start(pattern: str, text: str, end: int, k: int) -> int:
    """The start of the best match of ``pattern`` ending at ``end`` (matched backwards)."""
    lo = max(0, end - len(pattern) - k)
    backwards = text[lo:end][::-1]
    scores = _myers(pattern[::-1], backwards, 0, len(backwards), search=False)
    least = min(scores)
    # The longest of the best spans, as in _approximate.
    length = max(i + 1 for i, score in enumerate(scores) if score == least)
    return end - length


def _myers(pattern: str, text: str, lo: int, hi: int, *, search: bool) -> list[int]:
    """Edit distance of ``pattern`` to text ending at each of ``text[lo:hi]``.

    Myers' bit-vector algorithm (Hyyrö's formulation) with Python ints as bit vectors,
    so any pattern length works. ``search`` lets a match start anywhere; otherwise it
    must start at ``lo``.
    """
    m = len(pattern)
    mask = (1 << m) - 1
    top = 1 << (m - 1)
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    pv, mv, score = mask, 0, m
    carry = 0 if search else 1
    scores: list[int] = []
    append = scores.append
    for ch in text[lo:hi]:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | carry) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        append(score)
    return scores


# --- helpers -----------------------------------------------------------------------------


def _occurrences(text: str, quote: str) -> Iterable[int]:
    start = text.find(quote)
    while start != -1:
        yield start
        start = text.find(quote, start + 1)


def _full_context(text: str, start: int, end: int, old: Selector) -> bool:
    return (text[start - len(old.prefix) : start] == old.prefix if old.prefix else True) and (
        text[end : end + len(old.suffix)] == old.suffix
    )


def _context(text: str, start: int, end: int, old: Selector) -> float:
    """How well the text around start..end matches the old prefix and suffix, 0..1."""
    fuzz = _rapidfuzz()[0]
    weight = len(old.prefix) + len(old.suffix)
    if not weight:
        return 1.0
    before = fuzz.ratio(old.prefix, text[max(0, start - len(old.prefix)) : start])
    after = fuzz.ratio(old.suffix, text[end : end + len(old.suffix)])
    return float(before * len(old.prefix) + after * len(old.suffix)) / (100 * weight)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _shorten(quote: str, limit: int = 40) -> str:
    squashed = _squash(quote)
    return repr(squashed if len(squashed) <= limit else squashed[: limit - 1] + "…")


# --- UTF-16 offsets (Qt) -----------------------------------------------------------------

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Offsets:
    """Converts offsets of one text between code points and UTF-16 units in O(log n).

    Characters outside the BMP (emoji, CJK extension B such as '𠮷') take two UTF-16
    units. A UTF-16 offset inside such a pair maps to the character's start.
    """

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]  # code point offsets
        self._astral16 = [cp + n for n, cp in enumerate(self._astral)]  # their UTF-16 offsets

    @property
    def utf16_length(self) -> int:
        return self.length + len(self._astral)

    def to_utf16(self, offset: int) -> int:
        if not 0 <= offset <= self.length:
            raise ValueError(f"offset {offset} is outside 0..{self.length}")
        return offset + bisect.bisect_left(self._astral, offset)

    def to_codepoint(self, offset: int) -> int:
        if not 0 <= offset <= self.utf16_length:
            raise ValueError(f"UTF-16 offset {offset} is outside 0..{self.utf16_length}")
        # Every astral character starting before the offset took one unit too many.
        return offset - bisect.bisect_left(self._astral16, offset)


def codepoint_to_utf16(text: str, offset: int) -> int:
    return Utf16Offsets(text).to_utf16(offset)


def utf16_to_codepoint(text: str, offset: int) -> int:
    return Utf16Offsets(text).to_codepoint(offset)
