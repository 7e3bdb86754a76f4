"""The read-only panel beside a list that shows the declared details of the selected record."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from ...domain import buddhist_date
from ...domain.field_types import NationalId
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
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a long label keeps its words
        self.title = plain_label()
        self.title.setObjectName("detailsTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.subtitle = plain_label()
        self.subtitle.setWordWrap(True)
        form.addRow(self.title)
        form.addRow(self.subtitle)
        self.values: dict[str, QLabel] = {}
        self.reveal: dict[str, QToolButton] = {}  # masked fields (a national ID): shown in full on request
        self._record: Any | None = None
        for name in kind.details:
            label = plain_label()
            label.setWordWrap(True)
            self.values[name] = label
            if name in kind.field_names and isinstance(kind.field(name).type, NationalId):
                form.addRow(kind.label_of(name) + ":", self._revealable(name, label))
            else:
                form.addRow(kind.label_of(name) + ":", label)
        self.updated = plain_label()
        self.updated.setStyleSheet("color: #666;")
        form.addRow(self.updated)
        self.show_record(None)

    def _revealable(self, name: str, label: QLabel) -> QWidget:
        label.setWordWrap(False)  # a number is read whole, never broken over two lines
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label, 1)
        button = QToolButton()
        button.setObjectName(f"reveal_{name}")
        button.setCheckable(True)
        button.setText(_("Show"))
        button.setToolTip(_("Show the whole number (lists and this panel show only its last digits)"))
        button.toggled.connect(lambda _on=False, n=name: self._show_value(n))
        row.addWidget(button)
        self.reveal[name] = button
        return holder

    def _show_value(self, name: str) -> None:
        record, label = self._record, self.values[name]
        if record is None:
            label.setText("")
            return
        revealed = name in self.reveal and self.reveal[name].isChecked()
        text = record.display_full(name) if name not in self.reveal or revealed else record.display(name)
        label.setText(text or "-")
        if name in self.reveal:
            self.reveal[name].setText(_("Hide") if revealed else _("Show"))
            self.reveal[name].setVisible(bool(getattr(record, name, None)))

    def subtitle_of(self, record: Any) -> str:
        return ""

    def show_record(self, record: Any | None) -> None:
        if record is None or self._record is None or record.id != self._record.id:
            for button in self.reveal.values():  # another person: hidden again
                button.blockSignals(True)
                button.setChecked(False)
                button.blockSignals(False)
        self._record = record
        if record is None:
            self.title.setText(_(self.empty_title))
            self.subtitle.setText(_(self.empty_hint))
            for label in self.values.values():
                label.setText("")
            for button in self.reveal.values():
                button.hide()
            self.updated.setText("")
            return
        self.title.setText(record.title)
        self.subtitle.setText(self.subtitle_of(record))
        for name in self.values:
            self._show_value(name)
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
