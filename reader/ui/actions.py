"""The window's commands, declared once: id, text, keys, menu, handler.

Each part of the window (the window itself, the annotation commands, the library) hands
its rows to ``Actions.declare``; the menus, the toolbar and the Keyboard Shortcuts dialog
are all built from the same rows, so a command added here shows up everywhere at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

Key = QKeySequence.StandardKey | str
# Standard keys a platform theme may leave unbound (a bare X session binds no Quit).
FALLBACK_KEYS = {QKeySequence.StandardKey.Quit: "Ctrl+Q"}


@dataclass(frozen=True)
class Command:
    id: str
    text: str  # translated, with its mnemonic
    handler: Callable[[], object]
    menu: str  # a menu id (see Menu), e.g. "file" or "view/theme"
    keys: tuple[Key, ...] = ()  # a standard key brings every binding the platform has
    checkable: bool = False
    group: str = ""  # checkable commands of one group exclude each other
    toolbar: int = 0  # its place on the toolbar, from 1 (0: not there)
    separator: bool = False  # a line above it in its menu
    role: QAction.MenuRole | None = None
    data: object = None


@dataclass(frozen=True)
class Menu:
    id: str  # "file"; a submenu's id names its parent: "file/recent"
    text: str
    separator: bool = False


@dataclass(frozen=True)
class Existing:
    """An action made elsewhere (a dock's toggle) placed in a menu like the others."""

    id: str
    action: QAction
    menu: str
    separator: bool = False


Row = Command | Menu | Existing


class Actions(QObject):
    def __init__(self, window: QMainWindow, toolbar: QToolBar) -> None:
        super().__init__(window)
        self.window = window
        self.toolbar = toolbar
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        self._groups: dict[str, QActionGroup] = {}
        self._rows: list[tuple[str, str]] = []  # (menu id, action id) in the order shown

    def __getitem__(self, action_id: str) -> QAction:
        return self.actions[action_id]

    def declare(self, rows: Iterable[Row], *, before: str | None = None) -> None:
        """Make the rows' menus and actions; top-level menus go before the menu ``before``."""
        on_toolbar: list[tuple[int, QAction]] = []
        for row in rows:
            if isinstance(row, Menu):
                self._menu(row, before)
            elif isinstance(row, Command):
                self._place(row.id, self._action(row), row.menu, row.separator)
                if row.toolbar:
                    on_toolbar.append((row.toolbar, self.actions[row.id]))
            else:
                self.window.addAction(row.action)  # its keys work with the menu bar hidden too
                self._place(row.id, row.action, row.menu, row.separator)
        for _place, action in sorted(on_toolbar, key=lambda item: item[0]):
            self.toolbar.addAction(action)

    def _menu(self, row: Menu, before: str | None) -> None:
        parent, _, _ = row.id.rpartition("/")
        if parent:
            menu = QMenu(row.text, self.menus[parent])
            if row.separator:
                self.menus[parent].addSeparator()
            self.menus[parent].addMenu(menu)
        else:
            bar = self.window.menuBar()
            menu = QMenu(row.text, bar)
            if before is not None:
                bar.insertMenu(self.menus[before].menuAction(), menu)
            else:
                bar.addMenu(menu)
        self.menus[row.id] = menu

    def _action(self, row: Command) -> QAction:
        action = QAction(row.text, self.window)
        keys: list[QKeySequence] = []
        for key in row.keys:
            if isinstance(key, QKeySequence.StandardKey):
                bound = QKeySequence.keyBindings(key)
                if not bound and key in FALLBACK_KEYS:
                    bound = [QKeySequence(FALLBACK_KEYS[key])]
                keys.extend(bound)
            else:
                keys.append(QKeySequence(key))
        action.setShortcuts(keys)
        action.setCheckable(row.checkable)
        if row.role is not None:
            action.setMenuRole(row.role)
        if row.data is not None:
            action.setData(row.data)
        if row.group:
            self._groups.setdefault(row.group, QActionGroup(self)).addAction(action)
        handler = row.handler
        action.triggered.connect(lambda _checked=False: handler())
        self.window.addAction(action)
        return action

    def _place(self, action_id: str, action: QAction, menu_id: str, separator: bool) -> None:
        menu = self.menus[menu_id]
        if separator:
            menu.addSeparator()
        menu.addAction(action)
        self.actions[action_id] = action
        self._rows.append((menu_id, action_id))

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(menu, command, keys) of every command in the menus, in menu order."""
        rows = []
        for menu_id, action_id in sorted(self._rows, key=lambda r: self._menu_order(r[0])):
            action = self.actions[action_id]
            keys = ", ".join(name for k in action.shortcuts()
                             if _typed(name := k.toString(QKeySequence.SequenceFormat.NativeText)))
            rows.append((self._menu_path(menu_id), _clean(action.text()), keys))
        return rows

    def _menu_order(self, menu_id: str) -> int:
        top = self.menus[menu_id.split("/")[0]].menuAction()
        return self.window.menuBar().actions().index(top)

    def _menu_path(self, menu_id: str) -> str:
        parts = menu_id.split("/")
        return " › ".join(_clean(self.menus["/".join(parts[: i + 1])].title()) for i in range(len(parts)))


def _typed(key: str) -> bool:
    """A combination one types (Ctrl+W, F3), not a dedicated key of some keyboards (Open, Find)."""
    import re

    return "+" in key or bool(re.fullmatch(r"F\d{1,2}", key)) or len(key) == 1


def _clean(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
