"""The Personnel page: the staff list with search, filters, Trash, details, and Excel in and out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...context import AppContext
from ...errors import KaplcError
from ...i18n import _, ngettext
from ...progress import Progress
from ...reports.xlsx.roster_io import RosterIO, exported_message
from ...safe_file_name import safe_file_name
from ...services.person_row import PersonRow
from .. import file_prompts
from ..change_relay import refresh_on
from ..dialogs.import_report_dialog import ImportReportDialog
from ..error_dialog import show_refusal
from ..models.personnel_table import PersonnelFilter, PersonnelTableModel
from ..pdf_preview import preview_pdf
from ..tasks import run_task
from ..widgets.column_chooser import ColumnChooser
from ..widgets.details_panel import PersonDetails
from ..widgets.staff_table import staff_table
from ..widgets.thai_text import plain_label
from ..widgets.vocab_combo import VocabularyCombo


class PersonnelPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personnelPage")
        self.ctx = ctx
        self.roster = RosterIO(ctx.personnel)
        self.prompts = file_prompts
        self.model = PersonnelTableModel()
        self._build()
        self._shortcuts()
        self.reload()
        # any write to personnel, from this page or elsewhere (a bundle import, a restore, an erasure), refreshes
        refresh_on(ctx.db.changes, self, ("personnel",), self._reload_keeping_selection)

    # --- layout --------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Search by name, national ID, phone or position…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        self.position_filter = VocabularyCombo("position", blank=_("All positions"))
        self.area_filter = VocabularyCombo("learning_area", blank=_("All learning areas"))
        self.status_filter = VocabularyCombo("personnel_status", blank=_("All statuses"))
        for combo in (self.position_filter, self.area_filter, self.status_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.trash_button = QPushButton(_("Trash"))
        self.trash_button.setCheckable(True)
        self.trash_button.setToolTip(_("Show deleted records, to restore them"))
        self.trash_button.toggled.connect(self.reload)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.position_filter, 1)
        filters.addWidget(self.area_filter, 1)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.trash_button)

        self.add_button = QPushButton(_("Add"))
        self.add_button.clicked.connect(self.add_person)
        self.edit_button = QPushButton(_("Edit"))
        self.edit_button.clicked.connect(self.edit_person)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(self.delete_person)
        self.restore_button = QPushButton(_("Restore"))
        self.restore_button.clicked.connect(self.restore_person)
        self.erase_button = QPushButton(_("Erase permanently (PDPA)…"))
        self.erase_button.setObjectName("eraseButton")
        self.erase_button.setToolTip(_("Delete every record of a person who asked to be forgotten"))
        self.erase_button.clicked.connect(self.erase_person)
        self.excel_button = QToolButton()
        self.excel_button.setText(_("Excel"))
        self.excel_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.excel_button)
        self.template_action = menu.addAction(_("Download roster template…"), self.save_template)
        self.import_action = menu.addAction(_("Import roster…"), self.import_roster)
        self.export_action = menu.addAction(_("Export this list…"), self.export_list)
        self.excel_button.setMenu(menu)
        self.print_button = QToolButton()
        self.print_button.setText(_("Print"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        print_menu = QMenu(self.print_button)
        self.print_roster_action = print_menu.addAction(_("Staff roster (this list)…"), self.print_roster)
        self.print_person_action = print_menu.addAction(_("Record sheet of the selected person…"), self.print_person)
        print_menu.addSeparator()
        self.thai_digits_action = print_menu.addAction(_("Print numbers in Thai digits (๐–๙)"))
        self.thai_digits_action.setCheckable(True)
        self.print_button.setMenu(print_menu)
        self.count_label = plain_label()
        self.count_label.setObjectName("countLabel")

        actions = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.restore_button,
            self.erase_button,
            self.excel_button,
            self.print_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)

        self.table = staff_table(self.model, "personnelTable")
        self.columns_button = ColumnChooser(self.table, self.model.kind, self.ctx.data_dir)
        actions.insertWidget(actions.count() - 2, self.columns_button)  # before the stretch and the count
        self.table.doubleClicked.connect(lambda _index: self.edit_or_restore())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.details = PersonDetails()
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        self.nothing_found = QWidget()
        self.nothing_found.setObjectName("nothingFound")
        found_row = QHBoxLayout(self.nothing_found)
        found_row.setContentsMargins(0, 0, 0, 0)
        self.nothing_found_label = plain_label()
        found_row.addWidget(self.nothing_found_label)
        self.clear_search_button = QPushButton(_("Clear search"))
        self.clear_search_button.setObjectName("clearSearch")
        self.clear_search_button.clicked.connect(self.clear_filters)
        found_row.addWidget(self.clear_search_button)
        found_row.addStretch(1)
        self.nothing_found.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.nothing_found)
        layout.addWidget(splitter, 1)

    def _shortcuts(self) -> None:
        """Ctrl+N add, Enter/F2 edit, Delete, Ctrl+F search, Ctrl+P print, Ctrl+E Excel: each does what its button
        does, and nothing while that button is disabled (in the Trash, with no one chosen)."""
        page = Qt.ShortcutContext.WidgetWithChildrenShortcut
        keys: list[tuple[Any, QWidget, Any, Any]] = [
            (QKeySequence.StandardKey.New, self, page, self._when(self.add_button, self.add_person)),
            (QKeySequence.StandardKey.Find, self, page, self.focus_search),
            (QKeySequence.StandardKey.Print, self, page, self._when(self.print_button, self.print_roster)),
            (QKeySequence("Ctrl+E"), self, page, self._when(self.excel_button, self.export_list)),
        ]
        # keys on the list itself: the table view keeps Enter, F2 and Delete for its own editing, so they are
        # taken before it sees them
        self._table_keys = {
            Qt.Key.Key_Return: self.edit_or_restore,
            Qt.Key.Key_Enter: self.edit_or_restore,
            Qt.Key.Key_F2: self.edit_or_restore,
            Qt.Key.Key_Delete: self._when(self.delete_button, self.delete_person),
        }
        self.table.installEventFilter(self)
        self.shortcuts = []
        for sequence, owner, context, slot in keys:
            shortcut = QShortcut(QKeySequence(sequence), owner)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)
        for button, hint in (
            (self.add_button, "Ctrl+N"),
            (self.edit_button, "Enter, F2"),
            (self.delete_button, "Delete"),
            (self.print_button, "Ctrl+P"),
            (self.excel_button, "Ctrl+E"),
        ):
            button.setToolTip(f"{button.text()} ({hint})")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            action = self._table_keys.get(Qt.Key(key_event.key()))
            if action is not None and key_event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ):
                action()
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _when(button: QWidget, slot: Any) -> Any:
        return lambda: slot() if button.isEnabled() and button.isVisible() else None

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- state ---------------------------------------------------------------------------------------
    @property
    def in_trash(self) -> bool:
        return self.trash_button.isChecked()

    def _reload_keeping_selection(self) -> None:
        current = self.selected()
        self.reload(current.id if current else None)

    def reload(self, select_id: str | None = None) -> None:
        self.model.set_rows(self.ctx.personnel.list(deleted=self.in_trash))
        self._after_change(select_id)

    def apply_filter(self) -> None:
        current = self.selected()
        self.model.set_filter(
            PersonnelFilter(
                self.search.text(),
                self.position_filter.currentData(),
                self.area_filter.currentData(),
                self.status_filter.currentData(),
            )
        )
        self._after_change(current.id if current else None)

    def _after_change(self, select_id: str | None) -> None:
        if select_id is not None:
            self.select_person(select_id)
        self._update_counts()
        self._selection_changed()

    def _update_counts(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        text = _("Trash: {shown} of {total}") if self.in_trash else _("Showing {shown} of {total} staff")
        self.count_label.setText(text.format(shown=shown, total=total))
        filtered = self.filtering()
        self.nothing_found.setVisible(shown == 0 and total > 0 and filtered)
        if self.search.text().strip():
            self.nothing_found_label.setText(_("No one matches “{text}”.").format(text=self.search.text().strip()))
        else:
            self.nothing_found_label.setText(_("No one matches the chosen filters."))

    def filtering(self) -> bool:
        return bool(self.search.text().strip()) or any(
            c.currentData() is not None for c in (self.position_filter, self.area_filter, self.status_filter)
        )

    def clear_filters(self) -> None:
        """Clear search: every filter back to all, the whole list shown again."""
        self.search.clear()
        for combo in (self.position_filter, self.area_filter, self.status_filter):
            combo.setCurrentIndex(0)
        self.search.setFocus()

    def select_person(self, person_id: str) -> None:
        row = self.model.visible_row_of(person_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def selected(self) -> PersonRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        person = self.selected()
        self.details.show_record(person)
        live = not self.in_trash
        for button in (self.add_button, self.excel_button, self.print_button):
            button.setEnabled(live)
        self.print_person_action.setEnabled(live and person is not None)
        self.edit_button.setEnabled(live and person is not None)
        self.delete_button.setEnabled(live and person is not None)
        self.delete_button.setVisible(live)
        self.restore_button.setVisible(not live)
        self.restore_button.setEnabled(not live and person is not None)
        self.erase_button.setEnabled(person is not None)

    # --- actions -------------------------------------------------------------------------------------
    def add_person(self) -> None:
        from ..dialogs.person_dialog import PersonDialog  # built on first use: not needed to show the list

        dialog = PersonDialog(self.ctx.personnel.add, parent=self, photos=self._photos())
        self.last_person_dialog = dialog
        if dialog.exec() and dialog.saved:
            self._save_photo(dialog)
            self.reload(dialog.saved.id)

    def edit_person(self) -> None:
        person = self.selected()
        if person is None:
            return
        from ..dialogs.person_dialog import PersonDialog

        dialog = PersonDialog(
            lambda values: self.ctx.personnel.update(person.id, values), person, self, photos=self._photos()
        )
        self.last_person_dialog = dialog
        if dialog.exec() and dialog.saved:
            self._save_photo(dialog)
            self.reload(person.id)

    def _photos(self) -> Any:
        from ...attachment_store import has, path_for
        from ...services.photos import prepare_photo, store_photo
        from ..dialogs.person_dialog import PhotoSupport

        data_dir = self.ctx.data_dir
        return PhotoSupport(
            store=lambda path: store_photo(data_dir, self.ctx.attachments, prepare_photo(path)),
            path_of=lambda sha: path_for(data_dir, sha) if has(data_dir, sha) else None,
        )

    def _save_photo(self, dialog: Any) -> None:
        if dialog.photo_changed:
            self.ctx.personnel.set_photo(dialog.saved.id, dialog.photo.sha256)

    def edit_or_restore(self) -> None:
        if self.in_trash:
            self.restore_person()
        else:
            self.edit_person()

    def delete_person(self) -> None:
        person = self.selected()
        if person is None:
            return
        question = _("Move {name} to the Trash? You can restore the record from the Trash later.").format(
            name=person.full_name_th
        )
        if self.prompts.confirm(self, _("Delete staff member"), question):
            self.ctx.personnel.delete(person.id)
            self.reload()

    def restore_person(self) -> None:
        person = self.selected()
        if person is None:
            return
        try:
            self.ctx.personnel.restore(person.id)
        except KaplcError as exc:  # a duplicate of a live record: say why, change nothing
            show_refusal(self, exc.message)
            return
        self.reload()

    def erase_person(self) -> None:
        from ..dialogs.erase_dialog import EraseDialog

        person = self.selected()
        if person is None:
            return
        dialog = EraseDialog(
            person.full_name_th, lambda reason: self.ctx.sync.erase("personnel", person.id, reason), self
        )
        self.last_erase = dialog
        if dialog.exec():
            self.reload()
            self.prompts.inform(
                self,
                _("Erased"),
                _(
                    "{name} was erased permanently, with {n} records that referred to them; the erasure reaches the "
                    "district with the next bundle."
                ).format(name=person.full_name_th, n=len(dialog.result_value.removed) - 1),
            )

    def save_template(self) -> None:
        path = self.prompts.ask_save_path(
            self, _("Save the roster template"), _("personnel-template.xlsx"), file_prompts.excel_filter()
        )
        if path is None:
            return
        run_task(
            self,
            _("Writing the template…"),
            lambda _p: self.roster.write_template(file_prompts.as_xlsx(path)),
            lambda _r: self.prompts.inform(
                self,
                _("Template saved"),
                _("The template was saved to {path}.").format(path=file_prompts.as_xlsx(path)),
            ),
            self.ctx.data_dir,
        )

    def import_roster(self) -> None:
        path = self.prompts.ask_open_path(self, _("Import a roster"), file_prompts.excel_filter())
        if path is None:
            return
        run_task(
            self,
            _("Checking {name}…").format(name=path.name),
            lambda progress: self.roster.check(path, progress=progress),
            lambda report: self._review_import(report, path),
            self.ctx.data_dir,
        )

    def _review_import(self, report: object, path: Path) -> None:
        dialog = ImportReportDialog(report, path.name, self)
        self.last_import_dialog = dialog
        if not dialog.exec():
            return

        def done(added: int) -> None:
            self.reload()
            self.prompts.inform(
                self,
                _("Import finished"),
                ngettext("{n} staff member was added.", "{n} staff members were added.", added).format(n=added),
            )

        run_task(self, _("Importing…"), lambda progress: self.roster.apply(report, progress), done, self.ctx.data_dir)

    def export_list(self) -> None:
        rows = self.model.visible_rows()
        path = self.prompts.ask_save_path(
            self, _("Export the staff list"), _("personnel.xlsx"), file_prompts.excel_filter()
        )
        if path is None:
            return
        target = file_prompts.as_xlsx(path)

        def work(progress: Progress) -> int:
            return self.roster.export(target, rows, progress)

        run_task(
            self,
            _("Exporting…"),
            work,
            lambda n: self.prompts.inform(
                self,
                _("Export finished"),
                exported_message(n, target),
            ),
            self.ctx.data_dir,
        )

    # --- printing ------------------------------------------------------------------------------------
    def print_roster(self) -> None:
        rows = self.model.visible_rows()
        digits = self.thai_digits_action.isChecked()
        self._preview(
            _("Staff roster"),
            _("staff-roster.pdf"),
            lambda target, progress: _pdf_service().roster_pdf(
                self.ctx, target, rows=rows, thai_digits=digits, progress=progress
            ),
        )

    def print_person(self) -> None:
        person = self.selected()
        if person is None:
            return
        digits = self.thai_digits_action.isChecked()
        self._preview(
            _("Record sheet"),
            safe_file_name(f"{person.first_name_th}-{person.last_name_th}", "record-sheet") + ".pdf",
            lambda target, progress: _pdf_service().person_pdf(
                self.ctx, person.id, target, thai_digits=digits, progress=progress
            ),
        )

    def _preview(self, title: str, suggested: str, make: Any) -> None:
        preview_pdf(self, self.ctx.data_dir, title, suggested, make)


def _pdf_service() -> Any:
    from ...reports.pdf import pdf_service

    return pdf_service
