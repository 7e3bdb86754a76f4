"""A drop-down of vocabulary terms showing labels in the current language and holding codes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from ...domain import vocabularies


def narrow(combo: QComboBox, characters: int = 20) -> None:
    """A combo as wide as its field, not as its longest item (a competency's name made a form wider than a
    1366-pixel screen); the list it opens still shows each item whole."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)


class VocabularyCombo(QComboBox):
    def __init__(
        self, vocabulary: str, blank: str | None = None, editable: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.vocabulary = vocabulary
        self.setEditable(editable)
        if blank is not None:
            self.addItem(blank, None)
        for term in vocabularies.terms(vocabulary):
            self.addItem(term.label(), term.code)
        narrow(self)

    def code(self) -> str | None:
        """The chosen code; for an editable combo, typed text that matches no label is returned as typed."""
        if self.isEditable():
            text = self.currentText().strip()
            if self.currentIndex() >= 0 and self.itemText(self.currentIndex()) == text:
                return self.currentData()
            return text or None
        return self.currentData()

    def set_code(self, code: str | None) -> None:
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)
        elif self.isEditable():
            self.setEditText(code or "")
        else:
            self.setCurrentIndex(0)
