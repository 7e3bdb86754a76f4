"""The district's Schools page: the profile of every school whose bundle was imported, with its details."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QTableView, QVBoxLayout, QWidget

from ...context import AppContext
from ...domain.kinds.school_profile import SCHOOL_PROFILE
from ...i18n import _, ngettext
from ..change_relay import refresh_on
from ..models.record_table import RecordTableModel
from ..widgets.details_panel import RecordDetails
from ..widgets.thai_text import plain_label


class SchoolsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schoolsPage")
        self.ctx = ctx
        self.model = RecordTableModel(SCHOOL_PROFILE, ("school_name", "principal_name", "school_size", "cluster"))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.details = RecordDetails(SCHOOL_PROFILE)
        self.details.setMaximumWidth(400)  # the list keeps room for its columns at 1366 px (the rest is here)
        self.count = plain_label()
        layout = QVBoxLayout(self)
        heading = plain_label(_("Schools"))
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        layout.addWidget(heading)
        layout.addWidget(self.count)
        row = QHBoxLayout()
        row.addWidget(self.table, 3)
        row.addWidget(self.details, 2)
        layout.addLayout(row, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.refresh()
        refresh_on(ctx.db.changes, self, (SCHOOL_PROFILE.table,), self.refresh)

    def refresh(self) -> None:
        rows = self.ctx.school_profile.list()
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.count.setText(
            ngettext(
                "{n} school has sent its profile with a bundle.",
                "{n} schools have sent their profile with a bundle.",
                len(rows),
            ).format(n=len(rows))
            if rows
            else _("No school has sent a bundle yet. Import the schools' bundles on the Sync page.")
        )
        self._show_current()

    def _show_current(self) -> None:
        self.details.show_record(self.model.row_at(self.table.currentIndex().row()))
