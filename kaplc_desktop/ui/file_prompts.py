"""Asking the user for files and confirmations; pages call these through attributes tests can replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..i18n import _
from .widgets.thai_text import plain_message_box


def ask_save_path(parent: QWidget, title: str, suggested: str, filter_text: str) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), filter_text)
    return Path(name) if name else None


def ask_open_path(parent: QWidget, title: str, filter_text: str) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(parent, title, str(Path.home()), filter_text)
    return Path(name) if name else None


def ask_folder(parent: QWidget | None, title: str, start: Path | None = None) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(start or Path.home()))
    return Path(name) if name else None


def ask_backup_file(parent: QWidget, start: Path) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Restore from a backup file"), str(start), _("KA-PLC backup (*.kaplc-backup)")
    )
    return Path(name) if name else None


def confirm(parent: QWidget, title: str, question: str) -> bool:
    box = plain_message_box(QMessageBox.Icon.Question, title, question, parent)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def inform(parent: QWidget, title: str, text: str) -> None:
    box = plain_message_box(QMessageBox.Icon.Information, title, text, parent)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    """One line of text from the user (a reason), or None when cancelled or left empty."""
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(parent, title, label)
    return text.strip() or None if ok else None


def excel_filter() -> str:
    return _("Excel workbook (*.xlsx)")


def as_xlsx(path: Path) -> Path:
    """The chosen file name with the .xlsx ending a save dialog may leave off."""
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")
