"""The translation check: machine-translation faults, sentence by sentence.

For each paragraph pair the sentences of both sides are paired (``sentences.py``); the
check then reports, each issue naming the sentence it is about:

* ``omission``: an English sentence with no Chinese counterpart (or a whole English
  paragraph of prose left without a translation);
* ``truncation``: the translation stops early: the English sentences after the last
  translated one have no counterpart;
* ``untranslated``: English prose left inside the Chinese text: a run of Latin words
  with the function words of running English, outside code, quotes and brackets of
  titles (names and product words have none);
* ``repetition``: a sentence repeated in the Chinese where the English says it once, or
  a phrase looping three times or more (an MT loop);
* ``number``, ``url``, ``code``: a number (written any way: 1,000 / 1000 / 一千 / 1k),
  link or code span (Markdown backticks or HTML ``<code>``) of the original missing from
  the translation;
* ``addition``: a Chinese sentence with no English counterpart that is not a
  translator's note;
* ``term``: a glossary term in the English without any of its agreed renderings;
* ``typography``: Chinese copywriting rules, checked by ``autocorrect-py``.

Without an original only what the translation alone shows is checked (untranslated,
repetition, typography).
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.article import Article
from reader.core.blocks import Block
from reader.core.errors import ReaderError
from reader.core.parallel import Pair, ParallelText
from reader.core.sentences import (
    PairSentences,
    Sentence,
    SentenceGroup,
    align_sentences,
    code_spans,
    length_ratio,
    pair_sentences,
)

__all__ = [
    "KINDS",
    "CheckReport",
    "Glossary",
    "GlossaryError",
    "Issue",
    "check_articles",
    "check_parallel",
    "find_glossary",
    "load_glossary",
    "parallel_sentences",
]

KINDS = (
    "omission",
    "truncation",
    "untranslated",
    "repetition",
    "number",
    "url",
    "code",
    "addition",
    "term",
    "typography",
)
GLOSSARY_NAME = "glossary.tsv"


class GlossaryError(ReaderError):
    """A glossary file cannot be read."""


@dataclass(frozen=True, slots=True)
class Issue:
    kind: str
    zh: str | None  # the Chinese sentence(s) the issue is about
    en: str | None  # the English sentence(s)
    message: str
    pair: int  # index of the paragraph pair
    zh_sentences: tuple[int, ...] = ()  # indices into the pair's Chinese sentences
    en_sentences: tuple[int, ...] = ()  # indices into the English sentences of en_pair
    en_pair: int | None = None  # the pair of the English sentences when not ``pair``
    fixed: str | None = None  # ``zh`` corrected, when the check knows it (typography)

    @property
    def english_pair(self) -> int:
        return self.pair if self.en_pair is None else self.en_pair

    def as_json(self) -> dict[str, str | None]:
        return {"kind": self.kind, "zh": self.zh, "en": self.en, "message": self.message}


@dataclass
class CheckReport:
    pairs: list[Pair]
    sentences: list[PairSentences]
    issues: list[list[Issue]]  # one list per pair
    has_original: bool = True

    @property
    def all_issues(self) -> list[Issue]:
        return [issue for found in self.issues for issue in found]

    def summary(self) -> dict[str, object]:
        counts = Counter(issue.kind for issue in self.all_issues)
        return {
            "pairs": len(self.pairs),
            "flagged": sum(1 for found in self.issues if found),
            "by_kind": {kind: counts[kind] for kind in KINDS if counts[kind]},
        }

    def as_json(self) -> dict[str, object]:
        return {
            "pairs": [
                {
                    "zh": pair.zh_text() if pair.zh else None,
                    "en": pair.en_text() if pair.en else None,
                    "issues": [issue.as_json() for issue in found],
                }
                for pair, found in zip(self.pairs, self.issues, strict=True)
            ],
            "summary": self.summary(),
        }


# -- glossary -------------------------------------------------------------------------
@dataclass
class Glossary:
    """English term -> its agreed Chinese renderings."""

    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _patterns: list[tuple[re.Pattern[str], str]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._patterns = [
            (re.compile(rf"(?<![A-Za-z0-9]){re.escape(term)}(?:e?s)?(?![A-Za-z0-9])", re.I), term)
            for term in sorted(self.terms, key=len, reverse=True)
        ]

    def found_in(self, english: str) -> list[str]:
        return [term for pattern, term in self._patterns if pattern.search(english)]


_RENDERING_SEP = re.compile(r"\s*[|;/、；,，]\s*")


def load_glossary(path: str | Path) -> Glossary:
    """A TSV or CSV file: the English term, then one or more Chinese renderings.

    Renderings may sit in further columns or in one column separated by | ; / 、 or a
    comma (in a TSV). Empty lines and lines starting with # are skipped.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"cannot read the glossary {path}: {exc}") from exc
    delimiter = "\t" if path.suffix.lower() != ".csv" or "\t" in text.split("\n", 1)[0] else ","
    terms: dict[str, tuple[str, ...]] = {}
    for row in csv.reader(text.splitlines(), delimiter=delimiter):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        term = row[0].strip()
        renderings = tuple(
            r for cell in row[1:] for r in _RENDERING_SEP.split(cell.strip()) if r
        )
        if renderings:
            terms[term] = tuple(dict.fromkeys(terms.get(term, ()) + renderings))
    return Glossary(terms)


