"""Importing W3C Web Annotations: round trip, foreign files, duplicates, bad input."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.anchoring import Selector, make_selector, reanchor_many
from reader.core.annotations import get_annotation, list_annotations
from reader.core.article import parse_article
from reader.core.errors import ReaderError
from reader.core.export import export_files, render
from reader.core.importer import import_annotations, import_file
from reader.core.store import Store
from tests.core.test_export import URL, populate, write_article


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "data") as s:
        yield s


@pytest.fixture
def article_path(tmp_path: Path) -> Path:
    return write_article(tmp_path / "articles")


def write_json(folder: Path, data: object, name: str = "in.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def quote_annotation(exact: str, **extra: object) -> dict:
    target = {"source": URL, "selector": {"type": "TextQuoteSelector", "exact": exact}}
    target.update(extra.pop("target", {}))  # type: ignore[arg-type]
    return {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
            "target": target, **extra}


def annotations_json(path: Path, store: Store, capsys) -> list[dict]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["annotations", str(path), "--json", "--data-dir", str(store.data_dir)]) == 0
    return json.loads(capsys.readouterr().out)["annotations"]


# --- round trip ------------------------------------------------------------------------------


def test_round_trip_keeps_everything(tmp_path: Path, article_path: Path) -> None:
    with Store(tmp_path / "a") as first:
        populate(first, article_path)
        exported = render(export_files(first, [article_path]), "json")
    path = tmp_path / "export.json"
    path.write_bytes(exported)
    with Store(tmp_path / "b") as second:
        report = import_file(second, path)
        assert (report.imported, report.skipped_duplicates, report.errors) == (5, 0, [])
        again = render(export_files(second, [article_path]), "json")
    before = json.loads(exported)["first"]["items"]
    after = json.loads(again)["first"]["items"]
    assert after == before  # ids, quotes, positions, notes, tags, colours, kinds, times


def test_round_trip_keeps_an_orphans_last_position(tmp_path: Path, store: Store,
                                                   article_path: Path) -> None:
    with Store(tmp_path / "a") as first:
        populate(first, article_path)
        path = tmp_path / "e.json"
        path.write_bytes(render(export_files(first, [article_path]), "json"))
    import_file(store, path)
    orphan = get_annotation(store, "00000000-0000-4000-8000-000000000005")
    assert orphan is not None and (orphan.start, orphan.end, orphan.color) == (3, 13, "pink")
    assert orphan.tags == ("=sum(1)",)


def test_importing_twice_adds_nothing(tmp_path: Path, store: Store, article_path: Path) -> None:
    with Store(tmp_path / "a") as first:
        populate(first, article_path)
        path = tmp_path / "e.json"
        path.write_bytes(render(export_files(first, [article_path]), "json"))
    assert import_file(store, path).imported == 5
    again = import_file(store, path)
    assert (again.imported, again.skipped_duplicates) == (0, 5)
    assert len(list_annotations(store, URL)) == 5


# --- foreign W3C files -------------------------------------------------------------------------


def test_quote_only_annotations_attach_to_the_right_text(tmp_path: Path, store: Store,
                                                          article_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    items = [
        # "发电站" occurs three times: the suffix picks the one in the third paragraph.
        {"id": "http://example.org/anno/1", "type": "Annotation", "motivation": "commenting",
         "body": "see the harbour report",
         "target": {"source": URL, "language": "zh-Hans",
                    "selector": {"type": "TextQuoteSelector", "exact": "发电站",
                                 "suffix": "位于河口，那里的潮水"}}},
        {"id": "http://example.org/anno/2", "type": "Annotation",
         "motivation": ["bookmarking"], "bodyValue": "鸟类",
         "target": [{"source": URL, "selector": [
             {"type": "CssSelector", "value": "p:nth-child(4)"},
             {"type": "TextQuoteSelector", "exact": "泥滩觅食的鸟类"}]}]},
        {"id": "http://example.org/anno/3", "type": "Annotation",
         "body": [{"type": "TextualBody", "value": "tidal", "purpose": "tagging"},
                  {"type": "TextualBody", "value": "check the number"}],
         "target": {"source": {"id": URL}, "language": "en", "styleClass": "purple",
                    "selector": {"type": "TextQuoteSelector", "exact": "6 metres"}}},
    ]
    report = import_file(store, write_json(tmp_path, items))
    assert (report.imported, report.errors) == (3, [])
    stored = {a.exact: a for a in list_annotations(store, URL)}
    assert all(a.status == "orphaned" and a.start == a.end == 0 for a in stored.values())

    listed = {a["exact"]: a for a in annotations_json(article_path, store, capsys)}
    station = listed["发电站"]
    assert (station["status"], station["text"], station["note"]) == (
        "exact", "发电站", "see the harbour report")
    zh_plain = parse_article(article_path).plain_text
    assert zh_plain[station["start"] : station["start"] + 9] == "发电站位于河口，那"
    birds = listed["泥滩觅食的鸟类"]
    assert (birds["kind"], birds["note"], birds["status"], birds["side"]) == (
        "bookmark", "鸟类", "exact", "zh")
    metres = listed["6 metres"]
    assert (metres["side"], metres["status"], metres["text"]) == ("en", "exact", "6 metres")
    assert (metres["color"], metres["tags"], metres["note"]) == ("purple", ["tidal"],
                                                                 "check the number")


def test_foreign_ids_map_to_stable_uuids(tmp_path: Path, store: Store) -> None:
    path = write_json(tmp_path, quote_annotation("潮水", id="http://example.org/anno/9"))
    import_file(store, path)
    (a,) = list_annotations(store, URL)
    assert str(uuid.UUID(a.id)) == a.id
    assert import_file(store, path).skipped_duplicates == 1
    # Without any id, the content names it: still added once.
    anonymous = write_json(tmp_path, quote_annotation("河口"), "anon.json")
    assert import_file(store, anonymous).imported == 1
    assert import_file(store, anonymous).skipped_duplicates == 1


@pytest.mark.parametrize("shape", ["single", "list", "page", "collection", "paged"])
def test_every_container_shape(shape: str, tmp_path: Path, store: Store) -> None:
    items = [quote_annotation("潮水", id="urn:uuid:00000000-0000-4000-8000-0000000000a1"),
             quote_annotation("河口", id="00000000-0000-4000-8000-0000000000a2")]
    document: object = {
        "single": items[0],
        "list": items,
        "page": {"type": "AnnotationPage", "items": items},
        "collection": {"type": "AnnotationCollection",
                       "first": {"type": "AnnotationPage", "items": items}},
        "paged": {"type": "AnnotationCollection", "first": {
            "type": "AnnotationPage", "items": items[:1],
            "next": {"type": "AnnotationPage", "items": items[1:]}}},
    }[shape]
    report = import_annotations(store, document)
    assert report.imported == (1 if shape == "single" else 2) and report.errors == []
    assert get_annotation(store, "00000000-0000-4000-8000-0000000000a1") is not None


def test_a_position_that_is_not_ours_is_left_to_the_quote(tmp_path: Path, store: Store,
                                                           article_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    entry = quote_annotation("潮水", target={"selector": [
        {"type": "TextQuoteSelector", "exact": "潮水"},
        {"type": "TextPositionSelector", "start": 500, "end": 510}]})  # UTF-16 of another text
    import_annotations(store, entry)
    (a,) = list_annotations(store, URL)
    assert (a.start, a.end) == (0, 0)
    (listed,) = annotations_json(article_path, store, capsys)
    assert (listed["status"], listed["text"]) == ("exact", "潮水")


def test_position_unknown_does_not_shift_its_neighbours() -> None:
    text = "alpha beta gamma delta. " * 3 + "omega tail"
    known = make_selector(text, text.index("omega"), text.index("omega") + 5)
    unknown = Selector("gamma", "beta ", " delta", 0, 0)
    anchors = reanchor_many(text, [unknown, known])
    assert anchors[1].status == "exact" and anchors[1].start == known.start
    assert anchors[0].status == "exact" and text[anchors[0].start : anchors[0].end] == "gamma"


# --- bad input ----------------------------------------------------------------------------------


def test_invalid_json_is_a_clear_error(tmp_path: Path, store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.json"
    path.write_text('{"type": "Annotation", "target": ', encoding="utf-8")
    with pytest.raises(ReaderError, match=r"broken.json is not valid JSON: .* line 1"):
        import_file(store, path)
    assert main(["import", str(path), "--data-dir", str(store.data_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: broken.json is not valid JSON") and err.count("\n") == 1


@pytest.mark.parametrize("document", ["just a string", 42, {"hello": "world"},
                                      {"type": "AnnotationCollection", "first": "http://x/p1"}])
def test_not_an_annotation_file(document: object, store: Store) -> None:
    with pytest.raises(ReaderError):
        import_annotations(store, document)


def test_invalid_entries_are_listed_and_the_rest_imported(tmp_path: Path, store: Store) -> None:
    good = quote_annotation("潮水", id="urn:uuid:00000000-0000-4000-8000-0000000000b1")
    items = [
        {"id": "no-target", "type": "Annotation", "body": "x"},
        quote_annotation("x", id="css-only", target={"selector": {
            "type": "CssSelector", "value": "#p1"}}),
        quote_annotation("x", id="exact-number", target={"selector": {
            "type": "TextQuoteSelector", "exact": 5}}),
        quote_annotation("潮水", id="start-string", target={"selector": [
            {"type": "TextQuoteSelector", "exact": "潮水"},
            {"type": "TextPositionSelector", "start": "3", "end": 5}]}),
        quote_annotation("潮水", id="body-number", body=7),
        quote_annotation("潮水", id="bad-date", created="yesterday"),
        quote_annotation("潮水", id=12),
        "not an object",
        {"id": "iri-target", "type": "Annotation", "target": "http://example.org/page"},
        {"id": "no-source", "type": "Annotation",
         "target": {"selector": {"type": "TextQuoteSelector", "exact": "潮水"}}},
        good,
    ]
    report = import_file(store, write_json(tmp_path, {"type": "AnnotationPage", "items": items}))
    assert report.imported == 1 and report.skipped_duplicates == 0
    assert len(report.errors) == 10
    reasons = "\n".join(report.errors)
    assert "items[0] (no-target): no target" in reasons
    assert "items[1] (css-only): no TextQuoteSelector (only CssSelector)" in reasons
    assert "items[2] (exact-number): exact must be a string" in reasons
    assert "items[3] (start-string): TextPositionSelector.start" in reasons
    assert "items[4] (body-number): a body is a number" in reasons
    assert "items[5] (bad-date): created is not an ISO 8601" in reasons
    assert "items[6]: id must be a string" in reasons
    assert "items[7]: not an annotation object but a string" in reasons
    assert "items[8] (iri-target)" in reasons
    assert "items[9] (no-source): the target has no source" in reasons
    assert [a.id for a in list_annotations(store, URL)] == ["00000000-0000-4000-8000-0000000000b1"]


def test_nothing_valid_writes_nothing(store: Store) -> None:
    report = import_annotations(store, [{"type": "Annotation"}])
    assert report.imported == 0 and len(report.errors) == 1
    assert store.query("SELECT count(*) FROM annotations")[0][0] == 0


@pytest.mark.parametrize("as_json", [True, False])
def test_cli_import_of_nothing_valid_fails(tmp_path: Path, store: Store, capsys, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    path = write_json(tmp_path, [{"type": "Annotation"}, {"type": "Annotation", "id": "b"}])
    args = ["import", str(path), "--data-dir", str(store.data_dir)] + (["--json"] if as_json else [])
    assert main(args) == 1
    captured = capsys.readouterr()
    assert captured.err == f"error: none of the 2 entries in {path.name} could be imported\n"
    assert "no target" in captured.out  # the report still says why
    assert main(["import", str(write_json(tmp_path, [])), "--data-dir", str(store.data_dir)]) == 0  # empty: fine


# --- the command --------------------------------------------------------------------------------


def test_cli_import_json_report(tmp_path: Path, store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write_json(tmp_path, [quote_annotation("潮水", id="a"), {"type": "Annotation"}])
    assert main(["import", str(path), "--json", "--data-dir", str(store.data_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["imported"] == 1 and data["skipped_duplicates"] == 0
    assert data["errors"] == ["[1]: no target"]
    assert main(["import", str(path), "--json", "--data-dir", str(store.data_dir)]) == 0
    assert json.loads(capsys.readouterr().out)["skipped_duplicates"] == 1


def test_cli_import_plain_summary(tmp_path: Path, store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write_json(tmp_path, [quote_annotation("潮水"), {"type": "Annotation"}])
    assert main(["import", str(path), "--data-dir", str(store.data_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("imported 1 annotation(s); 0 already present; 1 skipped as invalid")
    assert "  [1]: no target" in out


def test_cli_import_missing_file(tmp_path: Path, store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["import", str(tmp_path / "nope.json"), "--data-dir", str(store.data_dir)]) == 1
    assert "No such file" in capsys.readouterr().err
