"""The district's Schools page: its registry of schools beside the profiles the schools send.

Each school shows where it stands (agrees with its profile, differs, no bundle yet, sent a bundle without being
registered); one click filters to any of these. The registry is imported from the district's Excel list or typed;
a difference is shown field by field and the district takes the school's value only when it says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...context import AppContext
from ...domain.kinds.school_profile import SCHOOL_PROFILE
from ...domain.kinds.school_registry import REGISTERED_SCHOOL, SHARED_WITH_PROFILE
from ...errors import KaplcError
from ...i18n import _, ngettext
from ...services.school_registry import STANDINGS, SchoolEntry, standing_label, standing_short
from .. import file_prompts
from ..change_relay import refresh_on
from ..error_dialog import show_refusal
from ..models.school_entries_table import COLUMNS, SchoolEntriesModel
from ..tasks import run_task
from ..widgets.table_keys import TableKeys
from ..widgets.thai_text import plain_label

# the one-click filters: (name, standings shown, label msgid)
FILTERS: tuple[tuple[str, frozenset[str] | None], ...] = (
    ("all", None),
    ("differs", frozenset({"differs"})),
    ("no_bundle", frozenset({"no_bundle"})),
    ("unregistered", frozenset({"unregistered"})),
)


def _filter_label(name: str, n: int) -> str:
    return {
        "all": _("All ({n})"),
        "differs": _("Differs from its profile ({n})"),
        "no_bundle": _("No bundle yet ({n})"),
        "unregistered": _("Not registered ({n})"),
    }[name].format(n=n)


TAKE = 3  # the comparison's column of ticks (apart from the values: a tick beside wrapped text cuts it short)


class SchoolComparison(QFrame):
    """One school: the registry's values beside the school's own, differing fields marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schoolComparison")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = plain_label()
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.standing = plain_label()
        self.standing.setWordWrap(True)
        self.grid = QTableWidget(0, 4)
        self.grid.setObjectName("comparisonGrid")
        self.grid.setHorizontalHeaderLabels([_("Field"), _("In the registry"), _("The school's profile"), _("Take")])
        self.grid.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grid.verticalHeader().hide()
        self.grid.setWordWrap(True)
        self.grid.setTextElideMode(Qt.TextElideMode.ElideNone)  # a long name wraps: it is read whole here
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)  # long labels wrap: the values get the room
        self.grid.setColumnWidth(0, 130)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TAKE, QHeaderView.ResizeMode.ResizeToContents)
        # wrapped names stay whole: rows are measured again once the columns have their widths (not while they move)
        header.sectionResized.connect(lambda *_a: QTimer.singleShot(0, self.grid.resizeRowsToContents))
        self.take_button = QPushButton()
        self.take_button.setObjectName("takeFromProfile")
        self.note = plain_label()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.standing)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.take_button)

    def choices(self) -> tuple[list[str], list[str]]:
        """The differing fields whose school value is ticked (to take) and unticked (the list keeps its own)."""
        take, keep = [], []
        for row in range(self.grid.rowCount()):
            item = self.grid.item(row, TAKE)
            if item is None or not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                continue
            chosen = take if item.checkState() == Qt.CheckState.Checked else keep
            chosen.append(item.data(Qt.ItemDataRole.UserRole))
        return take, keep

    def show_entry(self, entry: SchoolEntry | None) -> None:
        if entry is None:
            self.title.setText(_("Choose a school in the list."))
            self.standing.setText("")
            self.grid.setRowCount(0)
            self.note.setText("")
            self.take_button.hide()
            return
        self.title.setText(f"{entry.name} ({entry.code})")
        self.standing.setText(standing_label(entry.standing))
        differing = {d.field for d in entry.differences}
        kept = {d.field for d in entry.kept}
        names = ("school_code", *SHARED_WITH_PROFILE, "note")
        self.grid.setRowCount(len(names))
        bold = QFont()
        bold.setBold(True)
        for row, name in enumerate(names):
            ours = _shown(entry.registered, name) if entry.registered is not None else ""
            if name == "school_code":
                theirs = entry.code if entry.profile is not None else ""
            elif name == "note" or entry.profile is None:
                theirs = ""
            else:
                theirs = _shown(entry.profile, name)
            cells = (REGISTERED_SCHOOL.label_of(name), ours, theirs, _("kept") if name in kept else "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, name)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # read, not edited or ticked (but the values to take)
                if name in differing:  # bold for the field's name only: bold values are measured short and cut
                    if column == 0:
                        item.setFont(bold)
                    item.setForeground(QColor("#8a5300"))
                    if column == TAKE:  # ticked: taken by the button; untick what the registry should keep
                        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                        item.setCheckState(Qt.CheckState.Checked)
                elif name in kept:  # a difference the district chose to keep: shown, not counted
                    item.setForeground(QColor("#6b6b6b"))
                self.grid.setItem(row, column, item)
        self.grid.resizeRowsToContents()
        if entry.standing == "differs":
            self.note.setText(
                ngettext(
                    "{n} field differs (in bold). Ticked: the list takes the school's value. Unticked: the list keeps "
                    "its own, and stops showing it until the school sends another value.",
                    "{n} fields differ (in bold). Ticked: the list takes the school's value. Unticked: the list keeps "
                    "its own, and stops showing it until the school sends another value.",
                    len(differing),
                ).format(n=len(differing))
            )
            self.take_button.setText(_("Take the ticked values, keep the others"))
            self.take_button.show()
        elif entry.standing == "unregistered":
            self.note.setText(_("This school sent a bundle but is not in the registry."))
            self.take_button.setText(_("Register it from its profile"))
            self.take_button.show()
        else:
            if entry.standing == "no_bundle":
                self.note.setText(_("The district expects a bundle from this school; none has been imported yet."))
            elif kept:
                self.note.setText(
                    _("The list keeps its own values where they differ (grey), by the district's choice.")
                )
            else:
                self.note.setText("")
            self.take_button.hide()


def _shown(record: Any, name: str) -> str:
    kind = record.__record_kind__
    if not kind.has_field(name):
        return ""
    return record.display(name)


class SchoolsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schoolsPage")
        self.ctx = ctx
        self.prompts = file_prompts  # tests replace it
        self.model = SchoolEntriesModel()
        self.table = QTableView()
        self.table.setObjectName("schoolsTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        # a heading cut short keeps its beginning (the words that say what the column is)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        TableKeys(self.table, self.edit, self.delete)
        self.comparison = SchoolComparison()
        self.comparison.setMaximumWidth(480)
        self.comparison.take_button.clicked.connect(self.take_from_profile)
        self.summary = plain_label()
        self.summary.setObjectName("schoolsSummary")
        self.summary.setWordWrap(True)

        self.filters = QButtonGroup(self)
        self.filters.setExclusive(True)
        self.filter_buttons: dict[str, QToolButton] = {}
        filter_row = QHBoxLayout()
        for name, _standings in FILTERS:
            button = QToolButton()
            button.setObjectName(f"filter_{name}")
            button.setCheckable(True)
            self.filters.addButton(button)
            self.filter_buttons[name] = button
            filter_row.addWidget(button)
            button.clicked.connect(self._apply_filter)
        self.filter_buttons["all"].setChecked(True)
        self.search = QLineEdit()
        self.search.setObjectName("schoolSearch")
        self.search.setPlaceholderText(_("Search code, name, cluster or principal"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filter)
        filter_row.addStretch(1)
        filter_row.addWidget(self.search, 1)

        self.add_button = QPushButton(_("Register a school…"))
        self.add_button.setObjectName("registerSchool")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton(_("Take off the registry"))
        self.delete_button.clicked.connect(self.delete)
        self.import_button = QPushButton(_("Import the list from Excel…"))
        self.import_button.setObjectName("importRegistry")
        self.import_button.clicked.connect(self.import_list)
        self.template_button = QPushButton(_("Excel template…"))
        self.template_button.clicked.connect(self.save_template)
        self.export_button = QPushButton(_("Export to Excel…"))
        self.export_button.clicked.connect(self.export_list)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.import_button, self.template_button, self.export_button):
            actions.addWidget(button)

        layout = QVBoxLayout(self)
        heading = plain_label(_("Schools"))
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addLayout(filter_row)
        row = QHBoxLayout()
        row.addWidget(self.table, 3)
        row.addWidget(self.comparison, 2)
        layout.addLayout(row, 1)
        layout.addLayout(actions)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.refresh()
        refresh_on(ctx.db.changes, self, (REGISTERED_SCHOOL.table, SCHOOL_PROFILE.table), self.refresh)

    # --- showing -------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        chosen = self.current()
        self.model.set_entries(self.ctx.school_registry.entries())
        counts = self.model.counts()
        total = sum(counts.values())
        self.filter_buttons["all"].setText(_filter_label("all", total))
        for name in ("differs", "no_bundle", "unregistered"):
            self.filter_buttons[name].setText(_filter_label(name, counts[name]))
        registered = total - counts["unregistered"]
        if not total:
            self.summary.setText(
                _(
                    "No school is registered and no bundle has been imported yet. Import the district's list of "
                    "schools from Excel (the template shows the columns), or register schools one by one."
                )
            )
        else:
            self.summary.setText(
                ngettext("{n} registered school", "{n} registered schools", registered).format(n=registered)
                + " · "
                + _("{sent} of them sent a bundle · {waiting} no bundle yet").format(
                    sent=counts["agrees"] + counts["differs"], waiting=counts["no_bundle"]
                )
                + (
                    " · " + _("{n} sent a bundle without being on the list").format(n=counts["unregistered"])
                    if counts["unregistered"]
                    else ""
                )
            )
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 220))
        # the standing column fits its longest label whichever schools are shown (no jumping when filtering)
        metrics = self.table.fontMetrics()
        widest = max(metrics.horizontalAdvance(standing_short(s)) for s in STANDINGS) + 24
        self.table.setColumnWidth(COLUMNS.index("standing"), widest)
        self._select(chosen.code if chosen is not None else None)

    def _apply_filter(self, *_args: Any) -> None:
        chosen = self.current()
        name = next(n for n, b in self.filter_buttons.items() if b.isChecked())
        self.model.set_filter(dict(FILTERS)[name], self.search.text())
        self._select(chosen.code if chosen is not None else None)

    def _select(self, code: str | None, reveal: bool = False) -> None:
        """Selects a school; with `reveal`, one the filter now hides is shown by showing every school (after an
        action on it: the button must never point at the next school)."""
        row = self.model.row_of(code) if code is not None else None
        if row is None and reveal and code is not None:
            self.filter_buttons["all"].setChecked(True)
            self.search.clear()
            self._apply_filter()
            row = self.model.row_of(code)
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._show_current()

    def current(self) -> SchoolEntry | None:
        return self.model.entry_at(self.table.currentIndex().row())

    def _show_current(self) -> None:
        entry = self.current()
        self.comparison.show_entry(entry)
        registered = entry is not None and entry.registered is not None
        self.edit_button.setEnabled(registered)
        self.delete_button.setEnabled(registered)

    # --- changing the registry -----------------------------------------------------------------------------
    def add(self) -> None:
        self._open(None)

    def edit(self) -> None:
        entry = self.current()
        if entry is not None and entry.registered is not None:
            self._open(entry.registered)

    def _open(self, record: Any | None) -> None:
        from ..dialogs.record_dialog import RecordDialog

        registry = self.ctx.school_registry
        save = registry.add if record is None else lambda values: registry.update(record.id, values)
        dialog = RecordDialog(REGISTERED_SCHOOL, save, record, self, _(REGISTERED_SCHOOL.label))
        dialog.ask_before_discarding = True
        dialog.prompts = self.prompts
        if record is not None:  # a registered school's code never changes: it is how its bundles are matched
            code = dialog.widgets["school_code"]
            code.setReadOnly(True)  # type: ignore[attr-defined]
            code.setToolTip(_("The code cannot be changed. Take the school off the list and register it again."))
        self.last_dialog = dialog
        if dialog.exec() and dialog.saved is not None:
            self.refresh()
            self._select(dialog.saved.school_code)

    def delete(self) -> None:
        entry = self.current()
        if entry is None or entry.registered is None:
            return
        if not self.prompts.confirm(
            self,
            _("Take off the registry?"),
            _(
                "Take “{name}” off the registry? The district will no longer expect its bundles. Its bundles and "
                "profile stay; Edit → Undo brings it back."
            ).format(name=entry.name),
        ):
            return
        self._do(lambda: self.ctx.school_registry.delete(entry.registered.id))

    def take_from_profile(self) -> None:
        entry = self.current()
        if entry is None:
            return
        if entry.registered is not None:
            take, keep = self.comparison.choices()
            self._do(lambda: self.ctx.school_registry.resolve(entry.code, take, keep))
        else:
            self._do(lambda: self.ctx.school_registry.take_from_profile(entry.code))
        self._select(entry.code, reveal=True)

    def _do(self, action: Any) -> None:
        try:
            action()
        except KaplcError as exc:
            show_refusal(self, str(exc))
        self.refresh()

    # --- Excel -------------------------------------------------------------------------------------------
    def _io(self) -> Any:
        from ...reports.xlsx.registry_io import RegistryIO

        return RegistryIO(self.ctx.school_registry)

    def save_template(self) -> None:
        path = self.prompts.ask_save_path(
            self, _("Save the registry template"), _("schools-template.xlsx"), file_prompts.excel_filter()
        )
        if path is None:
            return
        target = file_prompts.as_xlsx(path)
        run_task(
            self,
            _("Writing the template…"),
            lambda _p: self._io().write_template(target),
            lambda _r: self.prompts.inform(
                self, _("Template saved"), _("The template was saved to {path}.").format(path=target)
            ),
            self.ctx.data_dir,
        )

    def import_list(self) -> None:
        path = self.prompts.ask_open_path(self, _("Import the list of schools"), file_prompts.excel_filter())
        if path is None:
            return
        io = self._io()
        run_task(
            self,
            _("Checking {name}…").format(name=path.name),
            lambda progress: io.check(path, progress=progress),
            lambda report: self._review_import(io, report, path),
            self.ctx.data_dir,
        )

    def _review_import(self, io: Any, report: Any, path: Path) -> None:
        from ..dialogs.import_report_dialog import ImportReportDialog

        dialog = ImportReportDialog(report, path.name, self)
        self.last_import_dialog = dialog
        if not dialog.exec():
            return

        def done(result: tuple[int, int]) -> None:
            self.refresh()
            added, changed = result
            self.prompts.inform(
                self,
                _("Import finished"),
                _("Schools registered: {added}; updated: {changed}.").format(added=added, changed=changed),
            )

        run_task(self, _("Importing…"), lambda progress: io.apply(report, progress), done, self.ctx.data_dir)

    def export_list(self) -> None:
        path = self.prompts.ask_save_path(
            self, _("Export the registry"), _("schools.xlsx"), file_prompts.excel_filter()
        )
        if path is None:
            return
        target = file_prompts.as_xlsx(path)
        rows = self.ctx.school_registry.list()
        run_task(
            self,
            _("Exporting…"),
            lambda progress: self._io().export(target, rows, progress),
            lambda n: self.prompts.inform(
                self,
                _("Export finished"),
                ngettext("{n} school exported to {path}.", "{n} schools exported to {path}.", n).format(
                    n=n, path=target
                ),
            ),
            self.ctx.data_dir,
        )