def find_glossary(article_path: str | Path | None) -> Path | None:
    """``glossary.tsv`` in the article's folder or the nearest parent folder that has one."""
    if article_path is None:
        return None
    folder = Path(article_path).resolve().parent
    for candidate in (folder, *folder.parents):
        path = candidate / GLOSSARY_NAME
        if path.is_file():
            return path
    return None


# -- signals --------------------------------------------------------------------------
# Characters NFKC changes that matter here: full-width digits, letters, %, . and /,
# ligatures, super- and subscripts. Text without any (most of it) is left as it is: Chinese
# punctuation (，：（）) stays full-width, as the patterns expect.
_COMPAT = re.compile(
    r"[\u00a0\u00b2\u00b3\u00b9\u2070-\u209f\ufb00-\ufb06\uff05\uff0e\uff0f\uff10-\uff19"
    r"\uff21-\uff3a\uff41-\uff5a]"
)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text) if _COMPAT.search(text) else text


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_URL = re.compile(r"https?://[^\s<>()\[\]\"'`，。、）]+", re.IGNORECASE)
_PROSE = frozenset({"paragraph", "list_item", "quote", "footnote", "heading"})
_SPLIT_PROSE = frozenset({"paragraph", "list_item", "quote", "footnote"})
_VERBATIM = frozenset({"code", "image"})
_TRANSLATOR_NOTE = re.compile(
    r"^\s*[（(【\[]?\s*(?:译者注|译注|译者按|译者的话|校者注|编者注|注\s*[:：])"
)
_MIN_OMISSION_WORDS = 4  # shorter English sentences ("Yes.", "Let's see.") are often folded in
_MIN_PARAGRAPH_WORDS = 8
_MIN_ADDITION_CJK = 8

# Running English, as opposed to names and product words: its function words.
_FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "as", "into", "about", "than", "that", "this", "these", "those", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "should", "may", "might", "must", "and", "or", "but", "if", "then", "so", "not", "no", "it", "its", "they", "them", "their", "we", "our", "you", "your", "he", "she", "his", "her", "which", "who", "what", "when", "where", "how", "there", "here", "also", "only", "just", "more", "most", "such", "very", "all", "any", "each"]
)
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’\-]*(?:[ \t,;:()]+[A-Za-z0-9][A-Za-z0-9'’\-]*)+")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|『[^』]*』|《[^》]*》|\"[^\"]*\"|`[^`]*`|‘[^’]*’")
_UNTRANSLATED_WORDS = 5
_UNTRANSLATED_FUNCTION = 2

_LOOP = re.compile(r"(.{2,40}?)(?:[\s,，、]*\1){2,}")
_EN_LOOP = re.compile(r"\b(\w+(?:\W+\w+){0,5})(?:\W+\1\b){2,}", re.IGNORECASE)
_MIN_REPEATED_SENTENCE = 6

# Numbers: what an English number may look like in the translation.
_EN_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:[.:\-/]\d+)*"
    r"(?:\s?(k|K|M|B|thousand|million|billion|trillion)\b)?(?![\w])"
)
_EN_SCALE = {"k": 1e3, "K": 1e3, "thousand": 1e3, "M": 1e6, "million": 1e6, "B": 1e9,
             "billion": 1e9, "trillion": 1e12}  # fmt: skip
