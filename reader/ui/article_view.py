"""A reading pane: rendered blocks in a QTextBrowser with a centred measure.

Knows where each block starts (anchors ``b<index>``), resolves ``reader-image:``
tokens (local files confined to the article folder, remote images fetched in the
background, a placeholder for anything missing) and opens web links in the browser.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QImage,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.core.images import ImageRef
from reader.core.render import IMAGE_SCHEME, RenderedDocument
from reader.ui.i18n import tr
from reader.ui.tasks import TaskContext, run_task

MAX_MEASURE = 760  # px of text per line: a comfortable reading measure
MIN_MARGIN = 28
REMOTE_IMAGE_LIMIT = 8 * 1024 * 1024


class ArticleView(QTextBrowser):
    painted = Signal()
    block_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, image_cache: Path | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.document().setDocumentMargin(0)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.images: dict[str, ImageRef] = {}
        self.block_starts: list[int] = []  # document position of each block, by block index
        self.block_indexes: list[int] = []  # block index of each entry of block_starts
        self.image_cache = image_cache
        self._remote: dict[str, QImage | None] = {}
        self._painted_since_load = False
        self.has_content = False
        self.setAccessibleName(tr("Article text"))

    # -- content ---------------------------------------------------------------------
    def show_document(self, rendered: RenderedDocument, stylesheet: str) -> None:
        self.images = rendered.images
        self._painted_since_load = False
        self.document().setDefaultStyleSheet(stylesheet)
        self.setHtml(rendered.html)
        self._apply_measure()
        self._index_blocks()
        self.has_content = True
        self.viewport().update()

    def show_message_html(self, html: str, stylesheet: str) -> None:
        self.show_document(RenderedDocument(html), stylesheet)

    def _index_blocks(self) -> None:
        starts: dict[int, int] = {}
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid():
                    for name in fragment.charFormat().anchorNames():
                        if name.startswith("b") and name[1:].isdigit():
                            starts.setdefault(int(name[1:]), fragment.position())
                it += 1
            block = block.next()
        ordered = sorted(starts.items())
        self.block_indexes = [i for i, _ in ordered]
        self.block_starts = [p for _, p in ordered]

    def block_position(self, index: int) -> int | None:
        import bisect

        k = bisect.bisect_left(self.block_indexes, index)
        if k < len(self.block_indexes) and self.block_indexes[k] == index:
            return self.block_starts[k]
        return None

    def block_at_position(self, position: int) -> int | None:
        import bisect

        k = bisect.bisect_right(self.block_starts, position) - 1
        return self.block_indexes[k] if k >= 0 else None

    def block_y(self, index: int) -> float | None:
        """The top of block ``index`` in document coordinates."""
        position = self.block_position(index)
        if position is None:
            return None
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        return float(cursor.block().layout().position().y()) if cursor.block().layout() else None

    def scroll_to_block(self, index: int) -> None:
        y = self.block_y(index)
        if y is not None:
            self.verticalScrollBar().setValue(int(y))

    def top_block(self) -> int | None:
        cursor = self.cursorForPosition(self.viewport().rect().topLeft())
        return self.block_at_position(cursor.position())

    # -- measure ---------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_measure()

    def _apply_measure(self) -> None:
        width = self.viewport().width()
        margin = max(MIN_MARGIN, (width - MAX_MEASURE) // 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if fmt.leftMargin() != margin:
            fmt.setLeftMargin(margin)
            fmt.setRightMargin(margin)
            fmt.setTopMargin(24)
            fmt.setBottomMargin(48)
            frame.setFrameFormat(fmt)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.has_content and not self._painted_since_load:
            self._painted_since_load = True
            self.painted.emit()

    @property
    def painted_since_load(self) -> bool:
        return self._painted_since_load

    # -- links -----------------------------------------------------------------------
    def _on_anchor(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme in ("http", "https"):
            QDesktopServices.openUrl(url)
        elif not scheme and url.hasFragment():
            self.scrollToAnchor(url.fragment())
        # Other schemes (file:, javascript:, …) are ignored on purpose.

    # -- images ----------------------------------------------------------------------
    def loadResource(self, kind: int, name: QUrl) -> object:  # noqa: N802 (Qt override)
        if kind == QTextDocument.ResourceType.ImageResource.value and name.scheme() == IMAGE_SCHEME:
            ref = self.images.get(name.toString())
            if ref is None:
                return placeholder_image(tr("Image not available"))
            if ref.kind == "local":
                image = QImage(ref.target)
                if image.isNull():
                    return placeholder_image(tr("Image cannot be read"))
                return self._fit(image)
            if ref.kind == "remote":
                return self._remote_image(name.toString(), ref.target)
            if ref.kind == "refused":
                return placeholder_image(tr("Image blocked"))
            return placeholder_image(tr("Image missing"))
        return super().loadResource(kind, name)

    def _fit(self, image: QImage) -> QImage:
        limit = min(MAX_MEASURE, max(200, self.viewport().width() - 2 * MIN_MARGIN))
        if image.width() > limit:
            return image.scaledToWidth(limit, Qt.TransformationMode.SmoothTransformation)
        return image

    def _remote_image(self, token: str, url: str) -> QImage:
        if url in self._remote:
            image = self._remote[url]
            return self._fit(image) if image is not None else placeholder_image(tr("Image not available"))
        self._remote[url] = None
        cache = self.image_cache
        cached = cache / (hashlib.sha256(url.encode()).hexdigest() + ".img") if cache else None
        if cached and cached.is_file():
            image = QImage(str(cached))
            if not image.isNull():
                self._remote[url] = image
                return self._fit(image)

        def download(ctx: TaskContext) -> bytes:
            import httpx  # only documents with remote images pay for it

            with httpx.Client(timeout=httpx.Timeout(20, connect=10), follow_redirects=True) as client:
                response = client.get(url)
                response.raise_for_status()
                if len(response.content) > REMOTE_IMAGE_LIMIT:
                    raise ValueError("image too large")
                data = response.content
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_bytes(data)
            return data

        run_task(
            lambda ctx: _quiet(download, ctx),
            on_done=lambda data, token=token, url=url: self._remote_arrived(token, url, data),
        )
        return placeholder_image(tr("Loading image…"))

    def _remote_arrived(self, token: str, url: str, data: bytes | None) -> None:
        if not data:
            return
        image = QImage.fromData(data)
        if image.isNull():
            return
        self._remote[url] = image
        doc = self.document()
        doc.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(token), self._fit(image))
        doc.markContentsDirty(0, doc.characterCount())


def _quiet(fn, ctx: TaskContext) -> bytes | None:  # type: ignore[no-untyped-def]
    """Remote images are decoration: a failure leaves the placeholder, silently."""
    try:
        return fn(ctx)
    except Exception:
        return None


def placeholder_image(text: str, size: QSize | None = None) -> QImage:
    size = size or QSize(320, 120)
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(150, 150, 150))
    painter.setBrush(QColor(128, 128, 128, 28))
    painter.drawRoundedRect(QRectF(1, 1, size.width() - 2, size.height() - 2), 8, 8)
    font = QFont()
    font.setPointSizeF(9.5)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, size.width(), size.height()), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image
