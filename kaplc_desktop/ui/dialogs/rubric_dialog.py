"""A scoring rubric: the declared form (name, year, level, award category) and beside it its criteria, one row
each: what is judged, its weight and the highest score a reviewer may give."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.kinds.portfolio_review import REVIEW_RUBRIC
from ...i18n import _
from .record_dialog import RecordDialog

BLANK = ("", "1", "10")


class RubricDialog(RecordDialog):
    field_width = 240
    ask_before_discarding = True

    def __init__(self, ctx: Any, rubric: Any | None = None, parent: QWidget | None = None) -> None:
        self.ctx = ctx
        self._rubric = rubric
        held = ctx.review_rubrics.criteria(rubric.id) if rubric is not None else []
        self._rows = [(c.name, str(c.weight), str(c.max_score)) for c in held] or [BLANK]
        super().__init__(REVIEW_RUBRIC, self._save_rubric, rubric, parent, _("Scoring rubric"))
        self.setObjectName("rubricDialog")
        if rubric is None:  # a new rubric: this year's works, at the district's own selection
            from ...domain import thai_years
            from ...services.submission_tracking import thai_today
            from ..widgets.field_editors import set_editor_value

            for name, value in (("level", "district"), ("academic_year", thai_years.academic_year(thai_today()))):
                set_editor_value(REVIEW_RUBRIC.field(name), self.widgets[name], value)

    def extra_column(self) -> QWidget | None:
        box = QGroupBox(_("Criteria"))
        layout = QVBoxLayout(box)
        self.criteria = QTableWidget(0, 3)
        self.criteria.setObjectName("rubricCriteria")
        self.criteria.setHorizontalHeaderLabels([_("Criterion"), _("Weight"), _("Highest score")])
        self.criteria.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.criteria.setMinimumWidth(420)
        for row in self._rows:
            self._add_criterion(row)
        add = QPushButton(_("Add a criterion"))
        add.setObjectName("addCriterion")
        add.clicked.connect(lambda: self._add_criterion(BLANK))
        remove = QPushButton(_("Remove the chosen one"))
        remove.setObjectName("removeCriterion")
        remove.clicked.connect(self._remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addWidget(self.criteria, 1)
        layout.addLayout(buttons)
        return box

    def typed_table(self) -> QWidget | None:
        return self.criteria

    def _add_criterion(self, values: tuple[str, str, str]) -> None:
        row = self.criteria.rowCount()
        self.criteria.insertRow(row)
        for col, value in enumerate(values):
            self.criteria.setItem(row, col, QTableWidgetItem(value))

    def _remove_row(self) -> None:
        row = self.criteria.currentRow()
        if row >= 0 and self.criteria.rowCount() > 1:
            self.criteria.removeRow(row)

    def typed_criteria(self) -> list[dict[str, object]]:
        """The rows with a name, in order (an empty row is a row not filled in yet)."""
        found = []
        for row in range(self.criteria.rowCount()):
            cells = [self.criteria.item(row, col) for col in range(3)]
            name, weight, most = (c.text().strip() if c is not None else "" for c in cells)
            if name or weight not in ("", "1") or most not in ("", "10"):
                found.append({"name": name, "weight": weight, "max_score": most})
        return found

    def snapshot(self) -> Any:
        return (self.values(), self.typed_criteria())

    def _save_rubric(self, values: dict[str, object]) -> Any:
        rubric_id = self._rubric.id if self._rubric is not None else None
        return self.ctx.review_rubrics.save(values, self.typed_criteria(), rubric_id)
