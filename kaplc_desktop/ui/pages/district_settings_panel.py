"""Settings → The district's settings (a district): for each academic year, the PLC hours target, the deadlines
and the needs topics. Schools receive them with the district's feedback bundles."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...context import AppContext
from ...domain import buddhist_date
from ...domain.thai_years import academic_year
from ...errors import ValidationError
from ...i18n import _
from ...services.district_settings import DEFAULT_PLC_HOURS
from ..widgets.thai_text import error_label, plain_label

FIELDS = ("academic_year", "plc_hours_target", "deadlines", "needs_topics")


class DistrictSettingsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("districtSettingsPanel")
        self.ctx = ctx
        layout = QVBoxLayout(self)
        note = plain_label(
            _(
                "The settings of each academic year reach the schools with the district's feedback bundles "
                "(Sync → feedback for schools)."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.errors: dict[str, QLabel] = {name: error_label() for name in FIELDS}
        self.year = QSpinBox()
        self.year.setObjectName("academicYear")
        self.year.setRange(2500, 2700)
        self.year.setValue(academic_year(dt.date.today()))
        self.year.valueChanged.connect(self.load_year)
        self.year.setMaximumWidth(160)
        form.addRow(_("Academic year (B.E.):"), self._with_error(self.year, "academic_year"))
        self.hours = QSpinBox()
        self.hours.setObjectName("plcHours")
        self.hours.setRange(0, 1000)
        self.hours.setSuffix(" " + _("hours"))
        self.hours.setMaximumWidth(160)
        form.addRow(_("PLC hours target:"), self._with_error(self.hours, "plc_hours_target"))
        self.deadlines = QTableWidget(0, 2)
        self.deadlines.setObjectName("deadlines")
        self.deadlines.setHorizontalHeaderLabels([_("Deadline"), _("Date (dd/mm/yyyy B.E.)")])
        self.deadlines.verticalHeader().hide()
        self.deadlines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.deadlines.setColumnWidth(1, 200)
        self.deadlines.setMinimumHeight(150)
        self.deadlines.setMaximumWidth(760)
        rows = QHBoxLayout()
        self.add_deadline = QPushButton(_("Add a deadline"))
        self.add_deadline.setObjectName("addDeadline")
        self.add_deadline.clicked.connect(lambda: self._add_deadline("", ""))
        self.remove_deadline = QPushButton(_("Remove the chosen deadline"))
        self.remove_deadline.setObjectName("removeDeadline")
        self.remove_deadline.clicked.connect(self._remove_deadline)
        rows.addWidget(self.add_deadline)
        rows.addWidget(self.remove_deadline)
        rows.addStretch(1)
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.deadlines)
        box.addLayout(rows)
        form.addRow(_("Deadlines:"), self._with_error(holder, "deadlines"))
        self.topics = QPlainTextEdit()
        self.topics.setObjectName("needsTopics")
        self.topics.setPlaceholderText(_("One topic a line, e.g. Active learning"))
        self.topics.setMinimumHeight(110)
        self.topics.setMaximumWidth(760)
        form.addRow(_("Needs topics of the July survey:"), self._with_error(self.topics, "needs_topics"))
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(_("&Save the settings of this year"))
        self.save_button.setObjectName("saveDistrictSettings")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        self.saved_note = plain_label()
        self.saved_note.setObjectName("savedNote")
        buttons.addWidget(self.saved_note, 1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.load_year()

    def _with_error(self, widget: QWidget, name: str) -> QWidget:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(self.errors[name])
        return holder

    def _add_deadline(self, name: str, date_text: str) -> None:
        row = self.deadlines.rowCount()
        self.deadlines.insertRow(row)
        self.deadlines.setItem(row, 0, QTableWidgetItem(name))
        self.deadlines.setItem(row, 1, QTableWidgetItem(date_text))
        if not name:
            self.deadlines.setCurrentCell(row, 0)
            self.deadlines.editItem(self.deadlines.item(row, 0))

    def _remove_deadline(self) -> None:
        row = self.deadlines.currentRow()
        if row >= 0:
            self.deadlines.removeRow(row)

    def load_year(self) -> None:
        """Shows what is set for the chosen year (a year not set yet starts from the defaults)."""
        found = self.ctx.district_settings.for_year(self.year.value())
        self.hours.setValue(found.plc_hours_target if found else DEFAULT_PLC_HOURS)
        self.deadlines.setRowCount(0)
        for name, day in (found.deadlines if found else {}).items():
            self._add_deadline(name, buddhist_date.format_short(day))
        self.topics.setPlainText("\n".join(found.needs_topics) if found else "")
        self.saved_note.setText(
            _("Last saved {date}.").format(date=buddhist_date.format_long(found.updated_at.astimezone().date()))
            if found
            else _("Not set yet for this year.")
        )
        for label in self.errors.values():
            label.hide()

    def save(self) -> None:
        deadlines: dict[str, str] = {}
        for row in range(self.deadlines.rowCount()):
            name_item, date_item = self.deadlines.item(row, 0), self.deadlines.item(row, 1)
            name, when = (name_item.text() if name_item else ""), (date_item.text() if date_item else "")
            if name.strip() or when.strip():
                deadlines[name] = when
        for label in self.errors.values():
            label.hide()
        try:
            saved = self.ctx.district_settings.set_year(
                self.year.value(), self.hours.value(), deadlines, self.topics.toPlainText().splitlines()
            )
        except ValidationError as exc:
            for err in exc.errors:
                label = self.errors.get(err.field, self.errors["deadlines"])
                label.setText(err.message if label.isHidden() else f"{label.text()}\n{err.message}")
                label.show()
            self.saved_note.setText(_("Not saved: see the notes in red."))
            return
        self.load_year()
        self.saved_note.setText(
            _("Saved. The schools receive the settings of {year} with the next feedback bundles.").format(
                year=saved.academic_year
            )
        )
