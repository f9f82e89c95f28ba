"""Front matter and the line that names the English original.

Translation repositories spell the source line in many ways (see ``LABELS``); we look
for it in the header (front matter, then the first few lines after the title) and,
failing that, in the last lines of the file, where some repositories repeat it.
Body lines such as ``来源：[Heptio](…)`` credit an image and are never taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LABELS = (
    "原文链接", "原文地址", "原文出处", "英文原文", "原始文本", "原始链接", "本文链接", "查看原文",
    "原文", "来源", "出处", "source", "original", "original url", "original link", "origin",
)  # fmt: skip
FRONT_MATTER_SOURCE_KEYS = ("source", "original", "original_url", "originalurl", "source_url", "url", "link")
FRONT_MATTER_TITLE_KEYS = ("title", "标题")

_LABEL_RE = "|".join(sorted((re.escape(label) for label in LABELS), key=len, reverse=True))
# A header line: optional quote/list/bold prefix, a label, a colon (full or half width).
_LABELLED = re.compile(
    r"^\s*(?:>\s*)*(?:[-*+]\s+)?(?:\*\*|__)?\s*(?:" + _LABEL_RE + r")\s*(?:\*\*|__)?\s*[:：]\s*(?P<value>.*)$",
    re.IGNORECASE,
)
# The label after the link: > [`host/path`](URL)原文：
_LABEL_AFTER = re.compile(
    r"^\s*(?:>\s*)*(?P<value>\[.*\]\(.*\))\s*(?:" + _LABEL_RE + r")\s*[:：]?\s*$", re.IGNORECASE
)
_LINK_ONLY = re.compile(r"^\s*>\s*(?P<value>(?:\[[^\]]*\]\([^)]*\)|<[^>]+>))\s*$")
_ANGLE = re.compile(r"<([^<>\s]+)>")
_MD_LINK = re.compile(r"\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)?")
_BARE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>()\[\]\"'，。、）]+)")
_HEADER_LINES = 12  # non-blank lines after the title that may hold header data


@dataclass
class Header:
    source_url: str | None = None
    front_matter: dict[str, str] = field(default_factory=dict)
    body_start: int = 0  # index of the first line after front matter
    source_lines: set[int] = field(default_factory=set)  # 0-based lines that name the source
    warnings: list[str] = field(default_factory=list)


def parse_header(lines: list[str]) -> Header:
    header = Header()
    header.front_matter, header.body_start = _front_matter(lines, header.warnings)
    candidates: list[tuple[int, str]] = []
    for key in FRONT_MATTER_SOURCE_KEYS:
        if value := header.front_matter.get(key):
            candidates.append((-1, value))
            break
    for index in _header_line_indexes(lines, header.body_start):
        if value := _labelled_value(lines[index]):
            candidates.append((index, value))
    if not any(_clean_url(v) for _, v in candidates):
        for index in _header_line_indexes(lines, header.body_start):
            if m := _LINK_ONLY.match(lines[index]):
                candidates.append((index, m.group("value")))
                break
    if not any(_clean_url(v) for _, v in candidates):
        for index in _tail_indexes(lines):
            if value := _labelled_value(lines[index]):
                candidates.append((index, value))
    for index, value in candidates:
        if url := _clean_url(value):
            header.source_url = url
            if index >= 0:
                header.source_lines.add(index)
            break
    else:
        if candidates:
            header.warnings.append(_bad_source_warning(candidates[0][1]))
            header.source_lines.update(i for i, _ in candidates[:1] if i >= 0)
    if header.source_url:
        # The same line repeated at the end of the file is furniture too.
        for index in _tail_indexes(lines):
            if (value := _labelled_value(lines[index])) and _clean_url(value) == header.source_url:
                header.source_lines.add(index)
    return header


def _labelled_value(line: str) -> str | None:
    if len(line) > 4000:
        return None
    m = _LABELLED.match(line) or _LABEL_AFTER.match(line)
    return m.group("value").strip() if m else None


def _header_line_indexes(lines: list[str], start: int) -> list[int]:
    """Indexes of the lines that may hold header data: around the title, before the body."""
    found: list[int] = []
    seen_nonblank = 0
    for index in range(start, min(len(lines), start + 60)):
        line = lines[index]
        if not line.strip():
            continue
        seen_nonblank += 1
        found.append(index)
        if seen_nonblank >= _HEADER_LINES:
            break
    return found


def _tail_indexes(lines: list[str]) -> list[int]:
    found: list[int] = []
    for index in range(len(lines) - 1, max(-1, len(lines) - 30), -1):
        if lines[index].strip():
            found.append(index)
            if len(found) >= 3:
                break
    return found


def _clean_url(value: str) -> str | None:
    value = value.strip().strip("*_").strip()
    url = None
    if (m := _MD_LINK.search(value)) or (m := _ANGLE.search(value)) or (m := _BARE.search(value)):
        url = m.group(1)
    if not url:
        return None
    url = url.strip().rstrip(".,;，。")
    return url if is_web_url(url) else None


def is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return False
    host = parts.hostname or ""
    if not host or any(c.isspace() for c in url):
        return False
    if "." not in host and host != "localhost" and ":" not in host:
        return False  # a mangled URL such as https://exa
    return bool(re.fullmatch(r"[A-Za-z0-9.\-\[\]:_~%\u00a1-\uffff]+", host))


def _bad_source_warning(value: str) -> str:
    shown = value if len(value) <= 80 else value[:77] + "…"
    return f"source line has no usable http(s) URL: {shown}"


def _front_matter(lines: list[str], warnings: list[str]) -> tuple[dict[str, str], int]:
    """YAML ``---`` front matter or an ``<!--yml … -->`` comment block at the top."""
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first >= len(lines):
        return {}, 0
    opener = lines[first].strip()
    closers: tuple[str, ...]
    if opener == "---":
        closers = ("---", "...")
    elif re.match(r"^<!--\s*(yml|yaml)?\s*$", opener, re.IGNORECASE):
        closers = ("-->",)
    else:
        return {}, 0
    for end in range(first + 1, min(len(lines), first + 200)):
        if lines[end].strip() in closers:
            return _simple_yaml(lines[first + 1 : end]), end + 1
    if closers == ("-->",):
        warnings.append("the metadata comment at the top is never closed")
        # Keep reading: take the key: value lines that follow as metadata.
        end = first + 1
        while end < len(lines) and re.match(r"^\s*[\w\u4e00-\u9fff]+\s*[:：]", lines[end]):
            end += 1
        return _simple_yaml(lines[first + 1 : end]), end
    return {}, 0


def _simple_yaml(lines: list[str]) -> dict[str, str]:
    """Flat ``key: value`` pairs; enough for the front matter these repositories use."""
    data: dict[str, str] = {}
    for line in lines:
        m = re.match(r"^\s*([\w\u4e00-\u9fff-]+)\s*[:：]\s*(.*?)\s*$", line)
        if m:
            value = m.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            data.setdefault(m.group(1).lower(), value)
    return data
