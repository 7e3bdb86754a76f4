"""Adding or editing one staff member. The service validates; the dialog shows each problem by its field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import national_id, vocabularies
from ...domain.person_fields import REQUIRED_FIELDS, TYPED_TEXT_FIELDS, field_label
from ...domain.printable_text import field_warnings
from ...errors import ValidationError
from ...i18n import _
from ...services.person_row import PersonRow
from ..widgets.be_date_edit import BuddhistDateEdit
from ..widgets.thai_text import error_label, warning_label
from ..widgets.vocab_combo import VocabularyCombo

Save = Callable[[dict[str, object]], PersonRow]
FIELD_WIDTH = 280


class PersonDialog(QDialog):
    """`save` is PersonnelService.add or a bound update; it raises ValidationError for bad input."""

    def __init__(self, save: Save, person: PersonRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personDialog")
        self._save = save
        self.saved: PersonRow | None = None
        self.setWindowTitle(_("Edit staff member") if person else _("Add staff member"))
        self._errors: dict[str, QLabel] = {}
        self._build()
        if person:
            self._load(person)
        self._status_changed()

    def _build(self) -> None:
        self.national_id = QLineEdit()
        self.national_id.setPlaceholderText("x-xxxx-xxxxx-xx-x")
        self.national_id.setMaxLength(17)
        self.title_prefix = VocabularyCombo("title_prefix", blank="", editable=True)
        self.first_name_th = QLineEdit()
        self.last_name_th = QLineEdit()
        self.first_name_en = QLineEdit()
        self.last_name_en = QLineEdit()
        self.position = VocabularyCombo("position", blank="")
        self.academic_standing = VocabularyCombo("academic_standing", blank=_("(none)"))
        self.personnel_group = VocabularyCombo("personnel_group", blank="")
        self.learning_areas = QListWidget()
        for term in vocabularies.terms("learning_area"):
            item = QListWidgetItem(term.label())
            item.setData(Qt.ItemDataRole.UserRole, term.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.learning_areas.addItem(item)
        self.learning_areas.setMinimumHeight(140)
        self.learning_areas.setMaximumHeight(180)
        self.subject = QLineEdit()
        self.start_date = BuddhistDateEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.status = VocabularyCombo("personnel_status")
        self.status.currentIndexChanged.connect(self._status_changed)
        self.status_date = BuddhistDateEdit()

        person_box = QGroupBox(_("Person"))
        person_form = QFormLayout(person_box)
        work_box = QGroupBox(_("Work"))
        work_form = QFormLayout(work_box)
        for form, names in (
            (
                person_form,
                (
                    "national_id",
                    "title_prefix",
                    "first_name_th",
                    "last_name_th",
                    "first_name_en",
                    "last_name_en",
                    "phone",
                    "email",
                ),
            ),
            (
                work_form,
                (
                    "position",
                    "academic_standing",
                    "personnel_group",
                    "learning_areas",
                    "subject",
                    "start_date",
                    "status",
                    "status_date",
                ),
            ),
        ):
            for name in names:
                self._add_row(form, name)
        grid = QGridLayout()
        grid.addWidget(person_box, 0, 0)
        grid.addWidget(work_box, 0, 1)
        self.form_error = error_label()
        # typed characters the documents cannot print: a warning while typing, saving stays possible
        self.print_warning = warning_label()
        self.print_warning.setObjectName("printWarning")
        for edit in (
            self.first_name_th,
            self.last_name_th,
            self.first_name_en,
            self.last_name_en,
            self.subject,
            self.phone,
            self.email,
        ):
            edit.textChanged.connect(self._check_printable)
        self.title_prefix.currentTextChanged.connect(self._check_printable)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.print_warning)
        layout.addWidget(self.form_error)
        layout.addWidget(buttons)

    def _add_row(self, form: QFormLayout, name: str) -> None:
        required = name in REQUIRED_FIELDS
        label = field_label(name) + (" *" if required else "")
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        field = getattr(self, name)
        field.setMinimumWidth(FIELD_WIDTH)
        box.addWidget(field)
        self._errors[name] = error_label()
        box.addWidget(self._errors[name])
        form.addRow(label, holder)

    def _status_changed(self) -> None:
        self.status_date.setEnabled(self.status.code() != "active")

    def _load(self, p: PersonRow) -> None:
        self.national_id.setText(national_id.format_full(p.national_id) if p.national_id else "")
        self.title_prefix.set_code(p.title_prefix)
        self.first_name_th.setText(p.first_name_th)
        self.last_name_th.setText(p.last_name_th)
        self.first_name_en.setText(p.first_name_en or "")
        self.last_name_en.setText(p.last_name_en or "")
        self.position.set_code(p.position)
        self.academic_standing.set_code(p.academic_standing)
        self.personnel_group.set_code(p.personnel_group)
        for i in range(self.learning_areas.count()):
            item = self.learning_areas.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in p.learning_areas
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.subject.setText(p.subject or "")
        self.start_date.set_date(p.start_date)
        self.phone.setText(p.phone or "")
        self.email.setText(p.email or "")
        self.status.set_code(p.status)
        self.status_date.set_date(p.status_date)

    def values(self) -> dict[str, object]:
        areas = [
            self.learning_areas.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.learning_areas.count())
            if self.learning_areas.item(i).checkState() == Qt.CheckState.Checked
        ]
        return {
            "national_id": self.national_id.text(),
            "title_prefix": self.title_prefix.code(),
            "first_name_th": self.first_name_th.text(),
            "last_name_th": self.last_name_th.text(),
            "first_name_en": self.first_name_en.text(),
            "last_name_en": self.last_name_en.text(),
            "position": self.position.code(),
            "academic_standing": self.academic_standing.code(),
            "personnel_group": self.personnel_group.code(),
            "learning_areas": areas,
            "subject": self.subject.text(),
            "start_date": self.start_date.text(),
            "phone": self.phone.text(),
            "email": self.email.text(),
            "status": self.status.code(),
            "status_date": self.status_date.text() if self.status_date.isEnabled() else "",
        }

    def _check_printable(self) -> None:
        warnings = field_warnings(self.values(), TYPED_TEXT_FIELDS)
        self.print_warning.setText("\n".join(w.message for w in warnings))
        self.print_warning.setVisible(bool(warnings))

    def show_errors(self, exc: ValidationError) -> None:
        for label in self._errors.values():
            label.hide()
        loose = []
        for err in exc.errors:
            label = self._errors.get(err.field)
            if label is None:
                loose.append(err.message)
                continue
            label.setText(err.message if label.isHidden() else f"{label.text()}\n{err.message}")
            label.show()
        self.form_error.setText("\n".join(loose) or _("Please correct the fields marked in red."))
        self.form_error.show()
        self.adjustSize()

    def accept(self) -> None:
        try:
            self.saved = self._save(self.values())
        except ValidationError as exc:
            self.show_errors(exc)
            return
        super().accept()
