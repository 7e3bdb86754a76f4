"""Recording a PLC meeting, keyboard first: the declared meeting form (the date field has the focus; Tab goes
through times, steps and the texts; Ctrl+S or Ctrl+Enter saves), beside it the group's members to tick as
attendees (with the time someone came late or left early), and the meeting's photos and documents. A new meeting
starts filled in and can copy the group's last one. Double bookings show while typing; the service decides."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.field_types import format_time
from ...domain.kinds.plc_meeting import PLC_MEETING
from ...errors import FieldError, KaplcError, ValidationError
from ...i18n import _
from ...services.attached_files import PreparedFile
from ...services.plc_meetings import AttendeeInput, KeptFile
from ..widgets.field_editors import set_editor_value, text_box
from ..widgets.thai_text import error_label, warning_label
from .record_dialog import RecordDialog

NAME, ARRIVED, LEFT = range(3)
MAX_WARNINGS_SHOWN = 2  # more would push the form about; the tooltip has them all


class PlcMeetingDialog(RecordDialog):
    """`people` are (person id, name) of the group's members (and anyone recorded as attending); `attended`
    maps a person id to (arrived, left) for a meeting being edited."""

    field_width = 190  # three columns on a 1366-pixel laptop: the times, the texts, the people and files
    labels_above = frozenset({1})

    def __init__(
        self,
        ctx: Any,
        group: Any,
        people: list[tuple[str, str]],
        meeting: Any | None = None,
        attended: dict[str, tuple[int | None, int | None]] | None = None,
        files: list[Any] = (),  # type: ignore[assignment]
        draft: dict[str, Any] | None = None,
        prepare_file: Callable[[Path], PreparedFile] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        from .. import file_prompts

        self.prompts = file_prompts  # tests replace it
        self.ctx, self.group, self._people = ctx, group, people
        self._meeting_id = meeting.id if meeting is not None else None
        self._attended = attended
        self._files: list[KeptFile | PreparedFile] = [KeptFile(f.id, f.caption or "") for f in files]
        self._file_names = {f.id: (f.file_name or "", f.media_type) for f in files}
        self._prepare_file = prepare_file
        title = _("Edit PLC meeting") if meeting else _("Record a PLC meeting")
        super().__init__(PLC_MEETING, self._save_meeting, meeting, parent, f"{title} — {group.name}")
        self.setObjectName("plcMeetingDialog")
        if meeting is None and draft:
            self.fill(draft)
        self._shortcuts()
        self._add_buttons(new=meeting is None)
        # the semester is the date's: shown, never typed; a date in the other semester takes its next session no.
        self.widgets["semester"].setReadOnly(True)
        self.widgets["semester"].setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.widgets["semester"].setToolTip(_("Follows the date"))
        self._numbered = (self.widgets["semester"].text(), self.widgets["session_no"].text())
        self.widgets["date"].textChanged.connect(lambda _text: self._follow_date())
        for name in ("date", "start_time", "end_time"):
            self.widgets[name].textChanged.connect(lambda _text: self.check_bookings())
        self.attendees.itemChanged.connect(lambda _item: self.check_bookings())
        self.check_bookings()
        self._tab_order()
        self._typed = self._snapshot()
        self.widgets["date"].setFocus()

    # --- the form ----------------------------------------------------------------------------------------
    def make_editor(self, name: str) -> QWidget:
        if name == "steps":  # the group's own steps, ticked
            box = QListWidget()
            box.setObjectName("stepsList")
            for step in self.group.steps:
                item = QListWidgetItem(step)
                item.setData(Qt.ItemDataRole.UserRole, step)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                box.addItem(item)
            box.setMaximumHeight(22 * max(3, len(self.group.steps)) + 8)
            return box
        if PLC_MEETING.field(name).type.multiline:
            box = text_box(lines=3 if name == "discussion" else 2)
            box.setMinimumWidth(340)
            return box
        return super().make_editor(name)

    def _follow_date(self) -> None:
        from ...domain import buddhist_date
        from ...domain.plc_hours import semester_of
        from ...errors import ValidationError as Invalid

        try:
            day = buddhist_date.parse(self.widgets["date"].text().strip() or None)
        except Invalid:
            return
        if day is None:
            return
        semester = str(semester_of(day))
        self.widgets["semester"].setText(semester)
        first_semester, first_session = self._numbered
        if semester == first_semester:
            self.widgets["session_no"].setText(first_session)  # back in the semester it opened in
        else:
            self.widgets["session_no"].setText(str(self.ctx.plc_meetings.next_session_no(self.group.id, int(semester))))

    def _tab_order(self) -> None:
        """Tab goes: date, times, the rest of the first column, the attendees, the notes, the files, Save."""
        first = ["date", "start_time", "end_time", "session_no", "activity_type", "place", "steps"]
        chain = [self.widgets[n] for n in first] + [self.attendees]
        chain += [self.widgets[n] for group in self.kind.form[1:] for n in group.fields]
        chain += [self.file_list, self.add_file_button, self.save_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _snapshot(self) -> tuple[Any, ...]:
        return (self.values(), self.chosen_attendees(), list(self._files))

    def cancel(self) -> None:
        """Esc, Cancel or the window's close box: what was typed is not thrown away without asking."""
        if self._snapshot() != self._typed and not self.prompts.confirm(
            self, _("Discard this meeting?"), _("Close the form without saving what you typed?")
        ):
            return
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        changed = self.isVisible() and self.result() == 0 and self._snapshot() != self._typed
        if changed and not self.prompts.confirm(
            self, _("Discard this meeting?"), _("Close the form without saving what you typed?")
        ):
            event.ignore()
            return
        super().closeEvent(event)

    def fill(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if name in self.widgets:
                set_editor_value(PLC_MEETING.field(name), self.widgets[name], value)

    def extra_column(self) -> QWidget | None:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(_("Who attended"))
        inner = QVBoxLayout(box)
        self.attendees = QTableWidget(len(self._people), 3)
        self.attendees.setObjectName("attendeeTable")
        self.attendees.setHorizontalHeaderLabels([_("Name"), _("Came at"), _("Left at")])
        self.attendees.verticalHeader().hide()
        header = self.attendees.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.attendees.setColumnWidth(ARRIVED, 70)
        self.attendees.setColumnWidth(LEFT, 70)
        self.attendees.setMinimumWidth(360)
        self.attendees.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside it
        attended = self._attended
        for row, (person_id, name) in enumerate(self._people):
            item = QTableWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            came = attended is None or person_id in attended  # a new meeting: everyone, until unticked
            item.setCheckState(Qt.CheckState.Checked if came else Qt.CheckState.Unchecked)
            self.attendees.setItem(row, NAME, item)
            arrived, left = (attended or {}).get(person_id, (None, None))
            self.attendees.setItem(row, ARRIVED, QTableWidgetItem(format_time(arrived)))
            self.attendees.setItem(row, LEFT, QTableWidgetItem(format_time(left)))
        self.attendees.resizeRowsToContents()
        self.attendees.setToolTip(
            _("Space ticks or unticks a person. Type a time under “Left at” for someone who left early.")
        )
        inner.addWidget(self.attendees, 1)
        self._errors["attendees"] = error_label()
        inner.addWidget(self._errors["attendees"])
        self.booking_warning = warning_label()
        self.booking_warning.setObjectName("bookingWarning")
        inner.addWidget(self.booking_warning)
        layout.addWidget(box, 3)
        layout.addWidget(self._files_box(), 2)
        return column

    def _files_box(self) -> QWidget:
        box = QGroupBox(_("Photos and documents"))
        inner = QVBoxLayout(box)
        self.file_list = QListWidget()
        self.file_list.setObjectName("fileList")
        self.file_list.setToolTip(_("Double-click (or F2) to write a caption."))
        self.file_list.itemChanged.connect(self._caption_changed)
        buttons = QHBoxLayout()
        self.add_file_button = QPushButton(_("Add…"))
        self.add_file_button.clicked.connect(self.add_file)
        self.remove_file_button = QPushButton(_("Remove"))
        self.remove_file_button.clicked.connect(self.remove_file)
        self.up_button = QPushButton("↑")
        self.up_button.setToolTip(_("Move up"))
        self.up_button.clicked.connect(lambda: self.move_file(-1))
        self.down_button = QPushButton("↓")
        self.down_button.setToolTip(_("Move down"))
        self.down_button.clicked.connect(lambda: self.move_file(1))
        for button in (self.add_file_button, self.remove_file_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        inner.addWidget(self.file_list, 1)
        inner.addLayout(buttons)
        self._errors["files"] = error_label()
        inner.addWidget(self._errors["files"])
        self._show_files()
        return box

    def _add_buttons(self, new: bool) -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        buttons = self.findChild(QDialogButtonBox)
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        if buttons is not None:
            buttons.rejected.disconnect()
            buttons.rejected.connect(self.cancel)
        if new and buttons is not None:
            self.copy_button = buttons.addButton(_("Copy the last meeting"), QDialogButtonBox.ButtonRole.ActionRole)
            self.copy_button.setObjectName("copyLast")
            self.copy_button.setToolTip(_("Fill in the steps, times and notes of this group's last meeting"))
            self.copy_button.clicked.connect(self.copy_last)
            self.copy_button.setEnabled(bool(self.ctx.plc_meetings.of_group(self.group.id)))

    def _shortcuts(self) -> None:
        self.shortcuts = []
        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.accept)
            self.shortcuts.append(shortcut)

    # --- what the user does --------------------------------------------------------------------------------
    def copy_last(self) -> None:
        draft = self.ctx.plc_meetings.draft(self.group.id, copy_last=True)
        keep = {"date": self.widgets["date"].text()}  # the day being recorded stays
        self.fill({k: v for k, v in draft.items() if k not in ("date", "semester", "session_no")})
        self.widgets["date"].setText(keep["date"])

    def add_file(self) -> None:
        from .. import file_prompts
        from ..tasks import run_task

        if self._prepare_file is None:
            return
        path = file_prompts.ask_open_path(
            self,
            _("Add a photo or document"),
            _("Photos and PDF documents (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff *.pdf)"),
        )
        if path is None:
            return
        prepare = self._prepare_file

        def done(prepared: PreparedFile) -> None:
            self._files.append(prepared)
            self._show_files()
            self.file_list.setCurrentRow(self.file_list.count() - 1)

        run_task(self, _("Preparing the file…"), lambda _progress: prepare(path), done)

    def remove_file(self) -> None:
        row = self.file_list.currentRow()
        if 0 <= row < len(self._files):
            del self._files[row]
            self._show_files()

    def move_file(self, step: int) -> None:
        row = self.file_list.currentRow()
        target = row + step
        if 0 <= row < len(self._files) and 0 <= target < len(self._files):
            self._files[row], self._files[target] = self._files[target], self._files[row]
            self._show_files()
            self.file_list.setCurrentRow(target)

    def _caption_changed(self, item: QListWidgetItem) -> None:
        row = self.file_list.row(item)
        if not 0 <= row < len(self._files):
            return
        entry = self._files[row]
        caption = item.text().split("  ·  ")[0].strip()
        if isinstance(entry, KeptFile):
            self._files[row] = KeptFile(entry.file_id, caption)
        else:
            self._files[row] = PreparedFile(entry.content, entry.media_type, entry.file_name, caption)

    def _show_files(self) -> None:
        self.file_list.blockSignals(True)
        self.file_list.clear()
        for entry in self._files:
            if isinstance(entry, KeptFile):
                name, media = self._file_names.get(entry.file_id, ("", ""))
            else:
                name, media = entry.file_name, entry.media_type
            kind = _("photo") if media.startswith("image/") else _("document")
            item = QListWidgetItem(entry.caption or f"({kind}) {name}")
            item.setToolTip(f"{kind}: {name}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.file_list.addItem(item)
        self.file_list.blockSignals(False)

    def chosen_attendees(self) -> list[AttendeeInput]:
        found = []
        for row in range(self.attendees.rowCount()):
            item = self.attendees.item(row, NAME)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(
                    AttendeeInput(
                        item.data(Qt.ItemDataRole.UserRole),
                        self.attendees.item(row, ARRIVED).text().strip() or None,
                        self.attendees.item(row, LEFT).text().strip() or None,
                    )
                )
        return found

    def check_bookings(self) -> None:
        """Who is also booked in another meeting at this time (read while typing; nothing is changed)."""
        try:
            values = self.ctx.plc_meetings.clean(
                {**self.values(), "group_id": self.group.id, "semester": 1, "session_no": 1}
            )
        except ValidationError:
            self.booking_warning.hide()
            return
        people = [(a.person_id, None, None) for a in self.chosen_attendees()]
        found = self.ctx.plc_meetings.double_bookings(
            values["date"], values["start_time"], values["end_time"], people, self._meeting_id
        )
        shown = found[:MAX_WARNINGS_SHOWN]
        if len(found) > len(shown):
            shown.append(_("… and {n} more.").format(n=len(found) - len(shown)))
        self.booking_warning.setText("\n".join(shown))
        self.booking_warning.setToolTip("\n".join(found))
        self.booking_warning.setVisible(bool(found))

    def _save_meeting(self, values: dict[str, object]) -> Any:
        raw = {**values, "group_id": self.group.id}
        try:
            saved = self.ctx.plc_meetings.save(raw, self.chosen_attendees(), self._files, self._meeting_id)
        except KaplcError as exc:
            if isinstance(exc, ValidationError):
                raise
            raise ValidationError(FieldError("", str(exc))) from None
        return saved
