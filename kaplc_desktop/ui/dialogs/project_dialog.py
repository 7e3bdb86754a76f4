"""An action plan project: the declared project form, and beside it the HR plan it serves, who is responsible and
the people it is for (ticked; a need from the survey ticks everyone who named it). The service saves the project
and its people together."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.kinds.hrd_plan import ACTION_PROJECT
from ...i18n import _
from ..widgets.field_editors import set_editor_value
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
        self.find = QLineEdit()
        self.find.setPlaceholderText(_("Find a name…"))
        self.find.setClearButtonEnabled(True)
        self.find.textChanged.connect(self._filter)
        self.people = QListWidget()
        self.people.setObjectName("projectPeople")
        for person in self._staff:
            item = QListWidgetItem(person.full_name_th)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person.id in self._people else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.people.setMinimumWidth(320)
        self.people.itemChanged.connect(self._count)
        self.ticked = QLabel()
        self.ticked.setObjectName("projectTicked")
        layout.addWidget(self.find)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.ticked)
        self._count()
        return box

    def _count(self, *_args: Any) -> None:
        self.ticked.setText(_("{n} people ticked").format(n=len(self.chosen())))

    def _tick_askers(self, index: int) -> None:
        topic = self.from_need.itemData(index)
        wanted = set(self._askers.get(topic, ())) if topic else set()
        for i in range(self.people.count()):
            item = self.people.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in wanted:
                item.setCheckState(Qt.CheckState.Checked)
        self.from_need.setCurrentIndex(0)

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for i in range(self.people.count()):
            item = self.people.item(i)
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())

    def chosen(self) -> list[str]:
        return [
            self.people.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.people.count())
            if self.people.item(i).checkState() == Qt.CheckState.Checked
        ]

    def snapshot(self) -> Any:
        return (self.values(), self.chosen(), self.plan.currentIndex(), self.responsible.currentIndex())

    def _save_project(self, values: dict[str, object]) -> Any:
        raw = {**values, "hrd_plan_id": self.plan.currentData(), "responsible_id": self.responsible.currentData()}
        return self.ctx.action_projects.save(raw, self.chosen(), self._project.id if self._project else None)
