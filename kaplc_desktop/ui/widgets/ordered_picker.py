"""People chosen from a long list, in an order that matters (a work's owners print in this order, the first is the
main author): a checklist with a find box, and beside it the chosen ones as an ordered list with ↑/↓ and Remove.
Space ticks in the checklist; in the ordered list Ctrl+↑/Ctrl+↓ move the chosen one and Delete removes it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _

ID = Qt.ItemDataRole.UserRole


class _List(QListWidget):
    """A list that asks for little height (it still grows with the room it gets): in a form that scrolls, Qt lays
    wrapped text out by preferred heights, and two lists of the usual 192 pixels would make a laptop's form scroll."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), 110)


class OrderedPicker(QWidget):
    changed = Signal()

    def __init__(self, people: Sequence[tuple[str, str]], chosen: Sequence[str], parent: QWidget | None = None) -> None:
        """`people`: (id, name) in the order to offer them; `chosen`: ids already chosen, in their order."""
        super().__init__(parent)
        self._names = dict(people)
        self._chosen = [c for c in dict.fromkeys(chosen) if c in self._names]
        self.find = QLineEdit()
        self.find.setPlaceholderText(_("Find a name…"))
        self.find.setClearButtonEnabled(True)
        self.find.textChanged.connect(self._filter)
        self.checklist = _List()
        self.checklist.setObjectName("ownerList")
        for person_id, name in people:
            item = QListWidgetItem(name)
            item.setData(ID, person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person_id in self._chosen else Qt.CheckState.Unchecked)
            self.checklist.addItem(item)
        self.checklist.itemChanged.connect(self._ticked)
        self.order = _List()
        self.order.setObjectName("ownerOrder")
        self.order.installEventFilter(self)
        order_label = QLabel(_("Chosen, in the order printed (the first is the main author):"))
        order_label.setWordWrap(True)
        order_label.setBuddy(self.order)
        self.up_button, self.down_button = QPushButton("↑"), QPushButton("↓")
        self.remove_button = QPushButton(_("Remove"))
        for button, name, tip in (
            (self.up_button, "up_owner", _("Move up (Ctrl+Up)")),
            (self.down_button, "down_owner", _("Move down (Ctrl+Down)")),
            (self.remove_button, "remove_owner", _("Remove from the owners (Delete)")),
        ):
            button.setObjectName(name)
            button.setToolTip(tip)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find)
        layout.addWidget(self.checklist, 3)
        layout.addWidget(order_label)
        layout.addWidget(self.order, 2)
        layout.addLayout(buttons)
        self._show_order()

    def chosen(self) -> list[str]:
        """The ids chosen, in the order the user gave them."""
        return list(self._chosen)

    def move(self, step: int) -> None:
        row = self.order.currentRow()
        if 0 <= row < len(self._chosen) and 0 <= row + step < len(self._chosen):
            self._chosen[row], self._chosen[row + step] = self._chosen[row + step], self._chosen[row]
            self._show_order(row + step)
            self.changed.emit()

    def remove_current(self) -> None:
        row = self.order.currentRow()
        if 0 <= row < len(self._chosen):
            self._tick(self._chosen[row], Qt.CheckState.Unchecked)  # _ticked takes it out of the order

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.order and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if control and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.remove_current()
                return True
        return super().eventFilter(watched, event)

    def _ticked(self, item: QListWidgetItem) -> None:
        person_id = item.data(ID)
        if item.checkState() == Qt.CheckState.Checked and person_id not in self._chosen:
            self._chosen.append(person_id)  # a new owner goes last
            self._show_order(len(self._chosen) - 1)
        elif item.checkState() != Qt.CheckState.Checked and person_id in self._chosen:
            row = self._chosen.index(person_id)
            self._chosen.remove(person_id)
            self._show_order(min(row, len(self._chosen) - 1))
        else:
            return
        self.changed.emit()

    def _tick(self, person_id: str, state: Qt.CheckState) -> None:
        for n in range(self.checklist.count()):
            item = self.checklist.item(n)
            if item.data(ID) == person_id:
                item.setCheckState(state)
                return

    def _show_order(self, current: int = -1) -> None:
        self.order.blockSignals(True)
        self.order.clear()
        for n, person_id in enumerate(self._chosen, start=1):
            item = QListWidgetItem(f"{n}. {self._names[person_id]}")
            item.setData(ID, person_id)
            self.order.addItem(item)
        self.order.blockSignals(False)
        self.order.setCurrentRow(current)  # the buttons stay enabled: a disabled one would throw the focus away

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for n in range(self.checklist.count()):
            item = self.checklist.item(n)
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())
