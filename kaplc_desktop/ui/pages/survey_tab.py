"""The July survey of a year: open the round, see where each person stands (not started, in progress, done), open
a person's form (Enter), close or reopen the round, and the workbook round trip for staff who fill it in offline."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...context import AppContext
from ...domain import buddhist_date, vocabularies
from ...domain.thai_years import academic_year
from ...errors import KaplcError
from ...i18n import _
from ...services.survey import DONE, IN_PROGRESS, NOT_STARTED, Progress, status_label
from .. import file_prompts
from ..pdf_preview import preview_pdf
from ..tasks import run_task
from ..widgets.table_keys import TableKeys
from ..widgets.thai_text import plain_label

NAME, POSITION, STATUS, SELF, DIRECTOR, NEEDS = range(6)
STATUS_COLORS = {DONE: "#e2efda", IN_PROGRESS: "#fff2cc", NOT_STARTED: "#fbe5d6"}


class SurveyTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("surveyTab")
        self.ctx = ctx
        self.prompts = file_prompts
        self.progress: Progress | None = None
        self.year = QComboBox()
        self.year.setObjectName("surveyYear")
        self.year.currentIndexChanged.connect(lambda _i: self.show_round())
        self.open_round_button = QPushButton(_("Open the survey…"))
        self.open_round_button.setObjectName("openRound")
        self.open_round_button.clicked.connect(self.open_round)
        self.close_round_button = QPushButton(_("Close the round"))
        self.close_round_button.setObjectName("closeRound")
        self.close_round_button.clicked.connect(self.close_or_reopen)
        self.export_button = QPushButton(_("Export to Excel…"))
        self.export_button.setObjectName("surveyExport")
        self.export_button.clicked.connect(self.export_workbook)
        self.import_button = QPushButton(_("Import from Excel…"))
        self.import_button.setObjectName("surveyImport")
        self.import_button.clicked.connect(self.import_workbook)
        self.blank_button = QPushButton(_("Print a blank form…"))
        self.blank_button.clicked.connect(lambda: self.print_form(blank=True))
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Academic year")))
        top.addWidget(self.year)
        for button in (self.open_round_button, self.close_round_button):
            top.addWidget(button)
        top.addStretch(1)
        for button in (self.export_button, self.import_button, self.blank_button):
            top.addWidget(button)
        self.round_note = plain_label()
        self.round_note.setObjectName("roundNote")
        self.round_note.setWordWrap(True)
        self.round_note.setStyleSheet("background: #eef4fb; padding: 6px;")

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(_("Everyone"), None)
        for status in (NOT_STARTED, IN_PROGRESS, DONE):
            self.status_filter.addItem(status_label(status), status)
        self.status_filter.currentIndexChanged.connect(lambda _i: self._fill_table())
        self.open_form_button = QPushButton(_("Open the form"))
        self.open_form_button.setObjectName("openForm")
        self.open_form_button.clicked.connect(self.open_form)
        self.print_button = QPushButton(_("Print the form…"))
        self.print_button.clicked.connect(lambda: self.print_form(blank=False))
        self.counts = plain_label()
        self.counts.setObjectName("surveyCounts")
        middle = QHBoxLayout()
        middle.addWidget(QLabel(_("Show")))
        middle.addWidget(self.status_filter)
        middle.addWidget(self.open_form_button)
        middle.addWidget(self.print_button)
        middle.addStretch(1)
        middle.addWidget(self.counts)

        self.table = QTableWidget(0, 6)
        self.table.setObjectName("surveyTable")
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("Position"), _("Status"), _("Self rating"), _("Director's rating"), _("Needs")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (POSITION, STATUS, SELF, DIRECTOR, NEEDS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.open_form())
        TableKeys(self.table, self.open_form)
        self.table.itemSelectionChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.round_note)
        layout.addLayout(middle)
        layout.addWidget(self.table, 1)

    # --- data ------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        chosen = self.year.currentData()
        years = sorted({r.academic_year for r in self.ctx.survey.rounds()} | {academic_year(_today())}, reverse=True)
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(str(year), year)
        index = self.year.findData(chosen)
        self.year.setCurrentIndex(index if index >= 0 else 0)
        self.year.blockSignals(False)
        self.show_round()

    def current_round(self) -> Any | None:
        year = self.year.currentData()
        return next((r for r in self.ctx.survey.rounds() if r.academic_year == year), None)

    def show_round(self) -> None:
        round_ = self.current_round()
        self.progress = self.ctx.survey.progress(round_.id) if round_ is not None else None
        if round_ is None:
            self.round_note.setText(
                _(
                    "The survey of {year} is not open yet. Open it: every person working here gets a form to rate "
                    "their competencies and name what they want to develop."
                ).format(year=self.year.currentData())
            )
        elif round_.closed_on is not None:
            self.round_note.setText(
                _(
                    "The survey of {year} ran {first} – {last} and was closed on {closed}: its answers are frozen."
                ).format(
                    year=round_.academic_year,
                    first=buddhist_date.format_short(round_.opens_on),
                    last=buddhist_date.format_short(round_.closes_on),
                    closed=buddhist_date.format_short(round_.closed_on),
                )
            )
        elif round_.closes_on < _today():
            self.round_note.setText(
                _(
                    "The survey of {year} ran {first} – {last}; it is still open for late answers. Close the round "
                    "when everyone is done: its answers are then frozen."
                ).format(
                    year=round_.academic_year,
                    first=buddhist_date.format_short(round_.opens_on),
                    last=buddhist_date.format_short(round_.closes_on),
                )
            )
        else:
            self.round_note.setText(
                _("The survey of {year} is open from {first} to {last}.").format(
                    year=round_.academic_year,
                    first=buddhist_date.format_short(round_.opens_on),
                    last=buddhist_date.format_short(round_.closes_on),
                )
            )
        self.close_round_button.setText(
            _("Reopen the round") if round_ is not None and round_.closed_on is not None else _("Close the round")
        )
        self._fill_table()

    def _fill_table(self) -> None:
        chosen = self.current_person_id()
        wanted = self.status_filter.currentData()
        sheets = [s for s in (self.progress.sheets if self.progress else ()) if wanted in (None, s.status)]
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(sheets))
        for row, sheet in enumerate(sheets):
            n = len(sheet.ratings)
            own = sum(r.self_level is not None for r in sheet.ratings)
            director = sum(r.director_level is not None for r in sheet.ratings)
            cells = (
                sheet.name,
                vocabularies.label("position", sheet.person.position),
                status_label(sheet.status),
                f"{own}/{n}",
                f"{director}/{n}",
                str(len(sheet.needs)),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, sheet.person.id)
                if column == STATUS:
                    item.setBackground(QColor(STATUS_COLORS[sheet.status]))
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        if self.progress is not None:
            p = self.progress
            self.counts.setText(
                _("Done {done} · in progress {busy} · not started {idle} (of {n})").format(
                    done=p.count(DONE), busy=p.count(IN_PROGRESS), idle=p.count(NOT_STARTED), n=len(p.sheets)
                )
            )
        else:
            self.counts.setText("")
        if chosen is not None:
            self.select_person(chosen)
        elif self.table.rowCount():
            self.table.selectRow(0)
        self._enable()

    def _enable(self) -> None:
        round_ = self.progress.round if self.progress else None
        self.open_round_button.setVisible(round_ is None)
        for button in (self.close_round_button, self.export_button, self.blank_button):
            button.setEnabled(round_ is not None)
        self.import_button.setEnabled(round_ is not None and round_.closed_on is None)
        chosen = self.current_person_id() is not None
        self.open_form_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)

    def current_person_id(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, NAME) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_person(self, person_id: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, NAME)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == person_id:
                self.table.selectRow(row)
                return

    # --- actions ---------------------------------------------------------------------------------------------
    def open_round(self) -> None:
        year = self.year.currentData()
        if not self.prompts.confirm(
            self,
            _("Open the survey?"),
            _("Open the survey of academic year {year} (1–31 July)? The dates can be changed later.").format(year=year),
        ):
            return
        try:
            self.ctx.survey.open_round(year)
        except KaplcError as exc:
            self.prompts.inform(self, _("The survey was not opened"), exc.message)
            return
        self.reload()

    def close_or_reopen(self) -> None:
        round_ = self.current_round()
        if round_ is None:
            return
        if round_.closed_on is None:
            if not self.prompts.confirm(
                self,
                _("Close the round?"),
                _("Close the survey of {year}? Its answers are frozen until the round is reopened.").format(
                    year=round_.academic_year
                ),
            ):
                return
            self.ctx.survey.close_round(round_.id)
        else:
            self.ctx.survey.reopen_round(round_.id)
        self.show_round()

    def open_form(self) -> None:
        from ..dialogs.survey_form_dialog import SurveyFormDialog

        person_id = self.current_person_id()
        round_ = self.current_round()
        if person_id is None or round_ is None:
            return
        sheet = self.ctx.survey.sheet(round_.id, person_id)
        dialog = SurveyFormDialog(self.ctx, sheet, self._topics(round_.academic_year), self)
        self.last_dialog = dialog
        if dialog.exec():
            self.show_round()
            self.select_person(person_id)

    def _topics(self, year: int) -> list[str]:
        settings = self.ctx.district_settings.for_year(year)
        return self.ctx.survey.topics(year, settings.needs_topics if settings else ())

    def print_form(self, blank: bool) -> None:
        from ...reports.pdf.development_pdf import survey_form_pdf

        round_ = self.current_round()
        if round_ is None:
            return
        person_id = None if blank else self.current_person_id()
        if not blank and person_id is None:
            return
        year = round_.academic_year
        preview_pdf(
            self,
            self.ctx.data_dir,
            _("Survey form"),
            f"survey-{year}.pdf",
            lambda target, progress: survey_form_pdf(self.ctx, year, person_id, target, blank=blank, progress=progress),
        )

    def export_workbook(self) -> None:
        from ...services.survey_exchange import export_survey

        round_ = self.current_round()
        info = self.ctx.workspace.get()
        if round_ is None or info is None:
            return
        year = round_.academic_year
        path = self.prompts.ask_save_path(
            self, _("Export the survey"), f"survey-{year}.xlsx", self.prompts.excel_filter()
        )
        if path is None:
            return
        settings = self.ctx.district_settings.for_year(year)
        topics = settings.needs_topics if settings else ()
        run_task(
            self,
            _("Writing the survey workbook…"),
            lambda progress: export_survey(
                self.ctx.survey, (info.owner_code, info.school_name or ""), path, year, topics, progress
            ),
            lambda n: self.prompts.inform(
                self,
                _("Survey exported"),
                _("The forms of {n} people were written to {path}.").format(n=n, path=path),
            ),
            self.ctx.data_dir,
        )

    def import_workbook(self) -> None:
        from ...services.survey_exchange import import_survey

        info = self.ctx.workspace.get()
        if info is None:
            return
        path = self.prompts.ask_open_path(self, _("Import the survey"), self.prompts.excel_filter())
        if path is None:
            return

        def checked(report: Any) -> None:
            if report.problems:
                shown = report.problems[:15]
                more = len(report.problems) - len(shown)
                text = "\n".join(shown) + (("\n" + _("… and {n} more.").format(n=more)) if more > 0 else "")
                self.prompts.inform(
                    self, _("Nothing was imported"), text + "\n\n" + _("Correct these cells and import the file again.")
                )
                return
            if not report.changed:
                self.prompts.inform(
                    self, _("Nothing to import"), _("Every sheet is as the app holds it; nothing was changed.")
                )
                return
            names = ", ".join(report.changed[:10]) + (" …" if len(report.changed) > 10 else "")
            if not self.prompts.confirm(
                self,
                _("Import the answers?"),
                _("{n} people's answers changed: {names}. Import them?").format(n=len(report.changed), names=names),
            ):
                return
            run_task(
                self,
                _("Importing the survey…"),
                lambda progress: import_survey(self.ctx.survey, info.owner_code, path, progress=progress),
                lambda _report: self.show_round(),
                self.ctx.data_dir,
            )

        run_task(
            self,
            _("Checking the workbook…"),
            lambda progress: import_survey(self.ctx.survey, info.owner_code, path, dry_run=True, progress=progress),
            checked,
            self.ctx.data_dir,
        )


def _today() -> Any:
    import datetime as dt

    return dt.date.today()
