"""The row-by-row report of a roster file, and the choice: import the valid rows, or none."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _


class ImportReportDialog(QDialog):
    """Accepted means "import the valid rows"; rejected means "import nothing"."""

    def __init__(self, report: Any, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importReportDialog")
        self.setWindowTitle(_("Check before importing"))
        layout = QVBoxLayout(self)
        bad = len(report.invalid_rows)
        summary = _("{file}: {read} rows read, {valid} ready to import, {bad} with errors.").format(
            file=file_name, read=report.rows_read, valid=len(report.valid), bad=bad
        )
        if report.skipped_example:
            summary += " " + _("The template's example row was skipped.")
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.table = QTableWidget(len(report.problems), 3)
        self.table.setObjectName("problemTable")
        self.table.setHorizontalHeaderLabels([_("Row"), _("Column"), _("Problem")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for i, p in enumerate(report.problems):
            self.table.setItem(i, 0, QTableWidgetItem(str(p.row)))
            self.table.setItem(i, 1, QTableWidgetItem(p.column))
            self.table.setItem(i, 2, QTableWidgetItem(p.message))
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(1, 220)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(report.problems))
        layout.addWidget(self.table)

        buttons = QDialogButtonBox()
        self.import_button: QPushButton | None = None
        if report.valid:
            text = (
                _("Import {n} valid rows").format(n=len(report.valid))
                if bad
                else _("Import {n} rows").format(n=len(report.valid))
            )
            self.import_button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(
            _("Import nothing") if report.valid else _("Close"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 460 if report.problems else 160)
