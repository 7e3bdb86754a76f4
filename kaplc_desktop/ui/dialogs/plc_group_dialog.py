"""Adding or editing a PLC group: the declared group form, and beside it the staff to tick as members, each
with a role. The service saves the group and its members together."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHeaderView, QLineEdit, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ...domain.kinds.plc_group import PLC_GROUP, ROLE_MEMBER
from ...i18n import _
from ...services.plc_groups import MemberInput
from ..widgets.field_editors import set_editor_value
from ..widgets.thai_text import error_label
from ..widgets.vocab_combo import VocabularyCombo
from .record_dialog import RecordDialog

SaveGroup = Callable[[dict[str, object], list[MemberInput]], Any]


class PlcGroupDialog(RecordDialog):
    field_width = 200  # three columns within a 1366-pixel screen: the group, its aims, its members
    labels_above = frozenset({1})

    def __init__(
        self,
        save: SaveGroup,
        staff: list[Any],
        group: Any | None = None,
        members: list[Any] = (),  # type: ignore[assignment]
        defaults: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self._staff = staff
        self._members = {m.person_id: m.role for m in members}
        title = _("Edit PLC group") if group else _("New PLC group")
        super().__init__(PLC_GROUP, lambda values: save(values, self.chosen()), group, parent, title)
        self.setObjectName("plcGroupDialog")
        if group is None and defaults:
            for name, value in defaults.items():
                set_editor_value(PLC_GROUP.field(name), self.widgets[name], value)

    def extra_column(self) -> QWidget | None:
        box = QGroupBox(_("Members and their roles"))
        layout = QVBoxLayout(box)
        self.member_filter = QLineEdit()
        self.member_filter.setPlaceholderText(_("Find a name…"))
        self.member_filter.setClearButtonEnabled(True)
        self.member_filter.textChanged.connect(self._filter)
        self.member_table = QTableWidget(len(self._staff), 2)
        self.member_table.setObjectName("memberTable")
        self.member_table.setHorizontalHeaderLabels([_("Name"), _("Role in the group")])
        self.member_table.verticalHeader().hide()
        self.member_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.member_table.setMinimumWidth(380)
        self.member_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.roles: dict[str, VocabularyCombo] = {}
        for row, person in enumerate(self._staff):
            item = QTableWidgetItem(person.full_name_th)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            chosen = person.id in self._members
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.member_table.setItem(row, 0, item)
            combo = VocabularyCombo("plc_role")
            combo.set_code(self._members.get(person.id, ROLE_MEMBER))
            self.member_table.setCellWidget(row, 1, combo)
            self.roles[person.id] = combo
        self.member_table.resizeRowsToContents()
        layout.addWidget(self.member_filter)
        layout.addWidget(self.member_table, 1)
        self.member_error = self._errors["members"] = error_label()
        layout.addWidget(self.member_error)
        return box

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for row in range(self.member_table.rowCount()):
            name = self.member_table.item(row, 0).text().casefold()
            self.member_table.setRowHidden(row, bool(wanted) and wanted not in name)

    def chosen(self) -> list[MemberInput]:
        found = []
        for row in range(self.member_table.rowCount()):
            item = self.member_table.item(row, 0)
            if item.checkState() == Qt.CheckState.Checked:
                person_id = item.data(Qt.ItemDataRole.UserRole)
                found.append(MemberInput(person_id, self.roles[person_id].code() or ROLE_MEMBER))
        return found
