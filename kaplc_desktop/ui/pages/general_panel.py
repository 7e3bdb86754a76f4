"""Settings → General: whom error reports go to (the district office unless someone else looks after the
program here)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...context import AppContext
from ...i18n import _
from ...settings import load_settings, save_settings
from ...support_contact import district_contact, support_contact
from ..widgets.thai_text import plain_label


class GeneralPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("generalPanel")
        self.ctx = ctx
        layout = QVBoxLayout(self)
        note = plain_label(
            _(
                "When something goes wrong inside the program, its message says where the details were written and "
                "whom to send them to. By default that is the district office; name someone else here (with a phone "
                "number or e-mail) if another person looks after the program."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.contact = QLineEdit(load_settings(ctx.data_dir).support_contact)
        self.contact.setObjectName("supportContact")
        self.contact.setMaxLength(300)
        self.contact.setMaximumWidth(620)
        self.contact.setPlaceholderText(district_contact(ctx.data_dir))
        form.addRow(_("Send error reports to:"), self.contact)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("saveGeneral")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        self.saved = plain_label()
        row.addWidget(self.saved, 1)
        layout.addLayout(row)
        layout.addStretch(1)

    def save(self) -> None:
        settings = load_settings(self.ctx.data_dir)
        settings.support_contact = " ".join(self.contact.text().split())
        save_settings(self.ctx.data_dir, settings)
        self.saved.setText(
            _("Saved: error reports go to {contact}.").format(contact=support_contact(self.ctx.data_dir))
        )
