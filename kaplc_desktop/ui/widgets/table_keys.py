"""Enter opens and Delete removes the chosen row of a list, as every list of the app does with the keyboard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView

OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class TableKeys(QObject):
    """Watches a table's key presses (parented to it: it goes with the table)."""

    def __init__(
        self, table: QAbstractItemView, on_open: Callable[[], None], on_delete: Callable[[], None] | None = None
    ) -> None:
        super().__init__(table)
        self._on_open, self._on_delete = on_open, on_delete
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() in OPEN_KEYS:
                self._on_open()
                return True
            if event.key() == Qt.Key.Key_Delete and self._on_delete is not None:
                self._on_delete()
                return True
        return super().eventFilter(watched, event)
