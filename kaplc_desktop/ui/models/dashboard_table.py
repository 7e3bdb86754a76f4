"""A dashboard table (services/dashboards/figures.Table) as a Qt table: numbers right-aligned and sorted as
numbers, and a heatmap's cells coloured by size (white at 0, deep red at a gap of 2 levels or more) with the
number written in them too, so the colour is never the only sign."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...services.dashboards.figures import Table, heat_rgb

_Index = QModelIndex | QPersistentModelIndex


def heat_colour(value: float) -> QColor:
    return QColor(*heat_rgb(value))


class DashboardTableModel(QAbstractTableModel):
    def __init__(self, table: Table) -> None:
        super().__init__()
        self.table = table
        self._sorted = list(range(len(table.rows)))
        self._order = list(self._sorted)
        self._query = ""
        heat = table.chart.values if table.chart is not None and table.chart.kind == "heatmap" else ()
        self._heat = {table.column(key) for key in heat}

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.columns)

    def row_of(self, index: _Index) -> int:
        """The table's row shown at this index (rows are shown sorted)."""
        return self._order[index.row()]

    def view_row(self, row: int) -> int:
        """Where the table's row is shown (after sorting and filtering): the search is cleared if it hides it."""
        if row not in self._order:
            self.set_filter("")
        return self._order.index(row)

    def set_filter(self, text: str) -> None:
        """Only the rows with a cell holding every typed word (case and spacing aside)."""
        self._query = text
        words = text.casefold().split()
        texts = [" ".join(str(v) for v in row if v is not None).casefold() for row in self.table.rows]
        self.beginResetModel()
        self._order = [n for n in self._sorted if all(w in texts[n] for w in words)]
        self.endResetModel()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._order[index.row()], index.column()
        kind = self.table.columns[col].kind
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.table.text(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and kind != "text":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and col in self._heat:
            value = self.table.rows[row][col]
            return None if value is None else heat_colour(value)
        if role == Qt.ItemDataRole.ForegroundRole and col in self._heat and self.table.rows[row][col] is not None:
            return QColor("#000000")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return self.table.columns[section].label
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        from ...domain.thai_collation import thai_sort_key

        rows = self.table.rows
        numeric = self.table.columns[column].kind != "text"

        def key(n: int) -> tuple[Any, ...]:
            value = rows[n][column]
            if value is None:
                return (1, 0)  # empty cells last either way round
            return (0, value if numeric else thai_sort_key(str(value)))

        filled = [n for n in range(len(rows)) if rows[n][column] is not None]
        empty = [n for n in range(len(rows)) if rows[n][column] is None]
        filled.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._sorted = filled + empty
        self.set_filter(self._query)
