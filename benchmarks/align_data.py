"""The shared alignment sets scored through the shipped path (tests and benchmarks).

Each document is aligned by ``reader.core.parallel.align_files``: the translation parsed
as the app parses it, the English page extracted by ``extract_html`` as ``align
--original PAGE`` does, then ``align_blocks``. The pairs are scored with the set's own
``score.py`` (imported, not copied), so the figures are the scorer's.

``join_documents`` lays the documents of a set end to end as one long article and one
long page (the sections of a book chapter on one page), to check that quality does not
fall with length.
"""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

import lxml.html


def _shared() -> Path:
    """``shared/`` beside the checkout (or beside a folder holding a worktree of it)."""
    for parent in Path(__file__).resolve().parents[1:]:
        if (parent / "shared" / "align-dev").is_dir():
            return parent / "shared"
    return Path(__file__).resolve().parents[2] / "shared"


SHARED = _shared()
ALIGN_DEV = SHARED / "align-dev"
ALIGN_DEV_HARD = SHARED / "align-dev-hard"


@cache
def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("align_dev_score", ALIGN_DEV / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class DocScore:
    name: str
    tp: int
    predicted: int
    gold: int

    @property
    def f1(self) -> float:
        return float(scorer().prf(self.tp, self.predicted, self.gold)[0])


def documents(set_dir: Path) -> list[Path]:
    return sorted(p.parent for p in set_dir.glob("*/gold.json"))


def predict(doc: Path) -> dict[str, list[dict[str, object]]]:
    """The ``align --json`` output for one document folder."""
    from reader.core.parallel import align_files, pairs_json

    return pairs_json(align_files(doc / "zh.md", doc / "en.html"))


def score_document(doc: Path) -> DocScore:
    gold = json.loads((doc / "gold.json").read_text(encoding="utf-8"))
    score = scorer()
    result = score.score_doc(gold, score.parse_pred(predict(doc)))
    return DocScore(doc.name, result["tp"], result["pred"], result["gold"])


def score_documents(docs: list[Path], jobs: int = 2) -> list[DocScore]:
    if jobs <= 1 or len(docs) <= 1:
        return [score_document(d) for d in docs]
    context = multiprocessing.get_context("spawn")  # no fork of a process that may hold Qt
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        return list(pool.map(score_document, docs))


def summary_line(scores: list[DocScore]) -> str:
    """The scorer's summary line: ``align F1=… P=… R=… docs=N failed=0``."""
    tp = sum(s.tp for s in scores)
    f1, p, r = scorer().prf(tp, sum(s.predicted for s in scores), sum(s.gold for s in scores))
    return f"align F1={f1:.3f} P={p:.3f} R={r:.3f} docs={len(scores)} failed=0"


# -- one long document ----------------------------------------------------------------
_CONTENT = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]"
    " | //*[@itemprop='articleBody']"
)
_SOURCE_LINE = re.compile(r"(?m)^>\s*原文\s*[:：].*\n?")
_TITLE_LINE = re.compile(r"^#\s+", re.MULTILINE)


def _content(page: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    found = page.xpath(_CONTENT)
    if not found:
        raise ValueError("no article body element in the page")
    return max(found, key=lambda el: len(el.text_content()))


def join_documents(docs: list[Path], out: Path) -> Path:
    """Write ``zh.md``, ``en.html`` and ``gold.json`` of the documents joined in order.

    The page is the first document's page, its article body holding every document's
    body in turn, each after its title as a section heading (``<h2>``; ``##`` on the
    translation side). Returns ``out``.
    """
    out.mkdir(parents=True, exist_ok=True)
    zh_parts: list[str] = []
    pairs: list[object] = []
    page = lxml.html.document_fromstring((docs[0] / "en.html").read_bytes())
    body = _content(page)
    for k, doc in enumerate(docs):
        gold = json.loads((doc / "gold.json").read_text(encoding="utf-8"))
        pairs += gold["pairs"]
        markdown = (doc / "zh.md").read_text(encoding="utf-8").strip()
        if k == 0:
            zh_parts.append(markdown)
            continue
        markdown = _SOURCE_LINE.sub("", markdown, count=1)
        zh_parts.append(_TITLE_LINE.sub("## ", markdown, count=1))
        heading = lxml.html.Element("h2")
        heading.text = gold["title"]["en"]
        heading.tail = "\n"
        body.append(heading)
        other = _content(lxml.html.document_fromstring((doc / "en.html").read_bytes()))
        if other.text and other.text.strip():
            para = lxml.html.Element("p")
            para.text = other.text
            body.append(para)
        for child in list(other):
            body.append(child)
    (out / "zh.md").write_text("\n\n".join(zh_parts) + "\n", encoding="utf-8")
    (out / "en.html").write_bytes(lxml.html.tostring(page, encoding="utf-8", doctype="<!DOCTYPE html>"))
    joined = {"doc": out.name, "title": {}, "pairs": pairs}
    (out / "gold.json").write_text(json.dumps(joined, ensure_ascii=False), encoding="utf-8")
    return out
