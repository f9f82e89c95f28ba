"""The store under conditions that are not damage: a read-only data folder and a full disk
(real ones: a tmpfs of a few hundred KB and a read-only bind mount, made in a user and mount
namespace with ``unshare``), and a damaged cache seen from the command line."""

from __future__ import annotations

import json
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.store import CACHE_NAME, DATA_NAME, Store

ARTICLE = "# 港口\n\n> 原文：<https://example.com/harbour/>\n\n港口镇的早晨很安静，渔船一条条回来。\n\n第二段讲灯塔。\n"


def _namespaces_work() -> bool:
    if shutil.which("unshare") is None or sys.platform != "linux":
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs tmpfs /mnt 2>/dev/null || "
                            "mount -t tmpfs tmpfs /tmp"], capture_output=True)
    return probe.returncode == 0


needs_namespaces = pytest.mark.skipif(not _namespaces_work(),
                                      reason="needs unshare (user and mount namespaces) to make a "
                                             "real full disk and a real read-only folder")


def _seed(tmp_path: Path) -> tuple[Path, Path]:
    """A data folder with an annotation and a library index, closed (no -wal left)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "harbour.md"
    article.write_text(ARTICLE, encoding="utf-8")
    seed = tmp_path / "seed"
    assert main(["library", "index", str(folder), "--data-dir", str(seed)]) == 0
    assert main(["annotate", str(article), "--quote", "港口镇", "--note", "早", "--data-dir", str(seed)]) == 0
    assert sorted(p.name for p in seed.iterdir()) == [CACHE_NAME, DATA_NAME]
    return seed, article


def _run_in_namespace(tmp_path: Path, setup: str, commands: list[list[str]]) -> list[tuple[int, str, str]]:
    """Run ``setup`` (shell, as root of a new user and mount namespace), then each command
    of the app; returns (exit status, stdout, stderr) of each."""
    out = tmp_path / "results"
    out.mkdir()
    lines = ["set -e", setup, "set +e"]
    for n, args in enumerate(commands):
        command = shlex.join([sys.executable, "-m", "reader", *args])
        lines.append(f"{command} >{out}/{n}.out 2>{out}/{n}.err; echo $? >{out}/{n}.rc")
    done = subprocess.run(["unshare", "-rm", "sh", "-u", "-c", "\n".join(lines)],
                          capture_output=True, text=True, timeout=300, cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr
    return [(int((out / f"{n}.rc").read_text()), (out / f"{n}.out").read_text(),
             (out / f"{n}.err").read_text()) for n in range(len(commands))]


@needs_namespaces
def test_full_disk_at_start_is_said_and_reading_works(tmp_path: Path) -> None:
    """Before: 19 empty reader.recovered-N.sqlite3 files and the store called damaged."""
    seed, article = _seed(tmp_path)
    disk = tmp_path / "disk"
    disk.mkdir()
    setup = (f"mount -t tmpfs -o size=1m tmpfs {disk}\ncp {seed}/* {disk}/\n"
             f"dd if=/dev/zero of={disk}/filler bs=4k 2>/dev/null || true")
    d = str(disk)
    results = _run_in_namespace(tmp_path, setup + f"\nls -a {disk} > {tmp_path}/before.txt", [
        ["annotations", str(article), "--json", "--data-dir", d],
        ["search", "灯塔", "--json", "--data-dir", d],
        ["export", str(article), "--format", "md", "--data-dir", d],
        ["annotate", str(article), "--quote", "灯塔", "--data-dir", d],
    ])
    (rc, out, err), (src, sout, _), (erc, eout, _), (arc, _, aerr) = results
    assert rc == 0, err
    assert [a["exact"] for a in json.loads(out)["annotations"]] == ["港口镇"]
    assert "disk is full" in err and "Traceback" not in err
    assert src == 0 and json.loads(sout)["total"] == 1
    assert erc == 0 and "港口镇" in eout
    assert arc == 1 and aerr.count("\n") == 1 and "the disk is full" in aerr
    assert "damaged" not in err + aerr
    # Nothing was made for a store that is fine (the tmpfs is gone: its listing was kept).
    listing = (tmp_path / "before.txt").read_text().split()
    assert not [name for name in listing if "recovered" in name or "damaged" in name]


@needs_namespaces
def test_full_disk_mid_write_is_a_clear_error_and_loses_nothing(tmp_path: Path) -> None:
    """A real full disk (tmpfs). Before: "database or disk is full"."""
    seed, article = _seed(tmp_path)
    # One annotation whose note (1.2 MB) is more than the disk has left, to import.
    assert main(["export", "--all", "--format", "json", "--data-dir", str(seed),
                 "-o", str(tmp_path / "mine.json")]) == 0
    document = json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))
    item = document["first"]["items"][0]
    item["id"] = "urn:uuid:0b0e4a4e-5a4c-4a4e-8a4e-0b0e4a4e5a4c"
    item["body"][0]["value"] = "长" * 400_000
    big = tmp_path / "big.json"
    big.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    disk = tmp_path / "disk"
    disk.mkdir()
    setup = (f"mount -t tmpfs -o size=1m tmpfs {disk}\ncp {seed}/* {disk}/\n"
             f"dd if=/dev/zero of={disk}/filler bs=4k count=100 2>/dev/null")
    d = str(disk)
    results = _run_in_namespace(tmp_path, setup, [
        ["import", str(big), "--data-dir", d],
        ["annotate", str(article), "--quote", "渔船", "--data-dir", d],  # a small one still fits
        ["annotations", str(article), "--json", "--data-dir", d],
    ])
    (rc, _, err), (small_rc, _, small_err), (lrc, lout, lerr) = results
    assert rc == 1 and err.count("\n") == 1, err
    assert "the disk is full" in err and "rollback" not in err and "Traceback" not in err
    assert small_rc == 0, small_err
    assert lrc == 0, lerr
    assert sorted(a["exact"] for a in json.loads(lout)["annotations"]) == ["渔船", "港口镇"]


@needs_namespaces
def test_read_only_data_folder_reads_and_says_why_it_cannot_write(tmp_path: Path) -> None:
    """Before: "damaged", and recovery files tried beside a store that is fine."""
    seed, article = _seed(tmp_path)
    before = {p.name: p.read_bytes() for p in seed.iterdir()}
    setup = f"mount --bind {seed} {seed}\nmount -o remount,bind,ro {seed}"
    d = str(seed)
    results = _run_in_namespace(tmp_path, setup, [
        ["annotations", str(article), "--json", "--data-dir", d],
        ["search", "灯塔", "--json", "--data-dir", d],
        ["export", "--all", "--format", "json", "--data-dir", d],
        ["annotate", str(article), "--quote", "灯塔", "--data-dir", d],
        ["library", "index", str(article.parent), "--data-dir", d],
    ])
    (rc, out, err), (src, sout, serr), (erc, eout, eerr), (arc, _, aerr), (irc, _, ierr) = results
    assert rc == 0, err
    assert [a["exact"] for a in json.loads(out)["annotations"]] == ["港口镇"]
    assert src == 0 and json.loads(sout)["total"] == 1, serr
    assert erc == 0 and "港口镇" in eout, eerr
    for code, message in ((arc, aerr), (irc, ierr)):
        assert code == 1 and "read-only" in message and "Traceback" not in message
        assert message.strip().splitlines()[-1].startswith("error:")
    assert "damaged" not in err + aerr + ierr
    assert {p.name: p.read_bytes() for p in seed.iterdir()} == before


def test_a_write_that_fills_the_store_says_the_disk_is_full(tmp_path: Path) -> None:
    """SQLite rolls the transaction back itself when it runs out of room; rolling back again
    hid the reason. Before: "cannot rollback - no transaction is active". (The limit here is
    SQLite's max_page_count, which fails the same way as a full disk, on every platform.)"""
    from reader.core.store import StoreError

    with Store(tmp_path / "data") as store:
        store.write(lambda conn: conn.execute("INSERT INTO meta VALUES ('kept', '1')"))
        pages = store.query("PRAGMA main.page_count")[0][0]
        store.conn.execute(f"PRAGMA main.max_page_count = {pages + 2}")
        with pytest.raises(StoreError, match="the disk is full") as failure:
            store.write(lambda conn: conn.execute("INSERT INTO meta VALUES ('big', ?)", ("x" * 100_000,)))
        assert "rollback" not in str(failure.value)
        assert not store.conn.in_transaction
        assert [r[0] for r in store.query("SELECT key FROM meta")] == ["kept"]
        store.write(lambda conn: conn.execute("INSERT INTO meta VALUES ('small', '2')"))  # still works


def _damage_cache(data: Path) -> None:
    cache = data / CACHE_NAME
    raw = sqlite3.connect(cache)
    pages = [r[0] for r in raw.execute(
        "SELECT pageno FROM dbstat WHERE name IN ('library_articles', 'library_fts_data')")]
    raw.close()
    content = bytearray(cache.read_bytes())
    for page in pages:
        content[(page - 1) * 4096: page * 4096] = b"\xff" * 4096
    cache.write_bytes(bytes(content))


@pytest.mark.parametrize("checked_at_open", [True, False])
def test_library_index_rebuilds_a_damaged_cache_and_says_so_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        checked_at_open: bool) -> None:
    """Before: a traceback (an internal error) in `library index`; the window's Library empty."""
    seed, article = _seed(tmp_path)
    capsys.readouterr()
    _damage_cache(seed)
    if not checked_at_open:  # a large cache: the damage shows when its pages are read
        monkeypatch.setattr("reader.core.store.QUICK_CHECK_MAX_BYTES", 0)
    assert main(["library", "index", str(article.parent), "--data-dir", str(seed)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("indexed 1,")
    assert err.count("\n") == 1 and err.startswith("note: ") and "rebuilt" in err
    assert main(["search", "灯塔", "--json", "--data-dir", str(seed)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["total"] == 1 and err == ""
    with Store(seed) as store:
        assert store.query("SELECT count(*) FROM annotations")[0][0] == 1
