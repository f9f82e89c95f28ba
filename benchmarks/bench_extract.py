"""Article extraction: ours beside plain trafilatura on the shared extract-dev pages.

Three columns on every page of the set (200 WCXB article pages): ``extract_html`` (what
``bilingual-reader extract`` and the app run), ``trafilatura.extract(html)`` with its
defaults, and ``trafilatura.extract(html, favor_recall=True)``. Each is scored with the
set's own ``score.py`` (imported, not copied) and printed as its summary line, with a
95% bootstrap interval of F1 over pages and the paired interval of our difference to
each trafilatura column (the same resampled pages for both sides). Then the pages where
we lose most to trafilatura's defaults.

    .venv/bin/python benchmarks/bench_extract.py [--dir ../shared/extract-dev] [--jobs 2]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import multiprocessing
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_data import SHARED  # noqa: E402

DEFAULT_DIR = SHARED / "extract-dev"
COLUMNS = ("ours", "trafilatura", "trafilatura favor_recall")


def _load_scorer(data_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_dev_score", data_dir / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extract_all(path: str) -> dict[str, str | None]:
    """The three extractions of one page; None where the extractor failed."""
    import trafilatura

    from reader.core.errors import ReaderError
    from reader.core.extract import extract_html

    raw = Path(path).read_bytes()
    html = (gzip.decompress(raw) if path.endswith(".gz") else raw).decode("utf-8", "replace")
    out: dict[str, str | None] = {}
    try:
        out["ours"] = extract_html(html).text
    except ReaderError:
        out["ours"] = None
    out["trafilatura"] = trafilatura.extract(html)
    out["trafilatura favor_recall"] = trafilatura.extract(html, favor_recall=True)
    return out


def _interval(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--worst", type=int, default=12, help="pages listed where we lose most")
    args = parser.parse_args()
    if not (args.dir / "ground-truth.json").is_file():
        print(f"extract-dev not found in {args.dir}: skipped")
        return 0
    score = _load_scorer(args.dir)
    truth = json.loads((args.dir / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    paths = [str(score.html_path_for(args.dir, i)) for i in ids]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, args.jobs), mp_context=context) as pool:
        results = dict(zip(ids, pool.map(_extract_all, paths, chunksize=4), strict=True))

    counts = {c: [score.page_counts(truth[i]["articleBody"], results[i][c] or "") for i in ids]
              for c in COLUMNS}  # fmt: skip
    rng = random.Random(0)
    samples = [[rng.randrange(len(ids)) for _ in ids] for _ in range(args.bootstrap)]
    boot = {c: [score.aggregate([counts[c][k] for k in s])[0] for s in samples] for c in COLUMNS}
    for c in COLUMNS:
        f1, p, r = score.aggregate(counts[c])
        failed = sum(1 for i in ids if not (results[i][c] or "").strip())
        low, high = _interval(boot[c])
        print(f"{c:25} extract F1={f1:.3f} P={p:.3f} R={r:.3f} pages={len(ids)} failed={failed}"
              f"  95% CI [{low:.3f}, {high:.3f}]")
    ours_f1 = score.aggregate(counts["ours"])[0]
    for c in COLUMNS[1:]:
        diff = [a - b for a, b in zip(boot["ours"], boot[c], strict=True)]
        low, high = _interval(diff)
        print(f"ours - {c}: {ours_f1 - score.aggregate(counts[c])[0]:+.3f}  "
              f"paired 95% CI [{low:+.3f}, {high:+.3f}]")

    def page_f1(c: str, k: int) -> float:
        tp, fp, fn = counts[c][k]
        p, r = score.page_precision(tp, fp, fn) or 0.0, score.page_recall(tp, fp, fn) or 0.0
        return float(score.harmonic(p, r))

    losses = sorted(range(len(ids)), key=lambda k: page_f1("ours", k) - page_f1("trafilatura", k))
    print("pages where ours loses most to trafilatura (page F1 ours / trafilatura):")
    for k in losses[: args.worst]:
        gap = page_f1("ours", k) - page_f1("trafilatura", k)
        if gap >= 0:
            break
        print(f"  {ids[k]}  {page_f1('ours', k):.3f} / {page_f1('trafilatura', k):.3f}  "
              f"{truth[ids[k]].get('url', '')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
