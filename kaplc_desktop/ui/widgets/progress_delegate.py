"""A bar drawn in a table cell (PLC hours against the target), from a 0–100 value in a model role: green once
the target is reached, blue on the way, with the percentage written beside it where it stays readable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

TEXT_WIDTH = 44


class ProgressDelegate(QStyledItemDelegate):
    def __init__(self, role: int, parent: Any = None) -> None:
        super().__init__(parent)
        self._role = role

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)  # the selection background
        value = index.data(self._role)
        if value is None or value < 0:
            return
        rect = option.rect  # type: ignore[attr-defined]
        height = min(12, rect.height() - 8)
        bar = QRectF(rect.left() + 6, rect.center().y() - height / 2, max(10, rect.width() - TEXT_WIDTH - 12), height)
        painter.save()
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e3e7ec"))
        painter.drawRoundedRect(bar, 3, 3)
        filled = QRectF(bar.left(), bar.top(), bar.width() * min(100, int(value)) / 100, bar.height())
        painter.setBrush(QColor("#2e7d32" if value >= 100 else "#3b78c4"))
        painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(option.palette.text().color())  # type: ignore[attr-defined]
        text = QRectF(bar.right() + 4, rect.top(), TEXT_WIDTH, rect.height())
        painter.drawText(text, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"{int(value)}%")
        painter.restore()
