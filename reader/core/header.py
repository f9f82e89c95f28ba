"""Front matter and the line that names the English original.

Translation repositories spell the source line in many ways (see ``LABELS``); we look
for it in the header (front matter, then the first few lines after the title) and,
failing that, in the last lines of the file, where some repositories repeat it.
Body lines such as ``来源：[Heptio](…)`` credit an image and are never taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit, urlunsplit

LABELS = (
    "原文链接", "原文地址", "原文出处", "英文原文", "原始文本", "原始链接", "本文链接", "查看原文",
    "原文", "来源", "出处", "source", "original", "original url", "original link", "origin",
)  # fmt: skip
FRONT_MATTER_SOURCE_KEYS = ("source", "original", "original_url", "originalurl", "source_url", "url", "link")
FRONT_MATTER_TITLE_KEYS = ("title", "标题")

# Labels that point at the original although they say something else: "translation"
# (the files' own mistake), "link", "address" ...; only trusted in the header itself.
_WEAK_LABELS = frozenset(("译文", "译文链接", "译文地址", "链接", "网址", "地址", "url", "link"))
# Header lines that credit people or state terms: their links are never the original.
_CREDIT_WORDS = re.compile(
    r"译者|翻译|校|协议|许可|版权|作者|贡献|授权|声明|编辑|审|联系|邮箱|微信|公众号|主页|博客|标签|分类|日期|"
    r"时间|更新|参考|下载|官网|author|translat|licen|copyright|editor|mail|github|home|blog|twitter|"
    r"from|tag|categor|date|via|see|ref",
    re.IGNORECASE,
)
# Quoted notes that may carry a link of their own: "note", "tip", "see also", "related" ...
_NOTE_WORDS = re.compile(r"注|提示|相关|推荐|延伸|扩展|另见|参见|更多|说明|备注|警告|注意|图|视频|代码|示例|例")
# A label, then a colon (full or half width): the label is any short run without link syntax.
_LABELLED = re.compile(
    r"^(?P<quote>(?:>\s*)*)(?:[-*+]\s+)?(?:\*\*|__)?\s*(?P<label>[^\s:：\[\]<>()`*_/\\][^:：\[\]<>()`*_/\\]{0,11}?)\s*"
    r"(?:\*\*|__)?\s*[:：]\s*(?P<value>.*)$"
)
# The label after the link: > [`host/path`](URL)原文：
_LABEL_AFTER = re.compile(r"^(?:>\s*)*(?P<value>\[.*\]\(.*\))\s*(?P<label>[^\s:：\[\]()][^:：\[\]()]{0,11}?)\s*[:：]?\s*$")
# The label is the link's text: > [原文链接](URL)
_LABEL_LINK = re.compile(r"^(?:>\s*)*(?:[-*+]\s+)?(?:\*\*|__)?\[\s*(?P<label>[^\[\]]{1,12}?)\s*\]\((?P<href>[^()]*)\)"
                         r"(?:\*\*|__)?\s*$")
_LINK_ONLY = re.compile(r"^\s*>\s*(?P<value>(?:\[[^\]]*\]\([^)]*\)|<[^>]+>))\s*$")
_ANGLE = re.compile(r"<\s*((?:https?://)[^<>\n]+?)\s*>", re.IGNORECASE)
_MD_LINK = re.compile(
    r"\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?(?P<href>[^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?"
    r"(?:\s+[\"'][^)]*[\"'])?\s*\)?"
)
_BARE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>()\[\]\"'，。、）]+)")
# Characters that never belong to a URL: CJK and full-width punctuation glued to its end.
_NOT_URL = re.compile(r"[\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\ufffd]")
# A scheme with a typo: hhttps://, htps://, https//, https:/ ...
_BROKEN_SCHEME = re.compile(r"^[^a-z]*h*t{1,2}p{1,2}(s?)\s*[:;]?/{1,3}(?=[^/])", re.IGNORECASE)
_HOST_PATH = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/?#]\S*)?$", re.IGNORECASE)
_HEADER_LINES = 12  # non-blank lines after the title that may hold header data

# Kinds of candidate, best first.
_FRONT, _HEAD_STRONG, _HEAD_WEAK, _WINDOW_STRONG, _WINDOW_LINK, _TAIL = range(6)


@dataclass
class Header:
    source_url: str | None = None
    front_matter: dict[str, str] = field(default_factory=dict)
    body_start: int = 0  # index of the first line after front matter
    source_lines: set[int] = field(default_factory=set)  # 0-based lines that name the source
    warnings: list[str] = field(default_factory=list)


def parse_header(lines: list[str]) -> Header:
    """Find the line that names the original.

    The header (title, quoted lines, labelled lines up to the first line of body text)
    is trusted first: a strong label there (``原文``, ``来源`` ...), then a weak or damaged
    label or a lone quoted link. Only when the header names nothing do labelled lines
    further down, and then the last lines of the file, count.
    """
    header = Header()
    header.front_matter, header.body_start = _front_matter(lines, header.warnings)
    candidates: list[tuple[int, int, str]] = []  # (kind, line index, value)
    for key in FRONT_MATTER_SOURCE_KEYS:
        if value := header.front_matter.get(key):
            candidates.append((_FRONT, -1, value))
            break
    window = _header_line_indexes(lines, header.body_start)
    head = _header_block(lines, window)
    for index in window:
        label_kind, value = _classify(lines[index])
        in_head = index in head
        if label_kind == "strong":
            candidates.append((_HEAD_STRONG if in_head else _WINDOW_STRONG, index, value))
        elif label_kind == "weak" and in_head:
            candidates.append((_HEAD_WEAK, index, value))
        elif (m := _LINK_ONLY.match(lines[index])) and label_kind is None:
            candidates.append((_HEAD_WEAK if in_head else _WINDOW_LINK, index, m.group("value")))
    for index in _tail_indexes(lines):
        label_kind, value = _classify(lines[index])
        if label_kind == "strong":
            candidates.append((_TAIL, index, value))
    candidates.sort(key=lambda c: c[0])  # stable: line order within a kind
    # A header whose source line names no URL (a book title) names no original: nothing
    # further down stands in for it.
    named_without_url = any(k == _HEAD_STRONG and not _clean_url(v) for k, _, v in candidates)
    for rank, index, value in candidates:
        if named_without_url and rank > _HEAD_WEAK:
            break
        if url := _clean_url(value):
            header.source_url = url
            if index >= 0:
                header.source_lines.add(index)
            break
    if not header.source_url:
        labelled = [c for c in candidates if c[0] in (_FRONT, _HEAD_STRONG, _WINDOW_STRONG, _TAIL)]
        if labelled:
            header.warnings.append(_bad_source_warning(labelled[0][2]))
            header.source_lines.update(i for _, i, _ in labelled[:1] if i >= 0)
    if header.source_url:
        # The same line repeated at the end of the file is furniture too.
        for index in _tail_indexes(lines):
            label_kind, value = _classify(lines[index])
            if label_kind and _clean_url(value) == header.source_url:
                header.source_lines.add(index)
    return header


def _classify(line: str) -> tuple[str | None, str]:
    """("strong" | "weak" | None, the value after the label) of a possible source line."""
    if len(line) > 4000 or not line.strip():
        return None, ""
    stripped = line.lstrip()  # the patterns start at the first character: no backtracking
    for pattern in (_LABEL_LINK, _LABELLED, _LABEL_AFTER):
        m = pattern.match(stripped)
        if not m:
            continue
        label = " ".join(m.group("label").split()).lower()
        value = stripped.strip() if pattern is _LABEL_LINK else m.group("value").strip()
        kind = _label_kind(label, quoted=stripped.startswith(">"))
        if kind:
            return kind, value
    return None, ""


def _label_kind(label: str, *, quoted: bool) -> str | None:
    if label in LABELS or (re.search(r"原文|来源|出处", label) and not _CREDIT_WORDS.search(label)):
        return "strong"
    if _CREDIT_WORDS.search(label):
        return None
    if label in _WEAK_LABELS or "\ufffd" in label or "原" in label:
        return "weak"
    # A garbled label in a quoted header line (machine translation ate it); not a note.
    if quoted and len(label) <= 4 and not re.search(r"[A-Za-z0-9]", label) and not _NOTE_WORDS.search(label):
        return "weak"
    return None


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


def _header_block(lines: list[str], window: list[int]) -> set[int]:
    """The header proper: the window's lines up to the first line of body text."""
    head: set[int] = set()
    in_comment = False
    for index in window:
        line = lines[index].strip()
        if in_comment or line.startswith("<!--"):
            in_comment = "-->" not in line
            head.add(index)
            continue
        if (line.startswith((">", "#", "---", "***", "___", "![", "[!["))
                or re.match(r"^[=-]+$", line) or _classify(line)[0]):
            head.add(index)
            continue
        break
    return head


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
    if m := _MD_LINK.search(value):
        href, text = m.group("href").strip(), m.group("text").strip().strip("`*_ ")
        for candidate in (href, _repair_scheme(href), _url_from_text(text, href)):
            if candidate and (url := _valid(candidate)):
                return url
        return None
    if m := _ANGLE.search(value):
        # Kept whole even with spaces or Chinese inside: the brackets say where it ends.
        return _valid(m.group(1))
    if m := _BARE.search(value):
        return _valid(m.group(1))
    return None


