"""Exporting annotations: the model, the four formats, atomic writes, the command.

Golden files live in tests/fixtures/export/; regenerate them with UPDATE_GOLDEN=1 after
an intended change, and read the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from reader.cli import main
from reader.core import export
from reader.core.anchoring import find_quote, make_selector
from reader.core.annotations import Annotation, list_annotations, restore_annotation
from reader.core.article import parse_article
from reader.core.export import (
    ExportError,
    ExportModel,
    export_all,
    export_files,
    make_model,
    render,
    write_export,
)
from reader.core.store import Store

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "export"
GENERATED = "2024-06-01T10:00:00+00:00"
URL = "https://ledger.example.com/news/tidal/"

ZH = """\
# 潮汐发电站

> 原文：<https://ledger.example.com/news/tidal/>

港口镇周一开放了第一座潮汐发电站，耗资 4,200 万英镑。

发电站位于河口，那里的潮水每天两次上涨 6 米。工程师说它能为 4,000 户家庭供电。

批评者担心在退潮时于泥滩觅食的鸟类。市议会说将在 2025 年公布监测结果。
"""
EN = """\
# Tidal power station

Harbour Town opened its first tidal power station on Monday, at a cost of £42 million.

The station sits at the mouth of the estuary, where the tide rises 6 metres twice a day. Engineers say it can power 4,000 homes.

