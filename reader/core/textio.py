"""Decoding article files: BOMs, UTF-8, UTF-16, GB18030 and friends, binary refusal."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import ArticleError

MAX_FILE_BYTES = 30 * 1024 * 1024

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x7fELF": "a program",
    b"\x1f\x8b": "a gzip archive",
}
# Characters that never occur in text: C0 controls other than tab, newlines and form feed.
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)} | {127}


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


EMPTY_FILE_WARNING = "the file is empty"


def read_text_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> DecodedText:
    """Read and decode a text file, refusing what is not text."""
    return decode_bytes(read_file_bytes(path, max_bytes), name=path.name)


def read_file_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of an article file; ArticleError for a missing, too large or special file."""
    if not path.exists():
        raise ArticleError(f"No such file: {path}")
    if path.is_dir():
        raise ArticleError(f"{path} is a folder, not an article file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(
                f"{path.name} is too large ({size / 1048576:.1f} MB; the limit is "
                f"{max_bytes / 1048576:.0f} MB)"
            )
        return read_regular(path)
    except OSError as exc:
        raise ArticleError(f"Cannot read {path}: {exc.strerror or exc}") from exc


class NotRegularFile(OSError):
    """A named pipe, a device or a socket where a file was expected: never read (a pipe
    would block forever, a device never ends)."""


def special_kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file; anything else raises NotRegularFile without blocking."""
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    what = special_kind(mode)
    if what is None:  # open without blocking, and check again what was opened
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as fh:
            what = special_kind(os.fstat(fh.fileno()).st_mode)
            if what is None:
                return fh.read()
    raise NotRegularFile(errno.EINVAL, f"it is {what}, not a regular file", str(path))


def decode_bytes(data: bytes, name: str = "the file") -> DecodedText:
    if not data.strip(b" \t\r\n\x00"):
        return DecodedText("", "utf-8", (EMPTY_FILE_WARNING,))  # an empty article, not an error
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ArticleError(f"{name} is not valid {encoding} text") from exc
            return _finish(text, encoding.removesuffix("-sig").replace("-le", "").replace("-be", ""), warnings, name)
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ArticleError(f"{name} is {what}, not a Markdown text file")
    try:
        return _finish(data.decode("utf-8"), "utf-8", warnings, name)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for files that are not UTF-8 (slow import)

    match = from_bytes(data[: 512 * 1024]).best()
    if match is None or match.encoding is None:
        raise ArticleError(f"{name} is not a text file (binary data)")
    encoding = match.encoding
    if encoding in ("gb2312", "gbk", "hz", "gb18030"):
        encoding = "gb18030"  # the superset decodes everything its subsets wrote
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ArticleError(f"{name} is not a text file (binary data)") from exc
    return _finish(text, encoding, warnings, name)


def _finish(text: str, encoding: str, warnings: list[str], name: str) -> DecodedText:
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        warnings.append(f"removed {nuls} NUL character{'s' if nuls != 1 else ''}")
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if sample and controls / len(sample) > 0.02:
        raise ArticleError(f"{name} is not a text file (binary data)")
    if not text.strip():
        return DecodedText("", encoding, (*warnings, EMPTY_FILE_WARNING))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text, encoding, tuple(warnings))


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new content, never half of it.

    A symlink is written through: its target is replaced (atomically, in the target's
    folder) and the link stays. A named pipe, a device or a folder is refused
    (NotRegularFile / IsADirectoryError): swapping it for a file would lose what it was."""
    path = Path(os.path.realpath(path))
    try:
        mode_now = os.stat(path).st_mode
    except FileNotFoundError:
        pass
    else:
        if stat.S_ISDIR(mode_now):
            raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
        if (what := special_kind(mode_now)) is not None:
            raise NotRegularFile(errno.EINVAL, f"it is {what}, not a regular file", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # mkstemp makes the file private (0600): keep the old file's mode, else rw-r--r--
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
