"""The proofreading commands' contract: blocks, edit, review, diff."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from reader.cli import main
from tests.conftest import ARTICLES

AZURE = ARTICLES / "azure-arc-kubernetes.md"


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "azure-arc-kubernetes.md"
    shutil.copy(AZURE, path)
    shutil.copy(ARTICLES / "azure-arc-kubernetes.en.html", tmp_path / "azure-arc-kubernetes.en.html")
    return path


def _json(capsys, *args: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_blocks_and_edit(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _copy(tmp_path)
    original = path.read_bytes()
    data = _json(capsys, "blocks", str(path), "--json")
    blocks = data["blocks"]
    assert set(blocks[0]) == {"index", "kind", "line_start", "line_end", "text"}
    lines = original.decode().split("\n")
    for block in blocks:
        assert block["text"] == "\n".join(lines[block["line_start"] - 1 : block["line_end"]])
    assert data["sha256"] == hashlib.sha256(original).hexdigest()
    para = next(b for b in blocks if b["kind"] == "paragraph")

    same = _json(capsys, "edit", str(path), "--block", str(para["index"]), "--text", para["text"], "--json")
    assert same["changed"] is False and same["diff"] == ""
    assert path.read_bytes() == original

    new = _json(capsys, "edit", str(path), "--block", str(para["index"]), "--text", "校对后的段落。",
                "--json", "--expect-sha256", data["sha256"])
    assert new["changed"] is True
    assert f"-{para['text']}\n+校对后的段落。\n" in new["diff"]
    assert new["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--block", "9999", "--text", "x"], "no block 9999"),
     (["--block", "0", "--text", "x", "--expect-sha256", "ab" * 32], "changed since it was read")],
)
def test_edit_errors_are_one_line_and_write_nothing(tmp_path: Path, capsys, args: list[str],  # type: ignore[no-untyped-def]
                                                    message: str) -> None:
    path = _copy(tmp_path)
    original = path.read_bytes()
    assert main(["edit", str(path), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert path.read_bytes() == original


def test_review_lists_and_sets(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _copy(tmp_path)
    original = str(tmp_path / "azure-arc-kubernetes.en.html")
    data = _json(capsys, "review", str(path), "--original", original, "--json")
    assert set(data) == {"pairs", "reviewed", "flagged", "items"}
    assert data["pairs"] == len(data["items"]) > 10 and data["reviewed"] == data["flagged"] == 0
    item = data["items"][3]
    assert set(item) >= {"index", "status", "note", "zh", "en"} and item["en"]
    assert main(["review", str(path), "--original", original, "--pair", str(item["index"]),
                 "--status", "flagged", "--note", "漏译"]) == 0
    capsys.readouterr()
    data = _json(capsys, "review", str(path), "--original", original, "--json")
    assert data["flagged"] == 1
    flagged = next(i for i in data["items"] if i["index"] == item["index"])
    assert (flagged["status"], flagged["note"]) == ("flagged", "漏译")
    assert main(["review", str(path), "--pair", "100000", "--status", "reviewed",
                 "--original", original]) == 1
    assert "no pair 100000" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("git") is None, reason="git checks the diff")
def test_diff_applies_on_a_clean_copy(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _copy(tmp_path)
    clean = tmp_path / "clean"
    clean.mkdir()
    shutil.copy(path, clean / path.name)
    assert main(["diff", str(path)]) == 0
    assert capsys.readouterr().out == ""  # nothing edited yet
    blocks = _json(capsys, "blocks", str(path), "--json")["blocks"]
    for index in (2, 5, len(blocks) - 1):
        assert main(["edit", str(path), "--block", str(index), "--text", f"第 {index} 块，改过。"]) == 0
    capsys.readouterr()
    assert main(["diff", str(path)]) == 0
    patch = tmp_path / "p.diff"
    patch.write_text(capsys.readouterr().out, encoding="utf-8")
    subprocess.run(["git", "apply", str(patch)], cwd=clean, check=True)
    assert (clean / path.name).read_bytes() == path.read_bytes()
