"""The read-only panel beside the staff list that shows every field of the selected person."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QWidget

from ...domain import buddhist_date, national_id
from ...domain.person_fields import DETAIL_FIELDS, field_label
from ...i18n import _
from ...services.person_row import PersonRow
from .thai_text import plain_label

SHOWN = ("national_id", *DETAIL_FIELDS)


class PersonDetails(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personDetails")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(280)
        form = QFormLayout(self)
        self.title = plain_label()
        self.title.setObjectName("detailsTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.subtitle = plain_label()
        self.subtitle.setWordWrap(True)
        form.addRow(self.title)
        form.addRow(self.subtitle)
        self.values: dict[str, QLabel] = {}
        for name in SHOWN:
            label = plain_label()
            label.setWordWrap(True)
            self.values[name] = label
            form.addRow(field_label(name) + ":", label)
        self.updated = plain_label()
        self.updated.setStyleSheet("color: #666;")
        form.addRow(self.updated)
        self.show_person(None)

    def show_person(self, person: PersonRow | None) -> None:
        if person is None:
            self.title.setText(_("No one selected"))
            self.subtitle.setText(_("Choose a person in the list to see the details."))
            for label in self.values.values():
                label.setText("")
            self.updated.setText("")
            return
        self.title.setText(person.full_name_th)
        self.subtitle.setText(person.full_name_en)
        for name, label in self.values.items():
            if name == "national_id":
                label.setText(national_id.format_full(person.national_id) if person.national_id else "-")
            else:
                label.setText(person.display(name) or "-")
        self.updated.setText(
            _("Last changed {date}").format(date=buddhist_date.format_long(person.updated_at.astimezone().date()))
        )
