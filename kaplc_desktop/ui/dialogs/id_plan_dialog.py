"""A person's development plan of a year (ID Plan): the declared plan form, and beside it its activities, each
edited in the activity's own declared form. A new plan opens drafted from the person's survey; the service saves
the plan and its activities together."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import buddhist_date, vocabularies
from ...domain.kinds.id_plan import ID_PLAN, ID_PLAN_ACTIVITY
from ...i18n import _
from ...services.id_plans import ActivityInput, PlanDraft
from ..widgets.field_editors import set_editor_value
from ..widgets.table_keys import TableKeys
from ..widgets.thai_text import plain_label
from .record_dialog import RecordDialog

COLUMNS = ("topic", "method", "period", "hours", "budget", "status")


class ActivityDialog(RecordDialog):
    """One activity, in the activity's declared form; `save` checks it without writing (the plan saves it)."""

    field_width = 240
    ask_before_discarding = True

    def __init__(self, save: Any, activity: ActivityInput | None, parent: QWidget | None = None) -> None:
        title = _("Edit activity") if activity else _("New activity")
        super().__init__(ID_PLAN_ACTIVITY, save, None, parent, title)
        self.setObjectName("activityDialog")
        self.prompts = getattr(parent, "prompts", None)  # the plan's (tests replace it)
        if activity is not None:
            for name, widget in self.widgets.items():
                set_editor_value(ID_PLAN_ACTIVITY.field(name), widget, getattr(activity, name, None))


class IdPlanDialog(RecordDialog):
    field_width = 190
    ask_before_discarding = True
    labels_above = frozenset({0})

    def __init__(self, ctx: Any, draft: PlanDraft, parent: QWidget | None = None) -> None:
        from .. import file_prompts

        self.prompts = file_prompts  # tests replace it
        self.ctx, self.draft = ctx, draft
        self.activities: list[ActivityInput] = list(draft.activities)
        title = _("Development plan {year} — {name}").format(year=draft.academic_year, name=draft.name)
        super().__init__(ID_PLAN, self._save_plan, None, parent, title)
        self.setObjectName("idPlanDialog")
        for name, value in draft.values.items():
            if name in self.widgets:
                set_editor_value(ID_PLAN.field(name), self.widgets[name], value)
        self._show_activities()
        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        self._typed = self.snapshot()

    def extra_column(self) -> QWidget | None:
        box = QGroupBox(_("Development activities"))
        layout = QVBoxLayout(box)
        note = (
            _("Drafted from the survey: the largest gaps first, then the needs named.")
            if (self.draft.plan is None and self.draft.activities)
            else ""
        )
        self.draft_note = plain_label(note)
        self.draft_note.setWordWrap(True)
        self.draft_note.setVisible(bool(note))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("activityTable")
        self.table.setHorizontalHeaderLabels(
            [_("What to develop"), _("Way of development"), _("Period"), _("Hours"), _("Budget (baht)"), _("Status")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((0, 110, 125, 55, 115, 90)):
            if column:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self.table.setColumnWidth(column, width)
        self.table.setMinimumWidth(640)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _i: self.edit_activity())
        TableKeys(self.table, self.edit_activity, self.remove_activity)
        self.add_button = QPushButton(_("Add an activity…"))
        self.add_button.setObjectName("addActivity")
        self.add_button.clicked.connect(self.add_activity)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_activity)
        self.remove_button = QPushButton(_("Delete"))
        self.remove_button.clicked.connect(self.remove_activity)
        self.up_button = QPushButton(_("Move up"))
        self.up_button.clicked.connect(lambda: self.move_activity(-1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.up_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.totals = plain_label()
        buttons.addWidget(self.totals)
        layout.addWidget(self.draft_note)
        layout.addLayout(buttons)  # above the table: in reach without scrolling on a 768-pixel screen
        layout.addWidget(self.table, 1)
        return box

    def _show_activities(self, select: int | None = None) -> None:
        self.table.setRowCount(len(self.activities))
        for row, a in enumerate(self.activities):
            period = " – ".join(_month_year(d) for d in (a.starts_on, a.ends_on) if d)
            cells = (
                str(a.topic),
                vocabularies.label("development_method", str(a.method or "")),
                period,
                "" if a.hours is None else str(a.hours),
                "" if a.budget is None else f"{a.budget:,}",
                vocabularies.label("activity_status", str(a.status or "planned")),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column in (3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        hours = sum(int(a.hours or 0) for a in self.activities)
        budget = sum(int(a.budget or 0) for a in self.activities)
        self.totals.setText(
            _("{n} activities · {hours} hours · {budget} baht").format(
                n=len(self.activities), hours=hours, budget=f"{budget:,}"
            )
        )
        if select is not None and 0 <= select < len(self.activities):
            self.table.selectRow(select)

    def _current(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def add_activity(self) -> None:
        dialog = ActivityDialog(self.ctx.id_plans.clean_activity, None, self)
        if dialog.exec():
            self.activities.append(dialog.saved)
            self._show_activities(len(self.activities) - 1)

    def edit_activity(self) -> None:
        row = self._current()
        if row < 0:
            return
        dialog = ActivityDialog(self.ctx.id_plans.clean_activity, self.activities[row], self)
        if dialog.exec():
            self.activities[row] = dialog.saved
            self._show_activities(row)

    def remove_activity(self) -> None:
        row = self._current()
        if row >= 0:
            del self.activities[row]
            self._show_activities(min(row, len(self.activities) - 1))

    def move_activity(self, step: int) -> None:
        row = self._current()
        other = row + step
        if row >= 0 and 0 <= other < len(self.activities):
            self.activities[row], self.activities[other] = self.activities[other], self.activities[row]
            self._show_activities(other)

    def _save_plan(self, values: dict[str, object]) -> Any:
        return self.ctx.id_plans.save(self.draft.person.id, self.draft.academic_year, values, self.activities)

    def snapshot(self) -> tuple[Any, ...]:
        """The plan's fields and its activities: Esc asks before throwing either away (RecordDialog)."""
        return (self.values(), list(self.activities))


def _month_year(day: Any) -> str:
    """ส.ค. 2569: a plan's activities run for months; the day would only crowd the column."""
    return buddhist_date.format_medium(day).split(" ", 1)[1]