def _valid(url: str) -> str | None:
    url = url.strip()
    if (glued := _NOT_URL.search(url.strip())) and not _spaced_inside(url):
        url = url[: glued.start()]
    url = url.rstrip(".,;")
    return url if is_web_url(url) else None


def _spaced_inside(url: str) -> bool:
    """A URL from <…> whose only foreign characters are inner spaces (a translated path)."""
    return bool(re.search(r"\S\s\S", url)) and not re.search(
        r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\ufffd]", url)


def _repair_scheme(href: str) -> str | None:
    """``hhttps://host`` → ``https://host``: a typo in the scheme of an otherwise fine URL."""
    m = _BROKEN_SCHEME.match(href)
    if not m or re.match(r"^https?://", href, re.IGNORECASE):
        return None
    return f"http{m.group(1).lower()}://" + href[m.end():]


def _url_from_text(text: str, href: str) -> str | None:
    """The link's text when it is the URL itself (``host/path`` or a full URL)."""
    if re.match(r"^https?://\S+$", text, re.IGNORECASE):
        return text
    if _HOST_PATH.match(text):
        scheme = "http" if re.match(r"^\W*h*t+p+:", href, re.IGNORECASE) else "https"
        return f"{scheme}://{text}"
    return None


def fetchable_url(url: str) -> str:
    """The URL as it goes on the wire: spaces and non-ASCII in path and query percent-encoded."""
    parts = urlsplit(url.strip())
    safe = "/:@!$&'()*+,;=%~-._?#[]"
    return urlunsplit(parts._replace(path=quote(parts.path, safe=safe),
                                     query=quote(parts.query, safe=safe),
                                     fragment=quote(parts.fragment, safe=safe)))


def is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(fetchable_url(url))
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return False
    host = parts.hostname or ""
    if not host or any(c.isspace() for c in parts.netloc):
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
