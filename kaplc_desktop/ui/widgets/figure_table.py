"""A portfolio's result figures as an editable table: the indicator takes the room left, the numbers stay on one
line in wide right-aligned columns with thousands separators (the text typed is kept and checked by the service)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ...i18n import _
from .grouped_number import GroupedNumberDelegate

COLUMNS = ("label", "unit", "before", "after")
WIDEST_NUMBER = "10,000,000.00"  # the largest figure kept (domain.kinds.portfolio.MAX_FIGURE)


class FigureTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("figureTable")
        self.setHorizontalHeaderLabels([_("Indicator"), _("Unit"), _("Before"), _("After")])
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        digits = QFontMetrics(self.font()).horizontalAdvance(WIDEST_NUMBER)
        for column, width in ((1, 140), (2, digits + 40), (3, digits + 40)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, width)
        numbers = GroupedNumberDelegate(self)
        for column in (2, 3):
            self.setItemDelegateForColumn(column, numbers)

    def fill(self, figures: Sequence[Any]) -> None:
        """The figures as kept (their numbers in hundredths)."""
        from ...domain.field_types import format_score

        self.setRowCount(0)
        for f in figures:
            self.add_row((f.label, f.unit or "", format_score(f.before), format_score(f.after)))

    def add_row(self, values: Sequence[str] = ("", "", "", "")) -> None:
        row = self.rowCount()
        self.insertRow(row)
        for column, value in enumerate(values):
            self.setItem(row, column, QTableWidgetItem(value))
        self.setCurrentCell(row, 0)

    def values(self) -> list[dict[str, str]]:
        """The rows as typed, by field name; a row left empty is not a figure."""
        out = []
        for row in range(self.rowCount()):
            cells = [self.item(row, c) for c in range(len(COLUMNS))]
            values = {name: (cell.text() if cell else "") for name, cell in zip(COLUMNS, cells, strict=True)}
            if any(v.strip() for v in values.values()):
                out.append(values)
        return out