Critics worry about the birds that feed on the mudflats at low tide. The council says it will publish monitoring results in 2025.
"""
EN_P2 = EN.split("\n\n")[2]
ZH_P2 = ZH.split("\n\n")[3]


def write_article(folder: Path, *, original: bool = True, name: str = "tidal.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(ZH, encoding="utf-8")
    if original:
        path.with_name(path.stem + ".en.md").write_text(EN, encoding="utf-8")
    return path


def annotate(store: Store, key: str, text: str, quote: str, n: int, *, side: str = "zh",
             **fields: object) -> Annotation:
    """An annotation with a fixed id and times, so exports are deterministic."""
    start, end = find_quote(text, quote)
    s = make_selector(text, start, end)
    stamp = f"2024-05-0{n}T08:00:00.000+00:00"
    values: dict[str, object] = dict(
        id=f"00000000-0000-4000-8000-00000000000{n}", article_key=key, side=side,
        kind="highlight", exact=s.exact, prefix=s.prefix, suffix=s.suffix, start=start, end=end,
        color="yellow", note="", tags=(), status="exact", created=stamp, modified=stamp)
    values.update(fields)
    return restore_annotation(store, Annotation(**values))  # type: ignore[arg-type]


def populate(store: Store, path: Path) -> None:
    """Five annotations: zh with note and tags, one over two paragraphs, an English one,
    a bookmark and an orphan."""
    article = parse_article(path)
    zh = article.plain_text
    from reader.core.article import parse_markdown

    en = parse_markdown(EN).plain_text
    annotate(store, article.key, zh, "耗资 4,200 万英镑", 1, color="green",
             note="贵吗？\n第二行 *照原样*", tags=("能源", "cost basis"))
    annotate(store, article.key, zh, "供电。\n\n批评者担心", 2, note="跨两段")
    annotate(store, article.key, en, "the tide rises 6 metres twice a day", 3, side="en",
             color="blue")
    annotate(store, article.key, zh, "市议会说将在 2025 年公布监测结果", 4, kind="bookmark",
             note="监测 <结果> & 进度")
    restore_annotation(store, Annotation(
        id="00000000-0000-4000-8000-000000000005", article_key=article.key, side="zh",
        kind="highlight", exact="这句话已经不在文中了", prefix="", suffix="", start=3, end=13,
        color="pink", note="", tags=("=sum(1)",), status="orphaned",
        created="2024-05-05T08:00:00.000+00:00", modified="2024-05-05T08:00:00.000+00:00"))


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "data") as s:
        yield s


@pytest.fixture
def article_path(tmp_path: Path, store: Store) -> Path:
    path = write_article(tmp_path / "articles")
    populate(store, path)
    return path


def fixed_model(model: ExportModel) -> ExportModel:
    """The model with a path and a time that do not depend on the machine."""
    return make_model((replace(a, path=Path("/articles") / a.path.name if a.path else None)
                       for a in model.articles), GENERATED)


# --- the model -----------------------------------------------------------------------------


def test_model_has_current_text_and_counterparts(store: Store, article_path: Path) -> None:
    model = export_files(store, [article_path])
    (article,) = model.articles
    assert (article.title, article.source_url, article.key) == ("潮汐发电站", URL, URL)
    assert article.path == article_path.resolve()
    items = {i.annotation.id[-1]: i for i in article.items}
    assert items["1"].text == "耗资 4,200 万英镑"
    assert items["1"].counterpart == EN.split("\n\n")[1]
    assert items["1"].paragraph == 2
    # Over two paragraphs: both English paragraphs, a blank line apart.
    assert items["2"].counterpart == EN_P2 + "\n\n" + EN.split("\n\n")[3].strip()
    # Inside one sentence of a paragraph: that sentence's counterpart, not the paragraph.
    assert items["3"].counterpart == "发电站位于河口，那里的潮水每天两次上涨 6 米。"
    assert items["3"].counterpart_side == "zh"
    assert items["5"].text is None and items["5"].counterpart == ""
    assert [i.annotation.kind for i in article.bookmarks] == ["bookmark"]


def test_no_original_offline_means_no_counterpart(tmp_path: Path, store: Store) -> None:
    path = write_article(tmp_path / "bare", original=False)
    populate(store, path)
    (article,) = export_files(store, [path]).articles
    zh = [i for i in article.items if i.annotation.side == "zh" and i.text]
    assert zh and all(i.counterpart == "" for i in zh)
    en = next(i for i in article.items if i.annotation.side == "en")
    assert en.text is None and en.quote == "the tide rises 6 metres twice a day"


def test_export_reanchors_in_memory_only(store: Store, article_path: Path) -> None:
    article_path.write_text(ZH.replace("港口镇", "南方的港口镇"), encoding="utf-8")
    before = list_annotations(store, URL)
    (article,) = export_files(store, [article_path]).articles
    moved = next(i for i in article.items if i.annotation.id.endswith("1"))
    assert moved.annotation.status == "moved" and moved.text == "耗资 4,200 万英镑"
    assert list_annotations(store, URL) == before  # an export never writes the store


def test_all_uses_the_library_for_titles_and_files(tmp_path: Path, store: Store,
                                                   article_path: Path) -> None:
    # Without a library entry: the title is the key, and there is no counterpart.
    (bare,) = export_all(store).articles
    assert bare.title == URL and bare.path is None and not any(i.counterpart for i in bare.items)
    store.write(lambda conn: conn.execute(
        "INSERT INTO library_state (article_key, last_path, title, last_opened) VALUES (?, ?, ?, 1)",
        (URL, str(article_path), "潮汐发电站")))
    (found,) = export_all(store).articles
    assert found.title == "潮汐发电站" and found.path == article_path.resolve()
    assert any(i.counterpart for i in found.items)


def test_all_survives_a_store_without_library_tables(store: Store, article_path: Path) -> None:
    store.write(lambda conn: conn.execute("DROP TABLE library_state"))
    store.write(lambda conn: conn.execute("DROP TABLE library_articles"))
    assert export_all(store).count == 5


# --- formats ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_golden(fmt: str, store: Store, article_path: Path) -> None:
    data = render(fixed_model(export_files(store, [article_path])), fmt)
    golden = GOLDEN / f"tidal.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(data)
    assert data == golden.read_bytes(), f"differs from {golden} (UPDATE_GOLDEN=1 rewrites it)"


def test_markdown_reads_well(store: Store, article_path: Path) -> None:
    md = render(fixed_model(export_files(store, [article_path])), "md").decode()
    assert "## 潮汐发电站" in md and f"Source: <{URL}>" in md
    assert "> 耗资 4,200 万英镑\n>\n> > *EN:* Harbour Town opened" in md
    assert "#cost-basis #能源 · green · [tidal.md · 中 ¶2 · 24–36]" in md
    assert "(file:///articles/tidal.md)" in md
    assert "> > *中:* 发电站位于河口" in md  # the English highlight's Chinese counterpart
    assert "### Bookmarks\n\n- **监测 \\<结果\\> \\& 进度** — “市议会说" in md
    assert "not found in the current text" in md


def test_markdown_escapes_quotes_but_not_notes() -> None:
    assert export.md_escape("a *b* [c](d) <e> #f 1. g") == r"a \*b\* \[c\](d) \<e\> \#f 1. g"
    assert export.md_escape("1. first\n- second") == "1\\. first\n\\- second"
    assert export.md_tag("cost basis") == "#cost-basis" and export.md_tag("2024") == "#_2024"


def test_csv_opens_as_a_table(store: Store, article_path: Path) -> None:
    data = render(export_files(store, [article_path]), "csv")
    assert data.startswith("\ufeff#separator:Comma\r\n".encode())
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[2] == "#columns:" + ",".join(export.CSV_COLUMNS)
    rows = list(csv.reader(io.StringIO("\r\n".join(lines[4:]), newline="")))
    rows = [r for r in rows if r]
    assert len(rows) == 5 and all(len(r) == len(export.CSV_COLUMNS) for r in rows)
    first = dict(zip(export.CSV_COLUMNS, rows[0], strict=True))
    assert first["Quote"] == "耗资 4,200 万英镑"
    assert first["Counterpart"] == EN.split("\n\n")[1]
    assert first["Note"] == "贵吗？\n第二行 *照原样*"  # a newline inside a field survives
    assert first["Tags"] == "cost_basis 能源" and first["Colour"] == "green"
    english = next(r for r in rows if r[2] == "en")
    assert english[4] == "发电站位于河口，那里的潮水每天两次上涨 6 米。"  # the sentence, not ¶
    assert next(r for r in rows if r[7] == "pink")[6] == "'=sum(1)"  # never a formula


def test_csv_cells_never_start_a_formula() -> None:
    assert export._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and export._cell("ok") == "ok"


def test_html_is_escaped_and_printable(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "evil.md"
    path.write_text("> 原文：<javascript:alert(1)>\n\n# <b>标题</b>\n\n正文里有 `<script>x</script>` 字样。\n",
                    encoding="utf-8")
    article = parse_article(path)
    annotate(store, article.key, article.plain_text, "<script>x</script>", 1,
             note='"><img src=x onerror=alert(1)>')
    page = render(export_files(store, [path]), "html").decode()
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<img" not in page and "&quot;&gt;&lt;img" in page
    assert 'href="javascript' not in page
    assert "@media print" in page and page.startswith("<!DOCTYPE html>")


def test_json_is_a_w3c_collection(store: Store, article_path: Path) -> None:
    data = json.loads(render(export_files(store, [article_path]), "json"))
    assert data["type"] == "AnnotationCollection" and data["@context"] == export.W3C_CONTEXT
    assert data["total"] == 5 and data["first"]["type"] == "AnnotationPage"
    items = {i["id"][-1]: i for i in data["first"]["items"]}
    first = items["1"]
    assert first["@context"] == export.W3C_CONTEXT and first["type"] == "Annotation"
    assert first["id"] == "urn:uuid:00000000-0000-4000-8000-000000000001"
    assert first["motivation"] == "commenting"
    assert first["created"] == "2024-05-01T08:00:00.000+00:00"
    assert first["body"][0] == {"type": "TextualBody", "value": "贵吗？\n第二行 *照原样*",
                                "format": "text/plain", "purpose": "commenting"}
    assert [b["value"] for b in first["body"][1:]] == ["cost basis", "能源"]
    assert all(b["purpose"] == "tagging" for b in first["body"][1:])
    target = first["target"]
    assert (target["source"], target["language"], target["styleClass"]) == (URL, "zh", "green")
    quote, position = target["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == "耗资 4,200 万英镑"
    assert position["type"] == "TextPositionSelector"
    assert position["end"] - position["start"] == len(quote["exact"])
    assert items["3"]["motivation"] == "highlighting" and "body" not in items["3"]
    assert items["3"]["target"]["language"] == "en"
    assert items["4"]["motivation"] == "bookmarking"
    assert items["4"]["body"][0]["value"] == "监测 <结果> & 进度"


def test_json_source_is_the_key_without_a_url(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "nourl.md"
    path.write_text("# 无来源\n\n一段没有来源的文字。\n", encoding="utf-8")
    article = parse_article(path)
    annotate(store, article.key, article.plain_text, "没有来源", 1)
    data = json.loads(render(export_files(store, [path]), "json"))
    assert data["first"]["items"][0]["target"]["source"].startswith("urn:sha256:")


# --- atomic writes ------------------------------------------------------------------------------


def test_a_failing_render_leaves_the_old_file(tmp_path: Path, store: Store, article_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out" / "notes.md"
    out.parent.mkdir()
    out.write_text("old export", encoding="utf-8")

    def broken(model: ExportModel) -> str:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(export, "to_markdown", broken)
    with pytest.raises(RuntimeError):
        write_export(export_files(store, [article_path]), "md", out)
    assert out.read_text(encoding="utf-8") == "old export"
    assert os.listdir(out.parent) == ["notes.md"]


def test_a_failing_write_leaves_the_old_file(tmp_path: Path, store: Store, article_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out" / "notes.json"
    out.parent.mkdir()
    out.write_text("old export", encoding="utf-8")
    model = export_files(store, [article_path])

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(ExportError, match="No space left"):
        write_export(model, "json", out)
    assert out.read_text(encoding="utf-8") == "old export"
    assert os.listdir(out.parent) == ["notes.json"]  # no temp file left behind


def test_written_file_is_complete_and_readable(tmp_path: Path, store: Store,
                                               article_path: Path) -> None:
    out = tmp_path / "notes.csv"
    write_export(export_files(store, [article_path]), "csv", out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert out.stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600


# --- the command --------------------------------------------------------------------------------


def test_cli_export_to_stdout(capsys, store: Store, article_path: Path) -> None:  # type: ignore[no-untyped-def]
    code = main(["export", str(article_path), "--format", "md", "--data-dir", str(store.data_dir)])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("# Annotations") and "*EN:* Harbour Town" in out


def test_cli_export_to_file_infers_format(tmp_path: Path, capsys, store: Store,  # type: ignore[no-untyped-def]
                                          article_path: Path) -> None:
    out = tmp_path / "notes.csv"
    assert main(["export", "--all", "-o", str(out), "--data-dir", str(store.data_dir)]) == 0
    assert out.read_bytes().startswith("\ufeff#separator".encode())
    assert "exported 5 annotation(s) of 1 article(s)" in capsys.readouterr().err


def test_cli_export_json_all(capsys, store: Store, article_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert main(["export", "--all", "--format", "json", "--data-dir", str(store.data_dir)]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 5


@pytest.mark.parametrize(("args", "message"), [
    (["export", "--format", "md"], "Name the article files"),
    (["export", "--all", "-o", "notes.txt"], "Say which format"),
])
def test_cli_export_errors(args: list[str], message: str, capsys, store: Store) -> None:  # type: ignore[no-untyped-def]
    assert main([*args, "--data-dir", str(store.data_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1

