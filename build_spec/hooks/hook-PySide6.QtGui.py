# PyInstaller's own hook for PySide6.QtGui, with the collected plugins/translations filtered.
from bundle_filter import keep_hook_entries
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = keep_hook_entries(binaries)
datas = keep_hook_entries(datas)
