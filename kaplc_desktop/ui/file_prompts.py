"""Asking the user for files and confirmations; pages call these through attributes tests can replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..i18n import _


def ask_save_path(parent: QWidget, title: str, suggested: str, filter_text: str) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), filter_text)
    return Path(name) if name else None


def ask_open_path(parent: QWidget, title: str, filter_text: str) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(parent, title, str(Path.home()), filter_text)
    return Path(name) if name else None


def confirm(parent: QWidget, title: str, question: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def excel_filter() -> str:
    return _("Excel workbook (*.xlsx)")
