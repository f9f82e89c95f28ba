"""The SQLite store: migrations, transactions, and stores that must be set aside."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.store import MIGRATIONS, STORE_NAME, Store, StoreError


def _tables(store: Store) -> set[str]:
    return {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_fresh_store_has_every_migration(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        assert store.query("PRAGMA user_version")[0][0] == len(MIGRATIONS)
        assert store.query("PRAGMA journal_mode")[0][0] == "wal"
        assert {"meta", "originals", "annotations", "annotation_tags", "positions"} <= _tables(store)
        indexes = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "annotations_by_article" in indexes
        assert store.report.notice is None


def test_reopening_keeps_data(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.write(lambda conn: conn.execute("INSERT INTO meta VALUES ('a', 'b')"))
    with Store(tmp_path) as store:
        assert store.query("SELECT value FROM meta WHERE key = 'a'")[0][0] == "b"


def test_write_is_one_transaction(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        def work(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT INTO meta VALUES ('x', '1')")
            raise RuntimeError("boom")

        with pytest.raises(RuntimeError):
            store.write(work)
        assert store.query("SELECT count(*) FROM meta")[0][0] == 0


def test_corrupt_store_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / STORE_NAME
    junk = b"this is not a database at all\n" * 200
    path.write_bytes(junk)
    with Store(tmp_path) as store:
        assert store.path != path
        assert store.report.notice and str(path) in store.report.notice
        assert "damaged" in store.report.notice or "not a database" in store.report.notice
        store.write(lambda conn: conn.execute("INSERT INTO meta VALUES ('fresh', '1')"))
    assert path.read_bytes() == junk
    # The next start uses the same stand-in, with its data.
    with Store(tmp_path) as store:
        assert store.query("SELECT value FROM meta WHERE key = 'fresh'")[0][0] == "1"


def test_damaged_pages_are_detected(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.write(lambda conn: conn.executemany(
            "INSERT INTO meta VALUES (?, ?)", [(str(i), "v" * 500) for i in range(200)]))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = tmp_path / STORE_NAME
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page : 5 * page] = b"\xff" * (2 * page)  # scribble over pages of the tables
    path.write_bytes(bytes(data))
    with Store(tmp_path) as store:
        assert store.path != path and store.report.notice
    assert path.read_bytes() == bytes(data)


def test_newer_schema_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / STORE_NAME
    with Store(tmp_path) as store:
        store.write(lambda conn: conn.execute("INSERT INTO meta VALUES ('mine', '1')"))
        store.conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = path.read_bytes()
    with Store(tmp_path) as store:
        assert store.path != path
        assert "newer version" in store.report.notice
        assert store.query("SELECT count(*) FROM meta")[0][0] == 0
    assert path.read_bytes() == before
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT value FROM meta WHERE key = 'mine'").fetchone() == ("1",)
    raw.close()


def test_unusable_data_folder_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError):
        Store(blocker / "sub")


def test_a_new_store_waits_for_another_process_creating_it(tmp_path: Path) -> None:
    """Two first starts at once (the GUI and a command, or two commands): the second one
    waits. SQLite refuses a journal-mode change at once, without its busy timeout, while
    another connection holds the write lock — found by running two `align`s in parallel."""
    import sqlite3
    import threading

    tmp_path.mkdir(exist_ok=True)
    other = sqlite3.connect(tmp_path / "reader.sqlite3", isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE t (x)")  # a database still in its first, rollback journal
    other.execute("BEGIN IMMEDIATE")  # and another process in the middle of writing it
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    try:
        with Store(tmp_path) as store:
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        release.join()
        other.close()
