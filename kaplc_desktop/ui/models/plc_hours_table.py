"""Each person's PLC hours of a year as a Qt table: name, position, meetings, hours, target, progress (drawn as
a bar by widgets/progress_delegate.py) and where they stand; sorting works on plain values."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...domain.plc_hours import hours_text
from ...domain.thai_collation import thai_sort_key
from ...i18n import N_, _
from ...services.plc_hours import Tally

ID_ROLE = Qt.ItemDataRole.UserRole + 1
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 2  # 0–100, or -1 for no target
NAME, POSITION, MEETINGS, HOURS, EXPECTED, TARGET, PROGRESS, STATUS = range(8)
_Index = QModelIndex | QPersistentModelIndex


class PlcHoursModel(QAbstractTableModel):
    HEADERS = (
        N_("Name"),
        N_("Position"),
        N_("Meetings attended"),
        N_("Hours"),
        N_("Expected by today"),
        N_("Target"),
        N_("Progress"),
        N_("Status"),
    )

    def __init__(self) -> None:
        super().__init__()
        self._all: list[Any] = []
        self._rows: list[Any] = []
        self.behind_only = False

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._all = sorted(
            rows, key=lambda h: (h.target_hours is None, h.minutes, thai_sort_key(h.person.full_name_th))
        )
        self._rows = [h for h in self._all if h.behind or not self.behind_only]
        self.endResetModel()

    def set_behind_only(self, on: bool) -> None:
        self.behind_only = on
        self.set_rows(self._all)

    def row(self, n: int) -> Any:
        return self._rows[n]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        h = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return h.person.id
        if role == PROGRESS_ROLE and column == PROGRESS:
            return -1 if not h.target_hours else min(100, round(100 * h.minutes / (h.target_hours * 60)))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (MEETINGS, HOURS, EXPECTED, TARGET):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS and h.behind:
            return QColor("#b00020")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            NAME: h.person.full_name_th,
            POSITION: h.person.display("position"),
            MEETINGS: str(h.meetings),
            HOURS: hours_text(h.minutes),
            EXPECTED: "" if h.expected_minutes is None or h.target_hours is None else hours_text(h.expected_minutes),
            TARGET: "" if h.target_hours is None else str(h.target_hours),
            PROGRESS: "",
            STATUS: h.standing(),
        }[column]

    def tally(self) -> Tally:
        """Where everyone in the year stands (not only those the filter shows)."""
        return Tally.of(self._all)