_ZH_SCALE = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "千": 1e3, "万": 1e4, "百万": 1e6,
             "千万": 1e7, "亿": 1e8, "万亿": 1e12}  # fmt: skip
_ZH_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}  # fmt: skip
_ZH_UNIT = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}


def _chinese_value(numeral: str) -> int | None:
    """一千 -> 1000, 二十五 -> 25, 三万五千 -> 35000, 一二三 -> 123."""
    if all(ch in _ZH_DIGIT for ch in numeral):
        return int("".join(str(_ZH_DIGIT[ch]) for ch in numeral)) if len(numeral) > 1 else _ZH_DIGIT[numeral]
    total, section, digit = 0, 0, None
    for ch in numeral:
        if ch in _ZH_DIGIT:
            digit = _ZH_DIGIT[ch]
        elif ch in _ZH_UNIT:
            section += (1 if digit is None else digit) * _ZH_UNIT[ch]
            digit = None
        elif ch in _ZH_BIG:
            total += (section + (digit or 0)) * _ZH_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


_ZH_TOKEN = re.compile(
    r"(?<![0-9A-Za-z_.])(\d+(?:,\d{3})*(?:\.\d+)?(?:[.:\-/]\d+)*)"
    r"\s*((?:k|K|M|B)(?![A-Za-z])|百万|千万|万亿|千|万|亿)?"
)


@dataclass(slots=True)
class _Number:
    literal: str  # as written in the English
    plain: str  # without thousands separators
    value: float | None  # None for compound numbers (2-2, 3:00, 2024/05/01)
    alt: str = ""  # 2011 for 2011.7: a footnote mark glued to a number ("in 2011.7 At that")


def _en_numbers(en: str) -> list[_Number]:
    rest = _URL.sub(lambda m: " " * len(m.group()), _norm(en))
    out: list[_Number] = []
    for m in _EN_NUMBER.finditer(rest):
        literal = m.group().rstrip(".,:-/")
        head = m.group(1) + ("." + m.group(2) if m.group(2) else "")
        compound = len(literal.split(" ")[0].replace(",", "")) > len(head.replace(",", ""))
        value = None
        if not compound:
            value = float(head.replace(",", "")) * (_EN_SCALE[m.group(3)] if m.group(3) else 1.0)
        plain = (literal if compound else head).replace(",", "")
        glued = m.group(2) and re.match(r"\s+[A-Z“\"(]", rest[m.end() :])
        out.append(_Number(literal, plain, value, m.group(1).replace(",", "") if glued else ""))
    return out


def _zh_numbers(zh: str) -> list[tuple[str, set[float]]]:
    """Numbers of the Chinese text: (digits as written, the values they may stand for)."""
    zh = _norm(zh)
    out: list[tuple[str, set[float]]] = []
    for m in _ZH_TOKEN.finditer(zh):
        plain = m.group(1).replace(",", "")
        values: set[float] = set()
        if re.fullmatch(r"\d+(?:\.\d+)?", plain):
            values.add(float(plain) * (_ZH_SCALE[m.group(2)] if m.group(2) else 1.0))
        out.append((plain + (m.group(2) or ""), values))
    for m in _ZH_NUMERAL.finditer(zh):
        value = _chinese_value(m.group())
        if value is not None:
            out.append(("", {float(value)}))
    return out


def _matches(number: _Number, token: tuple[str, set[float]]) -> bool:
    plain, values = token
    return (
        number.plain == plain
        or (number.value is not None and number.value in values)
        or (bool(number.alt) and number.alt == plain)
    )


def missing_numbers(zh: str, en: str) -> list[str]:
    """Numbers of the English text that the Chinese text lacks, in English order.

    Each English occurrence needs its own occurrence in the Chinese (PID 1 twice in the
    English needs 1 twice), written in any way: 1,000 / 1000 / 一千 / 1k; 2.5 / 2.5.
    """
    return [n.literal for n in _unmatched(_en_numbers(en), _zh_numbers(zh))]


def _unmatched(numbers: list[_Number], tokens: list[tuple[str, set[float]]]) -> list[_Number]:
    """The numbers no token matches; each token matches once (``tokens`` is consumed).

    Numbers written the same way are matched first, so 1000 does not take the token
    that 一千 would have left for it.
    """
    pending: list[_Number] = []
    for number in numbers:
        for t, (plain, _) in enumerate(tokens):
            if plain == number.plain:
                del tokens[t]
                break
        else:
            pending.append(number)
    out: list[_Number] = []
    for number in pending:
        for t, token in enumerate(tokens):
            if _matches(number, token):
                del tokens[t]
                break
        else:
            out.append(number)
    return out


