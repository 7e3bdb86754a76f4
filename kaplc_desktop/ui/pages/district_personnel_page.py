"""The district's Personnel page: the staff each school sent in its bundles, one school at a time, read-only
(a school's records are corrected at the school and arrive with its next bundle)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...context import AppContext
from ...domain.kinds.school_profile import SCHOOL_PROFILE
from ...i18n import _, ngettext
from ..change_relay import refresh_on
from ..models.personnel_table import PersonnelFilter, PersonnelTableModel
from ..widgets.column_chooser import ColumnChooser
from ..widgets.details_panel import PersonDetails
from ..widgets.staff_table import staff_table
from ..widgets.thai_text import plain_label


class DistrictPersonnelPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("districtPersonnelPage")
        self.ctx = ctx
        self._rows: list[Any] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(plain_label(_("School:")))
        self.school = QComboBox()
        self.school.setObjectName("schoolPicker")
        self.school.setMinimumWidth(360)
        self.school.currentIndexChanged.connect(self.show_school)
        top.addWidget(self.school, 2)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by name, national ID, phone or position…"))
        self.search.textChanged.connect(self.apply_filter)
        top.addWidget(self.search, 2)
        layout.addLayout(top)
        self.note = plain_label(
            _("As received in the school's bundles; the school corrects its own records and sends them again.")
        )
        self.note.setStyleSheet("color: #555;")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.model = PersonnelTableModel()
        self.table = staff_table(self.model, "districtPersonnelTable")
        self.columns_button = ColumnChooser(self.table, self.model.kind, ctx.data_dir)
        self.count = plain_label()
        self.count.setObjectName("countLabel")
        counts = QHBoxLayout()
        counts.addWidget(self.count, 1)
        counts.addWidget(self.columns_button)
        layout.addLayout(counts)
        self.details = PersonDetails()
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        self.refresh()
        refresh_on(ctx.db.changes, self, ("personnel", SCHOOL_PROFILE.table), self.refresh)

    def refresh(self) -> None:
        """The schools whose staff or profile arrived, by name; the chosen school stays chosen."""
        chosen = self.school.currentData()
        self._rows = self.ctx.personnel.list()
        staff = Counter(r.owner_code for r in self._rows)
        names = {p.owner_code: p.school_name for p in self.ctx.school_profile.list()}
        codes = sorted(set(staff) | set(names), key=lambda c: (names.get(c) or "~", c))
        self.school.blockSignals(True)
        self.school.clear()
        for code in codes:
            label = ngettext("{name} ({code}) — {n} staff member", "{name} ({code}) — {n} staff members", staff[code])
            self.school.addItem(label.format(name=names.get(code) or _("School"), code=code, n=staff[code]), code)
        if not codes:
            self.school.addItem(_("No school has sent a bundle yet"), None)
        index = self.school.findData(chosen) if chosen is not None else 0
        self.school.setCurrentIndex(max(index, 0))
        self.school.blockSignals(False)
        self.show_school()

    def show_school(self) -> None:
        code = self.school.currentData()
        self.model.set_rows([r for r in self._rows if r.owner_code == code])
        self.apply_filter()

    def apply_filter(self) -> None:
        self.model.set_filter(PersonnelFilter(self.search.text()))
        self.count.setText(
            _("Showing {shown} of {total} staff").format(shown=self.model.rowCount(), total=self.model.total)
        )
        self._show_selected()

    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.details.show_record(self.model.row_at(rows[0].row()) if rows else None)
