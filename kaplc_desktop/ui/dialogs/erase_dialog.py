"""Erasing a person for good (PDPA): the dialog names the person, asks why, and asks once more; the erasure
itself is the sync service's (the record, what refers to it, and everywhere the erasure travels)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from ...errors import KaplcError
from ...i18n import _
from ..widgets.thai_text import error_label, plain_label


class EraseDialog(QDialog):
    def __init__(self, name: str, erase: Callable[[str], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eraseDialog")
        self.setWindowTitle(_("Erase permanently (PDPA)"))
        self.erase = erase
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        warning = plain_label(
            _(
                "Erase {name} permanently? The record and every record that refers to it are deleted for good, "
                "here and, with the next bundle, at the district. This cannot be undone, and the record cannot "
                "come back from an older bundle. Use it only when the person asked to be forgotten (PDPA).\n\n"
                "If the person moved to another school or retired, do not erase: edit the record and change its "
                "status instead, so the history stays."
            ).format(name=name)
        )
        warning.setObjectName("eraseWarning")
        warning.setWordWrap(True)
        warning.setMinimumHeight(warning.heightForWidth(600))  # wrapped Thai text: reserve every line
        layout.addWidget(warning)
        layout.addWidget(plain_label(_("Reason (for example: the person's written request of 1 Dec 2569):")))
        self.reason = QLineEdit()
        self.reason.setObjectName("eraseReason")
        self.reason.setMaxLength(500)
        layout.addWidget(self.reason)
        self.understood = QCheckBox(_("I understand that {name} will be erased for good.").format(name=name))
        self.understood.setObjectName("eraseUnderstood")
        layout.addWidget(self.understood)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.erase_button = buttons.addButton(_("Erase permanently"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._erase)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reason.textChanged.connect(self._update)
        self.understood.toggled.connect(self._update)
        self._update()
        self.setMinimumWidth(640)
        self.resize(640, self.sizeHint().height())

    def _update(self) -> None:
        self.erase_button.setEnabled(bool(self.reason.text().strip()) and self.understood.isChecked())

    def _erase(self) -> None:
        try:
            self.result_value = self.erase(self.reason.text())
        except KaplcError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        self.accept()
