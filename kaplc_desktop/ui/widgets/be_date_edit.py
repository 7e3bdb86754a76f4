"""A date field typed in the Buddhist Era (วว/ดด/ปปปป); parsing and checks live in the domain."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLineEdit, QWidget

from ...domain import buddhist_date
from ...i18n import _


class BuddhistDateEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("dd/mm/yyyy (B.E.)"))
        self.setToolTip(_("Type the date in the Buddhist Era, for example 16/05/2568."))

    def set_date(self, value: dt.date | None) -> None:
        self.setText(buddhist_date.format_short(value))
