"""Where an image reference in an article points, confined to the article's folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class ImageRef:
    src: str  # as written in the article
    kind: str  # local | remote | missing | refused
    target: str  # absolute path (local, missing) or URL (remote); "" when refused
    reason: str = ""  # why it was refused


def resolve_image(src: str, base_dir: Path | None) -> ImageRef:
    src = src.strip()
    try:
        parts = urlsplit(src)
    except ValueError:
        return ImageRef(src, "refused", "", "not a valid address")
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return ImageRef(src, "remote", src)
    if scheme and len(scheme) > 1:  # one letter is a Windows drive, treated as a path below
        return ImageRef(src, "refused", "", f"{scheme}: images are not shown")
    if base_dir is None:
        return ImageRef(src, "missing", "")
    raw = unquote(parts.path if not (scheme and len(scheme) == 1) else src)
    if not raw or raw.startswith(("/", "\\")) or (len(raw) > 1 and raw[1] == ":"):
        return ImageRef(src, "refused", "", "absolute paths are not followed")
    base = base_dir.resolve()
    try:
        target = (base / raw).resolve()
    except (OSError, RuntimeError):  # symlink loops
        return ImageRef(src, "refused", "", "the path cannot be resolved")
    if not target.is_relative_to(base):
        return ImageRef(src, "refused", "", "it points outside the article's folder")
    if not target.is_file():
        return ImageRef(src, "missing", str(target))
    return ImageRef(src, "local", str(target))
