"""Export annotations: one model, four formats (Markdown, W3C JSON, HTML, CSV).

The model (``ExportModel``) holds, per article, its title, source URL, file and key and,
per annotation, the annotation as re-anchored in the current text (in memory: an
export never writes the store), that text, and the aligned *counterpart* passage in the
other language: the other side's blocks paired with the blocks the annotation covers.
The counterpart needs the original offline (a sibling ``<stem>.en.*`` file or the
cache; nothing is fetched) and is computed with one alignment per article.

Formats:

* ``md`` — for Obsidian and Typora: a heading per article, each highlight a blockquote
  with its counterpart nested beneath, the note, ``#tags``, colour and a ``file://``
  link back to the article; bookmarks in their own list.
* ``json`` — the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/):
  an ``AnnotationCollection`` whose ``first`` page holds every annotation; what
  ``importer.py`` reads back.
* ``html`` — one standalone, printable page (inline CSS).
* ``csv`` — UTF-8 with BOM (so spreadsheets guess the encoding) and Anki's file headers
  (``#separator``, ``#html``, ``#columns``, ``#tags column``), which Anki reads and
  skips; tags are space-separated there (spaces inside a tag become ``_``).

Writes are atomic (``textio.write_atomic``): the whole file is rendered in memory first,
so a failure leaves any older export untouched.
"""

from __future__ import annotations

import bisect
import csv
import html
import io
import json
import re
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.anchoring import ORPHANED, position_known, reanchor_many
from reader.core.annotations import Annotation, list_annotations
from reader.core.article import Article, parse_article, parse_markdown
from reader.core.errors import ReaderError
from reader.core.originals import cached_original, load_original_file, sibling_original
from reader.core.store import Store
from reader.core.textio import write_atomic
from reader.core.vocabulary import SIDES

if TYPE_CHECKING:
    from reader.core.parallel import ParallelText

FORMATS = ("md", "json", "html", "csv")
SUFFIXES = {".md": "md", ".markdown": "md", ".json": "json", ".jsonld": "json",
            ".html": "html", ".htm": "html", ".csv": "csv"}
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
SIDE_LABELS = {"zh": "中", "en": "EN"}  # short, in links and labels
CSV_COLUMNS = ("Title", "Source", "Side", "Quote", "Counterpart", "Note", "Tags", "Colour",
               "Created")
_SAFE_SCHEMES = ("http://", "https://", "file://")


class ExportError(ReaderError):
    """An export cannot be made or written."""


@dataclass(frozen=True, slots=True)
class ExportItem:
    annotation: Annotation  # re-anchored in the current text when it was available
    text: str | None  # the text it covers now; None when orphaned or the side is offline
    counterpart: str  # the aligned passage in the other language; '' when none
    paragraph: int | None = None  # 1-based reading unit of its side, when known

    @property
    def quote(self) -> str:
        return self.text if self.text is not None else self.annotation.exact

    @property
    def counterpart_side(self) -> str:
        return "en" if self.annotation.side == "zh" else "zh"


@dataclass(frozen=True, slots=True)
class ExportArticle:
    key: str
    title: str
    source_url: str | None
    path: Path | None
    items: tuple[ExportItem, ...]

    @property
    def highlights(self) -> list[ExportItem]:
        return [i for i in self.items if i.annotation.kind != "bookmark"]

    @property
    def bookmarks(self) -> list[ExportItem]:
        return [i for i in self.items if i.annotation.kind == "bookmark"]


@dataclass(frozen=True, slots=True)
class ExportModel:
    articles: tuple[ExportArticle, ...]
    generated: str  # ISO 8601 with time zone

    @property
    def count(self) -> int:
        return sum(len(a.items) for a in self.articles)


# --- building the model -----------------------------------------------------------------


def make_model(articles: Iterable[ExportArticle], generated: str | None = None) -> ExportModel:
    return ExportModel(tuple(articles),
                       generated or datetime.now(UTC).isoformat(timespec="seconds"))


def export_files(store: Store, paths: Sequence[Path | str]) -> ExportModel:
    """The model for article files (parsed now: current texts, counterparts)."""
    return make_model(export_article(store, parse_article(p)) for p in paths)


def export_all(store: Store) -> ExportModel:
    """The model for every article that has annotations in the store.

    Files are found through the library (or the last path an article was opened
    from); an article whose file is gone or changed is exported as stored, titled from
    the library, the cached original or its key.
    """
    return make_model(export_key(store, key) for key in annotated_keys(store))


def annotated_keys(store: Store) -> list[str]:
    return [r[0] for r in store.query("SELECT DISTINCT article_key FROM annotations ORDER BY 1")]


