"""The SQLite stores: the user's data and the caches in two files, numbered migrations run
whole, transactions, damage (salvaged or rebuilt), and the single-file store of earlier
versions split on upgrade."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.core import library, reading
from reader.core.annotations import list_annotations, load_position
from reader.core.store import (
    CACHE_MIGRATIONS,
    CACHE_NAME,
    DATA_MIGRATIONS,
    DATA_NAME,
    LEGACY_NAME,
    Store,
    StoreError,
)
from tests.conftest import ROOT

LEGACY_STORE = ROOT / "tests" / "fixtures" / "legacy-store" / LEGACY_NAME
LEGACY_KEY = "https://books.example.org/azarc-enbl-k8s_2/"


def _tables(path: Path) -> set[str]:
    raw = sqlite3.connect(path)
    try:
        return {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        raw.close()


def _checkpoint(store: Store) -> None:
    store.conn.execute("PRAGMA main.wal_checkpoint(TRUNCATE)")
    store.conn.execute("PRAGMA cache.wal_checkpoint(TRUNCATE)")


def _pages(path: Path, table: str) -> list[int]:
    """The pages of a table or index, leaves first (from SQLite's dbstat table)."""
    raw = sqlite3.connect(path)
    try:
        return [r[0] for r in raw.execute(
            "SELECT pageno FROM dbstat WHERE name = ? ORDER BY pagetype = 'internal', pageno", (table,))]
    finally:
        raw.close()


def _scribble(path: Path, pages: list[int]) -> bytes:
    """Overwrite whole pages (numbered from 1) with junk, as a failing disk would."""
    data = bytearray(path.read_bytes())
    size = 4096
    for page in pages:
        data[(page - 1) * size: page * size] = b"\xff" * size
    path.write_bytes(bytes(data))
    return bytes(data)


def test_fresh_store_has_every_migration(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        assert store.query("PRAGMA main.user_version")[0][0] == len(DATA_MIGRATIONS)
        assert store.query("PRAGMA cache.user_version")[0][0] == len(CACHE_MIGRATIONS)
        assert store.query("PRAGMA main.journal_mode")[0][0] == "wal"
        assert store.query("PRAGMA cache.journal_mode")[0][0] == "wal"
        indexes = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "annotations_by_article" in indexes
        assert store.report.notice is None


def test_user_data_and_caches_live_in_separate_files(tmp_path: Path) -> None:
    """The user's own data stays small and is checked at every open; the library index and
    cached originals (large, rebuildable) are elsewhere."""
    with Store(tmp_path) as store:
        assert store.path == tmp_path / DATA_NAME
    data, cache = _tables(tmp_path / DATA_NAME), _tables(tmp_path / CACHE_NAME)
    assert {"meta", "annotations", "annotation_tags", "positions", "library_state"} <= data
    assert not any(t.startswith(("library_articles", "library_fts", "originals")) for t in data)
    assert {"originals", "library_folders", "library_articles", "library_skipped", "library_fts"} <= cache
    assert not {"annotations", "positions", "library_state"} & cache


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


def test_migrations_run_each_script_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A trigger's body and a string hold semicolons: split on ';' they broke the script."""
    script = """
        CREATE TABLE trial_marks (id INTEGER PRIMARY KEY, note TEXT NOT NULL DEFAULT 'a; b');
        CREATE TRIGGER trial_marks_touch AFTER INSERT ON trial_marks BEGIN
            UPDATE trial_marks SET note = note || ';' WHERE id = new.id;
        END;
    """
    monkeypatch.setattr("reader.core.store.DATA_MIGRATIONS", [*DATA_MIGRATIONS, script])
    with Store(tmp_path) as store:
        assert store.query("PRAGMA main.user_version")[0][0] == len(DATA_MIGRATIONS) + 1
        store.write(lambda conn: conn.execute("INSERT INTO trial_marks (id) VALUES (1)"))
        assert store.query("SELECT note FROM trial_marks")[0][0] == "a; b;"


def test_a_failing_migration_leaves_nothing_half_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store(tmp_path).close()
    broken = "CREATE TABLE half (x); INSERT INTO no_such_table VALUES (1);"
    monkeypatch.setattr("reader.core.store.DATA_MIGRATIONS", [*DATA_MIGRATIONS, broken])
    with pytest.raises(StoreError, match="no_such_table"):
        Store(tmp_path)
    assert "half" not in _tables(tmp_path / DATA_NAME)
    monkeypatch.undo()
    with Store(tmp_path) as store:
        assert store.query("PRAGMA main.user_version")[0][0] == len(DATA_MIGRATIONS)


def test_unreadable_data_store_is_replaced_and_kept(tmp_path: Path) -> None:
    path = tmp_path / DATA_NAME
    junk = b"this is not a database at all\n" * 200
    path.write_bytes(junk)
    with Store(tmp_path) as store:
        assert store.path == path
        notice = store.report.notice or ""
        assert "damaged" in notice and str(path) in notice
        store.write(lambda conn: conn.execute("INSERT INTO meta VALUES ('fresh', '1')"))
    kept = list(tmp_path.glob("reader-data.damaged-*.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == junk
    assert str(kept[0]) in notice
    # The next start opens the fresh store, with its data, and says nothing.
    with Store(tmp_path) as store:
        assert store.query("SELECT value FROM meta WHERE key = 'fresh'")[0][0] == "1"
        assert store.report.notice is None
    assert not list(tmp_path.glob("*recovered*"))


def test_damaged_data_store_is_salvaged_row_by_row(tmp_path: Path) -> None:
    """What still reads of a damaged store (table by table, row by row) is copied into a
    fresh one before the damaged file is set aside."""
    with Store(tmp_path) as store:
        store.write(lambda conn: conn.executemany(
            "INSERT INTO meta VALUES (?, ?)", [(f"{i:04d}", "v" * 500) for i in range(200)]))
        store.write(lambda conn: conn.executemany(
            "INSERT INTO positions VALUES (?, 'zh', ?, 0, 'now')", [(f"k{i}", i) for i in range(50)]))
        _checkpoint(store)
    path = tmp_path / DATA_NAME
    damaged = _scribble(path, _pages(path, "meta")[3:5])  # two leaf pages of meta
    with Store(tmp_path) as store:
        assert "damaged" in (store.report.notice or "")
        meta = store.query("SELECT count(*) FROM meta")[0][0]
        assert 150 < meta < 200  # the rows of the two pages are lost, the rest saved
        assert store.query("SELECT count(*) FROM positions")[0][0] == 50
        assert store.query("PRAGMA quick_check")[0][0] == "ok"
    kept = list(tmp_path.glob("reader-data.damaged-*.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged


def test_newer_schema_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / DATA_NAME
    with Store(tmp_path) as store:
        store.write(lambda conn: conn.execute("INSERT INTO meta VALUES ('mine', '1')"))
        store.conn.execute(f"PRAGMA user_version = {len(DATA_MIGRATIONS) + 5}")
        _checkpoint(store)
    before = path.read_bytes()
    with Store(tmp_path) as store:
        assert store.path != path
        assert "newer version" in (store.report.notice or "")
        assert store.query("SELECT count(*) FROM meta")[0][0] == 0
    assert path.read_bytes() == before
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT value FROM meta WHERE key = 'mine'").fetchone() == ("1",)
    raw.close()


def _library_with_annotation(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(40):
        (folder / f"a{i}.md").write_text(f"# 文章 {i}\n\n" + "正文内容。" * 300, encoding="utf-8")
    data = tmp_path / "data"
    with Store(data) as store:
        library.index_folder(store, folder)
        key = reading.mark_opened(store, folder / "a1.md")
        reading.set_progress(store, key, 0.5)
        store.write(lambda conn: conn.execute("INSERT INTO meta VALUES ('mine', '1')"))
        _checkpoint(store)
    return folder, data


def test_damaged_cache_is_rebuilt_at_open(tmp_path: Path) -> None:
    folder, data = _library_with_annotation(tmp_path)
    cache = data / CACHE_NAME
    _scribble(cache, _pages(cache, "library_articles")[:1] + _pages(cache, "library_fts_data")[:4])
    with Store(data) as store:
        notice = store.report.notice or ""
        assert "rebuilt" in notice and "library" in notice
        assert [f.path for f in library.folders(store)] == [str(folder.resolve())]  # carried over
        assert library.list_articles(store) == []
        assert store.query("SELECT value FROM meta")[0][0] == "1"  # the user's data untouched
        assert reading.recent(store)[0].progress == 0.5
        report = library.index_folder(store, folder)
        assert report.indexed == 40
        assert library.search(store, "文章 17").total == 1
    with Store(data) as store:
        assert store.report.notice is None  # said once


def test_damaged_large_cache_is_rebuilt_when_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache too large to check at every open: the damage shows when a page is read."""
    folder, data = _library_with_annotation(tmp_path)
    monkeypatch.setattr("reader.core.store.QUICK_CHECK_MAX_BYTES", 0)
    cache = data / CACHE_NAME
    _scribble(cache, _pages(cache, "library_articles")[:1] + _pages(cache, "library_fts_data")[:4])
    with Store(data) as store:
        assert store.report.notice is None
        rows = library.list_articles(store)
        assert rows == [] and "rebuilt" in (store.report.notice or "")
        assert library.index_folder(store, folder).indexed == 40
        assert len(library.list_articles(store)) == 40


def test_unusable_data_folder_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError):
        Store(blocker / "sub")


def test_a_new_store_waits_for_another_process_creating_it(tmp_path: Path) -> None:
    """Two first starts at once (the GUI and a command, or two commands): the second one
    waits. SQLite refuses a journal-mode change at once, without its busy timeout, while
    another connection holds the write lock — found by running two `align`s in parallel."""
    import threading

    tmp_path.mkdir(exist_ok=True)
    locked, release = threading.Event(), threading.Event()

    def other_process() -> None:  # its own connection, in its own thread
        other = sqlite3.connect(tmp_path / DATA_NAME, isolation_level=None)
        other.execute("CREATE TABLE t (x)")  # a database still in its first, rollback journal
        other.execute("BEGIN IMMEDIATE")  # and another process in the middle of writing it
        locked.set()
        release.wait(0.3)  # holds the lock while the store opens
        other.execute("COMMIT")
        other.close()

    writer = threading.Thread(target=other_process)
    writer.start()
    try:
        assert locked.wait(10)
        with Store(tmp_path) as store:
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        release.set()
        writer.join()


# --- the single-file store of earlier versions -------------------------------------------


def _legacy_data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(LEGACY_STORE, data / LEGACY_NAME)
    return data


def test_single_file_store_of_earlier_versions_is_split(tmp_path: Path) -> None:
    """An existing user's folder (a store written by the code before the split) keeps every
    annotation, tag, reading position and progress, the cached original and the library."""
    data = _legacy_data_dir(tmp_path)
    before = (data / LEGACY_NAME).read_bytes()
    with Store(data) as store:
        assert store.report.notice is None
        annotations = list_annotations(store, LEGACY_KEY)
        assert sorted(a.exact for a in annotations) == ["It’s no secret", "什么是 Azure Kubernetes 服务",
                                                        "容器和 Kubernetes"]
        noted = next(a for a in annotations if a.exact == "容器和 Kubernetes")
        assert noted.note == "旧笔记 note" and sorted(noted.tags) == ["legacy", "标签"]
        assert noted.color == "green"
        assert [a.kind for a in annotations if a.exact.startswith("什么是")] == ["bookmark"]
        position = load_position(store, LEGACY_KEY)
        assert position is not None and (position.block, position.offset) == (7, 3)
        recent = reading.recent(store)
        assert [(r.key, r.progress) for r in recent] == [(LEGACY_KEY, 0.42)]
        assert store.query("SELECT value FROM meta WHERE key = 'legacy'")[0][0] == "kept"
        assert store.query("SELECT count(*) FROM originals")[0][0] == 1
        assert len(library.folders(store)) == 1
        assert {Path(a.path).name for a in library.list_articles(store)} == {
            "azure-arc-kubernetes.md", "2023-hotness-cloud-ides-web-assembly-and-sboms.md"}
        assert library.search(store, "Azure").total >= 1
    assert "annotations" not in _tables(data / CACHE_NAME)
    assert "library_fts" not in _tables(data / DATA_NAME)
    assert (data / LEGACY_NAME).read_bytes() == before  # read, never changed
    assert sorted(p.name for p in data.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        CACHE_NAME, DATA_NAME, LEGACY_NAME]
    with Store(data) as store:  # done once
        assert len(list_annotations(store, LEGACY_KEY)) == 3


def test_split_keeps_writes_made_after_it(tmp_path: Path) -> None:
    data = _legacy_data_dir(tmp_path)
    with Store(data) as store:
        store.write(lambda conn: conn.execute("INSERT INTO meta VALUES ('after', '1')"))
    with Store(data) as store:
        assert store.query("SELECT value FROM meta WHERE key = 'after'")[0][0] == "1"
        assert store.query("SELECT value FROM meta WHERE key = 'legacy'")[0][0] == "kept"


def test_damaged_single_file_store_is_salvaged_on_split(tmp_path: Path) -> None:
    data = _legacy_data_dir(tmp_path)
    legacy = data / LEGACY_NAME
    _scribble(legacy, _pages(legacy, "library_fts_data") + _pages(legacy, "positions")
              + _pages(legacy, "sqlite_autoindex_positions_1"))
    with Store(data) as store:
        notice = store.report.notice or ""
        assert "damaged" in notice and "Index your library folders again" in notice
        annotations = list_annotations(store, LEGACY_KEY)
        assert len(annotations) == 3 and sum(len(a.tags) for a in annotations) == 2
        assert load_position(store, LEGACY_KEY) is None  # on the damaged pages
        assert reading.recent(store)[0].progress == 0.42
        assert library.list_articles(store) == []  # the library index starts over


def test_single_file_store_with_proofreading_is_split(tmp_path: Path) -> None:
    """A store written by the code just before the split (schema 5: review marks)."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(LEGACY_STORE.parents[1] / "legacy-store-v5" / LEGACY_NAME, data / LEGACY_NAME)
    with Store(data) as store:
        assert store.report.notice is None
        assert [a.note for a in list_annotations(store, LEGACY_KEY)] == ["旧笔记"]
        marks = store.query("SELECT status, note FROM review_marks WHERE status <> 'unreviewed'")
        assert [tuple(r) for r in marks] == [("flagged", "译文有误")]
        assert store.query("SELECT count(*) FROM review_progress")[0][0] == 1
        assert len(library.list_articles(store)) == 1
    assert {"review_marks", "review_progress", "proofread_baselines"} <= _tables(data / DATA_NAME)
    assert not {"review_marks", "annotations"} & _tables(data / CACHE_NAME)


def test_saving_the_users_data_does_not_wait_for_the_library_indexer(tmp_path: Path) -> None:
    """The indexer holds the cache's write lock for a batch; a highlight, a note or the reading
    progress (the user's data, another file) is saved meanwhile, not after it."""
    import threading
    import time

    Store(tmp_path).close()
    holding, release = threading.Event(), threading.Event()

    def indexer() -> None:  # its own connection, in its own thread
        with Store(tmp_path) as store:
            def batch(conn: sqlite3.Connection) -> None:
                conn.execute("INSERT INTO library_folders (path, added_at) VALUES ('/x', 0)")
                holding.set()
                release.wait(5)  # a long batch

            store.write(batch)

    thread = threading.Thread(target=indexer)
    thread.start()
    try:
        assert holding.wait(10)
        with Store(tmp_path) as store:
            started = time.monotonic()
            store.write(lambda conn: conn.execute("INSERT INTO meta VALUES ('note', '1')"))
            waited = time.monotonic() - started
        assert waited < 1, f"the user's write waited {waited:.1f} s for the cache's lock"
    finally:
        release.set()
        thread.join()
    with Store(tmp_path) as store:
        assert store.query("SELECT count(*) FROM library_folders")[0][0] == 1


def test_two_writers_of_the_same_file_both_save(tmp_path: Path) -> None:
    """Deferred transactions that read before they write meet a newer snapshot ("busy" at
    once, without SQLite's busy wait): ``write`` runs them again until the lock is free."""
    import threading

    Store(tmp_path).close()

    def writer(name: str) -> None:
        with Store(tmp_path) as store:
            for i in range(40):
                def work(conn: sqlite3.Connection, i: int = i) -> None:
                    count = conn.execute("SELECT count(*) FROM meta").fetchone()[0]  # read first
                    conn.execute("INSERT INTO meta VALUES (?, ?)", (f"{name}{i}", str(count)))

                store.write(work)

    threads = [threading.Thread(target=writer, args=(name,)) for name in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Store(tmp_path) as store:
        assert store.query("SELECT count(*) FROM meta")[0][0] == 80
