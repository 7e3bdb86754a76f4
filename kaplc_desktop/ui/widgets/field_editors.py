"""The widget that edits a declared field, by its type, and how its value is read and set.

Values are handed to the domain as typed (text, codes, lists of codes); cleaning stays in the domain.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QWidget

from ...domain import vocabularies
from ...domain.field_types import Code, Codes, Date, Level, NationalId, TextList, Time
from ...domain.record_kind import Field
from ...i18n import _
from .be_date_edit import BuddhistDateEdit
from .level_combo import LevelCombo
from .vocab_combo import VocabularyCombo


def make_editor(f: Field) -> QWidget:
    t = f.type
    if isinstance(t, Codes):
        assert f.vocabulary
        box = QListWidget()
        for term in vocabularies.terms(f.vocabulary):
            item = QListWidgetItem(term.label())
            item.setData(Qt.ItemDataRole.UserRole, term.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            box.addItem(item)
        box.setMinimumHeight(140)
        box.setMaximumHeight(180)
        return box
    if isinstance(t, Level):
        return LevelCombo(t.scale, blank=None if f.default is not None else "")
    if isinstance(t, Code):
        assert f.vocabulary
        blank = None if f.default is not None else ("" if f.required or t.free else _("(none)"))
        return VocabularyCombo(f.vocabulary, blank=blank, editable=t.free)
    if isinstance(t, Date):
        return BuddhistDateEdit()
    if t.multiline or isinstance(t, TextList):
        return text_box(_("One item per line") if isinstance(t, TextList) else "")
    edit = QLineEdit()
    if isinstance(t, Time):
        edit.setPlaceholderText(_("hh.mm, for example 15.30"))
        edit.setMaxLength(12)
    if isinstance(t, NationalId):
        edit.setMaxLength(17)  # 13 digits and their dashes
    # other text is not cut at its limit while typed: cleaning says it is too long, and nothing is lost unseen
    if f.hint:
        edit.setPlaceholderText(f.hint)
    return edit


def text_box(hint: str = "", lines: int = 3) -> QPlainTextEdit:
    """A box for paragraphs: Tab moves to the next field (keyboard-first forms), Enter starts a new line."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(hint)
    height = box.fontMetrics().lineSpacing() * lines + 14
    box.setMinimumHeight(height)
    box.setMaximumHeight(height * 3)
    return box


def editor_value(f: Field, widget: QWidget) -> object:
    if isinstance(widget, QListWidget):
        return [
            widget.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        ]
    if isinstance(widget, VocabularyCombo):
        return widget.code()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    raise TypeError(f"no value reader for {type(widget).__name__}")


def set_editor_value(f: Field, widget: QWidget, value: Any) -> None:
    if isinstance(widget, QListWidget):
        chosen = set(value or ())
        for i in range(widget.count()):
            item = widget.item(i)
            item.setCheckState(
                Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen else Qt.CheckState.Unchecked
            )
    elif isinstance(widget, VocabularyCombo):
        widget.set_code(value)
    elif isinstance(widget, BuddhistDateEdit):
        widget.set_date(value)
    elif isinstance(widget, QLineEdit):
        widget.setText(f.type.display_full(f, value))
        widget.setCursorPosition(0)  # a long address shows its beginning
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText("\n".join(value) if isinstance(value, tuple | list) else (value or ""))
    else:
        raise TypeError(f"no value writer for {type(widget).__name__}")


def changed_signal(widget: QWidget) -> SignalInstance | None:
    """The signal a widget sends when the user changes its text (for live warnings)."""
    if isinstance(widget, VocabularyCombo):
        return widget.currentTextChanged
    if isinstance(widget, QLineEdit):
        return widget.textChanged
    if isinstance(widget, QPlainTextEdit):
        return widget.textChanged
    return None
