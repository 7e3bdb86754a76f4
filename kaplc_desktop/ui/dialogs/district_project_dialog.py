"""A district development project: the declared project form, and beside it the district's 3-year HRD plan and
annual action plan it belongs to and the people it is for (everyone who named its need, ticked; more can be added
from another need). The service saves the project and its people together."""

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

from ...domain.kinds.district_plans import DISTRICT_PROJECT
from ...i18n import _
from ..widgets.field_editors import set_editor_value
from ..widgets.tick_list import TickList
from ..widgets.vocab_combo import narrow
from .record_dialog import RecordDialog


class DistrictProjectDialog(RecordDialog):
    field_width = 200
    labels_above = frozenset({1})
    ask_before_discarding = True

    def __init__(
        self,
        ctx: Any,
        project: Any | None = None,
        defaults: Mapping[str, Any] | None = None,
        people: Sequence[str] = (),
        topics: Sequence[tuple[str, str, int]] = (),
        topics_year: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`people`: those ticked (a new project from a need: everyone who named it); `topics`: (key, shown, people)
        of the needs whose people can be added, from the survey of `topics_year`."""
        self.ctx = ctx
        self._project = project
        self._topics, self._topics_year = topics, topics_year
        service = ctx.district_projects
        held = service.targets(project.id) if project is not None else []
        self._candidates = service.people_labels([*held, *people])
        self._ticked = set(held) | set(people)
        self._hrd_plans = ctx.district_plans.hrd_plans()
        self._action_plans = ctx.district_plans.action_plans()
        title = _("Edit district project") if project else _("New district project")
        super().__init__(DISTRICT_PROJECT, self._save_project, project, parent, title)
        self.setObjectName("districtProjectDialog")
        if project is None and defaults:
            for name, value in defaults.items():
                if name in self.widgets and value is not None:
                    set_editor_value(DISTRICT_PROJECT.field(name), self.widgets[name], value)
        if project is not None:
            self.hrd_plan.setCurrentIndex(max(self.hrd_plan.findData(project.hrd_plan_id), 0))
            self.action_plan.setCurrentIndex(max(self.action_plan.findData(project.action_plan_id), 0))

    def extra_column(self) -> QWidget | None:
        box = QGroupBox(_("Plans and who it is for"))
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.hrd_plan = QComboBox()
        self.hrd_plan.setObjectName("projectHrdPlan")
        self.action_plan = QComboBox()
        self.action_plan.setObjectName("projectActionPlan")
        for combo, plans in ((self.hrd_plan, self._hrd_plans), (self.action_plan, self._action_plans)):
            combo.addItem(_("(none)"), None)
            for plan in plans:
                combo.addItem(plan.title, plan.id)
        for combo in (self.hrd_plan, self.action_plan):
            narrow(combo)
        form.addRow(_("3-year HRD plan"), self.hrd_plan)
        form.addRow(_("Annual action plan"), self.action_plan)
        layout.addLayout(form)
        self.from_need = QComboBox()
        self.from_need.setObjectName("addFromNeed")
        self.from_need.addItem(_("Add those who named a need ({year})…").format(year=self._topics_year or "–"), None)
        for key, shown, count in self._topics:
            self.from_need.addItem(f"{shown} ({count})", key)
        self.from_need.setEnabled(bool(self._topics))
        narrow(self.from_need)
        self.from_need.activated.connect(self._add_askers)
        layout.addWidget(self.from_need)
        self.tick_list = TickList(_("Find a name or school…"))
        self.tick_list.add(self._candidates, self._ticked)
        self.people, self.ticked = self.tick_list.people, self.tick_list.ticked
        layout.addWidget(self.tick_list, 1)
        return box

    def _add_askers(self, index: int) -> None:
        key = self.from_need.itemData(index)
        self.from_need.setCurrentIndex(0)
        if not key or self._topics_year is None:
            return
        _values, wanted = self.ctx.district_projects.draft_from_need(self._topics_year, key)
        self.tick_list.add(self.ctx.district_projects.people_labels(wanted), wanted)

    def chosen(self) -> list[str]:
        return self.tick_list.chosen()

    def snapshot(self) -> Any:
        return (self.values(), self.chosen(), self.hrd_plan.currentIndex(), self.action_plan.currentIndex())

    def _save_project(self, values: dict[str, object]) -> Any:
        raw = {**values, "hrd_plan_id": self.hrd_plan.currentData(), "action_plan_id": self.action_plan.currentData()}
        return self.ctx.district_projects.save(raw, self.chosen(), self._project.id if self._project else None)
