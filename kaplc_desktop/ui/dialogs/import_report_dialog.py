"""The row-by-row report of a roster file, and the choice: import the valid rows, or none."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
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

from ...i18n import _, ngettext


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
        outcome = getattr(report, "outcome_text", None)  # a list imported again says what it adds and changes
        if outcome is not None:
            summary += " " + outcome()
        if report.skipped_example:
            summary += " " + _("The template's example row was skipped.")
        if report.warnings:
            rows = len({w.row for w in report.warnings})
            summary += " " + ngettext(
                "{n} row holds characters that documents print as ■; it is imported as typed (see the notes).",
                "{n} rows hold characters that documents print as ■; they are imported as typed (see the notes).",
                rows,
            ).format(n=rows)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        listed = (
            [(p, "") for p in report.problems]
            + [(w, "note") for w in report.warnings]
            + [(c, "change") for c in getattr(report, "changes", [])]
        )
        self.table = QTableWidget(len(listed), 3)
        self.table.setObjectName("problemTable")
        self.table.setHorizontalHeaderLabels(
            [_("Row"), _("Column"), _("Problem or change") if getattr(report, "changes", None) else _("Problem")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        lead = {"": "", "note": _("Note:") + " ", "change": _("Change:") + " "}
        colour = {"note": "#8a5300", "change": "#1f5f99"}  # not errors: the row is imported
        for i, (p, what) in enumerate(listed):
            cells = (str(p.row), p.column, lead[what] + p.message)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if what:
                    item.setForeground(QColor(colour[what]))
                self.table.setItem(i, column, item)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(1, 220)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(listed))
        layout.addWidget(self.table)

        buttons = QDialogButtonBox()
        self.import_button: QPushButton | None = None
        if report.valid:
            text = (
                ngettext("Import {n} valid row", "Import {n} valid rows", len(report.valid)).format(n=len(report.valid))
                if bad
                else ngettext("Import {n} row", "Import {n} rows", len(report.valid)).format(n=len(report.valid))
            )
            self.import_button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(
            _("Import nothing") if report.valid else _("Close"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 460 if listed else 160)
