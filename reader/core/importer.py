"""Import W3C Web Annotations: our JSON export and anything with a TextQuoteSelector.

Accepted shapes: a single ``Annotation``, a bare list of them, an ``AnnotationPage``
(its ``items``) and an ``AnnotationCollection`` (its embedded ``first`` page and the
``next`` pages embedded after it). In each annotation ``target`` and ``selector`` may be
an object or a list; ``refinedBy`` is ignored; ``body`` may be a string, an object or a
list (``bodyValue`` too). The article key is ``target.source``; the side is
``target.language`` (else guessed from the quote's script); the colour is
``target.styleClass`` when it names one of ours.

Imported annotations are stored *orphaned* — "not anchored in this text yet" — and are
found by their quote the next time the article is opened (or ``annotations FILE`` runs).
Without a TextPositionSelector (or with one that does not span the quote in code points)
the position is unknown: an empty range at 0, which ``anchoring.reanchor`` searches by
quote alone.

Ids: ``urn:uuid:X`` and bare UUIDs are kept; any other id maps to ``uuid5`` of it, and an
annotation without one to ``uuid5`` of its content, so importing a file twice adds
nothing. Invalid entries are skipped and reported; the rest go in in one transaction.
"""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.core.anchoring import CONTEXT_CHARS, ORPHANED
from reader.core.annotations import (
    Annotation,
    AnnotationError,
    _insert,  # the one INSERT of an annotation and its tags; we batch it in one transaction
    normalize_tags,
)
from reader.core.errors import ReaderError
from reader.core.store import Store
from reader.core.textio import read_regular
from reader.core.vocabulary import COLORS

MAX_IMPORT_BYTES = 200 * 1024 * 1024
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_ID_NAMESPACE = uuid.UUID("6f1c3a52-8d0e-4c53-9a64-3b1f0c0de7a1")  # ours: ids of foreign ids


class ImportError_(ReaderError):  # noqa: N801 - ImportError is a builtin
    """An annotation file cannot be read at all."""


@dataclass
class ImportReport:
    imported: int = 0
    skipped_duplicates: int = 0
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"imported": self.imported, "skipped_duplicates": self.skipped_duplicates,
                "errors": list(self.errors)}


class _Invalid(Exception):
    """One entry cannot be imported; the message says why, briefly."""


def import_file(store: Store, path: Path | str) -> ImportReport:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise ImportError_(f"{path.name} is too large to import")
        data = read_regular(path)
    except FileNotFoundError as exc:
        raise ImportError_(f"No such file: {path}") from exc
    except IsADirectoryError as exc:
        raise ImportError_(f"{path} is a folder, not an annotation file") from exc
    except OSError as exc:
        raise ImportError_(f"Cannot read {path}: {exc.strerror or exc}") from exc
    return import_annotations(store, parse_json(data, path.name))


def parse_json(data: bytes | str, name: str = "the file") -> object:
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        return json.loads(text)
    except UnicodeDecodeError as exc:
        raise ImportError_(f"{name} is not UTF-8 text, so not a JSON annotation file") from exc
    except json.JSONDecodeError as exc:
        raise ImportError_(f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                           f"column {exc.colno}") from exc
    except RecursionError as exc:
        raise ImportError_(f"{name} is nested too deeply to be an annotation file") from exc


def import_annotations(store: Store, document: object, *, now: str | None = None) -> ImportReport:
    """Import the annotations of a parsed JSON document; see the module docstring."""
    now = now or datetime.now(UTC).isoformat(timespec="milliseconds")
    report = ImportReport()
    parsed: list[tuple[str, Annotation]] = []
    for where, entry in _entries(document):
        label = f" ({_printable(entry['id'])})" if isinstance(entry, dict) and isinstance(
            entry.get("id"), str) else ""
        try:
            parsed.append((f"{where}{label}", parse_annotation(entry, now)))
        except _Invalid as exc:
            report.errors.append(f"{where}{label}: {_printable(str(exc))}")
        except (UnicodeEncodeError, OverflowError) as exc:
            report.errors.append(f"{where}{label}: {_unstorable(exc)}")

    def work(conn: sqlite3.Connection) -> None:
        seen: set[str] = set()
        for where, annotation in parsed:
            # One entry SQLite cannot hold (a lone surrogate, a number past 64 bits) is
            # skipped with its reason; the others are imported.
            conn.execute("SAVEPOINT import_entry")
            try:
                if annotation.id in seen or conn.execute(
                        "SELECT 1 FROM annotations WHERE id = ?", (annotation.id,)).fetchone():
                    report.skipped_duplicates += 1
                    conn.execute("RELEASE import_entry")
                    continue
                _insert(conn, annotation)
            except (UnicodeEncodeError, OverflowError, sqlite3.IntegrityError) as exc:
                conn.execute("ROLLBACK TO import_entry")
                conn.execute("RELEASE import_entry")
                report.errors.append(f"{where}: {_unstorable(exc)}")
                continue
            conn.execute("RELEASE import_entry")
            seen.add(annotation.id)
            report.imported += 1

    if parsed:
        store.write(work)
    return report


