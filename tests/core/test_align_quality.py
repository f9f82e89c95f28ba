"""Alignment quality through the shipped path on the shared dev sets, and the --json contract.

Every figure comes from the code the app runs: the translation parsed as the app parses
it, the English page extracted by ``extract_html``, ``align_blocks``, and the output of
``align --json`` scored by the set's own ``score.py``. Two processes score a set.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import align_data  # noqa: E402

pytestmark = pytest.mark.skipif(
    not (align_data.ALIGN_DEV / "score.py").is_file() or not align_data.ALIGN_DEV_HARD.is_dir(),
    reason="shared align-dev data not mounted",
)


def _check(set_dir: Path, threshold: float) -> None:
    scores = align_data.score_documents(align_data.documents(set_dir), jobs=2)
    line = align_data.summary_line(scores)
    worst = sorted(scores, key=lambda s: s.f1)[:3]
    f1 = float(line.split("F1=")[1].split()[0])
    assert f1 >= threshold, f"{line}; worst: {[(s.name, round(s.f1, 3)) for s in worst]}"


def test_align_dev_scores_at_least_099() -> None:
    _check(align_data.ALIGN_DEV, 0.99)


def test_align_dev_hard_scores_at_least_098() -> None:
    _check(align_data.ALIGN_DEV_HARD, 0.98)


def test_quality_does_not_fall_with_length(tmp_path: Path) -> None:
    # All 30 dev documents as one article and one page: ~2,500 units a side.
    joined = align_data.join_documents(align_data.documents(align_data.ALIGN_DEV), tmp_path / "joined")
    score = align_data.score_document(joined)
    assert score.gold > 2000
    line = align_data.summary_line([score])
    assert score.f1 >= 0.99, line


def test_align_json_contract(tmp_path: Path) -> None:
    doc = align_data.ALIGN_DEV / "k8s-sec-obsrv_12"
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(tmp_path / "data"), "align",
         str(doc / "zh.md"), "--original", str(doc / "en.html"), "--json"],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert list(out) == ["pairs"]
    pairs = out["pairs"]
    assert pairs and all(list(p) == ["zh", "en", "confidence"] for p in pairs)
    assert all(isinstance(p["zh"], str) and isinstance(p["en"], str) for p in pairs)
    assert all(p["zh"] or p["en"] for p in pairs)
    assert all(isinstance(p["confidence"], float) and 0.0 <= p["confidence"] <= 1.0 for p in pairs)
    # The title pairs first; the 原文 header line is never a unit; zh text in document order.
    assert pairs[0]["en"] and pairs[0]["zh"]
    assert not any("原文" in p["zh"] for p in pairs)
    zh_md = (doc / "zh.md").read_text(encoding="utf-8")
    last = 0
    for pair in pairs:
        if pair["zh"]:
            last = zh_md.find(pair["zh"].split("\n")[0][:12], last)
            assert last >= 0, pair["zh"][:40]
    # The CLI prints what the core call the tests score returns.
    assert out == json.loads(json.dumps(align_data.predict(doc), ensure_ascii=False))
    scorer = align_data.scorer()
    gold = json.loads((doc / "gold.json").read_text(encoding="utf-8"))
    res = scorer.score_doc(gold, scorer.parse_pred(out))
    assert scorer.prf(res["tp"], res["pred"], res["gold"])[0] >= 0.95
