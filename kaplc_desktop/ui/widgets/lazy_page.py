"""A page built the first time it is shown, so pages the user has not opened cost nothing at start-up."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def page(self) -> QWidget:
        if self._page is None:
            self._page = self._build()
            self._layout.addWidget(self._page)
        return self._page

    def showEvent(self, event: QShowEvent) -> None:
        _ = self.page
        super().showEvent(event)
