"""A portfolio's awards as an editable table: the award's name and who gave it share the room left, the level,
rank, medal, date and certificate columns are as wide as their longest choice. Each row remembers whether it is a
kept award and what becomes of its certificate scan (kept, replaced or none)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ...domain import vocabularies
from ...i18n import _
from ...services.attached_files import PreparedFile
from ...services.portfolios import AwardEntry
from .be_date_edit import BuddhistDateEdit

CHOICES = (("level", "award_level"), ("rank", "award_rank"), ("medal", "medal"))  # columns 1–3
DATE, ISSUER, CERTIFICATE = 4, 5, 6


@dataclass
class _Row:
    award_id: str | None = None
    certificate: PreparedFile | None = None  # a new scan to keep
    keep: bool = False  # the kept award's scan stays
    has: bool = False  # the kept award has a scan


class AwardTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 7, parent)
        self.setObjectName("awardTable")
        self.setHorizontalHeaderLabels(
            [_("Award"), _("Level"), _("Rank"), _("Medal"), _("Date of the award"), _("Given by"), _("Certificate")]
        )
        self.setWordWrap(False)
        self._rows: list[_Row] = []
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        metrics = QFontMetrics(self.font())
        fixed = {  # as wide as their longest choice (plus the combo's arrow), whatever the language
            1: _widest(metrics, "award_level") + 36,
            2: _widest(metrics, "award_rank") + 36,
            3: _widest(metrics, "medal") + 36,
            DATE: metrics.horizontalAdvance("00/00/0000") + 40,
            CERTIFICATE: metrics.horizontalAdvance(_("attached")) + 24,
        }
        for column in range(self.columnCount()):
            text = self.horizontalHeaderItem(column).text()
            if column in fixed:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                self.setColumnWidth(column, max(fixed[column], metrics.horizontalAdvance(text) + 24))
            else:  # the award's name and who gave it
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def fill(self, awards: Sequence[Any]) -> None:
        """The awards as kept."""
        self.setRowCount(0)
        self._rows = []
        for a in awards:
            self.add_row(a)

    def add_row(self, award: Any = None) -> None:
        """A kept award, or a new empty one (at the school level)."""
        row = self.rowCount()
        self.insertRow(row)
        kept = award is not None
        self._rows.append(_Row(award.id if kept else None, None, kept, kept and bool(award.certificate_sha256)))
        self.setItem(row, 0, QTableWidgetItem(award.name if kept else ""))
        for column, (name, vocabulary) in enumerate(CHOICES, start=1):
            combo = QComboBox()
            combo.setObjectName(f"award_{name}")
            if name != "level":
                combo.addItem("", None)
            for term in vocabularies.terms(vocabulary):
                combo.addItem(term.label(), term.code)
            value = getattr(award, name) if kept else ("school" if name == "level" else None)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            self.setCellWidget(row, column, combo)
        date = BuddhistDateEdit()
        if kept and award.awarded_on is not None:
            from ...domain import buddhist_date

            date.setText(buddhist_date.format_short(award.awarded_on))
        self.setCellWidget(row, DATE, date)
        self.setItem(row, ISSUER, QTableWidgetItem(award.issuer or "" if kept else ""))
        self._show_certificate(row)
        self.setCurrentCell(row, 0)

    def remove_current(self) -> None:
        row = self.currentRow()
        if 0 <= row < len(self._rows):
            self.removeRow(row)
            del self._rows[row]

    def set_certificate(self, row: int, prepared: PreparedFile) -> None:
        if 0 <= row < len(self._rows):
            self._rows[row].certificate = prepared
            self._show_certificate(row)

    def entries(self) -> list[AwardEntry]:
        out = []
        for row, state in enumerate(self._rows):
            values: dict[str, object] = {"name": self._text(row, 0)}
            for column, (name, _vocabulary) in enumerate(CHOICES, start=1):
                values[name] = self.cellWidget(row, column).currentData()
            values["awarded_on"] = self.cellWidget(row, DATE).text()
            values["issuer"] = self._text(row, ISSUER)
            out.append(AwardEntry(values, state.award_id, state.certificate, state.keep))
        return out

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item else ""

    def _show_certificate(self, row: int) -> None:
        state = self._rows[row]
        has = state.certificate is not None or (state.keep and state.has)
        item = QTableWidgetItem(_("attached") if has else "-")
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.setItem(row, CERTIFICATE, item)


def _widest(metrics: QFontMetrics, vocabulary: str) -> int:
    return max((metrics.horizontalAdvance(t.label()) for t in vocabularies.terms(vocabulary)), default=60)
