"""Small shapes that tell the kinds of translation issues apart in the margin and the Check panel.

Drawn with QPainter paths, so they look the same whatever fonts or icon themes are installed,
and they still tell the kinds apart for readers who do not see the colours.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

# One shape per kind of issue; "" (and anything unknown) is the plain disc of other marks.
KIND_GLYPHS = {
    "omission": "ring",  # a hole where a sentence should be
    "truncation": "half",  # a disc cut in half: the translation stops
    "untranslated": "diamond",
    "repetition": "bars",  # the same line twice
    "number": "square",
    "url": "link",
    "code": "chevron",
    "addition": "plus",
    "term": "triangle",
    "typography": "dot",
}
GLYPHS = ("disc", *KIND_GLYPHS.values())


def glyph_path(glyph: str, rect: QRectF) -> tuple[QPainterPath, bool]:
    """The outline of ``glyph`` inside ``rect`` and whether it is filled (else stroked)."""
    path = QPainterPath()
    x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
    cx, cy = rect.center().x(), rect.center().y()
    if glyph == "ring":
        path.addEllipse(rect.adjusted(1, 1, -1, -1))
        return path, False
    if glyph == "half":
        path.moveTo(cx, y)
        path.arcTo(rect, 90, 180)  # the left half of the disc
        path.closeSubpath()
        path.addRect(QRectF(cx + w * 0.2, y, w * 0.1, h))  # and a thin edge where it stops
        return path, True
    if glyph == "diamond":
        path.moveTo(cx, y)
        path.lineTo(x + w, cy)
        path.lineTo(cx, y + h)
        path.lineTo(x, cy)
        path.closeSubpath()
        return path, True
    if glyph == "bars":
        path.addRect(QRectF(x, y + h * 0.1, w, h * 0.3))
        path.addRect(QRectF(x, y + h * 0.6, w, h * 0.3))
        return path, True
    if glyph == "square":
        path.addRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        return path, True
    if glyph == "link":
        path.addEllipse(QRectF(x, y + h * 0.25, w * 0.6, h * 0.5))
        path.addEllipse(QRectF(x + w * 0.4, y + h * 0.25, w * 0.6, h * 0.5))
        return path, False
    if glyph == "chevron":
        path.moveTo(x + w * 0.8, y + h * 0.05)
        path.lineTo(x + w * 0.2, cy)
        path.lineTo(x + w * 0.8, y + h * 0.95)
        return path, False
    if glyph == "plus":
        path.addRect(QRectF(cx - w * 0.15, y, w * 0.3, h))
        path.addRect(QRectF(x, cy - h * 0.15, w, h * 0.3))
        path.setFillRule(Qt.FillRule.WindingFill)
        return path, True
    if glyph == "triangle":
        path.moveTo(cx, y)
        path.lineTo(x + w, y + h)
        path.lineTo(x, y + h)
        path.closeSubpath()
        return path, True
    if glyph == "dot":
        path.addEllipse(QRectF(cx - w * 0.25, cy - h * 0.25, w * 0.5, h * 0.5))
        return path, True
    path.addEllipse(rect)
    return path, True


def paint_glyph(painter: QPainter, rect: QRectF, glyph: str, color: QColor) -> None:
    path, filled = glyph_path(glyph, rect)
    painter.save()
    if filled:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
    else:
        painter.setPen(QPen(color, max(1.5, rect.width() / 6)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.restore()


def glyph_icon(glyph: str, color: str, size: int = 16) -> QIcon:
    """An icon of ``glyph`` (for the Check panel's groups), transparent around it."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = size * 0.15
    paint_glyph(painter, QRectF(QPointF(margin, margin), QPointF(size - margin, size - margin)),
                glyph, QColor(color))
    painter.end()
    return QIcon(pixmap)
