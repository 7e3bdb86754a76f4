"""The read-only panel beside a list that shows the declared details of the selected record."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QWidget

from ...domain import buddhist_date
from ...domain.record_kind import RecordKind
from ...i18n import N_, _
from .thai_text import plain_label


class RecordDetails(QFrame):
    empty_title = N_("Nothing selected")
    empty_hint = N_("Choose a record in the list to see the details.")

    def __init__(self, kind: RecordKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName("recordDetails")
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
        for name in kind.details:
            label = plain_label()
            label.setWordWrap(True)
            self.values[name] = label
            form.addRow(kind.label_of(name) + ":", label)
        self.updated = plain_label()
        self.updated.setStyleSheet("color: #666;")
        form.addRow(self.updated)
        self.show_record(None)

    def subtitle_of(self, record: Any) -> str:
        return ""

    def show_record(self, record: Any | None) -> None:
        if record is None:
            self.title.setText(_(self.empty_title))
            self.subtitle.setText(_(self.empty_hint))
            for label in self.values.values():
                label.setText("")
            self.updated.setText("")
            return
        self.title.setText(record.title)
        self.subtitle.setText(self.subtitle_of(record))
        for name, label in self.values.items():
            label.setText(record.display_full(name) or "-")
        self.updated.setText(
            _("Last changed {date}").format(date=buddhist_date.format_long(record.updated_at.astimezone().date()))
        )


class PersonDetails(RecordDetails):
    empty_title = N_("No one selected")
    empty_hint = N_("Choose a person in the list to see the details.")

    def __init__(self, parent: QWidget | None = None) -> None:
        from ...domain.kinds.personnel import PERSONNEL

        super().__init__(PERSONNEL, parent)
        self.setObjectName("personDetails")

    def subtitle_of(self, record: Any) -> str:
        return record.full_name_en
