"""Colour themes and the reading stylesheet (the CSS subset QTextDocument supports)."""

from __future__ import annotations

from dataclasses import dataclass, replace

CJK_FONTS = (
    "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC",
    "Microsoft YaHei", "Hiragino Sans GB",
)  # fmt: skip
LATIN_FONTS = ("Inter", "Segoe UI", "Helvetica Neue", "Noto Sans", "DejaVu Sans", "Arial")
MONO_FONTS = ("JetBrains Mono", "Cascadia Mono", "Menlo", "Consolas", "DejaVu Sans Mono", "Noto Sans Mono")


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    muted: str
    link: str
    rule: str
    code_background: str
    quote_text: str
    pygments_style: str
    dark: bool = False


THEMES: dict[str, Theme] = {
    "light": Theme("light", "#fdfdfc", "#1f2328", "#6e7781", "#0a5fb4", "#d0d7de", "#f3f4f6",
                   "#4b5563", "friendly"),
    "sepia": Theme("sepia", "#f6efe1", "#3b2f22", "#7d6b55", "#8a4b14", "#d9cbb0", "#ede3cf",
                   "#5c4a36", "solarized-light"),
    "dark": Theme("dark", "#1c1e21", "#d8dadd", "#8b949e", "#6cb6ff", "#3a3f45", "#262a2f",
                  "#aeb4bb", "monokai", dark=True),
}  # fmt: skip


def get_theme(name: str) -> Theme:
    return THEMES.get(name, THEMES["light"])


def _family(*groups: tuple[str, ...]) -> str:
    return ", ".join(f"'{f}'" for group in groups for f in group)


LATIN_FAMILY = _family(LATIN_FONTS, CJK_FONTS)


@dataclass(frozen=True)
class Typography:
    """The reader's choices of type, remembered between sessions."""

    font_size: float = 11.5  # points
    line_height: int = 165  # percent of the font size
    measure: int = 760  # the widest line of text, in pixels
    font_zh: str = ""  # a family for Chinese text; "" = the CJK stack
    font_en: str = ""  # a family for English text; "" = the Latin stack

    def zoomed(self, steps: int) -> Typography:
        size = 11.5 if steps == 0 else self.font_size * (1.1**steps)
        return replace(self, font_size=round(min(MAX_FONT_SIZE, max(MIN_FONT_SIZE, size)), 2))


MIN_FONT_SIZE, MAX_FONT_SIZE = 7.0, 36.0


def font_stack(lang: str, typography: Typography) -> str:
    cjk = ((typography.font_zh,) if typography.font_zh else ()) + CJK_FONTS
    latin = ((typography.font_en,) if typography.font_en else ()) + LATIN_FONTS
    return _family(cjk, latin) if lang == "zh" else _family(latin, cjk)


def stylesheet(theme: Theme, *, lang: str = "zh", typography: Typography | None = None) -> str:
    """CSS for one pane. Chinese panes put the CJK fonts first so punctuation uses them."""
    t = typography or Typography()
    font_size, line_height = t.font_size, t.line_height
    body_fonts = font_stack(lang, t)
    return f"""
body {{ font-family: {body_fonts}; font-size: {font_size}pt; color: {theme.text};
        background-color: {theme.background}; }}
p, li, blockquote, dd {{ line-height: {line_height}%; }}
p {{ margin-top: 0px; margin-bottom: 14px; }}
h1 {{ font-size: {font_size * 1.75:.1f}pt; font-weight: 600; margin-top: 8px; margin-bottom: 16px; }}
h2 {{ font-size: {font_size * 1.4:.1f}pt; font-weight: 600; margin-top: 22px; margin-bottom: 10px; }}
h3 {{ font-size: {font_size * 1.2:.1f}pt; font-weight: 600; margin-top: 18px; margin-bottom: 8px; }}
h4, h5, h6 {{ font-size: {font_size * 1.05:.1f}pt; font-weight: 600; margin-top: 14px; margin-bottom: 6px; }}
a {{ color: {theme.link}; text-decoration: none; }}
ul, ol {{ margin-top: 0px; margin-bottom: 6px; }}
li {{ margin-bottom: 4px; }}
blockquote {{ color: {theme.quote_text}; margin-top: 0px; margin-bottom: 12px; }}
pre, code, tt, kbd {{ font-family: {_family(MONO_FONTS)}; font-size: {font_size * 0.88:.1f}pt; }}
code {{ background-color: {theme.code_background}; }}
table.code {{ margin-bottom: 14px; }}
pre {{ margin: 0px; line-height: 135%; white-space: pre-wrap; }}
table {{ margin-bottom: 14px; }}
th {{ font-weight: 600; background-color: {theme.code_background}; }}
p.meta {{ color: {theme.muted}; font-size: {font_size * 0.85:.1f}pt; margin-bottom: 12px; }}
p.banner {{ background-color: {theme.code_background}; color: {theme.text}; font-size: {font_size * 0.9:.1f}pt; padding: 6px; margin-bottom: 12px; }}
p.pairlabel {{ color: {theme.muted}; font-size: {font_size * 0.8:.1f}pt; margin-bottom: 8px; }}
table.original {{ margin-bottom: 18px; }}
p.footnote {{ font-size: {font_size * 0.9:.1f}pt; color: {theme.muted}; }}
"""
