"""Every per-user setting, declared once: key, type, default, allowed values or range.

The window stores them (``reader.ui.settings``), Preferences takes its choices and ranges
from here, the CLI its option choices; ``Setting.parse`` turns a stored value back into the
declared type and refuses what the declaration does not allow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.core.themes import MAX_FONT_SIZE, MIN_FONT_SIZE


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type  # str, bool, int, float, list (of str) or bytes
    default: Any
    description: str = ""
    choices: tuple[str, ...] | None = None  # the allowed values of a str setting
    minimum: float | None = None
    maximum: float | None = None

    def parse(self, value: object) -> Any:
        """The stored ``value`` as the declared type; ValueError if it is not allowed."""
        if value is None:
            return self.default
        parsed = _convert(self.kind, value)
        if self.choices is not None and parsed not in self.choices:
            raise ValueError(f"{parsed!r} is not one of {', '.join(self.choices)}")
        if isinstance(parsed, int | float) and not isinstance(parsed, bool):
            if self.minimum is not None and parsed < self.minimum:
                raise ValueError(f"{parsed!r} is below {self.minimum:g}")
            if self.maximum is not None and parsed > self.maximum:
                raise ValueError(f"{parsed!r} is above {self.maximum:g}")
        return parsed


def _convert(kind: type, value: object) -> Any:
    if kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off", ""):
            return False
        raise ValueError(f"{value!r} is not true or false")
    if kind is list:
        if isinstance(value, str):
            return [value]  # QSettings stores a one-item list as a plain string
        if isinstance(value, list | tuple):
            return [str(v) for v in value]
        raise ValueError(f"{value!r} is not a list")
    if kind is bytes:
        if isinstance(value, bytes | bytearray):
            return bytes(value) or None
        data = getattr(value, "data", None)  # a QByteArray
        if callable(data):
            return bytes(data()) or None
        raise ValueError(f"{type(value).__name__} is not bytes")
    if kind is int:
        if isinstance(value, float) and not value.is_integer():
            raise ValueError(f"{value!r} is not a whole number")
        return int(str(value).strip()) if isinstance(value, str) else int(value)  # type: ignore[call-overload]
    if kind is float:
        return float(value)  # type: ignore[arg-type]
    if kind is str:
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not text")
        return value
    raise TypeError(f"no such setting type: {kind.__name__}")


THEME_CHOICES = ("system", "light", "sepia", "dark")
LAYOUT_CHOICES = ("side", "interleaved")
LANGUAGE_CHOICES = ("system", "en", "zh_CN")

GEOMETRY = Setting("window/geometry", bytes, None, "the window's place and size at the last quit")
WINDOW_STATE = Setting("window/state", bytes, None, "toolbar and dock places")
OPEN_DOCKS = Setting("window/open_docks", list, [], "object names of the docks open at quit")
SPLITTER = Setting("window/splitter", bytes, None, "the sizes of the two panes")
ORIENTATION = Setting("view/orientation", str, "horizontal", "panes side by side or stacked",
                      choices=("horizontal", "vertical"))
SWAPPED = Setting("view/swapped", bool, False, "the original on the left")
LAYOUT = Setting("view/layout", str, "side", "two panes or one interleaved column", choices=LAYOUT_CHOICES)
SYNC_SCROLL = Setting("view/sync_scroll", bool, True, "the other pane scrolls along")
THEME = Setting("view/theme", str, "system", "the reading theme", choices=THEME_CHOICES)
FONT_SIZE = Setting("text/font_size", float, 11.5, "text size in points",
                    minimum=MIN_FONT_SIZE, maximum=MAX_FONT_SIZE)
LINE_HEIGHT = Setting("text/line_height", int, 165, "line spacing in percent", minimum=100, maximum=250)
MEASURE = Setting("text/measure", int, 760, "the widest a column of text gets, in pixels",
                  minimum=400, maximum=2000)
FONT_ZH = Setting("text/font_zh", str, "", "the Chinese font family (empty: the default)")
FONT_EN = Setting("text/font_en", str, "", "the English font family (empty: the default)")
LANGUAGE = Setting("ui/language", str, "system", "the language of the window", choices=LANGUAGE_CHOICES)
CONNECT_TIMEOUT = Setting("network/connect_timeout", float, 10.0, "seconds to wait for a server to answer",
                          minimum=1, maximum=120)
READ_TIMEOUT = Setting("network/read_timeout", float, 30.0, "seconds to wait for a page to arrive",
                       minimum=1, maximum=600)
REMOTE_IMAGES = Setting("network/remote_images", bool, True, "fetch an article's pictures from the web")
RECENT = Setting("files/recent", list, [], "recently opened articles, newest first")
LAST_DIR = Setting("files/last_dir", str, "", "the folder a file dialog starts in")
CJK_FONT_NOTICE = Setting("text/cjk_font_notice_shown", bool, False,
                          "the window said once that no Chinese font is installed")
MAX_RECENT = 10

ALL: tuple[Setting, ...] = tuple(v for v in dict(globals()).values() if isinstance(v, Setting))
