"""One person's July survey form: each competency with the level expected of them, their own rating and the
director's (chosen from a drop-down: typing the digit picks the level; the gap shows as you choose), the needs they
name (a topic from the catalogue or typed, the competency, priority and way), the dates and comments. The service
saves all of it together; a closed round shows the form read-only."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
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
from ...domain.kinds.survey import METHOD_TRAINING, PRIORITY_MEDIUM
from ...errors import ValidationError
from ...i18n import _
from ...services.survey import NeedInput, RatingInput, SurveySheet, status_label
from ..widgets.be_date_edit import BuddhistDateEdit
from ..widgets.field_editors import text_box
from ..widgets.level_combo import LevelCombo
from ..widgets.thai_text import error_label, plain_label
from ..widgets.vocab_combo import VocabularyCombo

COMPETENCY, EXPECTED, SELF, DIRECTOR, GAP = range(5)
TOPIC, NEED_COMPETENCY, PRIORITY, METHOD = range(4)
MAX_NEEDS_SHOWN = 20
ROW_HEIGHT = 28
MAX_RATINGS_SHOWN = 11  # a teacher's eleven competencies without scrolling, on a 768-pixel screen


class SurveyFormDialog(QDialog):
    def __init__(self, ctx: Any, sheet: SurveySheet, topics: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from .. import file_prompts

        self.prompts = file_prompts  # tests replace it
        self.ctx, self.sheet, self._topics = ctx, sheet, topics
        self.saved: SurveySheet | None = None
        self.frozen = sheet.round.closed_on is not None
        self.setObjectName("surveyFormDialog")
        self.setWindowTitle(_("Survey form {year} — {name}").format(year=sheet.round.academic_year, name=sheet.name))
        self._build()
        self._fill()
        self._typed = self._snapshot()
        if self.frozen:
            self._freeze()

    # --- layout ----------------------------------------------------------------------------------------------
    def _build(self) -> None:
        person = self.sheet.person
        about = " · ".join(
            part
            for part in (
                self.sheet.name,
                person.display("position"),
                person.display("academic_standing"),
                _("competencies of: {set}").format(set=vocabularies.label("competency_set", self.sheet.competency_set)),
            )
            if part
        )
        self.about = plain_label(about)
        self.about.setObjectName("surveyAbout")
        self.state = plain_label(_("Status: {status}").format(status=status_label(self.sheet.status)))
        self.closed_note = plain_label(
            _(
                "The survey of {year} was closed on {date}: this form can only be read. Reopen the round to change it."
            ).format(year=self.sheet.round.academic_year, date=buddhist_date.format_short(self.sheet.round.closed_on))
        )
        self.closed_note.setWordWrap(True)
        self.closed_note.setStyleSheet("background: #fdecea; padding: 6px;")
        self.closed_note.setVisible(self.frozen)

        self.ratings = QTableWidget(len(self.sheet.ratings), 5)
        self.ratings.setObjectName("ratingTable")
        self.ratings.setHorizontalHeaderLabels(
            [_("Competency"), _("Expected level"), _("Self rating"), _("Director's rating"), _("Gap")]
        )
        self.ratings.verticalHeader().hide()
        self.ratings.setTabKeyNavigation(False)  # Tab goes down the own ratings, then the director's
        self.ratings.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.ratings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.ratings.horizontalHeader()
        header.setSectionResizeMode(COMPETENCY, QHeaderView.ResizeMode.Stretch)
        for column, width in ((EXPECTED, 125), (SELF, 125), (DIRECTOR, 125), (GAP, 105)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.ratings.setColumnWidth(column, width)
        self.levels: list[tuple[LevelCombo, LevelCombo, LevelCombo]] = []
        for row, line in enumerate(self.sheet.ratings):
            item = QTableWidgetItem(line.label)
            item.setToolTip(line.label)
            self.ratings.setItem(row, COMPETENCY, item)
            combos = (
                LevelCombo("competency_level", blank=None),
                LevelCombo("competency_level"),
                LevelCombo("competency_level"),
            )
            for column, combo in zip((EXPECTED, SELF, DIRECTOR), combos, strict=True):
                combo.currentIndexChanged.connect(self._show_gaps)  # a bound method: dropped with the dialog
                self.ratings.setCellWidget(row, column, combo)
            self.ratings.setItem(row, GAP, QTableWidgetItem(""))
            self.levels.append(combos)
        self.ratings.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.ratings.setMinimumWidth(760)
        shown = min(len(self.sheet.ratings), MAX_RATINGS_SHOWN)
        self.ratings.setMinimumHeight(ROW_HEIGHT * shown + self.ratings.horizontalHeader().sizeHint().height() + 4)

        self.needs = QTableWidget(0, 4)
        self.needs.setObjectName("needTable")
        self.needs.setHorizontalHeaderLabels([_("What to develop"), _("Competency"), _("Priority"), _("Preferred way")])
        self.needs.verticalHeader().hide()
        self.needs.setTabKeyNavigation(False)
        self.needs.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.needs.setMinimumHeight(ROW_HEIGHT * 4 + 30)
        self.needs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.needs.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        need_header = self.needs.horizontalHeader()
        need_header.setSectionResizeMode(TOPIC, QHeaderView.ResizeMode.Stretch)
        for column, width in ((NEED_COMPETENCY, 200), (PRIORITY, 120), (METHOD, 190)):
            need_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.needs.setColumnWidth(column, width)
        self.add_need_button = QPushButton(_("Add a need"))
        self.add_need_button.setObjectName("addNeed")
        self.add_need_button.clicked.connect(lambda: self.add_need())
        self.remove_need_button = QPushButton(_("Delete the need"))
        self.remove_need_button.clicked.connect(self.remove_need)
        need_buttons = QHBoxLayout()
        need_buttons.addWidget(self.add_need_button)
        need_buttons.addWidget(self.remove_need_button)
        need_buttons.addStretch(1)

        left = QVBoxLayout()
        rated = QGroupBox(_("Competencies (levels 1–5)"))
        rated_layout = QVBoxLayout(rated)
        rated_layout.addWidget(self.ratings)
        named = QGroupBox(_("What they want to develop"))
        named_layout = QVBoxLayout(named)
        named_layout.addWidget(self.needs)
        named_layout.addLayout(need_buttons)
        left.addWidget(rated, 3)
        left.addWidget(named, 2)

        self.self_rated_on = BuddhistDateEdit()
        self.reviewed_on = BuddhistDateEdit()
        self.strengths = text_box()
        self.director_note = text_box()
        side = QGroupBox(_("Dates and comments"))
        form = QFormLayout(side)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(_("Self-assessed on"), self.self_rated_on)
        form.addRow(_("Reviewed by the director on"), self.reviewed_on)
        form.addRow(_("Strengths"), self.strengths)
        form.addRow(_("Director's comments"), self.director_note)
        side.setMinimumWidth(300)

        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(side, 1)
        self.form_error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        self.buttons = buttons
        top = QHBoxLayout()
        top.addWidget(self.about, 1)
        top.addWidget(self.state)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.closed_note)
        layout.addLayout(body, 1)
        layout.addWidget(self.form_error)
        layout.addWidget(buttons)
        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        self.resize(1240, 700)
        self._tab_order()

    def _tab_order(self, focus_first: bool = True) -> None:
        """Tab goes down the person's own ratings, then the director's, then each need's boxes, the buttons and the
        comments."""
        chain: list[QWidget] = [combos[SELF - 1] for combos in self.levels]
        chain += [combos[DIRECTOR - 1] for combos in self.levels]
        for row in range(self.needs.rowCount()):
            chain += [w for column in range(4) if (w := self.needs.cellWidget(row, column)) is not None]
        chain += [self.add_need_button, self.remove_need_button, self.self_rated_on, self.reviewed_on]
        chain += [self.strengths, self.director_note, self.save_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        if focus_first and chain:
            chain[0].setFocus()

    # --- values ----------------------------------------------------------------------------------------------
    def _fill(self) -> None:
        for combos, line in zip(self.levels, self.sheet.ratings, strict=True):
            for combo, value in zip(combos, (line.expected_level, line.self_level, line.director_level), strict=True):
                combo.set_code(value)
        self._show_gaps()
        for need in self.sheet.needs:
            self.add_need(need.topic, need.competency, need.priority, need.method, focus=False)
        form = self.sheet.form
        if form is not None:
            self.self_rated_on.set_date(form.self_rated_on)
            self.reviewed_on.set_date(form.reviewed_on)
            self.strengths.setPlainText(form.strengths or "")
            self.director_note.setPlainText(form.director_note or "")

    def _show_gaps(self, *_args: Any) -> None:
        """Every line's gap (eleven at most: cheaper than finding which combo changed)."""
        for row in range(len(self.levels)):
            self._show_gap(row)

    def _show_gap(self, row: int) -> None:
        expected, own, director = (c.level() for c in self.levels[row])
        agreed = director if director is not None else own
        item = self.ratings.item(row, GAP)
        if item is None:
            return
        gap = None if agreed is None or expected is None else max(expected - agreed, 0)
        item.setText("" if gap is None else str(gap))
        item.setForeground(Qt.GlobalColor.darkRed if gap else Qt.GlobalColor.black)

    def add_need(
        self,
        topic: str = "",
        competency: str | None = None,
        priority: int | None = PRIORITY_MEDIUM,
        method: str | None = METHOD_TRAINING,
        focus: bool = True,
    ) -> None:
        if self.needs.rowCount() >= MAX_NEEDS_SHOWN:
            return
        row = self.needs.rowCount()
        self.needs.insertRow(row)
        topic_box = QComboBox()
        topic_box.setEditable(True)
        topic_box.addItems(self._topics)
        topic_box.setEditText(topic)
        topic_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        area = VocabularyCombo("competency", blank="")
        area.set_code(competency)
        level = LevelCombo("priority_scale", blank=None)
        level.set_code(priority)
        way = VocabularyCombo("development_method")
        way.set_code(method)
        for column, widget in ((TOPIC, topic_box), (NEED_COMPETENCY, area), (PRIORITY, level), (METHOD, way)):
            self.needs.setCellWidget(row, column, widget)
        self._tab_order(focus_first=False)
        if focus:
            topic_box.setFocus()
            self.needs.selectRow(row)

    def remove_need(self) -> None:
        row = self.needs.currentRow()
        if row < 0 and self.needs.rowCount():
            row = self.needs.rowCount() - 1
        if row >= 0:
            self.needs.removeRow(row)
            self._tab_order(focus_first=False)

    def rating_inputs(self) -> list[RatingInput]:
        return [
            RatingInput(line.competency, *(c.level() for c in combos))
            for line, combos in zip(self.sheet.ratings, self.levels, strict=True)
        ]

    def need_inputs(self) -> list[NeedInput]:
        found = []
        for row in range(self.needs.rowCount()):
            topic = self.needs.cellWidget(row, TOPIC).currentText()  # type: ignore[union-attr]
            competency = self.needs.cellWidget(row, NEED_COMPETENCY).code()  # type: ignore[union-attr]
            priority = self.needs.cellWidget(row, PRIORITY).level()  # type: ignore[union-attr]
            method = self.needs.cellWidget(row, METHOD).code()  # type: ignore[union-attr]
            if not topic.strip() and competency is None:
                continue  # a line added and left empty
            found.append(NeedInput(topic, competency, priority, method))
        return found

    def form_values(self) -> dict[str, object]:
        return {
            "self_rated_on": self.self_rated_on.text(),
            "reviewed_on": self.reviewed_on.text(),
            "strengths": self.strengths.toPlainText(),
            "director_note": self.director_note.toPlainText(),
        }

    def _snapshot(self) -> tuple[Any, ...]:
        return (self.rating_inputs(), self.need_inputs(), self.form_values())

    # --- actions ---------------------------------------------------------------------------------------------
    def _freeze(self) -> None:
        for combos in self.levels:
            for combo in combos:
                combo.setEnabled(False)
        for row in range(self.needs.rowCount()):
            for column in range(4):
                widget = self.needs.cellWidget(row, column)
                if widget is not None:
                    widget.setEnabled(False)
        for widget in (self.add_need_button, self.remove_need_button, self.self_rated_on, self.reviewed_on):
            widget.setEnabled(False)
        self.strengths.setReadOnly(True)
        self.director_note.setReadOnly(True)
        self.save_button.setEnabled(False)

    def accept(self) -> None:
        if self.frozen:
            return
        try:
            self.saved = self.ctx.survey.save_form(
                self.sheet.round.id, self.sheet.person.id, self.form_values(), self.rating_inputs(), self.need_inputs()
            )
        except ValidationError as exc:
            self.form_error.setText("\n".join(e.message for e in exc.errors))
            self.form_error.show()
            return
        super().accept()

    def cancel(self) -> None:
        """Esc, Cancel or the close box: what was chosen is not thrown away without asking."""
        if (
            not self.frozen
            and self._snapshot() != self._typed
            and not self.prompts.confirm(
                self, _("Discard the changes?"), _("Close the form without saving what you chose and typed?")
            )
        ):
            return
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        changed = not self.frozen and self.isVisible() and self.result() == 0 and self._snapshot() != self._typed
        if changed and not self.prompts.confirm(
            self, _("Discard the changes?"), _("Close the form without saving what you chose and typed?")
        ):
            event.ignore()
            return
        super().closeEvent(event)
