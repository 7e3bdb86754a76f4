"""Submission tracking as a Qt table: a row per school on the district's list, a column per period, each cell
coloured by where the school's submission stands (on time, late, missing, not due yet) with the district's
review. Filtering (a cluster, only schools missing something, typed words) works on a plain list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...domain import buddhist_date
from ...domain.thai_collation import thai_sort_key
from ...i18n import _
from ...services.submission_tracking import Cell, SchoolLine, Tracking, cell_label, local_day
from .record_table import matcher

_Index = QModelIndex | QPersistentModelIndex

FIXED = ("school_code", "school_name", "cluster", "last_bundle")
_BACKGROUND = {
    "on_time": QColor("#d7f0d9"),
    "late": QColor("#fbe7c1"),
    "missing": QColor("#f7d4d2"),
    "waiting": QColor("#eeeeee"),
}
_MARK = {"on_time": "✓", "late": "⚠", "missing": "✗", "waiting": "…"}  # shape as well as colour


def cell_text(cell: Cell) -> str:
    text = f"{_MARK[cell.state]} {cell_label(cell.state)}"
    if cell.review is not None:
        text += f" · {cell.review.display('state')}"
    if cell.sent_again:
        text += " ↻ " + _("sent again")
    return text


class TrackingModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._tracking: Tracking | None = None
        self._lines: list[SchoolLine] = []
        self._visible: list[int] = []
        self._cluster: str | None = None
        self._missing_only = False
        self._query: Callable[[str], bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- contents ----------------------------------------------------------------------------------------
    def set_tracking(self, tracking: Tracking) -> None:
        self.beginResetModel()
        self._tracking = tracking
        self._lines = list(tracking.lines)
        if self._sort is not None and self._sort[0] >= len(FIXED) + len(tracking.periods):
            self._sort = None  # sorted by a period another year does not have
        self._visible = self._compute_visible()
        self.endResetModel()

    @property
    def tracking(self) -> Tracking | None:
        return self._tracking

    @property
    def periods(self) -> tuple[Any, ...]:
        return self._tracking.periods if self._tracking is not None else ()

    def set_filter(self, cluster: str | None, missing_only: bool, query: str) -> None:
        self.beginResetModel()
        self._cluster, self._missing_only = cluster, missing_only
        self._query = matcher(query) if query.strip() else None
        self._visible = self._compute_visible()
        self.endResetModel()

    def _compute_visible(self) -> list[int]:
        shown = [
            i
            for i, line in enumerate(self._lines)
            if (self._cluster is None or line.cluster == self._cluster)
            and (not self._missing_only or line.missing)
            and (self._query is None or self._query(f"{line.code} {line.name} {line.cluster}".casefold()))
        ]
        if self._sort is not None:
            column, order = self._sort
            shown.sort(key=lambda i: (self._sort_key(self._lines[i], column), self._lines[i].code))
            if order == Qt.SortOrder.DescendingOrder:
                shown.reverse()
        return shown

    def _sort_key(self, line: SchoolLine, column: int) -> Any:
        if column >= len(FIXED):
            cell = line.cells[column - len(FIXED)]
            return ("missing", "late", "waiting", "on_time").index(cell.state)
        name = FIXED[column]
        if name == "last_bundle":
            return line.last_sequence
        return thai_sort_key(self._text(line, column))

    # --- Qt ----------------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED) + len(self.periods)

    def _text(self, line: SchoolLine, column: int) -> str:
        if column >= len(FIXED):
            return cell_text(line.cells[column - len(FIXED)])
        name = FIXED[column]
        if name == "school_code":
            return line.code
        if name == "school_name":
            return line.name
        if name == "cluster":
            return line.cluster
        if line.last_import_at is None:
            return _("none yet")
        text = f"#{line.last_sequence} · {buddhist_date.format_short(local_day(line.last_import_at))}"
        return text + (" ⚠" if line.gaps else "")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[self._visible[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.BackgroundRole and column >= len(FIXED):
            return _BACKGROUND[line.cells[column - len(FIXED)].state]
        if role == Qt.ItemDataRole.ForegroundRole and column >= len(FIXED):
            return QColor("#1a1a1a")  # dark on the light state colours, in a dark theme too
        if role == Qt.ItemDataRole.ToolTipRole:
            if column >= len(FIXED):
                return self._cell_tip(line.cells[column - len(FIXED)])
            if FIXED[column] == "last_bundle" and line.gaps:
                return _("Bundles never received: {numbers}").format(numbers=", ".join(map(str, line.gaps)))
        return None

    def _cell_tip(self, cell: Cell) -> str:
        parts = [cell_label(cell.state)]
        if cell.received_at is not None:
            parts.append(_("received {day}").format(day=buddhist_date.format_short(local_day(cell.received_at))))
        if cell.review is not None:
            parts.append(cell.review.display("state"))
            if cell.review.comment:
                parts.append(cell.review.comment)
        return "\n".join(parts)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section >= len(FIXED):
            period = self.periods[section - len(FIXED)]
            if role == Qt.ItemDataRole.DisplayRole:
                lock = " (" + _("approved") + ")" if period.approved_on else ""  # words: an emoji is a box here
                due = _("due {day}").format(day=buddhist_date.format_short(period.due_on))
                return f"{period.name}{lock}\n{due}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{period.name}\n{period.display('content')}"
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "school_code": _("School code"),
            "school_name": _("School name"),
            "cluster": _("School cluster"),
            "last_bundle": _("Last bundle"),
        }[FIXED[section]]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort = (column, order)
        self._visible = self._compute_visible()
        self.endResetModel()

    # --- lookups -----------------------------------------------------------------------------------------
    def line_at(self, row: int) -> SchoolLine | None:
        return self._lines[self._visible[row]] if 0 <= row < len(self._visible) else None

    def period_at(self, column: int) -> Any | None:
        index = column - len(FIXED)
        return self.periods[index] if 0 <= index < len(self.periods) else None

    def clusters(self) -> list[str]:
        return sorted({line.cluster for line in self._lines}, key=thai_sort_key)

    def missing_count(self) -> int:
        return sum(1 for line in self._lines if line.missing)
