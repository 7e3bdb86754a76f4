"""Which columns a list shows: a menu of the declared list columns (a Columns button and the header's right
click), remembered per kind in the data folder's settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QTableView, QToolButton, QWidget

from ...domain.record_kind import RecordKind
from ...i18n import _
from ...settings import load_settings, save_settings


def chosen_columns(data_dir: Path, kind: RecordKind) -> tuple[str, ...]:
    """The user's choice (names no longer declared are dropped), or the kind's shown columns."""
    saved = [c for c in load_settings(data_dir).list_columns.get(kind.name, []) if c in kind.list_columns]
    return tuple(saved) or kind.shown_columns


class ColumnChooser(QToolButton):
    def __init__(self, table: QTableView, kind: RecordKind, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("columnChooser")
        self.setText(_("Columns"))
        self.setToolTip(_("Choose the columns the list shows"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._table, self._kind, self._data_dir = table, kind, data_dir
        self.menu_ = QMenu(self)
        self.actions_by_name = {}
        for name in kind.list_columns:
            action = self.menu_.addAction(kind.label_of(name))
            action.setCheckable(True)
            action.toggled.connect(lambda _on=False: self._changed())
            self.actions_by_name[name] = action
        self.menu_.addSeparator()
        self.menu_.addAction(_("Default columns"), self.reset)
        self.setMenu(self.menu_)
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda pos: self.menu_.popup(header.mapToGlobal(pos)))
        self._apply(chosen_columns(data_dir, kind), save=False)

    def shown(self) -> tuple[str, ...]:
        return tuple(n for n, a in self.actions_by_name.items() if a.isChecked())

    def reset(self) -> None:
        self._apply(self._kind.shown_columns, save=True)

    def _apply(self, names: tuple[str, ...], save: bool) -> None:
        for name, action in self.actions_by_name.items():
            action.blockSignals(True)
            action.setChecked(name in names)
            action.blockSignals(False)
        self._changed(save)

    def _changed(self, save: bool = True) -> None:
        shown = self.shown()
        if not shown:  # the last column stays: a list with no columns shows nothing to click
            first = next(iter(self.actions_by_name.values()))
            first.blockSignals(True)
            first.setChecked(True)
            first.blockSignals(False)
            shown = self.shown()
        model = self._table.model()
        for column, name in enumerate(model.columns):  # type: ignore[attr-defined]
            self._table.setColumnHidden(column, name not in shown)
        if save:
            settings = load_settings(self._data_dir)
            settings.list_columns[self._kind.name] = list(shown)
            save_settings(self._data_dir, settings)
