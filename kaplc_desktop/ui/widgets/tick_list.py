"""People to tick, with a find box and how many are ticked: whom a project is for (a school's project or the
district's)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...i18n import _


class TickList(QWidget):
    def __init__(self, find_hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.find = QLineEdit()
        self.find.setPlaceholderText(find_hint)
        self.find.setClearButtonEnabled(True)
        self.find.textChanged.connect(self._filter)
        self.people = QListWidget()
        self.people.setObjectName("projectPeople")
        self.people.setMinimumWidth(300)
        self.people.itemChanged.connect(self._count)
        self.ticked = QLabel()
        self.ticked.setObjectName("projectTicked")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.ticked)
        self._count()

    def add(self, entries: Iterable[tuple[str, str]], ticked: Iterable[str] = ()) -> None:
        """(id, label) rows, those in `ticked` ticked; an id listed already is ticked, not listed twice."""
        wanted = set(ticked)
        listed = {
            self.people.item(i).data(Qt.ItemDataRole.UserRole): self.people.item(i) for i in range(self.people.count())
        }
        self.people.blockSignals(True)
        for key, label in entries:
            if key in listed:
                if key in wanted:
                    listed[key].setCheckState(Qt.CheckState.Checked)
                continue
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in wanted else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.people.blockSignals(False)
        self._count()

    def tick(self, keys: Iterable[str]) -> None:
        """Ticks those listed (a need's askers)."""
        wanted = set(keys)
        for i in range(self.people.count()):
            item = self.people.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in wanted:
                item.setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[str]:
        return [
            self.people.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.people.count())
            if self.people.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _count(self, *_args: object) -> None:
        self.ticked.setText(_("{n} people ticked").format(n=len(self.chosen())))

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for i in range(self.people.count()):
            item = self.people.item(i)
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())
