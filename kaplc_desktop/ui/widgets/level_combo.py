"""A drop-down of a numbered scale ("4 – ดีเลิศ"): typing the digit chooses the level."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.field_types import level_text
from .vocab_combo import VocabularyCombo


class LevelCombo(VocabularyCombo):
    def __init__(self, scale: str, blank: str | None = "", parent: QWidget | None = None) -> None:
        super().__init__(scale, blank=blank, parent=parent)
        for i in range(self.count()):
            level = self.itemData(i)
            if level is not None:
                self.setItemText(i, level_text(scale, int(level)))

    def level(self) -> int | None:
        value = self.currentData()
        return None if value is None else int(value)
