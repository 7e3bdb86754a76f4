"""Numbers in a table cell shown with thousands separators (12500.5 as 12,500.5), right-aligned on one line; the
cell keeps the text as typed, so editing shows it unchanged. Text that is not a plain number is shown as it is."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

_NUMBER = re.compile(r"\s*([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]*)?\s*")


def grouped(text: str) -> str:
    """'1234.5' → '1,234.5'; anything else unchanged."""
    found = _NUMBER.fullmatch(text)
    if found is None:
        return text
    whole = int(found.group(1).replace(",", ""))
    return f"{whole:,}{found.group(2) or ''}"


class GroupedNumberDelegate(QStyledItemDelegate):
    def displayText(self, value: Any, locale: Any) -> str:
        return grouped(value) if isinstance(value, str) else super().displayText(value, locale)

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.displayAlignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # type: ignore[attr-defined]
