"""The district's schools as a Qt table: each registered school and each school that sent a bundle without being
registered, with where it stands. Filtering (by standing, by typed words) and sorting work on a plain list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...domain.kinds.school_registry import REGISTERED_SCHOOL
from ...domain.thai_collation import thai_sort_key
from ...i18n import _
from ...services.school_registry import STANDINGS, SchoolEntry, standing_label, standing_short
from .record_table import matcher

_Index = QModelIndex | QPersistentModelIndex
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

COLUMNS = ("school_code", "school_name", "standing", "cluster", "principal_name")  # size: in the school's panel
_MARKED = {"differs": QColor("#8a5300"), "unregistered": QColor("#1f5f99"), "no_bundle": QColor("#6b6b6b")}


def _value(entry: SchoolEntry, column: str) -> str:
    if column == "standing":
        return standing_short(entry.standing)
    if column == "school_code":
        return entry.code
    record = entry.registered or entry.profile
    return record.display(column) if record is not None else ""


class SchoolEntriesModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._entries: list[SchoolEntry] = []
        self._visible: list[int] = []
        self._standings: frozenset[str] | None = None
        self._query: Callable[[str], bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._keys: list[str] = []

    # --- contents ----------------------------------------------------------------------------------------
    def set_entries(self, entries: Sequence[SchoolEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        searched = ("school_code", "school_name", "cluster", "principal_name")
        self._keys = [
            " ".join(" ".join(_value(e, c).split()) for c in searched).translate(_THAI_DIGITS).casefold()
            for e in self._entries
        ]
        self._visible = self._compute_visible()
        self.endResetModel()

    def set_filter(self, standings: frozenset[str] | None, query: str) -> None:
        """Shows the entries of these standings (None: all) whose text holds the typed words: the whole phrase
        when some entry holds it (“เครือข่ายที่ 3” finds that cluster, not every code with a 3), else each word."""
        self.beginResetModel()
        self._standings = standings
        words = " ".join(query.translate(_THAI_DIGITS).casefold().split())
        if not words:
            self._query = None
        elif " " in words and any(words in key for key in self._keys):
            self._query = lambda key, phrase=words: phrase in key
        else:
            self._query = matcher(words)
        self._visible = self._compute_visible()
        self.endResetModel()

    def _compute_visible(self) -> list[int]:
        shown = [
            i
            for i, e in enumerate(self._entries)
            if (self._standings is None or e.standing in self._standings)
            and (self._query is None or self._query(self._keys[i]))
        ]
        if self._sort is not None:
            column, order = self._sort
            name = COLUMNS[column]
            shown.sort(  # ties in the school code's order, the same each time
                key=lambda i: (thai_sort_key(_value(self._entries[i], name)), self._entries[i].code),
                reverse=order == Qt.SortOrder.DescendingOrder,
            )
        return shown

    # --- Qt ----------------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[self._visible[index.row()]]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _value(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return standing_label(entry.standing) if column == "standing" else _value(entry, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == "standing":
            return _MARKED.get(entry.standing)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        column = COLUMNS[section]
        return _("Standing") if column == "standing" else REGISTERED_SCHOOL.label_of(column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort = (column, order)
        self._visible = self._compute_visible()
        self.endResetModel()

    # --- lookups -----------------------------------------------------------------------------------------
    def entry_at(self, row: int) -> SchoolEntry | None:
        return self._entries[self._visible[row]] if 0 <= row < len(self._visible) else None

    def row_of(self, code: str) -> int | None:
        for row, i in enumerate(self._visible):
            if self._entries[i].code == code:
                return row
        return None

    def counts(self) -> dict[str, int]:
        """How many entries stand each way (before filtering): the filter buttons say it."""
        counts = dict.fromkeys(STANDINGS, 0)
        for e in self._entries:
            counts[e.standing] += 1
        return counts
