"""Ctrl+C in the terminal and SIGTERM (logout, ``kill``) close the window as its Quit would:
the reading place, open docks and window size are saved first.

Python runs its signal handlers only between bytecodes, and Qt's event loop is C++: a
socket that the C-level handler writes to (``signal.set_wakeup_fd``) wakes the loop, so
the Python handler runs at once instead of at the next unrelated callback.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

QUIT_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def quit_on_signals(parent: QObject, quit_app: Callable[[], None]) -> Callable[[], None]:
    """Call ``quit_app`` on the UI thread when SIGINT or SIGTERM arrives; returns an undo."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, parent)
    notifier.activated.connect(lambda *_: _drain(reader))
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    previous = {sig: signal.signal(sig, lambda *_: QTimer.singleShot(0, quit_app)) for sig in QUIT_SIGNALS}

    def undo() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        reader.close()
        writer.close()

    return undo


def _drain(sock: socket.socket) -> None:
    try:
        while sock.recv(64):
            pass
    except OSError:  # BlockingIOError: nothing more to read
        pass
