"""Maps offsets in a side's plain text (code points, the store's convention) to positions
in a rendered QTextDocument (UTF-16 units, Qt's convention) and back.

The core's plain text is the units' texts joined by blank lines; the view shows the same
units behind anchors (``b<i>`` or ``e<i>``). Within a unit the two texts are nearly always
equal; where rendering differs (list bullets, table cells, entities) the characters are
matched by difflib, so an offset never lands in the wrong unit.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtGui import QTextDocument

from reader.core.anchoring import Utf16Offsets
from reader.core.blocks import Block
from reader.core.render import BREAK

SEPARATOR = "\n\n"  # between units in the core's plain text (see Article.plain_text)


@dataclass
class _Unit:
    core_start: int  # in the side's plain text (code points)
    text: str
    doc_start: int  # of its segment in the document text (code points)
    doc_end: int
    shift: int | None  # doc offset - core offset when the text appears verbatim
    matches: list[tuple[int, int, int]]  # difflib blocks (core_i, doc_j, size) otherwise


class TextMap:
    def __init__(self, document: QTextDocument, units: list[Block], anchors: tuple[list[int], list[int]]) -> None:
        self.doc_text = document.toPlainText()
        self.utf16 = Utf16Offsets(self.doc_text)
        indexes, starts = anchors
        position_of = dict(zip(indexes, starts, strict=True))
        ordered_starts = sorted(starts)
        self.units: list[_Unit] = []
        core = 0
        for block in units:
            start16 = position_of.get(block.index)
            if start16 is not None:
                k = bisect.bisect_right(ordered_starts, start16)
                end16 = ordered_starts[k] if k < len(ordered_starts) else self.utf16.utf16_length
                start16 = min(start16, self.utf16.utf16_length)
                end16 = min(end16, self.utf16.utf16_length)
                ds, de = self.utf16.to_codepoint(start16), self.utf16.to_codepoint(end16)
                segment = self.doc_text[ds:de]
                found = segment.find(block.text) if block.text else 0
                if found >= 0:
                    unit = _Unit(core, block.text, ds, de, ds + found - core, [])
                elif BREAK in segment and (at := segment.replace(BREAK, "").find(block.text)) >= 0:
                    unit = _Unit(core, block.text, ds, de, None,
                                 _across_breaks(segment, ds, core, at, len(block.text)))
                else:
                    import difflib  # only for a block whose text differs from the document's

                    matcher = difflib.SequenceMatcher(None, block.text, segment, autojunk=False)
                    unit = _Unit(core, block.text, ds, de, None, [
                        (core + a, ds + b, n) for a, b, n in matcher.get_matching_blocks() if n
                    ])
                self.units.append(unit)
            core += len(block.text) + len(SEPARATOR)
        self._core_starts = [u.core_start for u in self.units]
        self._doc_starts = [u.doc_start for u in self.units]

    # -- core (code points) -> document (UTF-16) ---------------------------------------
    def to_document(self, offset: int) -> int | None:
        if not self.units:
            return None
        k = max(0, bisect.bisect_right(self._core_starts, offset) - 1)
        unit = self.units[k]
        offset = min(offset, unit.core_start + len(unit.text))
        if unit.shift is not None:
            doc = offset + unit.shift
        else:
            doc = _through(unit.matches, offset, unit.doc_start, forward=True)
        return self.utf16.to_utf16(min(max(doc, 0), len(self.doc_text)))

    # -- document (UTF-16) -> core (code points) ---------------------------------------
    def to_core(self, position: int) -> int | None:
        if not self.units:
            return None
        doc = self.utf16.to_codepoint(min(max(position, 0), self.utf16.utf16_length))
        k = max(0, bisect.bisect_right(self._doc_starts, doc) - 1)
        unit = self.units[k]
        if unit.shift is not None:
            core = doc - unit.shift
        else:
            core = _through(unit.matches, doc, unit.core_start, forward=False)
        return min(max(core, unit.core_start), unit.core_start + len(unit.text))


def _across_breaks(segment: str, doc_start: int, core_start: int, at: int, length: int) -> list[tuple[int, int, int]]:
    """Matching blocks (core, doc, size) of a segment whose text differs from the unit's only
    by the renderer's zero-width breaks (render.BREAK), the unit's text lying at ``at`` of the
    segment without them; linear, where difflib is not."""
    matches: list[tuple[int, int, int]] = []
    doc = stripped = 0
    for piece in segment.split(BREAK):
        lo, hi = max(stripped, at), min(stripped + len(piece), at + length)
        if hi > lo:
            matches.append((core_start + lo - at, doc_start + doc + lo - stripped, hi - lo))
        doc += len(piece) + 1
        stripped += len(piece)
    return matches


def _through(matches: list[tuple[int, int, int]], offset: int, fallback: int, *, forward: bool) -> int:
    """Carry an offset across difflib's matching blocks (nearest matched character)."""
    best = fallback
    for core, doc, size in matches:
        source, target = (core, doc) if forward else (doc, core)
        if offset < source:
            return target if best == fallback else best
        if offset <= source + size:
            return target + (offset - source)
        best = target + size
    return best
