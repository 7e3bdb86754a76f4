"""Helpers for widgets showing user text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(text: str = "") -> QLabel:
    """A label that shows its text as typed: names and texts from records and bundles are never rich text."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_message_box(icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def _note_label(color: str) -> QLabel:
    label = plain_label()
    label.setStyleSheet(f"color: {color};")
    label.setWordWrap(True)
    label.hide()
    return label


def warning_label() -> QLabel:
    """An amber note that something will not come out as typed (the user may still go on), hidden until needed."""
    return _note_label("#8a5300")


def error_label() -> QLabel:
    """A red label under a form field, hidden until the field has a problem."""
    return _note_label("#b00020")
