"""The library: indexing folders, incremental updates, search, progress, the CLI."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.core import library
from reader.core.annotations import create_annotation
from reader.core.article import parse_article
from reader.core.errors import ReaderError
from reader.core.library import (
    folders,
    index_folder,
    list_articles,
    make_snippet,
    parse_query,
    remove_folder,
    search,
)
from reader.core.originals import save_original
from reader.core.reading import mark_opened, recent, set_progress
from reader.core.store import Store
from reader.core.textio import MAX_FILE_BYTES

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "thenewstack-zh"

ARTICLES = {
    "container.md": "# 什么是容器\n\n> 原文：<https://example.com/what-is-a-container/>\n\n"
                    "容器是一种轻量级的虚拟化技术。Kubernetes 负责容器编排，提升安全",
    "security.md": "# 云原生安全指南\n\n> 原文：<https://www.example.org/cloud-native-security/>\n\n"
                   "零信任是 Cloud Native 安全的基础。使用 C# 和 Go 编写服务网格策略。",
    "nourl.md": "# 没有来源的文章\n\n这篇文章讲述 service\nmesh 与 WebAssembly 的关系。",
}


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "data") as s:
        yield s


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _files(store: Store, query: str) -> set[str]:
    return {Path(h.file).name for h in search(store, query, limit=1000).results}


# --- indexing ---------------------------------------------------------------------------


def test_index_a_folder(store: Store, folder: Path) -> None:
    calls: list[tuple[int, int]] = []
    report = index_folder(store, folder, progress=lambda d, t: calls.append((d, t)))
    assert (report.indexed, report.unchanged, report.removed, report.skipped) == (3, 0, 0, [])
    assert calls[-1] == (3, 3)
    rows = {Path(r.path).name: r for r in list_articles(store)}
    assert rows["container.md"].title == "什么是容器"
    assert rows["security.md"].site == "example.org"
    assert rows["nourl.md"].key.startswith("urn:sha256:")
    assert all(r.progress == 0 and r.annotations == 0 for r in rows.values())
    assert [(f.path, f.articles) for f in folders(store)] == [(str(folder.resolve()), 3)]
    again = index_folder(store, folder)
    assert (again.indexed, again.unchanged, again.removed) == (0, 3, 0)


def test_has_library_folders_follows_adding_and_removing(store: Store, folder: Path) -> None:
    from reader.core.store import has_library_folders

    assert not has_library_folders(store)
    index_folder(store, folder)
    assert has_library_folders(store)
    library.remove_folder(store, folder)
    assert not has_library_folders(store)


def test_incremental_change_touch_rename_delete(store: Store, folder: Path) -> None:
    index_folder(store, folder)
    key = parse_article(folder / "nourl.md").key
    set_progress(store, key, 0.4)

    (folder / "container.md").write_text(ARTICLES["container.md"] + "\n\n新增的段落：流水线", "utf-8")
    os.utime(folder / "security.md", ns=(1, 1))  # touched, same bytes
    report = index_folder(store, folder)
    assert (report.indexed, report.unchanged, report.removed) == (1, 2, 0)
    assert _files(store, "流水线") == {"container.md"}

    (folder / "sub").mkdir()
    (folder / "nourl.md").rename(folder / "sub" / "moved.md")
    report = index_folder(store, folder)
    assert (report.indexed, report.removed) == (0, 0)
    moved = [r for r in list_articles(store) if r.path.endswith("moved.md")]
    assert moved and moved[0].progress == pytest.approx(0.4) and moved[0].key == key
    assert _files(store, "WebAssembly") == {"moved.md"}

    (folder / "security.md").unlink()
    report = index_folder(store, folder)
    assert (report.indexed, report.removed) == (0, 1)
    assert _files(store, "零信任") == set()
    assert len(list_articles(store)) == 2


def test_originals_are_searchable(store: Store, folder: Path) -> None:
    index_folder(store, folder)
    assert _files(store, "harbour") == set()
    save_original(store, "https://example.com/what-is-a-container/", requested_url="u",
                  final_url="u", origin="network", markdown="A container is like a Harbour.")
    index_folder(store, folder)
    assert _files(store, "harbour") == {"container.md"}
    save_original(store, "https://example.com/what-is-a-container/", requested_url="u",
                  final_url="u", origin="network", markdown="Now about ships.", fetched_at=5.0)
    library.refresh_original(store, "https://example.com/what-is-a-container/")
    assert _files(store, "harbour") == set()
    assert _files(store, "ships") == {"container.md"}


# --- search -----------------------------------------------------------------------------


def test_chinese_english_mixed_and_short_queries(store: Store, folder: Path) -> None:
    index_folder(store, folder)
    assert _files(store, "容器编排") == {"container.md"}
    assert _files(store, "容器") == {"container.md"}  # 2 characters: no trigram of its own
    assert _files(store, "安全") == {"container.md", "security.md"}  # 安全 ends a text
    assert _files(store, "容") == {"container.md"}  # 1 character
    assert _files(store, "kubernetes") == {"container.md"}  # case-insensitive
    assert _files(store, "CLOUD native") == {"security.md"}
    assert _files(store, "安全 cloud") == {"security.md"}  # every term must occur
    assert _files(store, "go 安全") == {"security.md"}  # 2 Latin letters
    assert _files(store, "C#") == {"security.md"}  # punctuation is indexed too
    assert _files(store, '"service mesh"') == {"nourl.md"}  # across a line break
    assert _files(store, '"mesh service"') == set()
    assert _files(store, "虚拟化 零信任") == set()
    assert _files(store, "不存在的词") == set()
    empty = search(store, "   ")
    assert (empty.results, empty.total) == ([], 0)


def test_hits_have_snippets_and_scores(store: Store, folder: Path) -> None:
    index_folder(store, folder)
    result = search(store, "容器 kubernetes")
    assert result.total == 1 and result.elapsed_ms >= 0
    hit = result.results[0]
    assert hit.title == "什么是容器" and hit.score > 0
    assert "[Kubernetes]" in hit.snippet and "[容器]" in hit.snippet
    custom = search(store, "安全", markers=("<b>", "</b>")).results
    assert all("<b>安全</b>" in h.snippet for h in custom)
    title_hit = search(store, "安全").results[0]
    assert title_hit.title == "云原生安全指南"  # a title hit ranks first


def test_snippet_window_and_query_parsing() -> None:
    text = "a" * 100 + "Needle here" + "b" * 200
    snippet = make_snippet(text, ["needle"])
    assert snippet is not None and snippet.startswith("…") and snippet.endswith("…")
    assert "[Needle]" in snippet
    assert make_snippet("nothing", ["zz"]) is None
    assert parse_query('容器 "Service  Mesh" go GO') == ["Service Mesh", "容器", "go"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")
def test_results_equal_a_substring_scan(store: Store, tmp_path: Path) -> None:
    sample = tmp_path / "sample"
    sample.mkdir()
    files = sorted(CORPUS.glob("*.md"))
    for path in random.Random(7).sample(files, 200):
        shutil.copy(path, sample / path.name)
    index_folder(store, sample)
    texts = {}
    for path in sample.iterdir():
        article = parse_article(path)
        texts[path.name] = " ".join((article.title + " " + article.plain_text).split()).lower()
    words = ["容器", "安全", "开源", "kubernetes", "docker", "python", "api", "微服务",
             "云原生", "数据库", "可观察性", "开发人员", "serverless", "linux", "git", "ai",
             "go", "的", "性", "devops", "c++", "cncf", "webassembly", "人工智能", "rust"]
    for word in words:
        expected = {name for name, text in texts.items() if word in text}
        assert _files(store, word) == expected, word
        assert search(store, word).total == len(expected)


# --- bad input --------------------------------------------------------------------------


def test_bad_files_are_skipped_with_reasons(store: Store, folder: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "empty.md").write_bytes(b"")
    (folder / "latin1.md").write_bytes("# Caf\xe9\n\nd\xe9j\xe0 vu".encode("latin-1"))
    with open(folder / "huge.md", "wb") as fh:  # sparse: costs no disk
        fh.truncate(MAX_FILE_BYTES + 1)
    (folder / "self.md").symlink_to(folder / "self.md")  # a link to itself
    (folder / "broken.md").symlink_to(folder / "nowhere.md")
    (folder / "loop").symlink_to(folder)  # a folder link round to its parent
    (folder / "locked.md").write_text("# 锁住\n\n读不到", "utf-8")
    if os.geteuid() == 0:  # root reads anything: make the open fail instead
        real_open = open

        def fake_open(path, *args, **kwargs):
            if str(path).endswith("locked.md"):
                raise PermissionError(13, "Permission denied")
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(library, "open", fake_open, raising=False)
    else:
        (folder / "locked.md").chmod(0)

    report = index_folder(store, folder)
    reasons = {Path(f).name: r for f, r in report.skipped}
    assert report.indexed == 5  # the three good ones, latin1.md and empty.md (an empty article)
    assert "PNG" in reasons["binary.md"] and "empty.md" not in reasons
    assert "too large" in reasons["huge.md"]
    assert "loop" in reasons["self.md"] and "loop" in reasons["loop"]
    assert "broken" in reasons["broken.md"]
    assert "Permission denied" in reasons["locked.md"]
    assert "latin1.md" in {Path(r.path).name for r in list_articles(store)}  # decoded, not refused

    again = index_folder(store, folder)  # known bad files are not read again
    assert again.indexed == 0 and {Path(f).name for f, _ in again.skipped} == set(reasons)


def test_file_vanishing_while_indexing(store: Store, folder: Path) -> None:
    def progress(done: int, total: int) -> None:
        (folder / "security.md").unlink(missing_ok=True)  # sorted last but one

    report = index_folder(store, folder, progress=progress)
    assert ("security.md", "disappeared while indexing") in [
        (Path(f).name, r) for f, r in report.skipped]
    assert report.indexed == 2


def test_folder_that_disappears(store: Store, folder: Path) -> None:
    index_folder(store, folder)
    shutil.rmtree(folder)
    report = index_folder(store, folder)
    assert report.skipped == [(str(folder.resolve()), "folder not found")]
    assert len(list_articles(store)) == 3  # kept, as for an unplugged drive
    assert remove_folder(store, folder) == 3
    assert list_articles(store) == [] and folders(store) == []
    assert _files(store, "容器") == set()


def test_cancel_halfway_leaves_a_usable_index(store: Store, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library, "BATCH", 4)
    root = tmp_path / "many"
    root.mkdir()
    for i in range(20):
        (root / f"a{i:02d}.md").write_text(f"# 文章 {i}\n\n编号 marker{i:02d} 容器", "utf-8")
    seen: list[int] = []
    report = index_folder(store, root, progress=lambda d, t: seen.append(d),
                          cancelled=lambda: len(seen) > 10)
    assert report.cancelled and 8 <= report.indexed < 20
    assert search(store, "容器").total == report.indexed
    rest = index_folder(store, root)
    assert rest.indexed == 20 - report.indexed and rest.unchanged == report.indexed
    assert search(store, "marker").total == 20


def test_process_pool_gives_the_same_index(store: Store, folder: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library, "POOL_THRESHOLD", 1)
    report = index_folder(store, folder, workers=2)
    assert report.indexed == 3 and report.skipped == []
    assert _files(store, "容器") == {"container.md"}


# --- progress, recent, annotations ---------------------------------------------------------


def test_mark_opened_uses_the_callers_parse(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("# 文件里的标题\n\n正文", "utf-8")
    article = dataclasses.replace(parse_article(path), title="调用者的标题")
    assert mark_opened(store, path, article) == article.key
    assert recent(store, 1)[0].title == "调用者的标题"


def test_progress_recent_and_annotation_counts(store: Store, folder: Path,
                                               tmp_path: Path) -> None:
    index_folder(store, folder)
    key = mark_opened(store, folder / "container.md")
    outside = tmp_path / "outside.md"
    outside.write_text("# 外面的文章\n\n正文", "utf-8")
    mark_opened(store, outside)
    set_progress(store, key, 1.7)  # clamped
    got = recent(store, 5)
    assert [r.title for r in got] == ["外面的文章", "什么是容器"]
    assert got[1].progress == 1.0 and got[1].exists
    with pytest.raises(ReaderError):
        set_progress(store, key, float("nan"))
    # Through the real annotations API: a schema change must fail here, never skip.
    create_annotation(store, key, "zh", "什么是容器", 3, 5)
    rows = {Path(r.path).name: r for r in list_articles(store, folder)}
    assert rows["container.md"].annotations == 1 and rows["container.md"].last_opened


def test_annotation_count_without_the_table(store: Store, folder: Path) -> None:
    index_folder(store, folder)
    store.conn.execute("DROP TABLE IF EXISTS annotation_tags")
    store.conn.execute("DROP TABLE IF EXISTS annotations")
    assert library.annotation_counts(store) == {}
    assert all(r.annotations == 0 for r in list_articles(store))


# --- CLI --------------------------------------------------------------------------------


def test_cli_index_and_search(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = str(tmp_path / "cli-data")
    assert main(["--data-dir", data, "library", "index", str(folder), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["indexed"] == 3 and report["skipped"] == [] and "elapsed_ms" in report
    assert main(["search", "--data-dir", data, "容器", "--limit", "5", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["total"] == 1 and set(result) == {"results", "total", "elapsed_ms"}
    assert set(result["results"][0]) == {"file", "title", "snippet", "score"}
    assert result["results"][0]["title"] == "什么是容器"
    assert main(["search", "--data-dir", data, "安全"]) == 0
    assert "2 found" in capsys.readouterr().out
    assert main(["--data-dir", data, "library", "index", str(tmp_path / "nope")]) == 1
    assert "not a folder" in capsys.readouterr().err
