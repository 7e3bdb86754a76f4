"""Adding or editing one staff member: the declared personnel form, where the status date is asked for only
when the person has moved or retired."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.kinds.personnel import PERSONNEL, STATUS_ACTIVE
from ...i18n import _
from ...services.person_row import PersonRow
from .record_dialog import RecordDialog, Save


class PersonDialog(RecordDialog):
    def __init__(self, save: Save, person: PersonRow | None = None, parent: QWidget | None = None) -> None:
        title = _("Edit staff member") if person else _("Add staff member")
        super().__init__(PERSONNEL, save, person, parent, title)
        self.setObjectName("personDialog")
        self.widgets["status"].currentIndexChanged.connect(self._status_changed)
        self._status_changed()

    def _status_changed(self) -> None:
        self.widgets["status_date"].setEnabled(self.widgets["status"].code() != STATUS_ACTIVE)