def _flat_code(text: str) -> str:
    return re.sub(r"\s+", " ", _norm(text)).strip()


def _contains_code(haystack: str, code: str) -> bool:
    """``code`` in ``haystack``, not as part of a longer word (``ps`` is not in ``maps``)."""
    start = haystack.find(code)
    while start >= 0:
        end = start + len(code)
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not (code[0].isalnum() and (before.isalnum() or before == "_")) and not (
            code[-1].isalnum() and (after.isalnum() or after == "_")
        ):
            return True
        start = haystack.find(code, start + 1)
    return False


def _links(source: str) -> list[str]:
    return [m.group().rstrip(".,;:") for m in _URL.finditer(_norm(source))]


def untranslated_runs(text: str) -> list[str]:
    """Stretches of running English inside a Chinese sentence (not code, quotes or names)."""
    masked = _QUOTED.sub(lambda m: " " * len(m.group()), _norm(text))
    masked = _URL.sub(lambda m: " " * len(m.group()), masked)
    out: list[str] = []
    for m in _LATIN_RUN.finditer(masked):
        words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", m.group())
        function = sum(1 for w in words if w in _FUNCTION_WORDS)  # lower case only: not names
        if len(words) >= _UNTRANSLATED_WORDS and function >= _UNTRANSLATED_FUNCTION:
            out.append(m.group().strip(" ,;:("))
    return out


def _loop(text: str) -> str | None:
    """A phrase repeated three times or more in a row (``的的的``, ``we can we can we can``)."""
    text = _norm(text)
    # A loop repeats its first two characters three times: most sentences have no such pair.
    if max(Counter(zip(text, text[1:], strict=False)).values(), default=0) < 3:
        return None
    for m in _LOOP.finditer(text):
        unit = m.group(1)
        wordy = _CJK.search(unit) or re.search(r"[A-Za-z]{2}", unit)
        if len(m.group()) >= 6 and wordy and len(unit.strip()) > 1:
            return unit.strip()
    return None


def _sentence_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", _norm(text)).lower()


# -- the check ------------------------------------------------------------------------
def check_parallel(
    parallel: ParallelText,
    glossary: Glossary | None = None,
    *,
    has_original: bool = True,
    typography: bool = True,
) -> CheckReport:
    """Check every pair of ``parallel``; see the module docstring for the kinds."""
    pairs = parallel.pairs
    ratio = _ratio(parallel)
    sentences = [pair_sentences(p.zh, p.en, ratio) for p in pairs]
    formatter = _typography_formatter() if typography else None
    cut = _cut_short(pairs, sentences, ratio) if has_original else {}
    issues = [
        _check_pair(k, pair, sents, glossary, has_original, formatter, ratio)
        for k, (pair, sents) in enumerate(zip(pairs, sentences, strict=True))
    ]
    for k, (other, tail) in cut.items():
        # The paragraph aligner left a translation cut short apart from its original.
        issues[k] = [i for i in issues[k] if i.kind != "addition"]
        issues[other] = [i for i in issues[other] if i.kind != "omission"]
        issues[k].insert(0, Issue(
            "truncation", None, " ".join(sentences[other].en[j].text for j in tail),
            "The translation stops before the end of the paragraph.", k, (), tail, other,
        ))  # fmt: skip
    return CheckReport(pairs, sentences, issues, has_original)


_CUT_MAX_LOG_RATIO = 0.6  # the translated part must be about as long as its English sentences