def export_key(store: Store, key: str) -> ExportArticle:
    found = _known_article(store, key)
    for path in found.paths:
        try:
            article = parse_article(path)
        except ReaderError:
            continue
        if article.key == key:  # a content-hash key changes when the file is edited
            return export_article(store, article)
    return stored_article(store, key, title=found.title, path=found.paths[0] if found.paths else None)


def export_article(store: Store, article: Article, original: Article | None = None) -> ExportArticle:
    """One article's annotations, re-anchored in memory, with their counterparts."""
    annotations = list_annotations(store, article.key)
    if original is None and annotations:
        original = offline_original(store, article)
    sides = {"zh": article} | ({"en": original} if original is not None else {})
    texts = {side: a.plain_text for side, a in sides.items()}
    annotations = _reanchored(annotations, texts)
    parallel = None
    if original is not None and any(a.status != ORPHANED for a in annotations):
        from reader.core.parallel import align_articles  # the aligner loads when needed

        parallel = align_articles(article, original)
    indexes = {side: _UnitIndex(a) for side, a in sides.items()}
    items = []
    for a in annotations:
        text = texts.get(a.side)
        index = indexes.get(a.side)
        anchored = text is not None and a.status != ORPHANED and position_known(a.selector)
        first = last = None
        if anchored and index is not None:
            first, last = index.units_of(a.start, a.end)
        counterpart = ""
        if parallel is not None and first is not None and last is not None:
            counterpart = _counterpart(parallel, index, a.side, first, last)  # type: ignore[arg-type]
        items.append(ExportItem(a, text[a.start : a.end] if anchored else None,  # type: ignore[index]
                                counterpart, first + 1 if first is not None else None))
    return ExportArticle(article.key, article.title, article.source_url,
                         article.path.resolve() if article.path else None, tuple(items))


def stored_article(store: Store, key: str, *, title: str | None = None,
                   path: Path | None = None) -> ExportArticle:
    """An article whose text is not at hand: its annotations as stored, no counterparts."""
    items = tuple(ExportItem(a, None, "") for a in list_annotations(store, key))
    if not title:
        cached = cached_original(store, key)
        title = (cached.title if cached is not None else None) or key
    source = key if key.startswith(("http://", "https://")) else None
    return ExportArticle(key, title, source, path, items)


def offline_original(store: Store, article: Article) -> Article | None:
    """The original as ``annotations.side_text`` sees it, or None: never the network."""
    try:
        sibling = sibling_original(article.path) if article.path is not None else None
        if sibling is not None:
            return parse_markdown(load_original_file(sibling).markdown)
        cached = cached_original(store, article.key)
        return parse_markdown(cached.markdown) if cached is not None else None
    except ReaderError:
        return None


@dataclass(frozen=True)
class _Known:
    title: str | None
    paths: list[Path]


def _known_article(store: Store, key: str) -> _Known:
    """Title and candidate files of an article key, from the library tables if present.

    The library belongs to another module and may be absent or different: any
    sqlite error just means "nothing known".
    """
    title: str | None = None
    paths: list[Path] = []
    for sql in ("SELECT title, path FROM library_articles WHERE article_key = ? ORDER BY path",
                "SELECT title, last_path FROM library_state WHERE article_key = ?"):
        try:
            rows = store.query(sql, (key,))
        except sqlite3.Error:
            continue
        for row in rows:
            title = title or row[0]
            if row[1] and Path(row[1]).is_file() and Path(row[1]) not in paths:
                paths.append(Path(row[1]))
    return _Known(title, paths)


def _reanchored(annotations: list[Annotation], texts: dict[str, str]) -> list[Annotation]:
    """Where the annotations are in the current texts (not saved: exports only read)."""
    out: list[Annotation] = []
    for side in SIDES:
        mine = [a for a in annotations if a.side == side]
        if side in texts and mine:
            anchors = reanchor_many(texts[side], [a.selector for a in mine])
            mine = [replace(a, start=n.start, end=n.end, status=n.status)
                    for a, n in zip(mine, anchors, strict=True)]
        out += mine
    return sorted(out, key=lambda a: (SIDES.index(a.side), a.status == ORPHANED, a.start, a.end,
                                      a.created, a.id))


class _UnitIndex:
    """Maps plain-text offsets of a side to its units (texts joined by a blank line)."""

    def __init__(self, article: Article) -> None:
        self.units = article.units
        self.starts: list[int] = []
        offset = 0
        for unit in self.units:
            self.starts.append(offset)
            offset += len(unit.text) + 2

    def units_of(self, start: int, end: int) -> tuple[int | None, int | None]:
        if not self.units:
            return None, None
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = max(first, bisect.bisect_left(self.starts, end) - 1)
        return first, last


