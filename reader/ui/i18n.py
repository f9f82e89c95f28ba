"""Translation of visible strings. Every string a user sees goes through ``tr``.

``pyside6-lupdate`` collects the literal arguments of ``tr(...)`` and ``QT_TR_NOOP(...)``
into ``resources/translations/*.ts`` (``make translations``); ``pyside6-lrelease`` compiles
them to ``.qm`` files, which ``install_language`` loads. lupdate files calls to a free
``tr`` under the empty context, so that is the context we translate in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from reader.core.paths import resources_dir

CONTEXT = ""
APP_CATALOG = "bilingual-reader"

_installed: list[QTranslator] = []


def tr(text: str, disambiguation: str | None = None, n: int = -1, *, args: Sequence[object] = ()) -> str:
    """``text`` in the UI language, ``%1``…``%9`` replaced by ``args`` and ``%n`` by ``n``.

    Plural forms: pass ``n`` third and positionally (``tr("%n files", "", count)``), the
    form lupdate recognises. The arguments go in in one pass, so an argument that itself
    contains "%2" stays as it is (chained ``str.replace`` would substitute into it).
    """
    translated = QCoreApplication.translate(CONTEXT, text, disambiguation, n)
    return fill(translated, *args) if args else translated


def fill(text: str, *args: object) -> str:
    """``%1``…``%9`` in ``text`` replaced by ``args``, in one pass (QString.arg's way)."""
    def argument(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return str(args[number - 1]) if number <= len(args) else match.group(0)

    return _PLACEHOLDER.sub(argument, text)


_PLACEHOLDER = re.compile(r"%([1-9])")


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Marks a string for translation where it is defined; ``tr`` it where it is shown."""
    return text


LANGUAGES = {"system": QT_TR_NOOP("Follow the system"), "en": "English", "zh_CN": "简体中文"}


def resolve_language(choice: str | None) -> str:
    """'zh_CN' or 'en': an explicit choice, else the system's language."""
    if choice in ("zh_CN", "en"):
        return choice
    if choice and choice.lower().startswith("zh"):
        return "zh_CN"
    if choice and choice.lower().startswith("en"):
        return "en"
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def install_language(choice: str | None) -> str:
    """Load the app's (and Qt's own) translations for the language; returns its code."""
    app = QCoreApplication.instance()
    code = resolve_language(choice)
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    if app is None:
        return code
    # English needs its catalogue too: the plural forms ("1 pair", "2 pairs") of "%n pair(s)".
    folders = [(str(resources_dir() / "translations"), APP_CATALOG + "_")]
    if code != "en":
        folders.append((QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase_"))
    for folder, prefix in folders:
        translator = QTranslator(app)
        if translator.load(prefix + code, folder):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
    return code
