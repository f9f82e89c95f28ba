"""What of Qt (and babel) goes into the bundle: used by the spec and by the Qt hooks here.

The hooks in this folder override PyInstaller's own PySide6.QtCore/QtGui/QtWidgets hooks
with the same collection, filtered by ``keep``: a plugin dropped in the hook never has its
system libraries (GTK, cairo, pango, cups, ...) analysed and bundled.
"""

from __future__ import annotations

import os
import re
from pathlib import PurePosixPath

# Qt plugins kept, by type and file stem; every other plugin is dropped, and a plugin type not
# listed here is dropped whole (eglfs, generic input, tls, networkinformation, sqldrivers,
# printsupport, qmltooling, vectorimageformats, designer, the GTK3 platform theme, ...).
KEEP_QT_PLUGINS: dict[str, set[str]] = {
    # offscreen: screenshots and tests; xcb: X11; wayland: native Wayland sessions
    "platforms": {"libqoffscreen", "libqxcb", "libqwayland"},
    "xcbglintegrations": {"libqxcb-glx-integration", "libqxcb-egl-integration"},
    "wayland-shell-integration": {"libxdg-shell"},
    "wayland-decoration-client": {"libbradient", "libadwaita"},
    # (no wayland-graphics-integration-client: its EGL plugin needs QtOpenGL; widgets paint
    # in software and reach the compositor through shared memory without it)
    # the desktop-portal theme (native file dialogs on Wayland and in sandboxes); not GTK3
    "platformthemes": {"libqxdgdesktopportal"},
    # typing Chinese: ibus and compose keys; not the Qt virtual keyboard (a Qt Quick one)
    "platforminputcontexts": {"libibusplatforminputcontextplugin", "libcomposeplatforminputcontextplugin"},
    # article images: png is built into QtGui; gif, jpeg, webp, svg and ico are plugins
    "imageformats": {"libqgif", "libqjpeg", "libqwebp", "libqsvg", "libqico"},
    "iconengines": {"libqsvgicon"},
}

# Qt libraries never bundled: the app uses QtCore, QtGui and QtWidgets (and QtSvg through the
# svg plugins); it fetches with httpx, not QtNetwork.
DROP_QT_LIBS = re.compile(
    r"libQt6(Qml|Quick|Pdf|Network|OpenGL|Multimedia|WebEngine|3D|Designer|Help|Sql|Test|"
    r"Labs|Lottie|VirtualKeyboard|WaylandCompositor|UiTools|Concurrent|PrintSupport|Xml|"
    r"EglFS|EglFs)"
)

# Qt's own translations (qtbase_*.qm: standard buttons and dialogs): Chinese and English.
KEEP_QT_TRANSLATION = re.compile(r"_(zh_CN|en)\.qm$")

# babel comes in through courlan's URL language filter, which the app never calls; unknown
# locales only make that filter answer "unknown". Its 35 MB of locale data -> root, en, zh.
KEEP_BABEL_LOCALE = re.compile(r"(root|en|en_[A-Z]+|zh|zh_Hans.*|zh_Hant.*)\.dat")

# The desktop's own libraries are taken from the system, not bundled: the PySide6 wheel needs
# the same ones installed (see the apt-get line of .ci/run), every X11/Wayland desktop has
# them, and a bundled fontconfig/freetype/glib older than the system's configuration files
# is a known source of warnings and broken fonts. With them go their own dependencies
# (systemd, gcrypt, lz4, zstd, pcre2, ...). Saves ~10 MB.
HOST_LIBS = re.compile(
    r"lib(X11|X11-xcb|Xau|Xdmcp|Xext|Xrender|xcb|xcb-.+|xkbcommon|xkbcommon-x11|fontconfig|"
    r"freetype|png16|expat|glib-2\.0|gobject-2\.0|gthread-2\.0|gmodule-2\.0|gio-2\.0|"
    r"pcre2-8|dbus-1|systemd|gcrypt|gpg-error|lz4|zstd|cap|bsd|md|uuid|blkid|mount|selinux|"
    r"EGL|GL|GLX|GLdispatch|OpenGL|wayland-.+)\.so(\.\d+)*"
)

# Optional accelerators whose baseline twins are bundled too and give the same results:
# rapidfuzz's AVX2 builds (its SSE2 builds serve every x86-64 CPU; re-anchoring 10,000
# annotations takes the same time within noise) and dulwich's compiled speed-ups (it falls
# back to pure Python; committing one file needs no speed). Saves ~6.6 MB.
OPTIONAL_ACCELERATORS = re.compile(r"(rapidfuzz/.*_avx2|dulwich/_(diff_tree|objects|pack))\.[^/]*\.so")


def keep(dest: str) -> bool:
    """Whether the file that would land at ``dest`` (relative to the bundle) is kept."""
    parts = PurePosixPath(dest.replace(os.sep, "/")).parts
    if OPTIONAL_ACCELERATORS.fullmatch("/".join(parts)):
        return False
    name = parts[-1]
    if len(parts) == 1 and HOST_LIBS.fullmatch(name):
        return False
    if parts[:2] == ("PySide6", "Qt"):
        rest = parts[2:]
        if rest[:1] == ("plugins",) and len(rest) >= 3:
            return name.split(".so")[0] in KEEP_QT_PLUGINS.get(rest[1], set())
        if rest[:1] == ("translations",):
            return bool(KEEP_QT_TRANSLATION.search(name))
        if rest[:1] in (("qml",), ("metatypes",), ("libexec",)):
            return False
    if DROP_QT_LIBS.match(name):
        return False
    if parts[:2] == ("babel", "locale-data"):
        return bool(KEEP_BABEL_LOCALE.fullmatch(name))
    return True


def keep_hook_entries(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Filter a hook's (source, destination folder) list."""
    return [(src, dest) for src, dest in entries if keep(os.path.join(dest, os.path.basename(src)))]


def keep_toc(toc: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Filter an Analysis TOC of (destination name, source, type code)."""
    return [entry for entry in toc if keep(entry[0])]
