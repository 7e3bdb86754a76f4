"""The staff list's table view, the same on the school's Personnel page and the district's: sorted by name,
one row chosen at a time, read-only cells, widths that fit the default columns beside the details at 1366 px."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ..models.personnel_table import PersonnelTableModel

COLUMN_WIDTHS = {  # the five default columns fit beside the details at 1366 px (the last one stretches)
    "full_name_th": 205,
    "position": 150,
    "academic_standing": 150,
    "learning_areas": 150,
    "status": 110,
    "national_id": 150,
    "full_name_en": 200,
    "personnel_group": 170,
    "subject": 150,
    "start_date": 110,
    "phone": 120,
}


def staff_table(model: PersonnelTableModel, object_name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(object_name)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(model.columns.index("full_name_th"), Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, name in enumerate(model.columns):
        table.setColumnWidth(column, COLUMN_WIDTHS.get(name, 140))
    table.horizontalHeader().setStretchLastSection(True)
    return table
