"""Themes for the whole window: the reading theme, the widget palette, system dark mode."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.core.settings import THEME_CHOICES as THEME_CHOICES
from reader.core.themes import THEMES, Theme, Typography, get_theme, stylesheet
from reader.ui import settings as S


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve_theme(choice: str) -> Theme:
    """The theme to draw with: 'system' follows the desktop's light or dark mode."""
    if choice in THEMES:
        return get_theme(choice)
    return get_theme("dark" if system_is_dark() else "light")


def typography(settings: S.Settings) -> Typography:
    return Typography(
        font_size=settings.get(S.FONT_SIZE),
        line_height=settings.get(S.LINE_HEIGHT),
        measure=settings.get(S.MEASURE),
        font_zh=settings.get(S.FONT_ZH),
        font_en=settings.get(S.FONT_EN),
    )


def save_typography(settings: S.Settings, value: Typography) -> None:
    settings.set(S.FONT_SIZE, value.font_size)
    settings.set(S.LINE_HEIGHT, value.line_height)
    settings.set(S.MEASURE, value.measure)
    settings.set(S.FONT_ZH, value.font_zh)
    settings.set(S.FONT_EN, value.font_en)


def palette_for(theme: Theme) -> QPalette:
    """Widget colours that match the reading theme (docks, menus, dialogs)."""
    base, text = QColor(theme.background), QColor(theme.text)
    window = base.darker(108) if not theme.dark else base.lighter(115)
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: window,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.ToolTipBase: base,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(theme.muted),
        QPalette.ColorRole.Link: QColor(theme.link),
        QPalette.ColorRole.Highlight: QColor(theme.link),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.BrightText: QColor("#ff5555"),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.muted))
    return palette


_custom_palette = False


def apply_palette(theme: Theme) -> None:
    """Sepia and dark repaint the widgets too; light keeps the platform's own look."""
    global _custom_palette
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if theme.name == "light":
        if _custom_palette:
            app.setPalette(app.style().standardPalette())
            _custom_palette = False
        return
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")  # the one style that honours a full palette everywhere
    app.setPalette(palette_for(theme))
    _custom_palette = True


class Appearance(QObject):
    """The theme and type the window draws with, kept in the settings; ``changed`` says
    when everything must be drawn again (``rerender``: a new theme, not just new type)."""

    changed = Signal(object, bool)  # Theme, rerender

    def __init__(self, settings: S.Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.choice: str = settings.get(S.THEME)
        self.theme = resolve_theme(self.choice)
        self.typography = typography(settings)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.system_scheme_changed)

    def stylesheet(self, lang: str) -> str:
        return stylesheet(self.theme, lang=lang, typography=self.typography)

    def set_choice(self, choice: str, *, remember: bool = True, rerender: bool = True) -> None:
        """'system', 'light', 'sepia' or 'dark'."""
        self.choice = choice if choice in THEME_CHOICES else "system"
        if remember:
            self.settings.set(S.THEME, self.choice)
        self.apply(rerender)

    def set_typography(self, value: Typography, *, rerender: bool = False) -> None:
        self.typography = value
        save_typography(self.settings, value)
        self.apply(rerender)

    def zoom(self, steps: int) -> None:
        """+1 / -1 a step of 10 %; 0 back to the default size."""
        self.set_typography(self.typography.zoomed(steps))

    def system_scheme_changed(self) -> None:
        if self.choice == "system":
            self.apply()

    def apply(self, rerender: bool = True) -> None:
        theme = resolve_theme(self.choice)
        rerender = rerender or theme != self.theme
        self.theme = theme
        apply_palette(theme)
        self.changed.emit(theme, rerender)

    def window_stylesheet(self) -> str:
        t = self.theme
        return (f"ArticleView {{ background: {t.background}; color: {t.text}; }}"
                f"#originalMessage {{ background: {t.background}; }}"
                f"#originalMessage QLabel {{ color: {t.muted}; }}"
                f"#stateTitle {{ font-size: 15pt; color: {t.text}; }}"
                f"WelcomePage {{ background: {t.background}; }}")
