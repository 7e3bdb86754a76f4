"""A list of records of one declared kind with New, Edit and Delete: the list's columns and the form come from the
declaration; the page says which rows to show, the names of referenced records, and what a new record belongs to
(its plan, its person)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.record_kind import RecordKind
from ...i18n import _, ngettext
from ..models.record_table import RecordTableModel
from ..widgets.thai_text import plain_label
from .table_keys import TableKeys

DialogFactory = Callable[[Any | None, QWidget], Any]


class RecordListPanel(QWidget):
    """`rows` gives the records to list; `extra` the values a new or edited record gets besides its form (the
    plan a review belongs to); `dialog` makes the form (default: the kind's declared form)."""

    def __init__(
        self,
        kind: RecordKind,
        service: Callable[[], Any],
        rows: Callable[[], Sequence[Any]],
        columns: Sequence[str] | None = None,
        names: Callable[[], Mapping[str, Mapping[str, str]]] | None = None,
        extra: Callable[[], dict[str, object] | None] | None = None,
        dialog: DialogFactory | None = None,
        parent: QWidget | None = None,
        whose: Callable[[], str] | None = None,
        defaults: Callable[[], dict[str, object]] | None = None,
    ) -> None:
        super().__init__(parent)
        from .. import file_prompts

        self.prompts = file_prompts  # tests replace it
        self.kind, self._service, self._rows, self._names = kind, service, rows, names
        self._extra, self._dialog = extra, dialog
        self._whose, self._defaults = whose, defaults
        self._needing_choice: list[QWidget] = []
        self.model = RecordTableModel(kind, columns)
        self.table = QTableView()
        self.table.setObjectName(f"{kind.name}Table")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the declared order
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        TableKeys(self.table, self.edit, self.delete)
        self.new_button = QPushButton(_("New…"))
        self.new_button.clicked.connect(self.new)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(self.delete)
        self.count = plain_label()
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        self._actions = buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(self._enable)

    def add_action(self, button: QWidget, needs_choice: bool = True) -> None:
        """A page's own button beside New, Edit and Delete (print the chosen forum's programme); enabled like Edit
        when it acts on the chosen record."""
        self._actions.insertWidget(self._actions.count() - 2, button)  # before the stretch and the count
        if needs_choice:
            self._needing_choice.append(button)
            button.setEnabled(self.current() is not None)

    def reload(self) -> None:
        chosen = self.current()
        if self._names is not None:
            self.model.names = dict(self._names())
        self.model.set_rows(self._rows())
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):  # every column in view: long texts are cut, with a tooltip
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 200))
        row = self.model.visible_row_of(chosen.id) if chosen is not None else None
        if row is None and self.model.rowCount():
            row = 0  # the first, so what depends on the choice (a plan's reviews) shows at once
        if row is not None:
            self.table.selectRow(row)
        n = self.model.rowCount()
        self.count.setText(ngettext("{n} record", "{n} records", n).format(n=n))
        self._enable()

    def _enable(self, *_args: Any) -> None:
        allowed = self._extra is None or self._extra() is not None
        self.new_button.setEnabled(allowed)
        chosen = self.current() is not None
        for button in (self.edit_button, self.delete_button, *self._needing_choice):
            button.setEnabled(chosen)

    def current(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()) if rows else None

    def _open(self, record: Any | None) -> None:
        if self._dialog is not None:
            dialog = self._dialog(record, self)
        else:
            from ..dialogs.record_dialog import RecordDialog

            extra = (self._extra() if self._extra else None) or {}
            if record is None:
                save = lambda values: self._service().add({**values, **extra})  # noqa: E731
            else:
                # fields the form does not show (the person a task is of) keep their values
                shown = {n for group in self.kind.form for n in group.fields}
                kept = {f.name: getattr(record, f.name) for f in self.kind.editable if f.name not in shown}
                save = lambda values: self._service().update(record.id, {**kept, **values, **extra})  # noqa: E731
            dialog = RecordDialog(self.kind, save, record, self, self._title(record))
            dialog.ask_before_discarding = True
            dialog.prompts = self.prompts
            if record is None and self._defaults is not None:
                from .field_editors import set_editor_value

                for name, value in self._defaults().items():
                    if name in dialog.widgets:
                        set_editor_value(self.kind.field(name), dialog.widgets[name], value)
        if dialog.exec() and dialog.saved is not None:
            self.reload()
            row = self.model.visible_row_of(dialog.saved.id)
            if row is not None:
                self.table.selectRow(row)

    def _title(self, record: Any | None) -> str:
        """The form's title: the kind, and what it belongs to when the page says (whose task it is)."""
        base = _(self.kind.label)
        whose = self._whose() if self._whose is not None else ""
        return f"{base} — {whose}" if whose else base

    def new(self) -> None:
        if self.new_button.isEnabled():
            self._open(None)

    def edit(self) -> None:
        record = self.current()
        if record is not None:
            self._open(record)

    def delete(self) -> None:
        record = self.current()
        if record is None:
            return
        name = record.title if self.kind.title else _(self.kind.label)
        if not self.prompts.confirm(
            self, _("Delete?"), _("Move “{name}” to the Trash? Edit → Undo brings it back.").format(name=name)
        ):
            return
        self._service().delete(record.id)
        self.reload()
