"""Proofreading edits over every file of the shared corpora, and the save time of a 1 MB article.

For each file (``../shared/corpus`` and ``../shared/corpus-multi``), through the shipped
``replace_block``:

- identity: ``edit`` of blocks with their own text (the first, the last and up to
  ``--blocks`` others, by a fixed seed) leaves the file byte-identical;
- locality: an edit with new text (one block) changes only that block's lines, checked
  line by line against the file before (the lines before the block and after it are the
  same bytes, and the block's lines are the new text encoded like the file);
- restore: writing the block's old text back gives the original bytes again;
- undo: the edit's inverse gives the original bytes again.

Every 10th file is also rewritten as GBK + CRLF, as UTF-8 with BOM + CRLF and as UTF-8
with BOM, and checked the same way. Then: save time of one paragraph of a 1 MB article
(median of several saves; goal <= 200 ms to disk), with and without the review store.

    .venv/bin/python benchmarks/bench_edit.py [--limit N] [--blocks 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.editing import EditError, apply_edit, replace_block  # noqa: E402
from reader.core.errors import ReaderError  # noqa: E402
from reader.core.source_blocks import read_source, source_blocks  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPORA = ("corpus", "corpus-multi")
VARIANTS = {  # name: (encoding, newline, bom)
    "gbk-crlf": ("gbk", b"\r\n", b""),
    "bom-crlf": ("utf-8", b"\r\n", b"\xef\xbb\xbf"),
    "bom": ("utf-8", b"\n", b"\xef\xbb\xbf"),
}


@dataclass
class Tally:
    files: int = 0
    refused: int = 0  # files the reader itself does not open (empty, binary)
    identity: int = 0
    identity_ok: int = 0
    locality: int = 0
    locality_ok: int = 0
    restore_ok: int = 0
    undo_ok: int = 0
    refused_edits: int = 0  # edits refused because the encoding would be guessed differently
    failures: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("files", "refused", "identity", "identity_ok", "locality", "locality_ok",
                     "restore_ok", "undo_ok", "refused_edits"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failures += other.failures


def _new_text(kind: str, text: str) -> str:
    lines = text.split("\n")
    if kind == "code" and len(lines) >= 2:
        return "\n".join([*lines[:-1], "# 校对加的一行", lines[-1]])
    return text + "（校）"


def check_file(path: Path, data: bytes, rng: random.Random, blocks_per_file: int = 3) -> Tally:
    """Run the identity, locality, restore and undo checks on ``path`` holding ``data``."""
    tally = Tally(files=1)
    path.write_bytes(data)
    try:
        source = read_source(path)
        blocks = source_blocks(source.article(path), source)
    except ReaderError:
        tally.refused = 1
        return tally
    if not blocks:
        return tally
    picked = {0, len(blocks) - 1, *rng.sample(range(len(blocks)), min(blocks_per_file, len(blocks)))}
    for index in sorted(picked):
        tally.identity += 1
        result = replace_block(path, index, blocks[index].text)
        if not result.changed and path.read_bytes() == data:
            tally.identity_ok += 1
        else:
            tally.failures.append(f"{path.name}: identity of block {index}")
            path.write_bytes(data)
    block = blocks[rng.randrange(len(blocks))]
    new_text = _new_text(block.kind, block.text)
    try:
        result = replace_block(path, block.index, new_text)
    except EditError:
        tally.refused_edits += 1  # see editing._check_detection; nothing was written
        if path.read_bytes() != data:
            tally.failures.append(f"{path.name}: a refused edit wrote")
        return tally
    tally.locality += 1
    after = path.read_bytes()
    if _local(source.lines, after, source.bom, block.line_start, block.line_end, new_text, source):
        tally.locality_ok += 1
    else:
        tally.failures.append(f"{path.name}: locality of block {block.index}")
    if result.edit is not None:
        apply_edit(result.edit.inverse())
        if path.read_bytes() == data:
            tally.undo_ok += 1
        else:
            tally.failures.append(f"{path.name}: undo of block {block.index}")
        apply_edit(result.edit)
    restored = replace_block(path, block.index, block.text)
    if path.read_bytes() == data:
        tally.restore_ok += 1
    else:
        tally.failures.append(f"{path.name}: restore of block {block.index} ({restored.changed})")
    return tally


def _local(old_lines: list[bytes], after: bytes, bom: bytes, start: int, end: int, new_text: str,
           source: object) -> bool:
    """Only lines ``start``..``end`` changed, into ``new_text`` (line by line)."""
    from reader.core.source_blocks import source_from_bytes

    new = source_from_bytes(after)
    if new.bom != bom:
        return False
    head, tail = old_lines[: start - 1], old_lines[end:]
    if new.lines[: start - 1] != head or (tail and new.lines[-len(tail):] != tail):
        return False
    count = len(new.lines) - len(head) - len(tail)
    replaced = [new.line_text(n) for n in range(start, start + count)]
    return replaced == new_text.split("\n")


def variant(data: bytes, encoding: str, newline: bytes, bom: bytes) -> bytes | None:
    try:
        text = data.decode("utf-8")
        encoded = text.encode(encoding)
    except UnicodeError:
        return None
    return bom + encoded.replace(b"\r\n", b"\n").replace(b"\n", newline)


def corpus_files(shared: Path) -> list[Path]:
    files = sorted((shared / "corpus" / "thenewstack-zh").glob("*.md"))
    files += sorted((shared / "corpus-multi" / "files").glob("*"))
    return [f for f in files if f.is_file()]


def run_corpus(shared: Path, limit: int | None, blocks_per_file: int) -> tuple[Tally, dict[str, Tally]]:
    rng = random.Random(18)
    total = Tally()
    variants = {name: Tally() for name in VARIANTS}
    files = corpus_files(shared)[:limit]
    # The checks are about bytes, not the disk: a RAM folder spares 50,000 fsyncs.
    ram = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(dir=ram) as tmp:
        work = Path(tmp) / "article.md"
        for n, path in enumerate(files):
            data = path.read_bytes()
            total.add(check_file(work, data, rng, blocks_per_file))
            if n % 10 == 0:
                for name, (encoding, newline, bom) in VARIANTS.items():
                    changed = variant(data, encoding, newline, bom)
                    if changed is not None:
                        variants[name].add(check_file(work, changed, rng, 1))
    return total, variants


def one_megabyte_article(folder: Path, shared: Path) -> Path:
    """Corpus articles laid end to end up to 1 MB (the repo's samples without the corpus)."""
    sources = corpus_files(shared)[:400] or sorted((ROOT / "articles").glob("*.md"))
    parts: list[bytes] = []
    size = 0
    k = 0
    while size < 1024 * 1024:
        chunk = sources[k % len(sources)].read_bytes().strip() + b"\n\n"
        parts.append(chunk)
        size += len(chunk)
        k += 1
    path = folder / "one-megabyte.md"
    path.write_bytes(b"".join(parts))
    return path


def save_times(shared: Path, reps: int = 9) -> dict[str, float]:
    """Median save times (ms) of one paragraph in the middle of a 1 MB article on disk."""
    from reader.core.editing import replace_lines, track_edit
    from reader.core.store import Store

    times: dict[str, list[float]] = {"editor": [], "edit": [], "tracked": []}
    with tempfile.TemporaryDirectory() as tmp:
        path = one_megabyte_article(Path(tmp), shared)
        source = read_source(path)
        article = source.article()
        blocks = source_blocks(article, source)
        middle = next(b for b in blocks[len(blocks) // 2 :] if b.kind == "paragraph")
        with Store(Path(tmp) / "data") as store:
            for k in range(reps):
                # The editor's path: it knows the block's lines and the bytes it parsed.
                sha = read_source(path).sha256
                start = time.perf_counter()
                result = replace_lines(path, middle.line_start, middle.line_end,
                                       f"{middle.text}（第 {k} 次校对）", expect_sha256=sha)
                times["editor"].append(time.perf_counter() - start)
                assert result.edit is not None
                start = time.perf_counter()
                track_edit(store, result.edit, article, source.data)  # off the UI thread
                times["tracked"].append(time.perf_counter() - start)
                start = time.perf_counter()
                replace_block(path, middle.index, middle.text)  # the edit command's path
                times["edit"].append(time.perf_counter() - start)
        times_ms = {name: statistics.median(values) * 1000 for name, values in times.items()}
        times_ms["size"] = path.stat().st_size
        return times_ms


def settle_times(shared: Path, reps: int = 3) -> tuple[float, float]:
    """Proofread mode in the window (offscreen) on the 1 MB article: median ms from the
    editor's save to the file on disk, and to both panes settled (re-rendered, painted)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reader.ui.app import create_window, make_application
    from reader.ui.tasks import wait_for_all

    app = make_application()
    to_disk: list[float] = []
    settled: list[float] = []

    def spin(ready, seconds: float = 120) -> None:  # type: ignore[no-untyped-def]
        end = time.monotonic() + seconds
        while not ready() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.002)

    with tempfile.TemporaryDirectory() as tmp:
        path = one_megabyte_article(Path(tmp), shared)
        # No source line: nothing is fetched (the English pane stays empty, and settled).
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join(line for line in lines if not line.startswith("> 原文")), encoding="utf-8")
        window = create_window(Path(tmp) / "data")
        window.remember_geometry = False
        window.resize(1400, 900)
        window.show()
        window.open_file(path)
        spin(window.settled)
        proof = window.proofread
        proof.set_active(True)
        article = window.session.article
        assert article is not None
        target = next(b for b in article.units[len(article.units) // 2 :] if b.kind == "paragraph")
        line = target.line_start
        for k in range(reps):
            assert window.session.article is not None
            block = next(b for b in window.session.article.units if b.line_start == line)
            window.translation_view.scroll_to_block(block.index, 0.3)
            spin(lambda: False, 0.2)
            proof.edit_block(block)
            assert proof.editor is not None
            proof.editor.edit.setPlainText(f"第 {k} 次校对后的段落。")
            start = time.perf_counter()
            proof.save()
            to_disk.append(time.perf_counter() - start)
            spin(lambda: window.settled() and window.translation_view.has_content)
            settled.append(time.perf_counter() - start)
        window.close()
        wait_for_all(10_000)
    return statistics.median(to_disk) * 1000, statistics.median(settled) * 1000


def _pct(ok: int, n: int) -> str:
    return f"{100 * ok / n:.2f}% ({ok}/{n})" if n else "n/a (0)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, default=None, help="only the first N files")
    parser.add_argument("--blocks", type=int, default=3, help="random blocks per file for identity")
    parser.add_argument("--no-corpus", action="store_true", help="only the save times")
    args = parser.parse_args()
    if corpus_files(args.shared) and not args.no_corpus:
        start = time.perf_counter()
        total, variants = run_corpus(args.shared, args.limit, args.blocks)
        elapsed = time.perf_counter() - start
        print(f"files: {total.files} ({total.refused} the reader refuses: empty or not text) "
              f"in {elapsed:.0f} s")
        print(f"identity (edit with its own text leaves the file byte-identical): "
              f"{_pct(total.identity_ok, total.identity)}")
        print(f"locality (new text changes only that block's lines): {_pct(total.locality_ok, total.locality)}")
        print(f"restore (old text written back gives the original bytes): "
              f"{_pct(total.restore_ok, total.locality)}")
        print(f"undo (the edit's inverse gives the original bytes): {_pct(total.undo_ok, total.locality)}")
        for name, tally in variants.items():
            print(f"{name}: files {tally.files - tally.refused}, identity "
                  f"{_pct(tally.identity_ok, tally.identity)}, locality "
                  f"{_pct(tally.locality_ok, tally.locality)}, restore {_pct(tally.restore_ok, tally.locality)}, "
                  f"undo {_pct(tally.undo_ok, tally.locality)}, edits refused (the encoding would be "
                  f"guessed differently afterwards) {tally.refused_edits}")
        for failure in (total.failures + [f for t in variants.values() for f in t.failures])[:20]:
            print(f"  FAILED {failure}")
    elif not args.no_corpus:
        print(f"no shared corpus in {args.shared}: corpus figures skipped")
    t = save_times(args.shared)
    print(f"save of one paragraph of a {t['size'] / 1048576:.2f} MB article, to disk: "
          f"{t['editor']:.0f} ms from the editor (goal <= 200 ms); {t['edit']:.0f} ms by the edit "
          f"command (parses the file to find the block); then review marks and proofreading "
          f"base, off the UI thread: {t['tracked']:.0f} ms")
    disk, settled = settle_times(args.shared)
    print(f"Proofread mode, 1 MB article: save {disk:.0f} ms to disk (the editor's whole save, "
          f"drawn in place), {settled:.0f} ms until both panes are settled (goal <= 500 ms)")


if __name__ == "__main__":
    main()