def _counterpart(parallel: ParallelText, index: _UnitIndex, side: str, first: int,
                 last: int) -> str:
    table = parallel.zh_pair if side == "zh" else parallel.en_pair
    wanted = sorted({k for u in index.units[first : last + 1]
                     if (k := table.get(u.index)) is not None})
    blocks = [b for k in wanted for b in (parallel.pairs[k].en if side == "zh"
                                          else parallel.pairs[k].zh)]
    return "\n\n".join(b.text for b in blocks)


# --- writing -------------------------------------------------------------------------------


def format_for(path: Path | None, fmt: str | None) -> str:
    """The format asked for, else the one the output file's suffix names."""
    if fmt:
        if fmt not in FORMATS:
            raise ExportError(f"Unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
        return fmt
    if path is not None and path.suffix.lower() in SUFFIXES:
        return SUFFIXES[path.suffix.lower()]
    raise ExportError(f"Say which format to export: --format {'|'.join(FORMATS)}")


def render(model: ExportModel, fmt: str) -> bytes:
    if fmt == "md":
        return to_markdown(model).encode("utf-8")
    if fmt == "json":
        return to_json(model).encode("utf-8")
    if fmt == "html":
        return to_html(model).encode("utf-8")
    if fmt == "csv":
        return to_csv(model)
    raise ExportError(f"Unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")


def write_export(model: ExportModel, fmt: str, path: Path) -> None:
    """Render, then write atomically: readers see the old file or the new, never half."""
    data = render(model, fmt)
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}") from exc


# --- shared helpers -----------------------------------------------------------------------


def place_label(article: ExportArticle, item: ExportItem) -> str:
    """'file.md · 中 ¶3 · 120–140': where an annotation is, for people."""
    a = item.annotation
    name = article.path.name if article.path else _short_key(article.key)
    where = [name, SIDE_LABELS[a.side] + (f" ¶{item.paragraph}" if item.paragraph else "")]
    if a.status == ORPHANED:
        where.append("not found in the current text")
    elif position_known(a.selector):
        where.append(f"{a.start}–{a.end}")
    return " · ".join(where)


def file_link(article: ExportArticle) -> str | None:
    return article.path.as_uri() if article.path and article.path.is_absolute() else None


def safe_url(url: str | None) -> str | None:
    """Only web and file links become links (a source line may say ``javascript:``)."""
    if url and url.lower().startswith(_SAFE_SCHEMES):
        return url
    return None


def _short_key(key: str) -> str:
    return key[:24] + "…" if key.startswith("urn:sha256:") else key


def _stamp(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return iso


# --- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$=&])")
_MD_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])(?=\s|$)", re.MULTILINE)


