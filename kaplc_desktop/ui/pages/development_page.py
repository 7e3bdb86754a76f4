"""The yearly development cycle (school): the July survey, the gaps it shows, each person's development plan (ID
Plan), the school's HR development plan with its action plan projects, and the outcomes development is judged by.
Each tab reloads when its records change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...context import AppContext
from ...domain import buddhist_date, vocabularies
from ...domain.kinds.hrd_plan import ACTION_PROJECT, HRD_PLAN, HRD_REVIEW
from ...domain.kinds.outcomes import ACHIEVEMENT_RESULT, PERFORMANCE_AGREEMENT
from ...domain.thai_years import academic_year, fiscal_year
from ...i18n import _
from ...services.survey import status_label
from .. import file_prompts
from ..change_relay import refresh_on
from ..pdf_preview import preview_pdf
from ..widgets.gap_chart import GapChart
from ..widgets.record_list_panel import RecordListPanel
from ..widgets.table_keys import TableKeys
from ..widgets.thai_text import plain_label
from .survey_tab import SurveyTab

SURVEY_TABLES = ("survey_rounds", "survey_forms", "survey_ratings", "survey_needs", "personnel", "district_settings")
PLAN_TABLES = ("id_plans", "id_plan_activities", *SURVEY_TABLES)
HRD_TABLES = ("hrd_plans", "hrd_reviews", "action_projects", "action_targets", "personnel")
OUTCOME_TABLES = ("achievement_results", "performance_agreements", "personnel")


def _today() -> dt.date:
    return dt.date.today()


class DevelopmentPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("developmentPage")
        self.ctx = ctx
        self.survey = SurveyTab(ctx)
        self.gaps = GapsTab(ctx)
        self.plans = PlansTab(ctx)
        self.hrd = HrdTab(ctx)
        self.outcomes = OutcomesTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.survey, _("July survey"))
        self.tabs.addTab(self.gaps, _("Gaps and needs"))
        self.tabs.addTab(self.plans, _("Development plans (ID Plan)"))
        self.tabs.addTab(self.hrd, _("HR plan and projects"))
        self.tabs.addTab(self.outcomes, _("Outcomes"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.survey.reload()
        for tab, tables in (
            (self.survey, SURVEY_TABLES),
            (self.gaps, SURVEY_TABLES),
            (self.plans, PLAN_TABLES),
            (self.hrd, HRD_TABLES),
            (self.outcomes, OUTCOME_TABLES),
        ):
            refresh_on(ctx.db.changes, tab, tables, lambda t=tab: self._refresh(t))
        self.tabs.currentChanged.connect(self._tab_changed)

    def _tab_changed(self, index: int) -> None:
        """A tab shown reloads (a bound method, not a lambda: Qt drops it with the page, which a tab widget being
        destroyed would otherwise call into)."""
        tab = self.tabs.widget(index)
        if tab is not None and self.isVisible():
            tab.reload()  # type: ignore[attr-defined]

    def _refresh(self, tab: Any) -> None:
        """A change reloads the tab in view; another reloads when it is shown."""
        if self.tabs.currentWidget() is tab:
            tab.reload()


def _year_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    return combo


def _fill_years(combo: QComboBox, years: set[int]) -> None:
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for year in sorted(years, reverse=True):
        combo.addItem(str(year), year)
    index = combo.findData(chosen)
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)


class GapsTab(QWidget):
    """Per competency, expected against actual across the school; the most named needs; one person's gaps."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gapsTab")
        self.ctx = ctx
        self.year = _year_combo("gapsYear")
        self.year.currentIndexChanged.connect(lambda _i: self.show_year())
        self.person = QComboBox()
        self.person.setObjectName("gapsPerson")
        self.person.currentIndexChanged.connect(lambda _i: self.show_person())
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Academic year")))
        top.addWidget(self.year)
        top.addStretch(1)
        self.summary = plain_label()
        top.addWidget(self.summary)
        self.chart = GapChart()
        chart_box = QGroupBox(
            _("The school: expected and agreed level per competency, largest gap first (in brackets: people rated)")
        )
        chart_layout = QVBoxLayout(chart_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        chart_layout.addWidget(scroll)
        self.needs = QTableWidget(0, 4)
        self.needs.setObjectName("topNeeds")
        self.needs.setHorizontalHeaderLabels([_("What to develop"), _("People"), _("Priority"), _("Mostly by")])
        self.needs.verticalHeader().hide()
        self.needs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.needs.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.needs.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        needs_box = QGroupBox(_("The school's most named needs"))
        QVBoxLayout(needs_box).addWidget(self.needs)
        self.person_table = QTableWidget(0, 5)
        self.person_table.setObjectName("personGaps")
        self.person_table.setHorizontalHeaderLabels(
            [_("Competency"), _("Expected level"), _("Self rating"), _("Director's rating"), _("Gap")]
        )
        self.person_table.verticalHeader().hide()
        self.person_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.person_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            self.person_table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        person_box = QGroupBox(_("One person's gaps"))
        person_layout = QVBoxLayout(person_box)
        person_layout.addWidget(self.person)
        person_layout.addWidget(self.person_table)
        lower = QSplitter()
        lower.addWidget(needs_box)
        lower.addWidget(person_box)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(chart_box)
        splitter.addWidget(lower)
        splitter.setSizes([360, 280])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def reload(self) -> None:
        _fill_years(self.year, {r.academic_year for r in self.ctx.survey.rounds()} or {academic_year(_today())})
        self.show_year()

    def _round(self) -> Any | None:
        year = self.year.currentData()
        return next((r for r in self.ctx.survey.rounds() if r.academic_year == year), None)

    def show_year(self) -> None:
        round_ = self._round()
        view = self.ctx.survey.school_view(round_.id) if round_ is not None else None
        self.chart.set_gaps(view.gaps if view else ())
        needs = view.needs if view else ()
        self.needs.setRowCount(len(needs))
        for row, need in enumerate(needs):
            cells = (need.topic, str(need.count), f"{need.priority:.1f}", need.method_label)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.needs.setItem(row, column, item)
        if view is None:
            self.summary.setText(_("No survey in this year."))
        else:
            below = sum(g.below for g in view.gaps)
            self.summary.setText(
                _("{done} of {n} forms done · {below} ratings below the expected level").format(
                    done=view.progress.count("done"), n=len(view.progress.sheets), below=below
                )
            )
        chosen = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        for sheet in view.progress.sheets if view else ():
            if sheet.form is not None:
                self.person.addItem(sheet.name, sheet.person.id)
        index = self.person.findData(chosen)
        self.person.setCurrentIndex(index if index >= 0 else 0)
        self.person.blockSignals(False)
        self.show_person()

    def show_person(self) -> None:
        round_ = self._round()
        person_id = self.person.currentData()
        lines = self.ctx.survey.sheet(round_.id, person_id).ratings if round_ and person_id else ()
        ordered = sorted(lines, key=lambda r: -(r.gap or 0))
        self.person_table.setRowCount(len(ordered))
        for row, r in enumerate(ordered):
            cells = (r.label, r.expected_level, r.self_level, r.director_level, r.gap)
            for column, value in enumerate(cells):
                item = QTableWidgetItem("" if value is None else str(value))
                item.setToolTip(item.text())
                if column == 4 and r.gap:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.person_table.setItem(row, column, item)


class PlansTab(QWidget):
    """Each person's development plan of a year: opened (Enter) drafted from their survey when they have none."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plansTab")
        self.ctx = ctx
        self.prompts = file_prompts
        self.year = _year_combo("plansYear")
        self.year.currentIndexChanged.connect(lambda _i: self.show_year())
        self.open_button = QPushButton(_("Open the plan"))
        self.open_button.setObjectName("openPlan")
        self.open_button.clicked.connect(self.open_plan)
        self.print_button = QPushButton(_("Print the plan…"))
        self.print_button.setObjectName("printPlan")
        self.print_button.clicked.connect(self.print_plan)
        self.delete_button = QPushButton(_("Delete the plan"))
        self.delete_button.clicked.connect(self.delete_plan)
        self.counts = plain_label()
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Academic year")))
        top.addWidget(self.year)
        for button in (self.open_button, self.print_button, self.delete_button):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.counts)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("planTable")
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("Position"), _("Survey"), _("Development plan"), _("Approved on")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.open_plan())
        self.table.itemSelectionChanged.connect(self._enable)
        TableKeys(self.table, self.open_plan)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_plan)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.lines: list[Any] = []

    def reload(self) -> None:
        years = {r.academic_year for r in self.ctx.survey.rounds()} | {
            p.academic_year for p in self.ctx.id_plans.plans()
        }
        _fill_years(self.year, years | {academic_year(_today())})
        self.show_year()

    def show_year(self) -> None:
        chosen = self.current_person_id()
        year = self.year.currentData()
        self.lines = self.ctx.id_plans.lines(year, self.ctx.survey) if year else []
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            plan = line.plan
            cells = (
                line.person.full_name_th,
                vocabularies.label("position", line.person.position),
                status_label(line.survey_status) if line.survey_status else _("no survey"),
                _("{n}% done").format(n=plan.progress) if plan else _("no plan yet"),
                buddhist_date.format_short(plan.approved_on) if plan and plan.approved_on else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, line.person.id)
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        made = sum(line.plan is not None for line in self.lines)
        approved = sum(line.plan is not None and line.plan.approved_on is not None for line in self.lines)
        self.counts.setText(
            _("{made} plans of {n} people · {approved} approved").format(
                made=made, n=len(self.lines), approved=approved
            )
        )
        self._select(chosen)
        self._enable()

    def _select(self, person_id: str | None) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == person_id:
                self.table.selectRow(row)
                return
        if self.table.rowCount():
            self.table.selectRow(0)

    def current_person_id(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _plan(self) -> Any | None:
        person_id = self.current_person_id()
        return next((line.plan for line in self.lines if line.person.id == person_id), None)

    def _enable(self) -> None:
        self.open_button.setEnabled(self.current_person_id() is not None)
        has_plan = self._plan() is not None
        self.print_button.setEnabled(has_plan)
        self.delete_button.setEnabled(has_plan)

    def open_plan(self) -> None:
        from ..dialogs.id_plan_dialog import IdPlanDialog

        person_id = self.current_person_id()
        if person_id is None:
            return
        draft = self.ctx.id_plans.draft(person_id, self.year.currentData(), self.ctx.survey)
        dialog = IdPlanDialog(self.ctx, draft, self)
        self.last_dialog = dialog
        if dialog.exec():
            self.show_year()
            self._select(person_id)

    def print_plan(self) -> None:
        from ...reports.pdf.development_pdf import id_plan_pdf

        plan = self._plan()
        if plan is None:
            return
        year = plan.academic_year
        person_id = plan.person_id
        preview_pdf(
            self,
            self.ctx.data_dir,
            _("Development plan"),
            f"id-plan-{year}.pdf",
            lambda target, progress: id_plan_pdf(self.ctx, person_id, year, target, progress=progress),
        )

    def delete_plan(self) -> None:
        plan = self._plan()
        if plan is None:
            return
        if self.prompts.confirm(
            self,
            _("Delete the plan?"),
            _("Move this development plan and its activities to the Trash? Edit → Undo brings them back."),
        ):
            self.ctx.id_plans.delete(plan.id)
            self.show_year()


class HrdTab(QWidget):
    """The HR development plans with their yearly reviews, and the action plan's projects of a fiscal year."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hrdTab")
        self.ctx = ctx
        self.plans = RecordListPanel(HRD_PLAN, lambda: ctx.hrd_plans, lambda: ctx.hrd_plans.list())
        self.reviews = RecordListPanel(
            HRD_REVIEW,
            lambda: ctx.hrd_reviews,
            self._reviews,
            extra=lambda: {"plan_id": self.plans.current().id} if self.plans.current() else None,
        )
        self.plans.table.selectionModel().selectionChanged.connect(self._plan_chosen)
        plans_box = QGroupBox(_("HR development plans"))
        QVBoxLayout(plans_box).addWidget(self.plans)
        reviews_box = QGroupBox(_("Yearly reviews of the chosen plan"))
        QVBoxLayout(reviews_box).addWidget(self.reviews)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(plans_box)
        left.addWidget(reviews_box)
        self.fiscal = _year_combo("projectYear")
        self.fiscal.currentIndexChanged.connect(lambda _i: self.projects.reload())
        self.projects = RecordListPanel(
            ACTION_PROJECT,
            lambda: ctx.action_projects,
            self._projects,
            columns=("name", "status", "responsible_id", "starts_on", "ends_on", "budget"),
            names=lambda: {"responsible_id": {p.id: p.full_name_th for p in ctx.personnel.list()}},
            dialog=self._project_dialog,
        )
        projects_box = QGroupBox(_("Action plan projects"))
        projects_layout = QVBoxLayout(projects_box)
        year_row = QHBoxLayout()
        year_row.addWidget(QLabel(_("Fiscal year")))
        year_row.addWidget(self.fiscal)
        year_row.addStretch(1)
        projects_layout.addLayout(year_row)
        projects_layout.addWidget(self.projects)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(projects_box)
        splitter.setSizes([520, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _plan_chosen(self, *_args: Any) -> None:
        self.reviews.reload()

    def _reviews(self) -> list[Any]:
        plan = self.plans.current()
        return self.ctx.hrd_plans.reviews(plan.id) if plan else []

    def _projects(self) -> list[Any]:
        return self.ctx.action_projects.projects(self.fiscal.currentData())

    def _project_dialog(self, record: Any | None, parent: QWidget) -> Any:
        from ..dialogs.project_dialog import ProjectDialog

        staff = [
            p for p in self.ctx.personnel.list() if p.status == "active" or (record and p.id == record.responsible_id)
        ]
        year = academic_year(_today())
        askers: dict[str, list[str]] = {}
        for round_ in self.ctx.survey.rounds():
            if round_.academic_year == year:
                askers = self.ctx.survey.askers(round_.id)
        people = self.ctx.action_projects.targets(record.id) if record else []
        plan = self.ctx.hrd_plans.plan_for(year)
        defaults = {"fiscal_year": self.fiscal.currentData()}
        dialog = ProjectDialog(self.ctx, staff, self.ctx.hrd_plans.list(), askers, record, people, defaults, parent)
        if record is None and plan is not None:
            dialog.plan.setCurrentIndex(max(dialog.plan.findData(plan.id), 0))
        return dialog

    def reload(self) -> None:
        self.plans.reload()
        self.reviews.reload()
        years = {p.fiscal_year for p in self.ctx.action_projects.list()} | {fiscal_year(_today())}
        _fill_years(self.fiscal, years)
        self.projects.reload()


class OutcomesTab(QWidget):
    """Learning achievement the school tracks, and each person's performance-agreement tasks with their results."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomesTab")
        self.ctx = ctx
        self.achievement = RecordListPanel(
            ACHIEVEMENT_RESULT,
            lambda: ctx.achievement,
            lambda: ctx.achievement.list(),
            columns=("academic_year", "test", "grade_level", "learning_area", "school_result", "school_target"),
            defaults=lambda: {"academic_year": academic_year(_today()) - 1},
        )
        self.person = QComboBox()
        self.person.setObjectName("agreementPerson")
        self.person.currentIndexChanged.connect(lambda _i: self.agreements.reload())
        self.agreements = RecordListPanel(
            PERFORMANCE_AGREEMENT,
            lambda: ctx.agreements,
            self._agreements,
            columns=("fiscal_year", "result_level", "task"),
            extra=lambda: {"person_id": self.person.currentData()} if self.person.currentData() else None,
            whose=lambda: self.person.currentText(),
            defaults=lambda: {"fiscal_year": fiscal_year(_today())},
        )
        achievement_box = QGroupBox(_("Learning achievement"))
        QVBoxLayout(achievement_box).addWidget(self.achievement)
        agreements_box = QGroupBox(_("Performance agreements (PA)"))
        agreements_layout = QVBoxLayout(agreements_box)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Staff member")))
        row.addWidget(self.person, 1)
        agreements_layout.addLayout(row)
        agreements_layout.addWidget(self.agreements)
        splitter = QSplitter()
        splitter.addWidget(achievement_box)
        splitter.addWidget(agreements_box)
        splitter.setSizes([700, 580])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _agreements(self) -> list[Any]:
        person_id = self.person.currentData()
        return self.ctx.agreements.list(match={"person_id": person_id}) if person_id else []

    def reload(self) -> None:
        chosen = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        for person in self.ctx.personnel.list():
            if person.status == "active":
                self.person.addItem(person.full_name_th, person.id)
        index = self.person.findData(chosen)
        self.person.setCurrentIndex(index if index >= 0 else 0)
        self.person.blockSignals(False)
        self.achievement.reload()
        self.agreements.reload()
