"""The records of a kind as a Qt table, columns from its declaration: filtering and sorting work on plain Python
lists, so a keystroke over thousands of rows costs a few milliseconds (no per-row proxy calls)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.field_types import Date, NationalId, Number
from ...domain.record_kind import RecordKind
from ...domain.thai_collation import thai_sort_key

ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex

Accepts = Callable[[Any, str], bool]  # (row, its search key) → shown?


def _accept_all(row: Any, key: str) -> bool:
    return True


def sort_key(kind: RecordKind, column: str) -> Callable[[Any], Any]:
    """Dates and numbers in their order, IDs as digits, everything else by the Thai dictionary order of its text."""
    computed = kind.computed_value(column)
    if computed is not None:
        if computed.sort_key is not None:
            return computed.sort_key
        return lambda r: thai_sort_key(computed.value(r))
    t = kind.field(column).type
    if isinstance(t, Date):
        return lambda r: getattr(r, column) or dt.date.min
    if isinstance(t, Number):
        return lambda r: (getattr(r, column) is None, getattr(r, column) or 0)
    if isinstance(t, NationalId):
        return lambda r: getattr(r, column) or ""
    return lambda r: thai_sort_key(r.display(column))


def search_key(kind: RecordKind, row: Any) -> str:
    """The text a filter box matches: the kind's own (kind.search), or its typed text fields; lower-cased."""
    if kind.search is not None:
        return kind.search(row)
    return " ".join(str(getattr(row, n) or "") for n in kind.typed_text).casefold()


def matcher(query: str) -> Callable[[str], bool]:
    """A test of search keys: every word of the query is in the key; a word of digits and dashes also matches the
    digits alone (081-234-5678 finds 0812345678, and 3-1017 finds a national ID). The query is read once, not
    once per row."""
    alternatives = []
    for word in query.casefold().split():
        digits = "".join(c for c in word if c.isdigit())
        digit_word = bool(digits) and len(digits) == len(word.replace("-", "").replace(".", ""))
        alternatives.append((word, digits if digit_word and digits != word else None))
    if len(alternatives) == 1 and alternatives[0][1] is None:
        only = alternatives[0][0]
        return lambda key: only in key
    return lambda key: all(word in key or (digits is not None and digits in key) for word, digits in alternatives)


class RecordTableModel(QAbstractTableModel):
    def __init__(
        self,
        kind: RecordKind,
        columns: Sequence[str] | None = None,
        names: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        super().__init__()
        self.kind = kind
        self.columns: tuple[str, ...] = tuple(columns or kind.list_columns)
        # reference column → record id → the name shown (a person's name for person_id, not the id)
        self.names: dict[str, Mapping[str, str]] = dict(names or {})
        self._rows: list[Any] = []
        self._keys: list[str] | None = []
        self._order: list[int] = []
        self._visible: list[int] = []
        self._filter: Any = None
        self._accepts: Accepts = _accept_all
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- data in -------------------------------------------------------------------------------------
    def row_search_key(self, row: Any) -> str:
        return search_key(self.kind, row)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._keys: list[str] | None = None  # made on the first search: not needed to show the list
        self._order = self._sorted_order()
        self._visible = self._compute_visible()
        self.endResetModel()

    def set_accepts(self, spec: Any, accepts: Accepts | None) -> None:
        """Shows only the rows `accepts` keeps; `spec` is a value that says what the filter is (unchanged: no reset)."""
        if spec == self._filter:
            return
        self.beginResetModel()
        self._filter = spec
        self._accepts = accepts or _accept_all
        self._visible = self._compute_visible()
        self.endResetModel()

    def _sorted_order(self) -> list[int]:
        """All rows in the current sort order; computed when rows or the sort change, not per keystroke."""
        order = list(range(len(self._rows)))
        if self._sort is not None:
            column, direction = self._sort
            name = self.columns[column]
            key = sort_key(self.kind, name)
            if name in self.names:
                shown = self.names[name]
                key = lambda r: thai_sort_key(shown.get(getattr(r, name) or "", ""))  # noqa: E731
            keys = [key(r) for r in self._rows]
            order.sort(key=keys.__getitem__, reverse=direction == Qt.SortOrder.DescendingOrder)
        return order

    def _compute_visible(self) -> list[int]:
        accepts, rows = self._accepts, self._rows
        if accepts is _accept_all:
            return list(self._order)
        if self._keys is None:
            self._keys = [self.row_search_key(r) for r in rows]
        keys = self._keys
        return [i for i in self._order if accepts(rows[i], keys[i])]

    # --- Qt model ------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[self._visible[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            column = self.columns[index.column()]
            if column in self.names:
                return self.names[column].get(getattr(row, column) or "", "")
            return row.display(column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:  # a cut cell is read whole by hovering
            column = self.columns[index.column()]
            if column in self.names:
                return self.names[column].get(getattr(row, column) or "", "")
            return row.display(column)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self.kind.label_of(self.columns[section])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[self._visible[i.row()]].id for i in before]
        self._sort = (column, order) if column >= 0 else None  # -1: no heading chosen, the declared order
        self._order = self._sorted_order()
        self._visible = self._compute_visible()
        for old, record_id in zip(before, ids, strict=True):
            row = self.visible_row_of(record_id)
            self.changePersistentIndex(old, self.index(row, old.column()) if row is not None else QModelIndex())
        self.layoutChanged.emit()

    # --- lookups for the page ------------------------------------------------------------------------
    def row_at(self, visible_row: int) -> Any | None:
        if 0 <= visible_row < len(self._visible):
            return self._rows[self._visible[visible_row]]
        return None

    def visible_row_of(self, record_id: str) -> int | None:
        for n, i in enumerate(self._visible):
            if self._rows[i].id == record_id:
                return n
        return None

    def visible_rows(self) -> list[Any]:
        return [self._rows[i] for i in self._visible]

    @property
    def total(self) -> int:
        return len(self._rows)
