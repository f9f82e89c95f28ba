"""Annotations in the store, the annotate/annotations commands, and their reliability."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.annotations import (
    AnnotationError,
    all_tags,
    attach_annotation,
    create_annotation,
    delete_annotation,
    get_annotation,
    has_annotations,
    list_annotations,
    load_position,
    reanchor_article,
    restore_annotation,
    save_position,
    side_text,
    update_annotation,
)
from reader.core.article import parse_article
from reader.core.originals import save_original
from reader.core.store import Store

ROOT = Path(__file__).resolve().parents[2]

ARTICLE = """\
# 潮汐发电站

港口镇周一开放了第一座潮汐发电站。

发电站位于河口，那里的潮水每天两次上涨六米。工程师说它能为四千户家庭供电。

批评者担心在退潮时于泥滩觅食的鸟类。再说一次：潮汐发电站很重要。
"""
ENGLISH = """\
# Tidal power station

Harbour Town opened its first tidal power station on Monday.

The station sits at the mouth of the estuary, where the tide rises six metres twice a day.
"""
URL_ARTICLE = "> 原文：<https://ledger.example.com/news/tidal/>\n\n" + ARTICLE


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "store") as s:
        yield s


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "articles" / "tidal.md"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def _cli(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, object, str]:
    code = main([*args, "--data-dir", str(data)])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip().startswith("{") else out, err


# --- the store API --------------------------------------------------------------------------


def test_create_list_update_delete_restore(store: Store) -> None:
    text = parse_article_text()
    a = create_annotation(store, "k", "zh", text, *_span(text, "潮水每天两次上涨六米"),
                          note="tides", tags=["科学", " energy ", "科学", ""], color="green")
    assert a.exact == "潮水每天两次上涨六米" and a.status == "exact"
    assert a.tags == ("energy", "科学")
    assert datetime.fromisoformat(a.created).tzinfo is not None
    assert list_annotations(store, "k") == [a]
    assert list_annotations(store, "other") == []
    assert has_annotations(store, "k") and not has_annotations(store, "other")
    assert len(a.id) == 36 and a.id != create_annotation(store, "k", "zh", text, 0, 2).id  # uuid4

    b = update_annotation(store, a.id, note="new note", tags=["x"], color="pink")
    assert (b.note, b.tags, b.color, b.exact) == ("new note", ("x",), "pink", a.exact)
    assert b.modified >= a.modified and b.created == a.created
    assert update_annotation(store, a.id, note="only the note").tags == ("x",)

    deleted = delete_annotation(store, a.id)
    assert deleted.note == "only the note"
    assert [x.id for x in list_annotations(store, "k")] != [a.id]
    delete_annotation(store, list_annotations(store, "k")[0].id)
    assert list_annotations(store, "k") == [] and not has_annotations(store, "k")
    assert store.query("SELECT count(*) FROM annotation_tags")[0][0] == 0
    assert restore_annotation(store, deleted) == deleted
    assert restore_annotation(store, deleted) == deleted  # twice is harmless
    assert get_annotation(store, a.id) == deleted


def test_unknown_ids_and_values_are_errors(store: Store) -> None:
    with pytest.raises(AnnotationError):
        update_annotation(store, "nope", note="x")
    with pytest.raises(AnnotationError):
        delete_annotation(store, "nope")
    with pytest.raises(AnnotationError, match="colour"):
        create_annotation(store, "k", "zh", "abc", 0, 1, color="red")
    with pytest.raises(AnnotationError, match="side"):
        create_annotation(store, "k", "fr", "abc", 0, 1)
    with pytest.raises(AnnotationError, match="selection"):
        create_annotation(store, "k", "zh", "abc", 2, 2)


def test_all_tags_for_completion(store: Store) -> None:
    for tags in (["energy", "birds"], ["energy"], ["en_route"]):
        create_annotation(store, "k", "zh", "abcdef", 0, 3, tags=tags)
    assert all_tags(store) == ["energy", "birds", "en_route"]
    assert all_tags(store, "en") == ["energy", "en_route"]
    assert all_tags(store, "en_") == ["en_route"]  # _ is not a wildcard


def test_bookmarks_and_reading_position(store: Store) -> None:
    a = create_annotation(store, "k", "en", "Chapter one", 0, 7, kind="bookmark")
    assert a.kind == "bookmark"
    assert load_position(store, "k") is None
    save_position(store, "k", "zh", block=4, offset=120)
    save_position(store, "k", "en", block=5, offset=130)
    position = load_position(store, "k")
    assert (position.side, position.block, position.offset) == ("en", 5, 130)
    with pytest.raises(AnnotationError):
        save_position(store, "k", "zh", block=-1)


def test_reanchor_article_saves_positions_and_keeps_orphans(store: Store) -> None:
    text = parse_article_text()
    kept = create_annotation(store, "k", "zh", text, *_span(text, "工程师说它能为四千户家庭供电"))
    gone = create_annotation(store, "k", "zh", text, *_span(text, "港口镇周一开放了第一座潮汐发电站"))
    new = text.replace("港口镇周一开放了第一座潮汐发电站。", "这一段完全改写了，没有原来的句子。")
    new = "新的导语。\n\n" + new
    result = reanchor_article(store, "k", {"zh": new})
    assert [(a.id, a.status) for a in result] == [(kept.id, "moved"), (gone.id, "orphaned")]
    stored = {a.id: a for a in list_annotations(store, "k")}
    assert stored[kept.id].start == new.index("工程师说")
    assert stored[kept.id].modified == kept.modified  # re-anchoring is not an edit
    assert stored[gone.id].status == "orphaned" and stored[gone.id].exact == gone.exact
    # Re-anchoring again finds the saved positions.
    assert [a.status for a in reanchor_article(store, "k", {"zh": new})] == ["exact", "orphaned"]


def test_attach_an_orphan(store: Store) -> None:
    text = parse_article_text()
    a = create_annotation(store, "k", "zh", text, *_span(text, "港口镇周一"), note="keep me")
    new = text.replace("港口镇周一", "某天")
    assert reanchor_article(store, "k", {"zh": new})[0].status == "orphaned"
    b = attach_annotation(store, a.id, new, *_span(new, "某天开放"))
    assert (b.exact, b.status, b.note, b.id) == ("某天开放", "exact", "keep me", a.id)
    assert reanchor_article(store, "k", {"zh": new})[0].status == "exact"


def test_side_text(store: Store, article_file: Path) -> None:
    article = parse_article(article_file)
    assert side_text(article, store, "zh") == article.plain_text
    with pytest.raises(AnnotationError, match="not available offline"):
        side_text(article, store, "en")
    save_original(store, article.key, requested_url="x", final_url="x", origin="file",
                  markdown=ENGLISH)
    assert side_text(article, store, "en").startswith("Tidal power station\n\nHarbour Town")
    article_file.with_name("tidal.en.md").write_text("# Sibling\n\nFrom the sibling.", "utf-8")
    assert side_text(article, store, "en") == "Sibling\n\nFrom the sibling."


def parse_article_text() -> str:
    from reader.core.article import parse_markdown

    return parse_markdown(ARTICLE).plain_text


# --- the commands ---------------------------------------------------------------------------


def test_annotate_and_list(capsys: pytest.CaptureFixture[str], tmp_path: Path, article_file: Path) -> None:
    data = tmp_path / "data"
    code, made, _ = _cli(capsys, data, "annotate", str(article_file), "--quote", "潮水每天两次上涨六米",
                         "--note", "六米!", "--tag", "energy", "--tag", "科学", "--color", "blue")
    assert code == 0
    assert made["text"] == made["exact"] == "潮水每天两次上涨六米"
    assert (made["side"], made["kind"], made["color"], made["status"]) == ("zh", "highlight", "blue", "exact")
    assert made["tags"] == ["energy", "科学"] and made["note"] == "六米!"

    code, bookmark, _ = _cli(capsys, data, "annotate", str(article_file), "--quote", "港口镇",
                             "--bookmark")
    assert bookmark["kind"] == "bookmark"

    code, listed, _ = _cli(capsys, data, "annotations", str(article_file), "--json")
    assert code == 0
    items = listed["annotations"]
    assert [a["id"] for a in items] == [bookmark["id"], made["id"]]  # position order
    keys = {"id", "side", "exact", "prefix", "suffix", "note", "tags", "color", "kind", "start",
            "end", "status", "text"}
    assert keys <= set(items[0])

    code, out, _ = _cli(capsys, data, "annotations", str(article_file))
    assert code == 0 and "潮水每天两次上涨六米" in out and "note: 六米!" in out


def test_annotate_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path, article_file: Path) -> None:
    data = tmp_path / "data"
    code, _, err = _cli(capsys, data, "annotate", str(article_file), "--quote", "不存在的句子")
    assert code == 1 and "not in the text" in err and err.count("\n") == 1
    code, _, err = _cli(capsys, data, "annotate", str(article_file), "--quote", "潮汐发电站")
    assert code == 1 and "occurs 3 times" in err and "--prefix" in err
    code, made, _ = _cli(capsys, data, "annotate", str(article_file), "--quote", "潮汐发电站",
                         "--prefix", "再说一次：")
    assert code == 0 and made["prefix"].endswith("再说一次：")
    code, _, err = _cli(capsys, data, "annotate", str(article_file), "--quote", "x", "--side", "en")
    assert code == 1 and "not available offline" in err


def test_annotate_english_side_from_the_cache(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = tmp_path / "tidal.md"
    path.write_text(URL_ARTICLE, encoding="utf-8")
    with Store(data) as store:
        save_original(store, "https://ledger.example.com/news/tidal/", requested_url="u",
                      final_url="u", origin="network", markdown=ENGLISH)
    code, made, _ = _cli(capsys, data, "annotate", str(path), "--side", "en", "--quote",
                         "six metres twice a day")
    assert code == 0 and made["side"] == "en" and made["text"] == "six metres twice a day"
    code, listed, _ = _cli(capsys, data, "annotations", str(path), "--json")
    assert listed["annotations"][0]["status"] == "exact"


def test_edits_and_moves_keep_annotations(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                          article_file: Path) -> None:
    data = tmp_path / "data"
    for quote in ("港口镇周一开放了第一座潮汐发电站", "潮水每天两次上涨六米", "工程师说它能为四千户家庭供电"):
        assert _cli(capsys, data, "annotate", str(article_file), "--quote", quote)[0] == 0
    # A file without a source URL is keyed by its text: moving it keeps its annotations.
    moved = tmp_path / "elsewhere" / "renamed.md"
    moved.parent.mkdir()
    article_file.rename(moved)
    _, listed, _ = _cli(capsys, data, "annotations", str(moved), "--json")
    assert [a["status"] for a in listed["annotations"]] == ["exact"] * 3


def test_url_article_edited_reports_each_status(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = tmp_path / "tidal.md"
    path.write_text(URL_ARTICLE, encoding="utf-8")
    for quote in ("港口镇周一开放了第一座潮汐发电站", "潮水每天两次上涨六米", "批评者担心在退潮时于泥滩觅食的鸟类",
                  "工程师说它能为四千户家庭供电"):
        assert _cli(capsys, data, "annotate", str(path), "--quote", quote)[0] == 0
    edited = (URL_ARTICLE.replace("# 潮汐发电站", "# 潮汐发电站\n\n新增的一段导语。")
              .replace("上涨六米", "上涨七米").replace("批评者担心在退潮时于泥滩觅食的鸟类。", ""))
    path.write_text(edited, encoding="utf-8")
    _, listed, _ = _cli(capsys, data, "annotations", str(path), "--json")
    got = [(a["exact"], a["status"], a["text"]) for a in listed["annotations"]]
    assert got == [
        ("港口镇周一开放了第一座潮汐发电站", "moved", "港口镇周一开放了第一座潮汐发电站"),
        ("潮水每天两次上涨六米", "fuzzy", "潮水每天两次上涨七米"),
        ("工程师说它能为四千户家庭供电", "moved", "工程师说它能为四千户家庭供电"),
        ("批评者担心在退潮时于泥滩觅食的鸟类", "orphaned", None),  # orphans last, still listed
    ]


# --- reliability -----------------------------------------------------------------------------

_WRITER = textwrap.dedent("""
    import sys
    from reader.cli import main
    path, data, who, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    for i in range(count):
        code = main(["annotate", path, "--quote", "潮水每天两次上涨六米", "--note", f"{who}-{i}",
                     "--data-dir", data])
        if code:
            sys.exit(code)
