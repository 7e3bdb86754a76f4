"""ต้องตรวจสอบ: conflicts with both copies side by side (keep this one / take the other), and records parked from
bundles with the reason (asked for again until accepted, or dismissed). Every decision goes to the sync service."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import buddhist_date
from ...errors import KaplcError
from ...i18n import _
from ...sync.labels import conflict_reason_label, kind_label
from ..error_dialog import show_refusal
from ..widgets.thai_text import plain_label

CHANGED = QBrush(QColor("#fff3cd"))


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))


def _when(value: Any) -> str:
    return buddhist_date.format_medium(value.astimezone().date()) if value else ""


class NeedsAttentionDialog(QDialog):
    def __init__(self, sync: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("needsAttentionDialog")
        self.setWindowTitle(_("Needs attention"))
        self.sync = sync
        self.tabs = QTabWidget()
        self.tabs.addTab(self._conflicts_tab(), "")
        self.tabs.addTab(self._parked_tab(), "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(buttons)
        self.resize(1100, 600)
        self.reload()

    # --- layout --------------------------------------------------------------------------------------
    def _conflicts_tab(self) -> QWidget:
        page = QWidget()
        self.conflict_list = _table([_("Item no."), _("Record"), _("Owner"), _("What happened"), _("Found")])
        self.conflict_list.setObjectName("conflictList")
        self.conflict_list.itemSelectionChanged.connect(self._show_conflict)
        self.comparison = _table([_("Field"), _("This copy (kept now)"), _("The other copy")])
        self.comparison.setObjectName("conflictComparison")
        self.comparison.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.keep_this = QPushButton(_("Keep this copy"))
        self.keep_this.setObjectName("keepThis")
        self.keep_this.clicked.connect(lambda: self._resolve("this"))
        self.take_other = QPushButton(_("Take the other copy"))
        self.take_other.setObjectName("takeOther")
        self.take_other.clicked.connect(lambda: self._resolve("other"))
        self.status = plain_label()
        self.status.setObjectName("attentionStatus")
        self.status.setWordWrap(True)
        explain = plain_label(
            _(
                "The same record was changed in two places. Compare the two copies and choose the one to keep; "
                "your choice becomes a new version and travels with the next bundle."
            )
        )
        explain.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.comparison)
        row = QHBoxLayout()
        row.addWidget(self.keep_this)
        row.addWidget(self.take_other)
        row.addStretch(1)
        right_layout.addLayout(row)
        right_layout.addWidget(self.status)
        splitter = QSplitter()
        splitter.addWidget(self.conflict_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(page)
        layout.addWidget(explain)
        layout.addWidget(splitter, 1)
        return page

    def _parked_tab(self) -> QWidget:
        page = QWidget()
        self.parked_list = _table(
            [_("Item no."), _("Kind of record"), _("Record"), _("From"), _("Why it was not taken"), _("When")]
        )
        self.parked_list.setObjectName("parkedList")
        self.parked_list.itemSelectionChanged.connect(self._update_buttons)
        self.dismiss = QPushButton(_("Stop asking the sender for it"))
        self.dismiss.setObjectName("dismissParked")
        self.dismiss.clicked.connect(self._dismiss)
        explain = plain_label(
            _(
                "These records came in a bundle but could not be taken as they were. The sender is asked for "
                "them again with every receipt until a correct copy arrives."
            )
        )
        explain.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(explain)
        layout.addWidget(self.parked_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.dismiss)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    # --- state ---------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.conflicts = self.sync.conflicts()
        self.parked = [p for p in self.sync.parked() if p["resolution"] is None]
        _fill(
            self.conflict_list,
            [
                [
                    str(c["id"]),
                    c["title"],
                    c["owner_code"] or "",
                    conflict_reason_label(c["reason"]),
                    _when(c["detected_at"]),
                ]
                for c in self.conflicts
            ],
        )
        _fill(
            self.parked_list,
            [
                [
                    str(p["id"]),
                    kind_label(p["kind"]),
                    p["title"],
                    p["sender_code"] or "",
                    p["problem"],
                    _when(p["imported_at"]),
                ]
                for p in self.parked
            ],
        )
        self.tabs.setTabText(0, _("Conflicts ({n})").format(n=len(self.conflicts)))
        self.tabs.setTabText(1, _("Records not taken ({n})").format(n=len(self.parked)))
        if self.conflicts:
            self.conflict_list.selectRow(0)
        self._show_conflict()

    def _selected(self, table: QTableWidget, items: list[dict[str, Any]]) -> dict[str, Any] | None:
        rows = table.selectionModel().selectedRows()
        return items[rows[0].row()] if rows and rows[0].row() < len(items) else None

    def _show_conflict(self) -> None:
        conflict = self._selected(self.conflict_list, self.conflicts)
        pairs = conflict["fields"] if conflict else []
        _fill(self.comparison, [[p.label, p.this, p.other] for p in pairs])
        for r, pair in enumerate(pairs):
            if pair.differs:
                for c in range(3):
                    self.comparison.item(r, c).setBackground(CHANGED)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_conflict = self._selected(self.conflict_list, self.conflicts) is not None
        self.keep_this.setEnabled(has_conflict)
        self.take_other.setEnabled(has_conflict)
        self.dismiss.setEnabled(self._selected(self.parked_list, self.parked) is not None)

    # --- actions -------------------------------------------------------------------------------------
    def _resolve(self, keep: str) -> None:
        conflict = self._selected(self.conflict_list, self.conflicts)
        if conflict is None:
            return
        try:
            self.sync.resolve_conflict(conflict["id"], keep)
        except KaplcError as exc:
            show_refusal(self, exc.message)
            return
        self.reload()
        self.status.setText(
            _("Saved for {title}: the copy you chose is kept and travels with the next bundle.").format(
                title=conflict["title"]
            )
        )

    def _dismiss(self) -> None:
        parked = self._selected(self.parked_list, self.parked)
        if parked is None:
            return
        try:
            self.sync.dismiss_parked(parked["id"])
        except KaplcError as exc:
            show_refusal(self, exc.message)
        self.reload()
