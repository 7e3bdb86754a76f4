"""The room a window has on its screen, asked without ever letting Python free a screen.

Measured with PySide6 6.11.2 on Linux: the QScreen wrapper that `widget.screen()` returns can be owned by Python,
and when the garbage collector frees it (it had ended up in a reference cycle), the screen itself is deleted; the
next window then crashes in QGuiApplication::screenAt. So every screen wrapper this program obtains is kept here
for the life of the program (there are one or two).
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

_KEPT: list[object] = []


def available_geometry(widget: QWidget) -> QRect | None:
    """The screen's area free of task bars, for the screen the widget is on (or the primary one)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return None
    if not any(kept is screen for kept in _KEPT):
        _KEPT.append(screen)
    return screen.availableGeometry()
