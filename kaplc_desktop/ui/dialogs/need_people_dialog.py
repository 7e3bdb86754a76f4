"""Who named a development need: the people a district project on it is for, by school, with an Excel export (the
target list the district sends out with the project)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout

from ...i18n import _
from ...services.dashboards.figures import Table
from ..widgets.thai_text import plain_label


class NeedPeopleDialog(QDialog):
    def __init__(self, page: Any, people: Table, subtitle: str, year: int, topic: str) -> None:
        """`topic`: the need's key, for a project made from it (of the survey of `year`)."""
        super().__init__(page)
        from ..pages.dashboards_page import export_tables, show_table, table_view

        self.setObjectName("needPeopleDialog")
        self.setWindowTitle(people.title)
        title = plain_label(people.title)
        title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        title.setWordWrap(True)
        note = plain_label(people.note)
        self.view = table_view()
        show_table(self.view, people)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        export = QPushButton(_("Export to Excel…"))
        export.setObjectName("exportPeople")
        shown = page.ctx.dashboards.topic_shown(year, topic) or topic
        export.clicked.connect(lambda: export_tables(page, [people], subtitle, _("Target list") + " " + shown))
        buttons.addButton(export, QDialogButtonBox.ButtonRole.ActionRole)
        project = QPushButton(_("Make a district project…"))
        project.setObjectName("makeProject")
        project.setToolTip(_("A district development project on this need, for these people"))
        project.clicked.connect(lambda: self.make_project(page, year, topic))
        buttons.addButton(project, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(1000, 560)

    def make_project(self, page: Any, year: int, topic: str) -> None:
        from ..pages.planning_page import project_dialog

        values, people = page.ctx.district_projects.draft_from_need(year, topic)
        held = page.ctx.district_projects.for_need(year, str(values["need_topic"]))
        if held and not page.prompts.confirm(
            self,
            _("District project"),
            _("A project for this need was made already: “{name}”. Make another?").format(name=held[0].name),
        ):
            return
        dialog = project_dialog(page.ctx, None, self, defaults=values, people=people)
        dialog.prompts = page.prompts
        if dialog.exec() and dialog.saved is not None:
            page.prompts.inform(
                self,
                _("District project"),
                _("“{name}” is saved, for {n} people. It is on the page Plans and projects.").format(
                    name=dialog.saved.name, n=len(dialog.chosen())
                ),
            )