# --- the shapes of a document ------------------------------------------------------------


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("type", node.get("@type"))
    names = kind if isinstance(kind, list) else [kind]
    # "oa:Annotation" and full IRIs name the same classes.
    return {re.split(r"[:#/]", n)[-1] for n in names if isinstance(n, str)}


def _entries(document: object) -> Iterator[tuple[str, object]]:
    """(where, entry) for every annotation-like entry of the document."""
    if isinstance(document, list):
        for i, entry in enumerate(document):
            yield f"[{i}]", entry
        return
    if not isinstance(document, dict):
        raise ImportError_("This is not a W3C annotation file: expected an Annotation, an "
                           "AnnotationPage, an AnnotationCollection or a list of annotations")
    types = _types(document)
    if "AnnotationCollection" in types or "first" in document and "target" not in document:
        page = document.get("first")
        if page is None and isinstance(document.get("items"), list):
            page = {"items": document["items"]}
        if not isinstance(page, dict):
            raise ImportError_("The collection's pages are not in the file (only linked), so "
                               "there is nothing to import")
        number = 0
        seen: set[int] = set()
        while isinstance(page, dict) and id(page) not in seen:
            seen.add(id(page))
            yield from _page(page, f"page {number + 1} " if number else "")
            page, number = page.get("next"), number + 1
        return
    if "AnnotationPage" in types or "items" in document and "target" not in document:
        yield from _page(document, "")
        return
    if "Annotation" not in types and "target" not in document:
        raise ImportError_("This is not a W3C annotation file: no Annotation, AnnotationPage "
                           "or AnnotationCollection in it")
    yield "the annotation", document


def _page(page: dict[str, Any], prefix: str) -> Iterator[tuple[str, object]]:
    items = page.get("items")
    if not isinstance(items, list):
        raise ImportError_("An AnnotationPage in this file has no list of items")
    for i, entry in enumerate(items):
        yield f"{prefix}items[{i}]", entry


# --- one annotation ------------------------------------------------------------------------


def parse_annotation(entry: object, now: str) -> Annotation:
    """An entry as one of ours (raises _Invalid with a short reason)."""
    if not isinstance(entry, dict):
        raise _Invalid(f"not an annotation object but {_type_name(entry)}")
    target = entry.get("target")
    if target is None:
        raise _Invalid("no target")
    source, target_node, quote, position = _target(target)
    exact = _string(quote, "exact", required=True)
    if not exact.strip():
        raise _Invalid("the TextQuoteSelector's exact text is empty")
    prefix = _string(quote, "prefix")[-CONTEXT_CHARS:]
    suffix = _string(quote, "suffix")[:CONTEXT_CHARS]
    start, end = _position(position, exact)
    motivations = _strings(entry.get("motivation"), "motivation")
    notes, tags = _bodies(entry, motivations)
    try:
        clean_tags = normalize_tags(tags)
    except AnnotationError as exc:
        raise _Invalid(str(exc)) from exc
    created = _when(entry.get("created"), "created") or now
    modified = _when(entry.get("modified"), "modified") or created
    return Annotation(
        id=_our_id(entry.get("id"), source, exact, prefix, suffix, start, end, notes, tags),
        article_key=source, side=_side(target_node.get("language"), exact),
        kind="bookmark" if "bookmarking" in motivations else "highlight",
        exact=exact, prefix=prefix, suffix=suffix, start=start, end=end,
        color=_color(target_node.get("styleClass")), note="\n\n".join(notes), tags=clean_tags,
        status=ORPHANED, created=created, modified=modified,
    )


def _target(target: object) -> tuple[str, dict[str, Any], dict[str, Any], dict[str, Any] | None]:
    """(source, target, TextQuoteSelector, TextPositionSelector or None) of the first
    target that has a quote."""
    targets = target if isinstance(target, list) else [target]
    others: list[str] = []
    for node in targets:
        if not isinstance(node, dict):
            continue  # a bare IRI: the whole resource, nothing to anchor
        selectors = node.get("selector")
        selectors = selectors if isinstance(selectors, list) else [selectors]
        quote = position = None
        for selector in selectors:
            if not isinstance(selector, dict):
                continue
            types = _types(selector)
            if "TextQuoteSelector" in types and quote is None:
                quote = selector
            elif "TextPositionSelector" in types and position is None:
                position = selector
            else:
                others += sorted(types) or ["an untyped selector"]
        if quote is None:
            continue
        source = node.get("source")
        if isinstance(source, dict):
            source = source.get("id", source.get("@id"))
        if not isinstance(source, str) or not source.strip():
            raise _Invalid("the target has no source (the article's URL or key)")
        return source.strip(), node, quote, position
    if others:
        return _fail(f"no TextQuoteSelector (only {', '.join(dict.fromkeys(others))})")
    if any(isinstance(n, dict) for n in targets):
        return _fail("no TextQuoteSelector in the target")
    return _fail("the target is not an object with a selector")


