"""The Chinese UI translation is complete and compiled."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "bilingual-reader_zh_CN.ts"
QM = TS.with_suffix(".qm")


def sources(path: Path) -> dict[str, ET.Element]:
    return {m.findtext("source"): m for m in ET.parse(path).iter("message")}


def test_every_string_is_translated() -> None:
    messages = sources(TS)
    unfinished = [s for s, m in messages.items() if m.find("translation").get("type") == "unfinished"
                  or not "".join(m.find("translation").itertext()).strip()]  # plural forms nest
    assert unfinished == []
    assert QM.is_file() and QM.stat().st_mtime >= TS.stat().st_mtime - 5


def test_the_catalogue_covers_the_code(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists() and not shutil.which("pyside6-lupdate"):
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    files = [str(p) for p in sorted((ROOT / "reader").rglob("*.py"))]
    subprocess.run([str(lupdate if lupdate.exists() else "pyside6-lupdate"), *files, "-ts", str(fresh)],
                   check=True, capture_output=True)
    missing = set(sources(fresh)) - set(sources(TS))
    assert not missing, f"run `make translations` and translate: {sorted(missing)}"


def test_english_has_the_plural_forms_of_every_count() -> None:
    english = TS.with_name("bilingual-reader_en.ts")
    numerus = {s for s, m in sources(TS).items() if m.get("numerus") == "yes"}
    forms = {s: [f.text or "" for f in m.iter("numerusform")] for s, m in sources(english).items()}
    assert numerus and numerus <= set(forms), "run `make translations` and fill the English forms"
    for source in numerus:
        one, many = forms[source]
        assert "(s)" not in one + many and one != many, source
    assert english.with_suffix(".qm").is_file()
