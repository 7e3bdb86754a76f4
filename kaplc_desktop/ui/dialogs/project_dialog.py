"""An action plan project: the declared project form, and beside it the HR plan it serves, who is responsible and
the people it is for (ticked; a need from the survey ticks everyone who named it). The service saves the project
and its people together."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.kinds.hrd_plan import ACTION_PROJECT
from ...i18n import _
from ..widgets.field_editors import set_editor_value
from ..widgets.tick_list import TickList
from .record_dialog import RecordDialog


class ProjectDialog(RecordDialog):
    field_width = 220
    labels_above = frozenset({1})
    ask_before_discarding = True

    def __init__(
        self,
        ctx: Any,
        staff: Sequence[Any],
        plans: Sequence[Any],
        askers: Mapping[str, Sequence[str]],
        project: Any | None = None,
        people: Sequence[str] = (),
        defaults: Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.ctx, self._staff, self._plans, self._askers = ctx, staff, plans, askers
        self._people = set(people)
        self._project = project
        title = _("Edit project") if project else _("New project")
        super().__init__(ACTION_PROJECT, self._save_project, project, parent, title)
        self.setObjectName("projectDialog")
        if project is None and defaults:
            for name, value in defaults.items():
                if name in self.widgets:
                    set_editor_value(ACTION_PROJECT.field(name), self.widgets[name], value)
        if project is not None:
            self.plan.setCurrentIndex(max(self.plan.findData(project.hrd_plan_id), 0))
            self.responsible.setCurrentIndex(max(self.responsible.findData(project.responsible_id), 0))

    def extra_column(self) -> QWidget | None:
        box = QGroupBox(_("Plan, responsible person and who it is for"))
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.plan = QComboBox()
        self.plan.setObjectName("projectPlan")
        self.plan.addItem(_("(none)"), None)
        for plan in self._plans:
            self.plan.addItem(plan.title, plan.id)
        self.responsible = QComboBox()
        self.responsible.setObjectName("projectResponsible")
        self.responsible.addItem(_("(none)"), None)
        for person in self._staff:
            self.responsible.addItem(person.full_name_th, person.id)
        self.from_need = QComboBox()
        self.from_need.setObjectName("fromNeed")
        self.from_need.addItem(_("Tick those who named a need…"), None)
        for topic, people in sorted(self._askers.items(), key=lambda item: -len(item[1])):
            self.from_need.addItem(f"{topic} ({len(people)})", topic)
        self.from_need.activated.connect(self._tick_askers)
        form.addRow(_("HR development plan"), self.plan)
        form.addRow(_("Responsible person"), self.responsible)
        layout.addLayout(form)
        layout.addWidget(self.from_need)
        self.tick_list = TickList(_("Find a name…"))
        self.tick_list.add(((p.id, p.full_name_th) for p in self._staff), self._people)
        self.people, self.ticked = self.tick_list.people, self.tick_list.ticked
        layout.addWidget(self.tick_list, 1)
        return box

    def _tick_askers(self, index: int) -> None:
        topic = self.from_need.itemData(index)
        self.tick_list.tick(self._askers.get(topic, ()) if topic else ())
        self.from_need.setCurrentIndex(0)

    def chosen(self) -> list[str]:
        return self.tick_list.chosen()

    def snapshot(self) -> Any:
        return (self.values(), self.chosen(), self.plan.currentIndex(), self.responsible.currentIndex())

    def _save_project(self, values: dict[str, object]) -> Any:
        raw = {**values, "hrd_plan_id": self.plan.currentData(), "responsible_id": self.responsible.currentData()}
        return self.ctx.action_projects.save(raw, self.chosen(), self._project.id if self._project else None)
