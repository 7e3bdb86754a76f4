"""A presentation forum: the declared form (name, year, level, date, venue) and beside it the programme, a row per
session in order: its times, the work presented (one selected at the forum's level in its year) or an item such
as the opening, and the room."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.field_types import format_time
from ...domain.kinds.portfolio_review import PRESENTATION_FORUM
from ...i18n import _
from ...services.forums import next_slot
from ..widgets.field_editors import changed_signal, set_editor_value
from ..widgets.thai_text import error_label, plain_label
from .record_dialog import RecordDialog

Row = tuple[str, str, str, str, str]  # starts, ends, work id, item, room
START, END, WORK, ITEM, ROOM = range(5)


def _opening() -> Row:
    return (format_time(8 * 60 + 30), format_time(9 * 60), "", _("Opening ceremony"), "")


class ForumDialog(RecordDialog):
    field_width = 220
    ask_before_discarding = True

    def __init__(self, ctx: Any, forum: Any | None = None, parent: QWidget | None = None) -> None:
        self.ctx = ctx
        self._forum = forum
        held = ctx.forums.sessions(forum.id) if forum is not None else []
        self._start_rows: list[Row] = [
            (format_time(s.starts_at), format_time(s.ends_at), s.portfolio_id or "", s.item or "", s.room or "")
            for s in held
        ] or [_opening()]
        self._works: list[tuple[str, str]] = []
        title = _("Presentation forum") + (f" — {forum.name}" if forum is not None else "")
        super().__init__(PRESENTATION_FORUM, self._save_forum, forum, parent, title)
        self.setObjectName("forumDialog")
        if forum is None:  # a new forum: the works the district selected last, at its own level
            from ...domain import thai_years
            from ...services.submission_tracking import thai_today

            years = ctx.forums.years_with_selections("district")
            year = years[0] if years else thai_years.academic_year(thai_today())
            for name, value in (("level", "district"), ("academic_year", year)):
                set_editor_value(PRESENTATION_FORUM.field(name), self.widgets[name], value)
        for name in ("level", "academic_year"):
            signal = changed_signal(self.widgets[name])
            if signal is not None:
                signal.connect(self._offer_works)
        self._set_rows(self._start_rows)

    def extra_column(self) -> QWidget | None:
        box = QGroupBox(_("Programme"))
        layout = QVBoxLayout(box)
        self.hint = plain_label()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self.programme = QTableWidget(0, 5)
        self.programme.setObjectName("forumProgramme")
        self.programme.setHorizontalHeaderLabels(
            [_("Starts at"), _("Ends at"), _("Work presented"), _("Item"), _("Room")]
        )
        header = self.programme.horizontalHeader()
        header.setSectionResizeMode(WORK, QHeaderView.ResizeMode.Stretch)
        for column, width in ((START, 70), (END, 70), (ITEM, 180), (ROOM, 90)):
            self.programme.setColumnWidth(column, width)
        self.programme.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)  # "session 3" is row 3
        self.programme.setMinimumWidth(700)
        buttons = QHBoxLayout()
        for text, name, slot in (
            (_("Add a session"), "addSession", self._add_session),
            (_("Add the selected works"), "addWorks", self._add_works),
            (_("Remove the chosen one"), "removeSession", self._remove_row),
            (_("Move up"), "sessionUp", lambda: self._move(-1)),
            (_("Move down"), "sessionDown", lambda: self._move(1)),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.sessions_error = error_label()
        self._errors["sessions"] = self.sessions_error
        layout.addWidget(self.hint)
        layout.addLayout(buttons)  # above the table: in reach also when error lines make the form scroll
        layout.addWidget(self.sessions_error)
        layout.addWidget(self.programme, 1)
        return box

    def typed_table(self) -> QWidget | None:
        return self.programme

    # --- the programme's rows ------------------------------------------------------------------------
    def rows(self) -> list[Row]:
        found = []
        for row in range(self.programme.rowCount()):
            texts = [self._text(row, col) for col in (START, END, ITEM, ROOM)]
            combo = self.programme.cellWidget(row, WORK)
            work = combo.currentData() if isinstance(combo, QComboBox) else ""
            found.append((texts[0], texts[1], work or "", texts[2], texts[3]))
        return found

    def _text(self, row: int, col: int) -> str:
        item = self.programme.item(row, col)
        return item.text().strip() if item is not None else ""

    def _set_rows(self, rows: list[Row], current: int | None = None) -> None:
        self.programme.setRowCount(0)
        self._works = self.ctx.forums.choosable_works(*self._level_and_year())
        for values in rows:
            self._append(values)
        self._show_hint()
        if current is not None and 0 <= current < len(rows):
            self.programme.setCurrentCell(current, START)

    def _append(self, values: Row) -> None:
        row = self.programme.rowCount()
        self.programme.insertRow(row)
        for col in (START, END, ITEM, ROOM):
            self.programme.setItem(row, col, QTableWidgetItem(values[col]))
        combo = QComboBox()
        combo.setObjectName("sessionWork")
        combo.currentTextChanged.connect(combo.setToolTip)
        self._fill(combo, values[WORK])
        self.programme.setCellWidget(row, WORK, combo)

    def _fill(self, combo: QComboBox, chosen: str) -> None:
        combo.clear()
        combo.addItem(_("— none (an opening, a break) —"), "")
        for work_id, label in self._works:
            combo.addItem(label, work_id)
            combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        if chosen and combo.findData(chosen) < 0:  # no longer selected at this level: kept, so saving says so
            combo.addItem(_("(a work not selected at this level)"), chosen)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)  # the whole title in the list
        combo.setToolTip(combo.currentText())

    def _level_and_year(self) -> tuple[object, object]:
        values = self.values()
        return values.get("level"), values.get("academic_year")

    def _offer_works(self, *_args: Any) -> None:
        self._works = self.ctx.forums.choosable_works(*self._level_and_year())
        for row in range(self.programme.rowCount()):
            combo = self.programme.cellWidget(row, WORK)
            if isinstance(combo, QComboBox):
                self._fill(combo, combo.currentData() or "")
        self._show_hint()

    def _show_hint(self) -> None:
        n = len(self._works)
        self.hint.setText(
            _(
                "{n} works were selected at this level in this year: choose them in the Work column, or add them all "
                "with “Add the selected works”. Leave the work empty for an opening or a break and name it in Item."
            ).format(n=n)
            if n
            else self._no_works()
        )

    def _no_works(self) -> str:
        level, year = self._level_and_year()
        years = [str(y) for y in self.ctx.forums.years_with_selections(str(level))] if level else []
        if years:
            return _(
                "No work was selected at this level in academic year {year}; works were selected in {years}: check "
                "the academic year."
            ).format(year=year, years=", ".join(years))
        return _("No work has been selected at this level in this year yet: select works on the Ranking tab first.")

    def _add_session(self) -> None:
        rows = self.rows()
        start, end = next_slot(rows[-1][END]) if rows else ("", "")
        self._append((start, end, "", "", rows[-1][ROOM] if rows else ""))
        self.programme.setCurrentCell(self.programme.rowCount() - 1, START)

    def _add_works(self) -> None:
        """A session for each selected work the programme does not present yet, one after another."""
        rows = self.rows()
        shown = {r[WORK] for r in rows}
        for work_id, _label in self._works:
            if work_id in shown:
                continue
            start, end = next_slot(rows[-1][END]) if rows else ("", "")
            rows.append((start, end, work_id, "", rows[-1][ROOM] if rows else ""))
        self._set_rows(rows, len(rows) - 1)

    def _remove_row(self) -> None:
        row = self.programme.currentRow()
        if row >= 0:
            self.programme.removeRow(row)

    def _move(self, step: int) -> None:
        """Another order of presenting: the work, item and room change places with the row above or below."""
        row = self.programme.currentRow()
        rows = self.rows()
        if not 0 <= row < len(rows) or not 0 <= row + step < len(rows):
            return
        a, b = rows[row], rows[row + step]  # what is presented moves; the times stay in their slots
        rows[row], rows[row + step] = (*a[:WORK], *b[WORK:]), (*b[:WORK], *a[WORK:])
        self._set_rows(rows, row + step)

    def typed_sessions(self) -> list[dict[str, object]]:
        """The rows with anything typed or chosen, in order (an empty row is one not filled in yet)."""
        return [
            {"starts_at": r[START], "ends_at": r[END], "portfolio_id": r[WORK], "item": r[ITEM], "room": r[ROOM]}
            for r in self.rows()
            if any(r)
        ]

    def snapshot(self) -> Any:
        return (self.values(), self.rows())

    def _save_forum(self, values: dict[str, object]) -> Any:
        filled = [r for r in self.rows() if any(r)]
        if len(filled) != self.programme.rowCount():  # empty rows go first, so "session 3" is the third row shown
            self._set_rows(filled)
        forum_id = self._forum.id if self._forum is not None else None
        return self.ctx.forums.save(values, self.typed_sessions(), forum_id)
