"""What the user sees for errors: a plain message for refusals, a "copy details" dialog for bugs."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..crash_log import format_exception, log_exception
from ..error_messages import as_user_error
from ..i18n import _
from ..support_contact import support_contact
from .widgets.thai_text import plain_label, plain_message_box


def show_refusal(parent: QWidget | None, message: str, title: str | None = None) -> None:
    box = plain_message_box(QMessageBox.Icon.Warning, title or _("Cannot do this"), message, parent)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("refusalBox")
    box.exec()


class UnexpectedErrorDialog(QDialog):
    def __init__(
        self, details: str, log_path: Path | None, parent: QWidget | None = None, contact: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unexpectedErrorDialog")
        self.setWindowTitle(_("Unexpected error"))
        layout = QVBoxLayout(self)
        contact = contact or support_contact(None)
        if log_path is not None:
            what = _(
                "Something went wrong inside the program. What you saved before is safe.\n\nThe details were written "
                "to {path}. Send that file to {contact}, with a sentence on what you were doing; or press Copy details "
                "and paste them into an e-mail."
            ).format(path=log_path, contact=contact)
        else:
            what = _(
                "Something went wrong inside the program. What you saved before is safe.\n\nPress Copy details and "
                "send them to {contact}, with a sentence on what you were doing."
            ).format(contact=contact)
        text = plain_label(what)
        text.setObjectName("errorExplanation")
        text.setWordWrap(True)
        layout.addWidget(text)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(_("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())


def report_exception(
    data_dir: Path | None,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    parent: QWidget | None = None,
) -> None:
    """Refusals get their message; anything else is logged and shown with its details."""
    friendly = as_user_error(exc)
    if friendly is not None:
        show_refusal(parent, friendly.message)
        return
    log_path = log_exception(data_dir, exc_type, exc, tb) if data_dir else None
    UnexpectedErrorDialog(format_exception(exc_type, exc, tb), log_path, parent, support_contact(data_dir)).exec()


def install_excepthook(data_dir: Path | None) -> None:
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report_exception(data_dir, exc_type, exc, tb, QApplication.activeWindow())

    sys.excepthook = hook
