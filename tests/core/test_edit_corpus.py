"""Proofreading edits over every file of the shared corpora (slow: --runslow).

The checks of ``benchmarks/bench_edit.py``, asserted: identity, line locality, restore and
undo are exact for every file, also as GBK + CRLF, UTF-8 with BOM + CRLF and with BOM.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_edit import corpus_files, run_corpus  # noqa: E402

DATA = Path(os.environ.get("BILINGUAL_READER_SHARED", SHARED))


@pytest.mark.slow
@pytest.mark.skipif(not corpus_files(DATA), reason="the shared corpora are not beside the repository")
def test_every_corpus_file_edits_byte_exactly() -> None:
    total, variants = run_corpus(DATA, None, blocks_per_file=1)
    assert total.files == len(corpus_files(DATA)) > 13000
    assert total.refused <= 1  # the one empty file of corpus-multi
    assert total.failures == []
    assert total.identity_ok == total.identity > 2 * total.files - 100
    assert total.locality_ok == total.restore_ok == total.undo_ok == total.locality
    for name, tally in variants.items():
        assert tally.failures == [], name
        assert tally.locality > 500, name


def test_a_few_files_edit_byte_exactly(tmp_path: Path) -> None:
    """The same checks on the repository's sample articles, in the quick suite."""
    from bench_edit import VARIANTS, check_file, variant

    rng = random.Random(1)
    for article in sorted((ROOT / "articles").glob("*.md")):
        data = article.read_bytes()
        for encoding, newline, bom in [("utf-8", b"\n", b""), *VARIANTS.values()]:
            changed = variant(data, encoding, newline, bom)
            if changed is None:  # a character GBK lacks
                continue
            tally = check_file(tmp_path / "a.md", changed, rng, blocks_per_file=2)
            assert tally.failures == [], (article.name, encoding, newline, bom)
            assert tally.locality_ok == tally.restore_ok == tally.undo_ok == 1