def _cut_short(
    pairs: Sequence[Pair], sentences: Sequence[PairSentences], ratio: float
) -> dict[int, tuple[int, tuple[int, ...]]]:
    """Chinese-only pairs next to an English-only pair whose opening sentences they translate.

    A translation that stops early is much shorter than its original, so the paragraph
    aligner may leave both alone. Returns zh pair -> (en pair, the English tail).
    """
    out: dict[int, tuple[int, tuple[int, ...]]] = {}
    for k, pair in enumerate(pairs):
        if pair.en or not pair.zh or any(b.kind not in _SPLIT_PROSE for b in pair.zh):
            continue
        near = [k + d for d in range(1, 4) if k + d < len(pairs)]
        near = near[: next((n for n, o in enumerate(near) if pairs[o].zh and pairs[o].en), 3)]
        before = [k - d for d in range(1, 4) if k - d >= 0]
        near += before[: next((n for n, o in enumerate(before) if pairs[o].zh and pairs[o].en), 3)]
        for other in near:
            if other in {o for o, _ in out.values()}:
                continue
            cand = pairs[other]
            if cand.zh or not cand.en or any(b.kind not in _SPLIT_PROSE for b in cand.en):
                continue
            if _is_furniture(cand.en) or _TRANSLATOR_NOTE.match(pair.zh_text()):
                continue
            zh, en = sentences[k].zh, sentences[other].en
            if not zh or len(en) < 2:
                continue
            h = _opening(zh, en, ratio, _CUT_MAX_LOG_RATIO, whole=False)
            if h is None:
                continue
            out[k] = (other, tuple(range(h, len(en))))
            break
    return out


def parallel_ratio(parallel: ParallelText) -> float:
    """English words per CJK character of a parallel text (its 1:1 prose pairs)."""
    return _ratio(parallel)


def _ratio(parallel: ParallelText) -> float:
    return length_ratio(
        [(p.zh_text(), p.en_text()) for p in parallel.pairs if len(p.zh) == 1 and len(p.en) == 1
         and p.zh[0].kind in _SPLIT_PROSE]
    )  # fmt: skip


def parallel_sentences(parallel: ParallelText) -> list[PairSentences]:
    """The sentences of every pair, paired with the document's own length ratio."""
    ratio = _ratio(parallel)
    return [pair_sentences(p.zh, p.en, ratio) for p in parallel.pairs]


def check_articles(
    translation: Article,
    original: Article | None,
    glossary: Glossary | None = None,
    *,
    typography: bool = True,
) -> CheckReport:
    """Align a translation with its original (if any) and check it: the CLI's call."""
    from reader.core.parallel import align_articles

    if original is None:
        parallel = ParallelText([Pair((b,), (), 1.0) for b in translation.units])
        return check_parallel(parallel, glossary, has_original=False, typography=typography)
    return check_parallel(align_articles(translation, original), glossary, typography=typography)


def _typography_formatter() -> Callable[[str], str] | None:
    try:
        import autocorrect_py
    except ImportError:  # pragma: no cover - a dependency, but the rest of the check still works
        return None
    format_text: Callable[[str], str] = autocorrect_py.format
    return format_text