""")


def test_concurrent_processes_lose_no_writes(tmp_path: Path, article_file: Path) -> None:
    data = tmp_path / "data"
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(article_file), str(data), f"p{n}", "25"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for n in range(4)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    with Store(data) as store:
        notes = {a.note for a in list_annotations(store, parse_article(article_file).key)}
    assert notes == {f"p{n}-{i}" for n in range(4) for i in range(25)}


_LOOP = textwrap.dedent("""
    import sys
    from reader.core.annotations import create_annotation
    from reader.core.store import Store
    text = "潮汐发电站位于河口，那里的潮水每天两次上涨六米。" * 20
    with Store(sys.argv[1]) as store:
        i = 0
        while True:
            a = create_annotation(store, "k", "zh", text, i % 200, i % 200 + 10, note=f"n{i}",
                                  tags=[f"t{i}", "loop"])
            print(a.id, i, flush=True)  # only after the commit
            i += 1
""")


def test_sigkill_mid_write_leaves_a_consistent_store(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-c", _LOOP, str(data)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    committed: dict[str, int] = {}
    try:
        while len(committed) < 60:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            ident, i = line.split()
            committed[ident] = int(i)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with Store(data) as store:
        assert store.report.notice is None
        assert store.query("PRAGMA integrity_check")[0][0] == "ok"
        found = {a.id: a for a in list_annotations(store, "k")}
        for ident, i in committed.items():
            a = found[ident]
            assert (a.note, a.tags, a.start) == (f"n{i}", tuple(sorted([f"t{i}", "loop"])), i % 200)
        # Nothing half-written: every row has its tags.
        assert all(len(a.tags) == 2 for a in found.values())


def test_store_schema_refuses_bad_rows(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.write(lambda conn: conn.execute(
            "INSERT INTO annotations (id, article_key, side, exact, start_offset, end_offset, "
            "created, modified) VALUES ('x', 'k', 'fr', 'a', 0, 1, '', '')"))


def test_commands_say_when_the_store_was_set_aside(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                   article_file: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "reader.sqlite3").write_bytes(b"garbage" * 1000)
    code, made, err = _cli(capsys, data, "annotate", str(article_file), "--quote", "港口镇")
    assert code == 0 and made["exact"] == "港口镇"
    assert err.startswith("note: The store") and "damaged" in err and "left as it was" in err
    assert (data / "reader.sqlite3").read_bytes() == b"garbage" * 1000
    code, _made, err = _cli(capsys, data, "annotate", str(article_file), "--quote", "港口镇")
    assert code == 0 and err == ""  # said once