def md_escape(text: str) -> str:
    """Plain text that renders as itself (quotes are text, not Markdown)."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def md_tag(tag: str) -> str:
    """An Obsidian tag: no spaces; only letters, digits, _, - and /."""
    clean = re.sub(r"[^\w/-]", "", re.sub(r"\s+", "-", tag))
    if not clean or clean.isdigit():  # Obsidian ignores purely numeric tags
        clean = "_" + clean
    return "#" + clean


def _md_url(url: str) -> str:
    return f"<{url}>" if re.fullmatch(r"[^\s<>()]+", url) else f"[{md_escape(url)}](<{url}>)"


def _md_quote(text: str) -> list[str]:
    return [f"> {line}".rstrip() if line else ">" for line in md_escape(text).split("\n")]


def to_markdown(model: ExportModel) -> str:
    out = ["# Annotations", "",
           f"*Bilingual Reader · exported {_stamp(model.generated)} · "
           f"{_plural(len(model.articles), 'article')} · {_plural(model.count, 'annotation')}*",
           ""]
    for article in model.articles:
        out += [f"## {md_escape(article.title)}", ""]
        links = []
        if (source := safe_url(article.source_url)) is not None:
            links.append(f"Source: {_md_url(source)}")
        if (link := file_link(article)) is not None:
            links.append(f"File: [{md_escape(article.path.name)}]({link})")  # type: ignore[union-attr]
        if links:
            out += [" · ".join(links), ""]
        if article.highlights:
            out += ["### Highlights", ""]
            for item in article.highlights:
                out += _md_highlight(article, item)
        if article.bookmarks:
            out += ["### Bookmarks", ""]
            out += [_md_bookmark(article, item) for item in article.bookmarks]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _md_highlight(article: ExportArticle, item: ExportItem) -> list[str]:
    a = item.annotation
    out = _md_quote(item.quote)
    if item.counterpart:
        # Nested in the quote: Obsidian and Typora show it as the quote's own gloss.
        lines = md_escape(item.counterpart).split("\n")
        lines[0] = f"*{SIDE_LABELS[item.counterpart_side]}:* {lines[0]}"
        out += [">"] + [f"> > {line}".rstrip() if line else "> >" for line in lines]
    out.append("")
    if a.note.strip():
        out += [a.note.strip(), ""]
    meta = [" ".join(md_tag(t) for t in a.tags)] if a.tags else []
    meta += [a.color, _md_place(article, item)]
    out += [" · ".join(meta), ""]
    return out


def _md_bookmark(article: ExportArticle, item: ExportItem) -> str:
    a = item.annotation
    name = f"**{md_escape(a.note.strip())}** — " if a.note.strip() else ""
    quote = " ".join(item.quote.split())
    quote = quote if len(quote) <= 80 else quote[:79] + "…"
    return f"- {name}“{md_escape(quote)}” · {_md_place(article, item)}"


def _md_place(article: ExportArticle, item: ExportItem) -> str:
    label = md_escape(place_label(article, item))
    link = file_link(article)
    return f"[{label}]({link})" if link else label


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --- W3C Web Annotation JSON ------------------------------------------------------------------


def to_w3c(model: ExportModel) -> dict[str, object]:
    """An AnnotationCollection with one embedded AnnotationPage of every annotation."""
    items = [w3c_annotation(article, item) for article in model.articles for item in article.items]
    # Stable ids: the same annotations give the same collection id.
    seed = uuid.uuid5(uuid.NAMESPACE_URL, "bilingual-reader:export:" + "\n".join(
        str(i["id"]) for i in items))
    return {
        "@context": W3C_CONTEXT,
        "id": f"urn:uuid:{seed}",
        "type": "AnnotationCollection",
        "label": "Bilingual Reader annotations",
        "generated": model.generated,
        "total": len(items),
        "first": {
            "id": f"urn:uuid:{uuid.uuid5(seed, 'page-1')}",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def w3c_annotation(article: ExportArticle, item: ExportItem) -> dict[str, object]:
    a = item.annotation
    bookmark = a.kind == "bookmark"
    note = a.note.strip()
    body: list[dict[str, str]] = []
    if note:
        # A bookmark's note is its name: it describes the place rather than comments on it.
        body.append({"type": "TextualBody", "value": a.note, "format": "text/plain",
                     "purpose": "describing" if bookmark else "commenting"})
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in a.tags]
    selectors: list[dict[str, object]] = [
        {"type": "TextQuoteSelector", "exact": a.exact, "prefix": a.prefix, "suffix": a.suffix}]
    if position_known(a.selector):
        selectors.append({"type": "TextPositionSelector", "start": a.start, "end": a.end})
    data: dict[str, object] = {
        "@context": W3C_CONTEXT,
        "id": f"urn:uuid:{a.id}",
        "type": "Annotation",
        "motivation": "bookmarking" if bookmark else "commenting" if note else "highlighting",
        "created": a.created,
        "modified": a.modified,
    }
    if body:
        data["body"] = body
    data["target"] = {"source": article.source_url or article.key, "language": a.side,
                      "styleClass": a.color, "selector": selectors}
    return data


def to_json(model: ExportModel) -> str:
    return json.dumps(to_w3c(model), ensure_ascii=False, indent=2) + "\n"


# --- HTML -------------------------------------------------------------------------------------

_CSS = """\
:root { --yellow: #fff3a8; --green: #c9f2c1; --blue: #c6e2ff; --pink: #ffd1e3;
  --purple: #e3d4ff; --ink: #1f2328; --muted: #6a737d; --rule: #d8dee4; }
* { box-sizing: border-box; }
body { margin: 2rem auto; max-width: 46rem; padding: 0 1rem; color: var(--ink);
  font: 16px/1.65 -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC",
  "Microsoft YaHei", sans-serif; }
h1 { font-size: 1.8rem; margin: 0; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .25rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1rem; margin: 1.5rem 0 .5rem; color: var(--muted); text-transform: uppercase;
  letter-spacing: .05em; }
a { color: #0b5cad; }
.meta, .links { color: var(--muted); font-size: .85rem; margin: .25rem 0; }
.item { margin: 0 0 1.5rem; }
blockquote { margin: 0; padding: .5rem .9rem; border-left: .3rem solid #c8a800;
  background: var(--yellow); white-space: pre-wrap; }
blockquote.counterpart { margin: .3rem 0 0 1.2rem; background: #f6f8fa;
  border-left-color: var(--rule); color: #3a4048; font-size: .95rem; }
.label { font-size: .75rem; font-weight: 600; color: var(--muted); margin-right: .4rem; }
.note { margin: .5rem 0 0; white-space: pre-wrap; }
.tag { display: inline-block; background: #eef1f4; border-radius: .6rem; padding: 0 .5rem;
  margin-right: .25rem; }
.orphan { font-style: italic; }
.green blockquote:first-child { background: var(--green); border-left-color: #3c9a2e; }
.blue blockquote:first-child { background: var(--blue); border-left-color: #2f74c0; }
.pink blockquote:first-child { background: var(--pink); border-left-color: #d0487f; }
.purple blockquote:first-child { background: var(--purple); border-left-color: #7b4fd1; }
ul.bookmarks { padding-left: 1.2rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  .item, li { break-inside: avoid; }
  section + section h2 { break-before: page; }
  blockquote { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _a(url: str | None, label: str) -> str:
    return f'<a href="{_h(url)}">{_h(label)}</a>' if url else _h(label)


def to_html(model: ExportModel) -> str:
    out = ['<!DOCTYPE html>', '<html lang="zh">', '<head>', '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="generator" content="Bilingual Reader">',
           '<title>Annotations — Bilingual Reader</title>', f'<style>\n{_CSS}</style>',
           '</head>', '<body>', '<header>', '<h1>Annotations</h1>',
           f'<p class="meta">Bilingual Reader · exported {_h(_stamp(model.generated))} · '
           f'{_plural(len(model.articles), "article")} · {_plural(model.count, "annotation")}</p>',
           '</header>']
    for article in model.articles:
        out += ['<section>', f'<h2>{_h(article.title)}</h2>']
        links = []
        if (source := safe_url(article.source_url)) is not None:
            links.append(_a(source, source))
        if article.path is not None:
            links.append(_a(file_link(article), article.path.name))
        if links:
            out.append(f'<p class="links">{" · ".join(links)}</p>')
        if article.highlights:
            out.append("<h3>Highlights</h3>")
            out += [_html_highlight(article, item) for item in article.highlights]
        if article.bookmarks:
            out += ["<h3>Bookmarks</h3>", '<ul class="bookmarks">']
            out += [_html_bookmark(article, item) for item in article.bookmarks]
            out.append("</ul>")
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _html_highlight(article: ExportArticle, item: ExportItem) -> str:
    a = item.annotation
    parts = [f'<div class="item {_h(a.color)}">',
             f'<blockquote lang="{a.side}">{_h(item.quote)}</blockquote>']
    if item.counterpart:
        other = item.counterpart_side
        parts.append(f'<blockquote class="counterpart" lang="{other}"><span class="label">'
                     f'{SIDE_LABELS[other]}</span>{_h(item.counterpart)}</blockquote>')
    if a.note.strip():
        parts.append(f'<p class="note">{_h(a.note.strip())}</p>')
    meta = [" ".join(f'<span class="tag">#{_h(t)}</span>' for t in a.tags)] if a.tags else []
    meta += [_h(a.color), _a(file_link(article), place_label(article, item))]
    parts += [f'<p class="meta">{" · ".join(meta)}</p>', "</div>"]
    return "\n".join(parts)


def _html_bookmark(article: ExportArticle, item: ExportItem) -> str:
    a = item.annotation
    name = f"<strong>{_h(a.note.strip())}</strong> — " if a.note.strip() else ""
    return (f'<li>{name}<span lang="{a.side}">“{_h(" ".join(item.quote.split()))}”</span> '
            f'<span class="meta">· {_a(file_link(article), place_label(article, item))}</span></li>')


# --- CSV ----------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    # A cell starting like a formula would be run by a spreadsheet: make it text. A leading
    # TAB or CR counts too: spreadsheets strip it and then read what follows as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(model: ExportModel) -> bytes:
    """One row per annotation; Anki's header lines first (spreadsheets show them as rows)."""
    buffer = io.StringIO(newline="")
    buffer.write("\ufeff#separator:Comma\r\n#html:false\r\n")
    buffer.write("#columns:" + ",".join(CSV_COLUMNS) + "\r\n")
    buffer.write(f"#tags column:{CSV_COLUMNS.index('Tags') + 1}\r\n")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for article in model.articles:
        for item in article.items:
            a = item.annotation
            writer.writerow([_cell(cell) for cell in (
                article.title, article.source_url or "", a.side, item.quote, item.counterpart,
                a.note, " ".join(t.replace(" ", "_") for t in a.tags), a.color, a.created)])
    return buffer.getvalue().encode("utf-8")
