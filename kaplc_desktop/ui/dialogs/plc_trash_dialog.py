"""The PLC Trash: groups (each with the meetings that went there with it) and single meetings of live groups,
to bring back. The service decides what may come back (a meeting needs its group; no duplicate of a meeting
recorded since) and says why not."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import KaplcError
from ...i18n import _, ngettext
from ..widgets.thai_text import error_label

ID = Qt.ItemDataRole.UserRole


class PlcTrashDialog(QDialog):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plcTrashDialog")
        self.setWindowTitle(_("PLC Trash"))
        self.ctx = ctx
        self.groups = QListWidget()
        self.groups.setObjectName("trashGroups")
        self.meetings = QListWidget()
        self.meetings.setObjectName("trashMeetings")
        self.restore_group_button = QPushButton(_("Restore the group and its meetings"))
        self.restore_group_button.clicked.connect(self.restore_group)
        self.restore_meeting_button = QPushButton(_("Restore the meeting"))
        self.restore_meeting_button.clicked.connect(self.restore_meeting)
        self.error = error_label()
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        for title, listing, button in (
            (_("Groups"), self.groups, self.restore_group_button),
            (_("Meetings"), self.meetings, self.restore_meeting_button),
        ):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(listing, 1)
            inner.addWidget(button)
            row.addWidget(box)
        layout.addLayout(row, 1)
        layout.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(820, 440)
        self.fill()

    def fill(self) -> None:
        self.groups.clear()
        for group, meetings in self.ctx.plc_groups.trash():
            text = ngettext("{name} ({year}), with {n} meeting", "{name} ({year}), with {n} meetings", meetings).format(
                name=group.name, year=group.academic_year, n=meetings
            )
            item = QListWidgetItem(text)
            item.setData(ID, group.id)
            self.groups.addItem(item)
        names = {g.id: g.name for g in self.ctx.plc_groups.list()}
        self.meetings.clear()
        for meeting in sorted(self.ctx.plc_meetings.trash(), key=lambda m: m.date, reverse=True):
            item = QListWidgetItem(f"{names.get(meeting.group_id, '')} · {meeting.title} · {meeting.display('date')}")
            item.setData(ID, meeting.id)
            self.meetings.addItem(item)
        for listing, button in ((self.groups, self.restore_group_button), (self.meetings, self.restore_meeting_button)):
            if listing.count():
                listing.setCurrentRow(0)
            button.setEnabled(listing.count() > 0)

    def _restore(self, listing: QListWidget, restore: Any) -> None:
        item = listing.currentItem()
        if item is None:
            return
        self.error.hide()
        try:
            restore(item.data(ID))
        except KaplcError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.fill()

    def restore_group(self) -> None:
        self._restore(self.groups, self.ctx.plc_groups.restore)

    def restore_meeting(self) -> None:
        self._restore(self.meetings, self.ctx.plc_meetings.restore)
