"""Recall and false flags of the translation check, on faults injected into real translations.

From ``../shared/align-dev`` and ``../shared/align-dev-hard`` (true paragraph pairs in
gold.json), copies of each ``zh.md`` get machine-translation faults injected into
paragraphs that are true 1:1 pairs:

* omission: a middle sentence deleted (paragraphs of 3 sentences or more);
* truncation: only the first sentence kept (2 or more);
* untranslated: a sentence replaced by its English (both sides with the same count);
* repetition: a sentence repeated three times;
* number: a number that both sides have changed in the translation;
* code: a code span that both sides have deleted from the translation.

Each copy is checked with the shipped call (``check_articles``: the parsed translation,
the original extracted from ``en.html``, aligned, checked: what ``bilingual-reader check``
runs), and a fault counts as found when the pair holding the changed paragraph has an
issue of its kind. False flags: the share of pairs with both sides in the untouched
documents that get any issue but typography and term (real machine translations: some
flags are real faults). Sentence pairing: the share of true 1:1 paragraph pairs whose
sides have as many sentences that are paired one to one in order. Timing: the sentence
pairing and the whole check of a 2,000-pair document.

Usage: .venv/bin/python benchmarks/bench_check.py [--data DIR ...] [--explain KIND]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.core.article import Article, parse_markdown  # noqa: E402
from reader.core.blocks import Block  # noqa: E402
from reader.core.checks import CheckReport, check_articles, check_parallel  # noqa: E402
from reader.core.originals import load_original_file  # noqa: E402
from reader.core.parallel import ParallelText, align_articles  # noqa: E402
from reader.core.sentences import code_spans, split_en, split_zh  # noqa: E402

# shared/ sits beside the repository (a clone) or beside the folder of worktrees.
_SHARED = next(
    (p / "shared" for p in Path(__file__).resolve().parents[1:4] if (p / "shared").is_dir()),
    Path("shared"),
)
DEFAULT_DATA = [str(_SHARED / n) for n in ("align-dev", "align-dev-hard")]
KINDS = ("omission", "truncation", "untranslated", "repetition", "number", "code")
GOALS = {"recall": 0.90, "false_flags": 0.05, "agreement": 0.90}
PER_DOC = 6  # faults of one kind injected into one copy of a document
EXCLUDED = frozenset({"typography", "term"})


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\W_]+", "", text).lower()


@dataclass
class Doc:
    name: str
    zh_md: str
    original: Article
    translation: Article
    gold_pairs: list[tuple[Block, str]]  # a translation block that is a true 1:1 pair, its English


def load_doc(folder: Path) -> Doc:
    zh_md = (folder / "zh.md").read_text(encoding="utf-8")
    original = parse_markdown(load_original_file(folder / "en.html").markdown)
    translation = parse_markdown(zh_md)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    by_text: dict[str, list[Block]] = defaultdict(list)
    for block in translation.units:
        by_text[_key(block.text)].append(block)
    pairs: list[tuple[Block, str]] = []
    for pair in gold["pairs"]:
        zh, en = pair.get("zh"), pair.get("en")
        if pair.get("kind") not in ("p", "li", "quote") or not isinstance(zh, str) or not isinstance(en, str):
            continue
        if not zh or not en:
            continue
        blocks = by_text.get(_key(zh), [])
        if len(blocks) == 1:
            pairs.append((blocks[0], en))
    return Doc(folder.name, zh_md, original, translation, pairs)


# -- injection ------------------------------------------------------------------------
def _sentences_of_source(source: str) -> list[str]:
    return [source[a:b] for a, b in split_zh(source, code_spans(source))]


_DIGITS = re.compile(r"(?<![\w.`/])\d+(?:\.\d+)?(?![\w`/])")


def inject(kind: str, block: Block, en: str, rng: random.Random) -> str | None:
    """The changed Markdown source of ``block``, or None when the fault does not apply."""
    src = block.source
    sents = _sentences_of_source(src)
    en_sents = [en[a:b] for a, b in split_en(en)]
    if kind == "omission" and len(sents) >= 3:
        k = rng.randrange(1, len(sents) - 1)
        return "".join(s for n, s in enumerate(sents) if n != k)
    if kind == "truncation" and len(sents) >= 2:
        return sents[0]
    if kind == "untranslated" and len(sents) >= 2 and len(sents) == len(en_sents):
        k = rng.randrange(len(sents))
        return "".join(en_sents[n] + " " if n == k else s for n, s in enumerate(sents))
    if kind == "repetition" and sents:
        k = rng.randrange(len(sents))
        if len(_key(sents[k])) < 6:
            return None
        return "".join(s * 3 if n == k else s for n, s in enumerate(sents))
    if kind == "number":
        outside = re.sub(r"`[^`]*`|\]\([^)]*\)|https?://\S+", lambda m: " " * len(m.group()), src)
        en_norm = unicodedata.normalize("NFKC", en).replace(",", "")
        found = [m for m in _DIGITS.finditer(outside) if m.group() in en_norm]
        if not found:
            return None
        m = rng.choice(found)
        digits = m.group()
        new = digits[:-1] + str((int(digits[-1]) + rng.randrange(1, 9)) % 10)
        if new in en_norm:
            return None
        return src[: m.start()] + new + src[m.end() :]
    if kind == "code":
        spans = [m for m in re.finditer(r"`([^`\n]+)`", src)
                 if src.count(m.group(1)) == 1 and m.group(1).strip() in en]  # fmt: skip
        if not spans:
            return None
        m = rng.choice(spans)
        return src[: m.start()] + src[m.end() :]
    return None


def injected_copy(doc: Doc, kind: str, rng: random.Random) -> tuple[str, list[int]]:
    """A copy of the document's zh.md with faults of ``kind``; the changed blocks' first lines."""
    lines = doc.zh_md.split("\n")
    candidates = list(doc.gold_pairs)
    rng.shuffle(candidates)
    changed: list[int] = []
    for block, en in candidates:
        if len(changed) >= PER_DOC:
            break
        if any(abs(block.line_start - line) < 3 for line in changed):
            continue  # faults in neighbouring paragraphs would blur the alignment of both
        new = inject(kind, block, en, rng)
        if new is None or new == block.source:
            continue
        region = "\n".join(lines[block.line_start - 1 : block.line_end])
        if "\n" in new or block.source not in region:
            continue
        region = region.replace(block.source, new, 1)
        lines[block.line_start - 1 : block.line_end] = region.split("\n")
        changed.append(block.line_start)
    return "\n".join(lines), changed


def _pair_of_line(report: CheckReport, line: int) -> int | None:
    for k, pair in enumerate(report.pairs):
        if any(b.line_start == line for b in pair.zh):
            return k
    return None


# -- measures -------------------------------------------------------------------------
def false_flags(doc: Doc, report: CheckReport, tally: Counter[str]) -> tuple[int, int]:
    flagged = total = 0
    for pair, issues in zip(report.pairs, report.issues, strict=True):
        if not pair.zh or not pair.en:
            continue
        total += 1
        kinds = {i.kind for i in issues} - EXCLUDED
        if kinds:
            flagged += 1
            tally.update(kinds)
    return flagged, total


def agreement(doc: Doc, report: CheckReport) -> tuple[int, int, int, int]:
    """(agree, total) over 1:1 gold pairs with equal sentence counts; then the same for >= 2."""
    gold_lines = {block.line_start for block, _ in doc.gold_pairs}
    agree = total = agree2 = total2 = 0
    for pair, sents in zip(report.pairs, report.sentences, strict=True):
        if len(pair.zh) != 1 or len(pair.en) != 1 or pair.zh[0].line_start not in gold_lines:
            continue
        if len(sents.zh) != len(sents.en) or not sents.zh:
            continue
        ok = all(g.zh == (n,) and g.en == (n,) for n, g in enumerate(sents.groups))
        ok = ok and len(sents.groups) == len(sents.zh)
        total += 1
        agree += ok
        if len(sents.zh) >= 2:
            total2 += 1
            agree2 += ok
    return agree, total, agree2, total2


def timing(docs: list[Doc], size: int = 2000) -> tuple[int, float, float]:
    zh: list[Block] = []
    en: list[Block] = []
    while docs and len(zh) < size:
        for doc in docs:
            zh += doc.translation.units
            en += doc.original.units
    translation = Article("t", None, "utf-8", zh[:size])
    original = Article("o", None, "utf-8", en[:size])
    parallel: ParallelText = align_articles(translation, original)
    from reader.core.checks import parallel_sentences

    # CPU time: the machine may be shared, and waiting for a core is not the check's cost.
    start = time.process_time()
    parallel_sentences(parallel)
    pairing = time.process_time() - start
    start = time.process_time()
    check_parallel(parallel)
    whole = time.process_time() - start
    return len(parallel.pairs), pairing, whole


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", nargs="*", default=DEFAULT_DATA)
    ap.add_argument("--explain", choices=[*KINDS, "false"], help="print the misses of a kind")
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    folders = sorted(p.parent for d in args.data if Path(d).is_dir() for p in Path(d).glob("*/gold.json"))
    if not folders:
        print("bench_check: no shared dev data found; skipped")
        return 0
    docs = [load_doc(f) for f in folders]
    rng = random.Random(args.seed)
    found: Counter[str] = Counter()
    injected: Counter[str] = Counter()
    flagged = pairs = 0
    tally: Counter[str] = Counter()
    agree = [0, 0, 0, 0]
    for doc in docs:
        base = check_articles(doc.translation, doc.original)
        f, t = false_flags(doc, base, tally)
        flagged, pairs = flagged + f, pairs + t
        agree = [a + b for a, b in zip(agree, agreement(doc, base), strict=True)]
        if args.explain == "false":
            for pair, issues in zip(base.pairs, base.issues, strict=True):
                for i in issues:
                    if i.kind not in EXCLUDED and pair.zh and pair.en:
                        print(f"[{doc.name}] {i.kind}: {i.message}\n  zh={i.zh}\n  en={i.en}")
        for kind in KINDS:
            text, lines = injected_copy(doc, kind, rng)
            if not lines:
                continue
            report = check_articles(parse_markdown(text), doc.original)
            for line in lines:
                injected[kind] += 1
                k = _pair_of_line(report, line)
                hit = k is not None and any(i.kind == kind for i in report.issues[k])
                found[kind] += hit
                if not hit and args.explain == kind:
                    print(f"[{doc.name}] line {line}: pair {k}")
                    if k is not None:
                        print("  zh:", report.pairs[k].zh_text()[:400])
                        print("  en:", report.pairs[k].en_text()[:400])
                        print("  issues:", [(i.kind, i.message) for i in report.issues[k]])
                        sents = report.sentences[k]
                        print("  groups:", [(g.zh, g.en) for g in sents.groups])
    ok = True
    for kind in KINDS:
        recall = found[kind] / injected[kind] if injected[kind] else 0.0
        ok &= recall >= GOALS["recall"]
        print(f"check recall {kind:12} {recall:.3f} ({found[kind]}/{injected[kind]} faults)"
              f"  goal >= {GOALS['recall']:.2f}")  # fmt: skip
    share = flagged / pairs if pairs else 0.0
    ok &= share <= GOALS["false_flags"]
    top = ", ".join(f"{k} {n}" for k, n in tally.most_common())
    print(f"check false flags {share:.3f} ({flagged}/{pairs} untouched pairs; {top})"
          f"  goal <= {GOALS['false_flags']:.2f}")  # fmt: skip
    rate = agree[0] / agree[1] if agree[1] else 0.0
    rate2 = agree[2] / agree[3] if agree[3] else 0.0
    ok &= rate >= GOALS["agreement"]
    print(f"sentence pairing 1:1 agreement {rate:.3f} ({agree[0]}/{agree[1]} paragraphs with "
          f"equal counts; {rate2:.3f} = {agree[2]}/{agree[3]} with 2+ sentences)"
          f"  goal >= {GOALS['agreement']:.2f}")  # fmt: skip
    n, pairing, whole = timing(docs)
    ok &= pairing < 2.0
    print(f"check timing {n} pairs (CPU): sentence pairing {pairing:.3f} s, whole check "
          f"{whole:.3f} s  goal: pairing < 2 s")
    print(f"check goals {'met' if ok else 'NOT met'} on {len(docs)} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