def _fail(reason: str) -> tuple[str, dict[str, Any], dict[str, Any], dict[str, Any] | None]:
    raise _Invalid(reason)


def _printable(text: str) -> str:
    """``text`` with lone surrogates spelled out, so a report can always be printed."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _unstorable(exc: Exception) -> str:
    if isinstance(exc, UnicodeEncodeError):
        return "contains a character that is not valid Unicode (a lone surrogate)"
    if isinstance(exc, OverflowError):
        return "a number in it is too large"
    return f"cannot be stored ({exc})"


MAX_POSITION = 2**53  # beyond any text; SQLite's integers end at 2**63


def _position(selector: dict[str, Any] | None, exact: str) -> tuple[int, int]:
    """A position in code points of our text, or (0, 0) when unknown."""
    if selector is None:
        return 0, 0
    start, end = selector.get("start"), selector.get("end")
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise _Invalid(f"TextPositionSelector.{name} must be a whole number ≥ 0")
        if value > MAX_POSITION:
            raise _Invalid(f"TextPositionSelector.{name} is too large ({str(value)[:12]}…)")
    # Other tools count differently (UTF-16, other texts): only a span the length of the
    # quote can be ours; anything else is left to the quote.
    return (start, end) if end - start == len(exact) else (0, 0)  # type: ignore[operator,return-value]


def _bodies(entry: dict[str, Any], motivations: list[str]) -> tuple[list[str], list[str]]:
    """(notes, tags) from body and bodyValue."""
    notes: list[str] = []
    tags: list[str] = []
    value = entry.get("bodyValue")
    if value is not None:
        notes.append(_string({"bodyValue": value}, "bodyValue"))
    bodies = entry.get("body")
    for body in bodies if isinstance(bodies, list) else [] if bodies is None else [bodies]:
        if isinstance(body, str):  # an IRI of an external body: keep it as a link in the note
            notes.append(body)
            continue
        if not isinstance(body, dict):
            raise _Invalid(f"a body is {_type_name(body)}, not an object or a string")
        if "value" not in body:
            continue  # an external resource without text: nothing we can show
        text = _string(body, "value")
        purposes = _strings(body.get("purpose"), "body purpose")
        if "tagging" in purposes or (not purposes and motivations == ["tagging"]):
            tags.append(text)
        elif text.strip():
            notes.append(text)
    return [n for n in notes if n.strip()], tags


def _string(node: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = node.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        what = "missing" if value is None else _type_name(value)
        raise _Invalid(f"{key} must be a string, not {what}")
    return value


def _strings(value: object, what: str) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in values):
        raise _Invalid(f"{what} must be a string or a list of strings")
    return [re.split(r"[:#/]", str(v))[-1] for v in values]  # "oa:tagging" too


def _when(value: object, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Invalid(f"{what} must be an ISO 8601 date and time")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise _Invalid(f"{what} is not an ISO 8601 date and time: {value[:40]!r}") from exc
    if moment.tzinfo is None:  # the model says SHOULD have a zone; assume UTC
        return moment.replace(tzinfo=UTC).isoformat(timespec="milliseconds")
    return value.strip()


def _side(language: object, exact: str) -> str:
    languages = language if isinstance(language, list) else [language]
    for lang in languages:
        if isinstance(lang, str):
            code = lang.strip().lower()
            if code == "zh" or code.startswith(("zh-", "zh_", "cmn")):
                return "zh"
            if code == "en" or code.startswith(("en-", "en_")):
                return "en"
    return "zh" if _CJK.search(exact) else "en"


def _color(style: object) -> str:
    names = style if isinstance(style, list) else str(style or "").split()
    for name in names:
        if isinstance(name, str) and name.lower() in COLORS:
            return name.lower()
    return "yellow"


def _our_id(given: object, *content: object) -> str:
    if given is not None and not isinstance(given, str):
        raise _Invalid(f"id must be a string (an IRI), not {_type_name(given)}")
    if given and given.strip():
        text = given.strip()
        bare = text[len("urn:uuid:"):] if text.lower().startswith("urn:uuid:") else text
        try:
            return str(uuid.UUID(bare))
        except ValueError:
            return str(uuid.uuid5(_ID_NAMESPACE, text))
    return str(uuid.uuid5(_ID_NAMESPACE, json.dumps(content, ensure_ascii=False)))


def _type_name(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
            type(None): "null", int: "a number", float: "a number"}.get(type(value), "a value")