def _check_pair(
    k: int,
    pair: Pair,
    sents: PairSentences,
    glossary: Glossary | None,
    has_original: bool,
    formatter: Callable[[str], str] | None,
    ratio: float,
) -> list[Issue]:
    kinds = {b.kind for b in pair.zh} | {b.kind for b in pair.en}
    if kinds & _VERBATIM:
        return []  # code blocks and images: the aligner already compares them verbatim
    out: list[Issue] = []
    groups = sents.groups
    zh_of = {i: g for g in sents.groups for i in g.zh}
    en_of = {j: g for g in sents.groups for j in g.en}

    def zh_for_en(j: int) -> tuple[tuple[int, ...], str | None]:
        group = en_of.get(j)
        if group is None or not group.zh:
            return (), None
        return group.zh, sents.zh_text(group)

    def issue(kind: str, message: str, zh: Iterable[int] = (), en: Iterable[int] = (),
              fixed: str | None = None) -> None:
        zi, ei = tuple(zh), tuple(en)
        out.append(Issue(
            kind,
            " ".join(sents.zh[i].text for i in zi) or None,
            " ".join(sents.en[j].text for j in ei) or None,
            message, k, zi, ei, fixed=fixed,
        ))  # fmt: skip

    prose_zh = bool(pair.zh) and all(b.kind in _PROSE for b in pair.zh)
    prose_en = bool(pair.en) and all(b.kind in _PROSE for b in pair.en)

    # A whole block left without a counterpart.
    if has_original and not pair.zh and prose_en:
        words = len(re.findall(r"[A-Za-z0-9]+", pair.en_text()))
        if words >= _MIN_PARAGRAPH_WORDS and not _is_furniture(pair.en):
            issue("omission", "This paragraph of the original has no translation.",
                  en=range(len(sents.en)))
        return out
    if (has_original and not pair.en and prose_zh
            and not any(_TRANSLATOR_NOTE.match(b.text) for b in pair.zh)
            and len(_CJK.findall(pair.zh_text())) >= 2 * _MIN_ADDITION_CJK):
            issue("addition", "This paragraph has no counterpart in the original.",
                  zh=range(len(sents.zh)))
        # and go on: the translation alone can still show faults

    repeated: set[int] = set()
    if prose_zh:
        # Repetition: the same sentence again (the English does not say it twice), or a loop.
        en_keys = Counter(_sentence_key(s.text) for s in sents.en)
        seen: dict[str, int] = {}
        for i, s in enumerate(sents.zh):
            key = _sentence_key(s.text)
            if len(key) < _MIN_REPEATED_SENTENCE:
                continue
            if key in seen and not any(n > 1 for n in en_keys.values()):
                repeated.add(i)
                if seen[key] >= 0:
                    issue("repetition", "This sentence is repeated.", zh=[i])
                    seen[key] = -1
            else:
                seen.setdefault(key, i)
        # Every copy of a repeated sentence, the first too: whichever copy the pairing left
        # unpaired is the repetition, not an addition.
        copies = set(repeated)
        looped = {_sentence_key(sents.zh[i].text) for i in repeated}
        repeated |= {i for i, s in enumerate(sents.zh) if _sentence_key(s.text) in looped}
        if copies and sents.en:
            # Pair the sentences again without the copies, which would pull the pairing apart.
            keep = [i for i in range(len(sents.zh)) if i not in copies]
            again = align_sentences([sents.zh[i].text for i in keep],
                                    [s.text for s in sents.en], ratio)
            groups = tuple(SentenceGroup(tuple(keep[i] for i in g.zh), g.en) for g in again)
            zh_of = {i: g for g in groups for i in g.zh}
            en_of = {j: g for g in groups for j in g.en}
        for i, s in enumerate(sents.zh):
            if i in repeated:
                continue
            unit = _loop(s.text)
            if unit and not _EN_LOOP.search(" ".join(x.text for x in sents.en)):
                issue("repetition", f"“{unit}” repeats in a loop.", zh=[i])
        # Untranslated: running English inside the Chinese text.
        for i, s in enumerate(sents.zh):
            if not _CJK.search(pair.zh_text()):
                break  # a block all in English: a name, a title, a quotation kept as is
            runs = untranslated_runs(s.text)
            if runs:
                issue("untranslated", f"Left in English: “{runs[0]}”", zh=[i],
                      en=zh_of[i].en if i in zh_of else ())

    if has_original and pair.zh and pair.en:
        # Omission, truncation, addition: sentences left unpaired.
        last_paired = max((n for n, g in enumerate(groups) if g.zh and g.en), default=-1)
        # A translation much shorter than its original that fits an opening of it stopped
        # early, whatever the pairing made of the rest.
        cut = _opening(sents.zh, sents.en, ratio) if prose_zh and prose_en else None
        for n, g in enumerate(groups):
            if g.en and not g.zh:
                words = sum(len(re.findall(r"[A-Za-z0-9]+", sents.en[j].text)) for j in g.en)
                if words < _MIN_OMISSION_WORDS or not prose_en:
                    continue
                if (n > last_paired and last_paired >= 0) or (cut is not None and g.en[0] >= cut):
                    continue  # reported below as one truncation
                issue("omission", "This sentence of the original has no translation.", en=g.en)
            elif g.zh and not g.en and prose_zh:
                added = [i for i in g.zh if i not in repeated
                      and not _TRANSLATOR_NOTE.match(sents.zh[i].text)
                      and len(_CJK.findall(sents.zh[i].text)) >= _MIN_ADDITION_CJK]  # fmt: skip
                if added:
                    issue("addition", "This sentence has no counterpart in the original.",
                          zh=added)
        tail = [j for g in groups[last_paired + 1 :] for j in g.en] if last_paired >= 0 else []
        if cut is not None and cut < (tail[0] if tail else len(sents.en)):
            tail = list(range(cut, len(sents.en)))
        if not tail and prose_zh and prose_en and groups and groups[-1].zh and groups[-1].en:
            # Stopped inside the last sentence: no sentence end, and much shorter.
            last = groups[-1]
            zh_last = sents.zh[last.zh[-1]].text.rstrip()
            # A paragraph that ends on a comma or semicolon stopped mid-sentence whenever it
            # is at all shorter than its English (which ends a sentence, or opens a list or
            # code with a colon).
            clause = bool(_CLAUSE_END.search(zh_last))
            en_last = sents.en[last.en[-1]].text.rstrip()
            ended = _SENTENCE_END.search(en_last) or (clause and en_last.endswith((":", "：")))
            if not _SENTENCE_END.search(zh_last) and ended and _log_ratio(
                [sents.zh[i] for i in last.zh], [sents.en[j] for j in last.en], ratio
            ) < (0.0 if clause else _SHORT_LOG_RATIO):
                tail = list(last.en)
        tail_words = sum(len(re.findall(r"[A-Za-z0-9]+", sents.en[j].text)) for j in tail)
        if tail and prose_en and tail_words >= _MIN_OMISSION_WORDS:
            issue("truncation", "The translation stops before the end of the paragraph.", en=tail)
        elif prose_zh and prose_en and not any(i.kind == "omission" for i in out):
            _part_missing(sents, groups, ratio, issue)

        # Numbers, links and code of the original missing from the translation.
        zh_src = _norm(" ".join(b.source for b in pair.zh))
        zh_plain = pair.zh_text()
        zh_code = _flat_code(zh_src)
        # Numbers: first each English sentence against its counterpart, then what is left
        # against the rest of the paragraph (a sentence pairing may be off).
        tokens = [_zh_numbers(s.text) for s in sents.zh]
        left: list[tuple[int, _Number]] = []
        for j, s in enumerate(sents.en):
            zi, _ = zh_for_en(j)
            own = [t for i in zi for t in tokens[i]]
            unmatched = _unmatched(_en_numbers(s.text), own)
            rest = set(map(id, own))
            for i in zi:
                tokens[i] = [t for t in tokens[i] if id(t) in rest]
            left += [(j, n) for n in unmatched]
        pool = [t for ts in tokens for t in ts]
        for j, number in left:
            if not _unmatched([number], pool):
                continue
            issue("number", f"The number {number.literal} of the original is missing.",
                  zh=zh_for_en(j)[0], en=[j])
        for block_pos, block in enumerate(pair.en):
            for url in dict.fromkeys(_links(block.source)):
                if url not in zh_src:
                    at = _sentence_with(sents.en, block_pos, url)
                    issue("url", f"The link {url} of the original is missing.",
                          zh=zh_for_en(at)[0] if at is not None else (),
                          en=[at] if at is not None else ())
            for code in dict.fromkeys(code_spans(block.source)):
                flat = _flat_code(code)
                if flat and not _contains_code(zh_code, flat):
                    at = _sentence_with(sents.en, block_pos, code)
                    issue("code", f"The code `{code}` of the original is missing.",
                          zh=zh_for_en(at)[0] if at is not None else (),
                          en=[at] if at is not None else ())

        # Terms of the glossary.
        if glossary is not None and glossary.terms:
            for j, s in enumerate(sents.en):
                zi, zh_text = zh_for_en(j)
                target = zh_text if zh_text is not None else zh_plain
                for term in glossary.found_in(s.text):
                    renderings = glossary.terms[term]
                    if not any(r in target for r in renderings) and not any(
                        r in zh_plain for r in renderings
                    ):
                        issue("term", f"“{term}” should be rendered as "
                              + " / ".join(renderings) + ".", zh=zi, en=[j])

    if formatter is not None and prose_zh:
        for i, s in enumerate(sents.zh):
            if not _CJK.search(s.text):
                continue
            fixed = formatter(s.text)
            if fixed != s.text:
                issue("typography", f"Typography: {fixed}", zh=[i], fixed=fixed)
    return out


