"""The staff list as a Qt table: filtering and sorting work on plain Python lists, so a keystroke over
thousands of rows costs a few milliseconds (no per-row proxy calls)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.person_fields import field_label
from ...domain.thai_collation import thai_sort_key
from ...i18n import N_, _
from ...services.person_row import PersonRow

COLUMNS: tuple[str, ...] = (
    "national_id",
    "full_name_th",
    "full_name_en",
    "position",
    "academic_standing",
    "personnel_group",
    "learning_areas",
    "subject",
    "start_date",
    "status",
)
_EXTRA_LABELS = {"full_name_th": N_("Name"), "full_name_en": N_("Name (English)")}
ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PersonnelFilter:
    text: str = ""
    position: str | None = None
    learning_area: str | None = None
    status: str | None = None

    def accepts(self, row: PersonRow, key: str) -> bool:
        return (
            (not self.text or self.text in key)
            and (self.position is None or row.position == self.position)
            and (self.learning_area is None or self.learning_area in row.learning_areas)
            and (self.status is None or row.status == self.status)
        )


def _sort_key(column: str) -> Callable[[PersonRow], Any]:
    if column in ("start_date",):
        return lambda r: r.start_date or dt.date.min
    if column == "full_name_th":
        return lambda r: (thai_sort_key(r.first_name_th), thai_sort_key(r.last_name_th))
    if column == "national_id":
        return lambda r: r.national_id or ""
    return lambda r: thai_sort_key(_display(r, column))


def _display(row: PersonRow, column: str) -> str:
    if column == "full_name_th":
        return row.full_name_th
    if column == "full_name_en":
        return row.full_name_en
    return row.display(column)


class PersonnelTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[PersonRow] = []
        self._keys: list[str] = []
        self._order: list[int] = []
        self._visible: list[int] = []
        self._filter = PersonnelFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- data in -------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[PersonRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = [r.search_key for r in self._rows]
        self._order = self._sorted_order()
        self._visible = self._compute_visible()
        self.endResetModel()

    def set_filter(self, spec: PersonnelFilter) -> None:
        spec = PersonnelFilter(spec.text.casefold().strip(), spec.position, spec.learning_area, spec.status)
        if spec == self._filter:
            return
        self.beginResetModel()
        self._filter = spec
        self._visible = self._compute_visible()
        self.endResetModel()

    def _sorted_order(self) -> list[int]:
        """All rows in the current sort order; computed when rows or the sort change, not per keystroke."""
        order = list(range(len(self._rows)))
        if self._sort is not None:
            column, direction = self._sort
            key = _sort_key(COLUMNS[column])
            keys = [key(r) for r in self._rows]
            order.sort(key=keys.__getitem__, reverse=direction == Qt.SortOrder.DescendingOrder)
        return order

    def _compute_visible(self) -> list[int]:
        f, rows, keys = self._filter, self._rows, self._keys
        if f == PersonnelFilter():
            return list(self._order)
        return [i for i in self._order if f.accepts(rows[i], keys[i])]

    # --- Qt model ------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[self._visible[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, COLUMNS[index.column()])
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        column = COLUMNS[section]
        return _(_EXTRA_LABELS[column]) if column in _EXTRA_LABELS else field_label(column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[self._visible[i.row()]].id for i in before]
        self._sort = (column, order)
        self._order = self._sorted_order()
        self._visible = self._compute_visible()
        for old, person_id in zip(before, ids, strict=True):
            row = self.visible_row_of(person_id)
            self.changePersistentIndex(old, self.index(row, old.column()) if row is not None else QModelIndex())
        self.layoutChanged.emit()

    # --- lookups for the page ------------------------------------------------------------------------
    def row_at(self, visible_row: int) -> PersonRow | None:
        if 0 <= visible_row < len(self._visible):
            return self._rows[self._visible[visible_row]]
        return None

    def visible_row_of(self, person_id: str) -> int | None:
        for n, i in enumerate(self._visible):
            if self._rows[i].id == person_id:
                return n
        return None

    def visible_rows(self) -> list[PersonRow]:
        return [self._rows[i] for i in self._visible]

    @property
    def total(self) -> int:
        return len(self._rows)
