"""The PLC page (school): the groups of an academic year with their meetings, and each person's hours against
the district's target. Keyboard: Ctrl+N records a meeting of the chosen group, Ctrl+Shift+N copies its last
one, Enter opens a meeting, Delete moves it to the Trash, Ctrl+P prints its log."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...context import AppContext
from ...domain.kinds.plc_meeting import PLC_MEETING
from ...domain.plc_hours import hours_text
from ...domain.thai_years import academic_year
from ...i18n import _, ngettext
from .. import file_prompts
from ..change_relay import refresh_on
from ..models.plc_hours_table import PROGRESS, PROGRESS_ROLE, PlcHoursModel
from ..models.record_table import ID_ROLE, RecordTableModel
from ..pdf_preview import preview_pdf
from ..tasks import run_task
from ..widgets.progress_delegate import ProgressDelegate
from ..widgets.thai_text import plain_label

PLC_TABLES = (
    "plc_groups",
    "plc_members",
    "plc_meetings",
    "plc_attendance",
    "plc_files",
    "personnel",
    "district_settings",
)
MEETING_COLUMNS = ("session_no", "semester", "date", "time_range", "hours", "activity_type", "steps", "place")
MEETING_WIDTHS = {  # what fits beside the groups at 1366 px; the place stretches
    "session_no": 70,
    "semester": 70,
    "date": 90,
    "time_range": 95,
    "hours": 55,
    "activity_type": 120,
    "steps": 160,
}


class PlcPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plcPage")
        self.ctx = ctx
        self.prompts = file_prompts
        self.groups: list[Any] = []
        self.tabs = QTabWidget()
        self.tabs.addTab(self._groups_tab(), _("Groups and meetings"))
        self.tabs.addTab(self._hours_tab(), _("PLC hours"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._shortcuts()
        self.reload()
        refresh_on(ctx.db.changes, self, PLC_TABLES, self.reload)

    # --- layout ------------------------------------------------------------------------------------------
    def _groups_tab(self) -> QWidget:
        tab = QWidget()
        self.year = QComboBox()
        self.year.setObjectName("plcYear")
        self.year.currentIndexChanged.connect(lambda _i: self.show_groups())
        self.new_group_button = QPushButton(_("New group…"))
        self.new_group_button.clicked.connect(self.new_group)
        self.edit_group_button = QPushButton(_("Edit group…"))
        self.edit_group_button.clicked.connect(self.edit_group)
        self.delete_group_button = QPushButton(_("Delete group"))
        self.delete_group_button.clicked.connect(self.delete_group)
        self.trash_button = QPushButton(_("Trash…"))
        self.trash_button.setObjectName("plcTrash")
        self.trash_button.setToolTip(_("Groups and meetings that were deleted, to bring them back"))
        self.trash_button.clicked.connect(self.show_trash)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Academic year")))
        top.addWidget(self.year)
        for button in (self.new_group_button, self.edit_group_button, self.delete_group_button):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.trash_button)

        self.group_table = QTableWidget(0, 4)
        self.group_table.setObjectName("groupTable")
        self.group_table.setHorizontalHeaderLabels([_("Group name"), _("Members"), _("Meetings"), _("Hours")])
        self.group_table.verticalHeader().hide()
        self.group_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.group_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.group_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.group_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.group_table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.group_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # "กลุ่มอ่านออก…ทีม 2": the ends tell groups apart
        self.group_table.itemSelectionChanged.connect(self.show_meetings)
        self.group_table.doubleClicked.connect(lambda _i: self.edit_group())

        self.new_meeting_button = QPushButton(_("Record a meeting…"))
        self.new_meeting_button.setObjectName("newMeeting")
        self.new_meeting_button.clicked.connect(lambda: self.new_meeting())
        self.copy_meeting_button = QPushButton(_("Copy the last meeting…"))
        self.copy_meeting_button.clicked.connect(lambda: self.new_meeting(copy_last=True))
        self.edit_meeting_button = QPushButton(_("Open"))
        self.edit_meeting_button.clicked.connect(self.edit_meeting)
        self.delete_meeting_button = QPushButton(_("Delete"))
        self.delete_meeting_button.clicked.connect(self.delete_meeting)
        self.print_button = QToolButton()
        self.print_button.setText(_("Print"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.print_button)
        self.print_log_action = menu.addAction(_("Activity log of this meeting…"), self.print_log)
        self.print_report_actions = [
            menu.addAction(_("Semester {s} report of this group…").format(s=s), lambda s=s: self.print_report(s))
            for s in (1, 2)
        ]
        self.print_button.setMenu(menu)
        actions = QHBoxLayout()
        for button in (
            self.new_meeting_button,
            self.copy_meeting_button,
            self.edit_meeting_button,
            self.delete_meeting_button,
            self.print_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        self.meeting_count = plain_label()
        actions.addWidget(self.meeting_count)

        self.meeting_model = RecordTableModel(PLC_MEETING, MEETING_COLUMNS)
        self.meeting_table = QTableView()
        self.meeting_table.setObjectName("meetingTable")
        self.meeting_table.setModel(self.meeting_model)
        self.meeting_table.setSortingEnabled(True)
        self.meeting_table.sortByColumn(MEETING_COLUMNS.index("date"), Qt.SortOrder.DescendingOrder)
        self.meeting_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.meeting_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.meeting_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.meeting_table.verticalHeader().hide()
        self.meeting_table.setWordWrap(False)
        for column, name in enumerate(MEETING_COLUMNS):
            self.meeting_table.setColumnWidth(column, MEETING_WIDTHS.get(name, 140))
        self.meeting_table.horizontalHeader().setStretchLastSection(True)
        self.meeting_table.doubleClicked.connect(lambda _i: self.edit_meeting())
        self.meeting_table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.meeting_table.installEventFilter(self)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.meeting_table, 1)
        splitter = QSplitter()
        splitter.addWidget(self.group_table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([440, 840])
        self.empty_note = plain_label()
        self.empty_note.setObjectName("plcEmptyNote")
        self.empty_note.setWordWrap(True)
        self.empty_note.setStyleSheet("background: #eef4fb; padding: 6px;")
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.empty_note)
        layout.addWidget(splitter, 1)
        return tab

    def _hours_tab(self) -> QWidget:
        tab = QWidget()
        self.period = QComboBox()
        self.period.setObjectName("plcPeriod")
        self.period.addItem(_("Academic year"), "academic")
        self.period.addItem(_("Fiscal year (Oct–Sep)"), "fiscal")
        self.period.currentIndexChanged.connect(lambda _i: self._fill_hour_years())
        self.hours_year = QComboBox()
        self.hours_year.setObjectName("plcHoursYear")
        self.hours_year.currentIndexChanged.connect(lambda _i: self.show_hours())
        self.behind_only = QCheckBox(_("Only those behind"))
        self.behind_only.setObjectName("behindOnly")
        self.behind_only.toggled.connect(lambda on: (self.hours_model.set_behind_only(on), self._hours_summary()))
        self.export_button = QPushButton(_("Excel…"))
        self.export_button.setToolTip(
            _("Everyone's hours of the year, with a row per meeting (for the Logbook or a PA report)")
        )
        self.export_button.clicked.connect(self.export_hours)
        self.person_print_button = QPushButton(_("Print this person's hours…"))
        self.person_print_button.clicked.connect(self.print_person_hours)
        top = QHBoxLayout()
        for widget in (self.period, self.hours_year, self.behind_only):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.export_button)
        top.addWidget(self.person_print_button)
        self.hours_summary = plain_label()
        self.hours_summary.setObjectName("hoursSummary")
        self.hours_summary.setWordWrap(True)
        self.hours_model = PlcHoursModel()
        self.hours_table = QTableView()
        self.hours_table.setObjectName("hoursTable")
        self.hours_table.setModel(self.hours_model)
        self.hours_table.setItemDelegateForColumn(PROGRESS, ProgressDelegate(PROGRESS_ROLE, self.hours_table))
        self.hours_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hours_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.hours_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hours_table.verticalHeader().hide()
        for column, width in enumerate((220, 150, 120, 65, 120, 65, 190)):
            self.hours_table.setColumnWidth(column, width)
        self.hours_table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.hours_summary)
        layout.addWidget(self.hours_table, 1)
        return tab

    def _shortcuts(self) -> None:
        page = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.shortcuts = []
        for keys, slot in (
            (QKeySequence.StandardKey.New, lambda: self._when(self.new_meeting_button, self.new_meeting)),
            (
                QKeySequence("Ctrl+Shift+N"),
                lambda: self._when(self.copy_meeting_button, lambda: self.new_meeting(True)),
            ),
            (QKeySequence.StandardKey.Print, lambda: self._when(self.edit_meeting_button, self.print_log)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(page)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)
        for button, hint in (
            (self.new_meeting_button, "Ctrl+N"),
            (self.copy_meeting_button, "Ctrl+Shift+N"),
            (self.edit_meeting_button, "Enter"),
            (self.delete_meeting_button, "Delete"),
            (self.print_button, "Ctrl+P"),
        ):
            button.setToolTip(f"{button.text()} ({hint})")

    @staticmethod
    def _when(button: QWidget, slot: Any) -> None:
        if button.isEnabled():
            slot()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.meeting_table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            keys = {
                Qt.Key.Key_Return: self.edit_meeting,
                Qt.Key.Key_Enter: self.edit_meeting,
                Qt.Key.Key_F2: self.edit_meeting,
                Qt.Key.Key_Delete: self.delete_meeting,
            }
            slot = keys.get(Qt.Key(event.key()))
            if slot is not None:
                self._when(self.edit_meeting_button, slot)
                return True
        return super().eventFilter(watched, event)

    # --- reading -----------------------------------------------------------------------------------------
    def reload(self) -> None:
        chosen = self.selected_group()
        meeting = self.selected_meeting()
        self.groups = self.ctx.plc_groups.summaries()
        years = sorted({s.group.academic_year for s in self.groups} | {academic_year(_today())}, reverse=True)
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(str(y), y)
        index = self.year.findData(current if current is not None else academic_year(_today()))
        self.year.setCurrentIndex(max(0, index))
        self.year.blockSignals(False)
        self.show_groups(chosen.id if chosen else None, meeting.id if meeting else None)
        self._fill_hour_years()

    def show_groups(self, select_id: str | None = None, meeting_id: str | None = None) -> None:
        year = self.year.currentData()
        shown = [s for s in self.groups if s.group.academic_year == year]
        self.group_table.blockSignals(True)
        self.group_table.setRowCount(len(shown))
        for row, summary in enumerate(shown):
            cells = (summary.group.name, str(summary.members), str(summary.meetings), hours_text(summary.minutes))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, summary.group.id)
                item.setToolTip(summary.group.name)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.group_table.setItem(row, column, item)
        self.group_table.blockSignals(False)
        ids = [s.group.id for s in shown]
        if shown:
            self.group_table.selectRow(ids.index(select_id) if select_id in ids else 0)
        self.empty_note.setText(
            _("No PLC group for academic year {year} yet. Press “New group…” to set one up with its members.").format(
                year=year
            )
        )
        self.empty_note.setVisible(not shown)
        self.show_meetings(meeting_id)

    def selected_group(self) -> Any | None:
        rows = self.group_table.selectionModel().selectedRows() if self.group_table.selectionModel() else []
        if not rows:
            return None
        group_id = self.group_table.item(rows[0].row(), 0).data(ID_ROLE)
        return next((s.group for s in self.groups if s.group.id == group_id), None)

    def show_meetings(self, select_id: str | None = None) -> None:
        group = self.selected_group()
        rows = self.ctx.plc_meetings.of_group(group.id) if group else []
        self.meeting_model.set_rows(rows)
        self.meeting_count.setText(ngettext("{n} meeting", "{n} meetings", len(rows)).format(n=len(rows)))
        if rows:
            row = self.meeting_model.visible_row_of(select_id) if select_id else None
            self.meeting_table.selectRow(row if row is not None else 0)
        self._enable()

    def selected_meeting(self) -> Any | None:
        if not hasattr(self, "meeting_table"):
            return None
        rows = self.meeting_table.selectionModel().selectedRows()
        return self.meeting_model.row_at(rows[0].row()) if rows else None

    def _enable(self) -> None:
        has_group, has_meeting = self.selected_group() is not None, self.selected_meeting() is not None
        for button in (self.edit_group_button, self.delete_group_button, self.new_meeting_button):
            button.setEnabled(has_group)
        self.copy_meeting_button.setEnabled(has_meeting)
        for button in (self.edit_meeting_button, self.delete_meeting_button):
            button.setEnabled(has_meeting)
        self.print_log_action.setEnabled(has_meeting)
        self.print_button.setEnabled(has_group and has_meeting)
        if not has_group:
            self.new_meeting_button.setToolTip(_("Choose a group first (or make one with “New group…”)."))

    def _fill_hour_years(self) -> None:
        period = self.period.currentData()
        current = self.hours_year.currentData()
        years = self.ctx.plc_hours.years(period, _today())
        self.hours_year.blockSignals(True)
        self.hours_year.clear()
        for y in years:
            self.hours_year.addItem(str(y), y)
        index = self.hours_year.findData(current)
        self.hours_year.setCurrentIndex(max(0, index))
        self.hours_year.blockSignals(False)
        self.show_hours()

    def show_hours(self) -> None:
        period, year = self.period.currentData(), self.hours_year.currentData()
        if year is None:
            return
        self.hours_model.set_rows(self.ctx.plc_hours.people(period, year, _today()))
        self._hours_summary()

    def _hours_summary(self) -> None:
        period, year = self.period.currentData(), self.hours_year.currentData()
        if year is None:
            return
        tally = self.hours_model.tally()
        done, on_pace, behind = tally.done, tally.on_pace, tally.behind
        hours = self.ctx.plc_hours
        set_by = hours.district_target(period, year)
        target = (
            _("Target {target} hours a year, set by the district.").format(target=set_by)
            if set_by is not None
            else _("Target {target} hours a year (the usual figure: the district has set none for this year).").format(
                target=hours.target(period, year)
            )
        )
        over = year < hours.current_year(period, _today())
        counts = (
            _("Target reached: {done} · not reached: {behind}.").format(done=done, behind=behind)
            if over
            else _("Target reached: {done} · on pace: {pace} · behind the pace for today: {behind}.").format(
                done=done, pace=on_pace, behind=behind
            )
        )
        self.hours_summary.setText(f"{target} {counts}")

    # --- groups ------------------------------------------------------------------------------------------
    def _staff(self, group_id: str | None = None) -> list[Any]:
        members = {m.person_id for m in self.ctx.plc_groups.members(group_id)} if group_id else set()
        return [p for p in self.ctx.personnel.list() if p.status == "active" or p.id in members]

    def new_group(self) -> None:
        from ..dialogs.plc_group_dialog import PlcGroupDialog

        year = self.year.currentData() or academic_year(_today())
        dialog = PlcGroupDialog(
            lambda values, members: self.ctx.plc_groups.save(values, members),
            self._staff(),
            defaults={"academic_year": year, "steps": self.ctx.plc_groups.default_steps()},
            parent=self,
        )
        self.last_dialog = dialog
        if dialog.exec():
            self._after_group(dialog.saved)

    def edit_group(self) -> None:
        from ..dialogs.plc_group_dialog import PlcGroupDialog

        group = self.selected_group()
        if group is None:
            return
        dialog = PlcGroupDialog(
            lambda values, members: self.ctx.plc_groups.save(values, members, group.id),
            self._staff(group.id),
            group,
            self.ctx.plc_groups.members(group.id),
            parent=self,
        )
        self.last_dialog = dialog
        if dialog.exec():
            self._after_group(dialog.saved)

    def _after_group(self, group: Any) -> None:
        self.groups = self.ctx.plc_groups.summaries()
        index = self.year.findData(group.academic_year)
        if index < 0:
            self.reload()
            index = self.year.findData(group.academic_year)
        self.year.setCurrentIndex(index)
        self.show_groups(group.id)

    def delete_group(self) -> None:
        group = self.selected_group()
        if group is None:
            return
        meetings = self.ctx.plc_groups.meetings_of(group.id)
        question = ngettext(
            "Move the group “{name}” and its {n} meeting to the Trash? Its hours stop counting until it is restored.",
            "Move the group “{name}” and its {n} meetings to the Trash? Their hours stop counting until it is "
            "restored.",
            meetings,
        ).format(name=group.name, n=meetings)
        if meetings and not self.prompts.confirm(self, _("Delete group"), question):
            return
        self.ctx.plc_groups.delete(group.id)

    def show_trash(self) -> None:
        from ..dialogs.plc_trash_dialog import PlcTrashDialog

        self.last_dialog = PlcTrashDialog(self.ctx, self)
        self.last_dialog.exec()

    # --- meetings ----------------------------------------------------------------------------------------
    def _meeting_dialog(self, group: Any, meeting: Any | None = None, copy_last: bool = False) -> Any:
        from ...services.attached_files import prepare_attached_file
        from ..dialogs.plc_meeting_dialog import PlcMeetingDialog

        people = {p.id: p.full_name_th for p in self.ctx.personnel.list()}
        members = [m.person_id for m in self.ctx.plc_groups.members(group.id)]
        attended = None
        files: list[Any] = []
        if meeting is not None:
            rows = self.ctx.plc_meetings.attendance(meeting.id)
            attended = {a.person_id: (a.arrived_at, a.left_at) for a in rows}
            members += [pid for pid in attended if pid not in members]
            files = self.ctx.plc_meetings.files(meeting.id)
        listed = [(pid, people[pid]) for pid in members if pid in people]
        draft = None if meeting is not None else self.ctx.plc_meetings.draft(group.id, _today(), copy_last)
        return PlcMeetingDialog(self.ctx, group, listed, meeting, attended, files, draft, prepare_attached_file, self)

    def new_meeting(self, copy_last: bool = False) -> None:
        group = self.selected_group()
        if group is None:
            return
        dialog = self._meeting_dialog(group, copy_last=copy_last)
        self.last_dialog = dialog
        if dialog.exec():
            self.show_meetings(dialog.saved.meeting.id)

    def edit_meeting(self) -> None:
        group, meeting = self.selected_group(), self.selected_meeting()
        if group is None or meeting is None:
            return
        dialog = self._meeting_dialog(group, meeting)
        self.last_dialog = dialog
        if dialog.exec():
            self.show_meetings(meeting.id)

    def delete_meeting(self) -> None:
        meeting = self.selected_meeting()
        if meeting is None:
            return
        if not self.prompts.confirm(
            self,
            _("Delete meeting"),
            _("Move {title} ({date}) to the Trash? Its hours stop counting; Edit → Undo brings it back.").format(
                title=meeting.title, date=meeting.display("date")
            ),
        ):
            return
        self.ctx.plc_meetings.delete(meeting.id)

    # --- print and Excel ---------------------------------------------------------------------------------
    def print_log(self) -> None:
        meeting = self.selected_meeting()
        if meeting is None:
            return
        self._preview(
            _("PLC activity log"),
            f"plc-log-{meeting.date.isoformat()}.pdf",
            lambda target, progress: _plc_pdf().plc_log_pdf(self.ctx, meeting.id, target, progress=progress),
        )

    def print_report(self, semester: int) -> None:
        group = self.selected_group()
        if group is None:
            return
        self._preview(
            _("Semester report"),
            f"plc-report-{group.academic_year}-{semester}.pdf",
            lambda target, progress: _plc_pdf().plc_report_pdf(self.ctx, group.id, semester, target, progress=progress),
        )

    def _selected_person(self) -> Any | None:
        rows = self.hours_table.selectionModel().selectedRows()
        return self.hours_model.row(rows[0].row()).person if rows else None

    def print_person_hours(self) -> None:
        person = self._selected_person()
        if person is None:
            self.prompts.inform(self, _("PLC hours"), _("Choose a person in the list first."))
            return
        period, year = self.period.currentData(), self.hours_year.currentData()
        self._preview(
            _("PLC hours summary"),
            f"plc-hours-{year}.pdf",
            lambda target, progress: _plc_pdf().plc_hours_pdf(
                self.ctx, person.id, year, target, period, progress=progress
            ),
        )

    def export_hours(self) -> None:
        period, year = self.period.currentData(), self.hours_year.currentData()
        path = self.prompts.ask_save_path(
            self, _("Save the PLC hours as"), f"plc-hours-{year}.xlsx", file_prompts.excel_filter()
        )
        if path is None:
            return
        path = file_prompts.as_xlsx(path)

        def work(progress: Any) -> int:
            from ...reports.xlsx.plc_export import export_plc_hours

            return export_plc_hours(self.ctx, path, period, year, today=_today(), progress=progress)

        run_task(
            self,
            _("Writing the workbook…"),
            work,
            lambda n: self.prompts.inform(
                self,
                _("PLC hours"),
                ngettext(
                    "PLC hours written to {path} ({n} meeting row).",
                    "PLC hours written to {path} ({n} meeting rows).",
                    n,
                ).format(path=path, n=n),
            ),
            self.ctx.data_dir,
        )

    def _preview(self, title: str, suggested: str, make: Any) -> None:
        preview_pdf(self, self.ctx.data_dir, title, suggested, make)


def _plc_pdf() -> Any:
    from ...reports.pdf import plc_pdf

    return plc_pdf


def _today() -> Any:
    import datetime as dt

    return dt.date.today()