_SHORT_LOG_RATIO = -0.5  # a translation this much shorter than its original may have stopped
# A sentence pair this much shorter than its English, in a paragraph shorter than its own,
# lost part of the English (a sentence the pairing folded into a neighbour, or a clause).
_PART_LOG_RATIO = -0.6
_PARAGRAPH_PART_LOG_RATIO = -0.2
_MIN_PART_WORDS = 15  # the length of a shorter sentence says too little


def _part_missing(sents: PairSentences, groups: Sequence[SentenceGroup], ratio: float,
                  issue: Callable[..., None]) -> None:
    """Flag the sentence pair that is far shorter than its English: an omission, or a
    truncation when it is the last one (the translation stopped inside it)."""
    if not sents.zh or not sents.en:
        return
    if _log_ratio(sents.zh, sents.en, ratio) >= _PARAGRAPH_PART_LOG_RATIO:
        return
    paired = [g for g in groups if g.zh and g.en]
    for n, g in enumerate(paired):
        zh = [sents.zh[i] for i in g.zh]
        en = [sents.en[j] for j in g.en]
        if sum(len(re.findall(r"[A-Za-z0-9]+", e.text)) for e in en) < _MIN_PART_WORDS:
            continue
        if _log_ratio(zh, en, ratio) >= _PART_LOG_RATIO:
            continue
        # Of several English sentences, the one whose leaving out fits the Chinese best.
        fits = [(abs(_log_ratio(zh, [e for e in en if e is not sents.en[j]], ratio)), j)
                for j in g.en]
        missing = min(fits)[1]
        if n == len(paired) - 1 and paired[-1] == groups[-1]:
            issue("truncation", "The translation stops before the end of the paragraph.",
                  zh=g.zh, en=[missing])
        else:
            issue("omission", "Part of this sentence of the original has no translation.",
                  zh=g.zh, en=[missing])
        return


