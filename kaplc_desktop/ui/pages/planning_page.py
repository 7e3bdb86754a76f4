"""The district's Plans and projects page: its development projects (each with the people it is for, by school,
and that list to Excel) and its own 3-year HRD plans and annual action plans. A project is usually made from a
need on the Dashboards page ("Who named it", then "Make a district project")."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QTabWidget, QVBoxLayout, QWidget

from ...context import AppContext
from ...domain import thai_years
from ...domain.kinds.district_plans import DISTRICT_PLAN, DISTRICT_PROJECT, DISTRICT_PROJECT_TARGET
from ...i18n import _
from ...services.submission_tracking import thai_today
from .. import file_prompts
from ..change_relay import refresh_on
from ..widgets.record_list_panel import RecordListPanel
from ..widgets.thai_text import plain_label
from .dashboards_page import export_tables, show_table, table_view

WATCHED = (
    DISTRICT_PLAN.table,
    DISTRICT_PROJECT.table,
    DISTRICT_PROJECT_TARGET.table,
    "registered_schools",
    "personnel",
)


def need_topics(ctx: AppContext) -> tuple[int | None, list[tuple[str, str, int]]]:
    """The newest survey year with needs, and its topics (key, as shown, people) most named first."""
    for year in ctx.dashboards.years(thai_today()):
        if year > thai_years.academic_year(thai_today()):
            continue
        found = ctx.dashboards.need_topics(year)
        if found:
            return year, [(t.key, t.shown, t.people) for t in found]
    return None, []


def project_dialog(ctx: AppContext, record: Any | None, parent: QWidget, **draft: Any) -> Any:
    from ..dialogs.district_project_dialog import DistrictProjectDialog

    year, topics = need_topics(ctx)
    return DistrictProjectDialog(ctx, record, topics=topics, topics_year=year, parent=parent, **draft)


class PlanningPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planningPage")
        self.ctx = ctx
        self.prompts = file_prompts  # tests replace it
        heading = plain_label(_("Plans and projects"))
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        explain = plain_label(
            _(
                "The district's development projects and the people each is for. To make one from a need the "
                "schools named, open Dashboards → Development needs, choose the need and press “Who named it”."
            )
        )
        explain.setWordWrap(True)
        self.projects = RecordListPanel(
            DISTRICT_PROJECT,
            lambda: ctx.district_projects,
            lambda: ctx.district_projects.list(),
            dialog=lambda record, parent: self._dialog(record, parent),
        )
        self.projects.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_people())
        self.people_title = plain_label()
        self.people_title.setStyleSheet("font-weight: bold;")
        self.people_title.setWordWrap(True)  # a long project name wraps; it never widens the window
        self.people_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.people = table_view()
        self.people.setObjectName("projectPeopleTable")
        self.export_button = QPushButton(_("Export the list to Excel…"))
        self.export_button.setObjectName("exportProjectPeople")
        self.export_button.clicked.connect(self.export_people)
        people_bar = QHBoxLayout()
        people_bar.addWidget(self.people_title, 1)
        people_bar.addWidget(self.export_button)
        projects_tab = QWidget()
        projects_layout = QVBoxLayout(projects_tab)
        projects_layout.addWidget(explain)
        projects_layout.addWidget(self.projects, 1)
        projects_layout.addLayout(people_bar)
        projects_layout.addWidget(self.people, 1)
        self.plans = RecordListPanel(DISTRICT_PLAN, lambda: ctx.district_plans, lambda: ctx.district_plans.list())
        self.tabs = QTabWidget()
        self.tabs.addTab(projects_tab, _("Projects"))
        self.tabs.addTab(self.plans, _("The district's plans"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        self._people_table: Any = None
        refresh_on(ctx.db.changes, self, WATCHED, self.refresh)
        self.refresh()

    def _dialog(self, record: Any | None, parent: QWidget) -> Any:
        dialog = project_dialog(self.ctx, record, parent)
        dialog.prompts = self.prompts
        return dialog

    def refresh(self) -> None:
        self.projects.reload()
        self.plans.reload()
        self._show_people()

    def _show_people(self) -> None:
        project = self.projects.current()
        self.export_button.setEnabled(project is not None)
        if project is None:
            self._people_table = None
            self.people_title.setText(_("Choose a project to see the people it is for."))
            self.people.setModel(None)
            return
        self._people_table = self.ctx.district_projects.target_table(project.id)
        self.people_title.setText(f"{self._people_table.title} · {self._people_table.note}")
        show_table(self.people, self._people_table)

    def export_people(self) -> None:
        project = self.projects.current()
        if project is None or self._people_table is None:
            return
        subtitle = _("District development project, fiscal year {year}").format(year=project.fiscal_year)
        export_tables(self, [self._people_table], subtitle, project.name)