_SENTENCE_END = re.compile(r"[。！？.!?…][”’」』）)\"']*$")
_CLAUSE_END = re.compile(r"[；，;,]$")


def _log_ratio(zh: Sequence[Sentence], en: Sequence[Sentence], ratio: float) -> float:
    cjk = sum(len(_CJK.findall(x.text)) for x in zh)
    zw = sum(len(re.findall(r"[A-Za-z0-9]+", x.text)) for x in zh)
    ew = sum(len(re.findall(r"[A-Za-z0-9]+", x.text)) for x in en)
    return math.log((cjk * ratio + zw + 1.0) / (ew + 1.0))
_OPENING_MAX_LOG_RATIO = 0.3


def _opening(zh: Sequence[Sentence], en: Sequence[Sentence], ratio: float,
             max_misfit: float = _OPENING_MAX_LOG_RATIO, whole: bool = True) -> int | None:
    """How many opening English sentences the Chinese translates, when it stops early.

    The Chinese must be much shorter than the whole English (``whole``), fit the length of
    an opening of it, and its Latin words must all be in that opening.
    """
    if not zh or len(en) < 2:
        return None
    cjk = sum(len(_CJK.findall(x.text)) for x in zh)
    zw = sum(len(re.findall(r"[A-Za-z0-9]+", x.text)) for x in zh)
    size = cjk * ratio + zw + 1.0
    counts = [len(re.findall(r"[A-Za-z0-9]+", x.text)) for x in en]
    if whole and math.log(size / (sum(counts) + 1.0)) > _SHORT_LOG_RATIO:
        return None
    words = 0
    fits: list[tuple[float, int]] = []
    for h in range(1, len(en)):
        words += counts[h - 1]
        fits.append((abs(math.log(size / (words + 1.0))), h))
    misfit, h = min(fits)
    latin = {t.lower() for x in zh for t in re.findall(r"[A-Za-z]{2,}", x.text)}
    opening = " ".join(en[j].text for j in range(h)).lower()
    if misfit > max_misfit or any(t not in opening for t in latin):
        return None
    return h


def _sentence_with(sentences: Sequence[Sentence], block_pos: int, needle: str) -> int | None:
    """The sentence of block ``block_pos`` that holds ``needle`` (else its first sentence)."""
    first = None
    for j, s in enumerate(sentences):
        if s.block != block_pos:
            continue
        if first is None:
            first = j
        if needle in s.text:
            return j
    return first


def _is_furniture(blocks: Sequence[Block]) -> bool:
    from reader.core.align import _is_furniture as furniture  # the aligner's own judgement

    return any(furniture(_norm(b.text)) for b in blocks)


def group_texts(sents: PairSentences) -> list[tuple[str | None, str | None]]:
    """(zh, en) texts of each sentence group of a pair, in order."""
    return [(sents.zh_text(g), sents.en_text(g)) for g in sents.groups]


def sentence_group(sents: PairSentences, side: str, index: int) -> SentenceGroup | None:
    return sents.group_of(side, index)
