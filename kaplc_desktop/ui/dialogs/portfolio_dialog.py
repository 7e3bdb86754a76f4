"""A showcase portfolio in one window: the declared fields and who made it, then tabs for the sections of the
write-up (formatted text and the pictures of each section), the evidence for the appendix, the result figures and
the awards. Save writes everything together (one undo step); the service checks it all, and every problem it finds
is shown by its field with the tabs holding one marked. The window fits the screen's free area (a 1366×768 laptop
with its task bar) and keeps its size when errors appear."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabularies
from ...domain.kinds.portfolio import PLACE_EVIDENCE, PLACE_SECTION, PORTFOLIO, SCHOOL_STATUSES
from ...errors import FieldError, ValidationError
from ...i18n import _
from ...services.attached_files import PreparedFile
from ...services.portfolios import AwardEntry, FileEntry, PortfolioView
from ..screen_room import available_geometry
from ..widgets.award_table import AwardTable
from ..widgets.figure_table import FigureTable
from ..widgets.ordered_picker import OrderedPicker
from ..widgets.rich_text_edit import RichTextEdit
from ..widgets.tab_marks import mark_tabs, tabs_holding
from ..widgets.thai_text import error_label
from .record_dialog import RecordDialog

THUMB = QSize(96, 72)
FILE_FILTER = "*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff"
WANTED = QSize(1320, 760)  # roomy on a large screen; a smaller one gets at most SCREEN_SHARE of its free area
SCREEN_SHARE = 0.95
TITLE_BAR = 32  # the window frame's title bar, outside the size given to resize()
ERROR_ROOM = 96  # the most height a tab's error lines take before they scroll (the window never grows for them)
Prepare = Callable[[Path], PreparedFile]


class PortfolioDialog(RecordDialog):
    field_width = 240
    ask_before_discarding = True

    def __init__(
        self,
        ctx: Any,
        staff: Sequence[Any],
        view: PortfolioView | None = None,
        prepare_file: Prepare | None = None,
        defaults: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.ctx, self._staff, self._view = ctx, staff, view
        self._prepare_file = prepare_file
        self._owner_ids = [o.id for o in view.owners] if view else []
        self._sections: dict[str, str] = dict(view.sections) if view else {}
        self._files: list[FileEntry] = ctx.portfolios.file_entries(view.portfolio.id) if view else []
        self._kept = {f.id: f for f in view.files} if view else {}
        self._section = ""
        self._error_areas: list[tuple[QLabel, QScrollArea]] = []
        title = _("Edit portfolio") if view else _("New portfolio")
        super().__init__(PORTFOLIO, self._save_portfolio, view.portfolio if view else None, parent, title)
        self.setObjectName("portfolioDialog")
        if view is None and defaults:
            from ..widgets.field_editors import set_editor_value

            for name, value in defaults.items():
                if name in self.widgets:
                    set_editor_value(PORTFOLIO.field(name), self.widgets[name], value)
        status = self.widgets["status"]  # the district records selections; a school drafts or submits
        for n in range(status.count() - 1, -1, -1):
            if status.itemData(n) not in (None, *SCHOOL_STATUSES) and n != status.currentIndex():
                status.removeItem(n)
        self.widgets["owner_type"].currentIndexChanged.connect(self._owner_type_changed)
        self._owner_type_changed()
        self.figures.fill(view.figures if view else [])
        self.awards.fill(view.awards if view else [])
        self.section_list.setCurrentRow(0)
        self._fit_screen()

    # --- layout ------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        super()._build()
        layout = self.layout()
        fields = layout.itemAt(0).widget()
        layout.removeWidget(fields)
        assert isinstance(fields, QScrollArea)
        # the tab gives the fields their room: they scroll in it rather than making the window wider or taller
        fields.setMinimumSize(0, 0)
        fields.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.form_scroll = fields
        self.tabs = QTabWidget()
        self.tabs.setObjectName("portfolioTabs")
        self.tabs.addTab(fields, _("The work and its owners"))
        self.tabs.addTab(self._sections_tab(), _("Write-up and pictures"))
        self.tabs.addTab(self._evidence_tab(), _("Evidence"))
        self.tabs.addTab(self._figures_tab(), _("Result figures"))
        self.tabs.addTab(self._awards_tab(), _("Awards"))
        self.tab_titles = [self.tabs.tabText(n) for n in range(self.tabs.count())]
        layout.insertWidget(0, self.tabs, 1)
        buttons = self.findChild(QDialogButtonBox)
        self.print_button = QPushButton(_("Print / preview…"))
        self.print_button.setObjectName("printFromDialog")
        self.print_button.setToolTip(_("Saves what was changed, then shows the portfolio as it prints."))
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_preview)
        bottom = QHBoxLayout()  # printing at the left, away from Save and Cancel
        layout.removeWidget(buttons)
        bottom.addWidget(self.print_button)
        bottom.addWidget(buttons, 1)
        layout.addLayout(bottom)

    def _fit_screen(self) -> None:
        """As big as wanted, but never more than SCREEN_SHARE of the screen's area free of task bars."""
        geometry = available_geometry(self)
        if geometry is None:
            self.resize(WANTED)
            return
        width = min(WANTED.width(), int(geometry.width() * SCREEN_SHARE))
        height = min(WANTED.height(), int(geometry.height() * SCREEN_SHARE) - TITLE_BAR)
        self.resize(width, height)

    def _error_area(self, key: str) -> QScrollArea:
        """A tab's error label in a low scroll area: many errors scroll there instead of growing the window."""
        label = self._errors[key] = error_label()
        area = QScrollArea()
        area.setObjectName(f"errors_{key}")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setWidget(label)
        area.viewport().setAutoFillBackground(False)  # the tab's own background behind the red text
        label.setAutoFillBackground(False)  # (setWidget turned it on)
        area.hide()
        self._error_areas.append((label, area))
        return area

    def extra_column(self) -> QWidget | None:
        box = QGroupBox(_("Who made the work"))
        box.setObjectName("ownersBox")
        inner = QVBoxLayout(box)
        staff = [(p.id, p.full_name_th) for p in self._staff]
        listed = {person_id for person_id, _name in staff}
        trashed = [  # an owner moved to the Trash since still made the work: kept, and shown as such
            (o.id, _("{name} (in the Trash)").format(name=o.full_name_th))
            for o in (self._view.owners if self._view else [])
            if o.id not in listed
        ]
        self.owners = OrderedPicker(staff + trashed, self._owner_ids)
        self.owners.setMinimumWidth(250)
        self.owner_list, self.owner_order, self.find = self.owners.checklist, self.owners.order, self.owners.find
        inner.addWidget(self.owners, 1)
        self._errors["owners"] = error_label()
        inner.addWidget(self._errors["owners"])
        return box

    def _sections_tab(self) -> QWidget:
        page = QWidget()
        layout = QHBoxLayout(page)
        self.section_list = QListWidget()
        self.section_list.setObjectName("sectionList")
        for term in vocabularies.terms("portfolio_section"):
            item = QListWidgetItem(term.label())
            item.setData(Qt.ItemDataRole.UserRole, term.code)
            self.section_list.addItem(item)
        self.section_list.setMaximumWidth(330)
        self.section_list.setWordWrap(True)
        self.section_list.currentRowChanged.connect(self._show_section)
        right = QSplitter(Qt.Orientation.Vertical)
        self.text = RichTextEdit()
        self.text.changed.connect(self._text_changed)
        right.addWidget(self.text)
        pictures = QGroupBox(_("Pictures of this section (printed under its text, in this order)"))
        inner = QVBoxLayout(pictures)
        self.picture_list = _file_list("pictureList")
        self.picture_list.setMinimumHeight(2 * (THUMB.height() + 12) + 8)  # two whole pictures, never a sliver
        self.picture_list.itemChanged.connect(lambda item: self._caption_changed(self.picture_list, item))
        inner.addWidget(self.picture_list, 1)
        inner.addLayout(
            self._file_buttons(self.picture_list, PLACE_SECTION, _("Add a picture…"), "addPicture", "picture")
        )
        right.addWidget(pictures)
        right.setCollapsible(1, False)
        right.setSizes([330, 270])
        layout.addWidget(self.section_list)
        layout.addWidget(right, 1)
        holder = QWidget()
        outer = QVBoxLayout(holder)
        outer.addWidget(page, 1)
        outer.addWidget(self._error_area("sections"))
        outer.addWidget(self._error_area("files"))
        return holder

    def _evidence_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(_("Photos and PDF documents printed in the appendix; double-click one to write its caption."))
        )
        self.evidence_list = _file_list("evidenceList")
        self.evidence_list.itemChanged.connect(lambda item: self._caption_changed(self.evidence_list, item))
        self.evidence_list.currentRowChanged.connect(self._show_supports)
        layout.addWidget(self.evidence_list, 1)
        supports = QHBoxLayout()
        supports.addWidget(QLabel(_("Supports the section")))
        self.supports = QComboBox()
        self.supports.setObjectName("supportsSection")
        self.supports.addItem(_("(no particular section)"), None)
        for term in vocabularies.terms("portfolio_section"):
            self.supports.addItem(term.label(), term.code)
        self.supports.activated.connect(self._supports_chosen)
        supports.addWidget(self.supports, 1)
        layout.addLayout(supports)
        layout.addLayout(
            self._file_buttons(self.evidence_list, PLACE_EVIDENCE, _("Add a photo or PDF…"), "addEvidence", "evidence")
        )
        layout.addWidget(self._error_area("evidence"))
        return page

    def _file_buttons(self, target: QListWidget, placement: str, add_text: str, name: str, kind: str) -> QHBoxLayout:
        row = QHBoxLayout()
        add = QPushButton(add_text)
        add.setObjectName(name)
        add.clicked.connect(lambda: self.add_file(placement))
        remove = QPushButton(_("Remove"))
        remove.setObjectName(f"remove_{kind}")
        remove.clicked.connect(lambda: self.remove_file(target))
        up, down = QPushButton("↑"), QPushButton("↓")
        up.setObjectName(f"up_{kind}")
        down.setObjectName(f"down_{kind}")
        up.setToolTip(_("Move up"))
        down.setToolTip(_("Move down"))
        up.clicked.connect(lambda: self.move_file(target, -1))
        down.clicked.connect(lambda: self.move_file(target, 1))
        for button in (add, remove, up, down):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _figures_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(_("Numbers before and after the work (printed as a table with bars).")))
        self.figures = FigureTable()
        layout.addWidget(self.figures, 1)
        row = QHBoxLayout()
        add = QPushButton(_("Add a figure"))
        add.setObjectName("addFigure")
        add.clicked.connect(lambda: self.figures.add_row())
        remove = QPushButton(_("Remove the figure"))
        remove.setObjectName("removeFigure")
        remove.clicked.connect(lambda: self.figures.removeRow(self.figures.currentRow()))
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self._error_area("figures"))
        return page

    def _awards_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.awards = AwardTable()
        layout.addWidget(self.awards, 1)
        row = QHBoxLayout()
        add = QPushButton(_("Add an award"))
        add.setObjectName("addAward")
        add.clicked.connect(lambda: self.awards.add_row())
        certificate = QPushButton(_("Attach the certificate…"))
        certificate.setObjectName("attachCertificate")
        certificate.clicked.connect(self.attach_certificate)
        remove = QPushButton(_("Remove the award"))
        remove.setObjectName("removeAward")
        remove.clicked.connect(self.awards.remove_current)
        for button in (add, certificate, remove):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self._error_area("awards"))
        return page

    # --- owners ------------------------------------------------------------------------------------------------
    def _owner_type_changed(self, *_args: Any) -> None:
        self.owners.setEnabled(self.widgets["owner_type"].currentData() != "school")

    # --- sections and pictures ---------------------------------------------------------------------------------
    def _show_section(self, row: int) -> None:
        item = self.section_list.item(row)
        if item is None:
            return
        self._section = item.data(Qt.ItemDataRole.UserRole)
        self.text.set_source(self._sections.get(self._section, ""))
        self._show_files()

    def _text_changed(self) -> None:
        if self._section:
            self._sections[self._section] = self.text.source()
            item = self.section_list.currentItem()
            label = vocabularies.label("portfolio_section", self._section)
            if item is not None:
                item.setText(("✓ " if self._sections[self._section] else "") + label)

    def _indexes(self, target: QListWidget) -> list[int]:
        """Where the entries a list shows are in the portfolio's one list of files."""
        if target is self.picture_list:
            return [n for n, f in enumerate(self._files) if f.placement == PLACE_SECTION and f.section == self._section]
        return [n for n, f in enumerate(self._files) if f.placement == PLACE_EVIDENCE]

    def _show_files(self) -> None:
        for target in (self.picture_list, self.evidence_list):
            current = target.currentRow()
            target.blockSignals(True)
            target.clear()
            for n in self._indexes(target):
                target.addItem(self._file_item(self._files[n]))
            target.blockSignals(False)
            target.setCurrentRow(min(current, target.count() - 1) if current >= 0 else -1)
        for n in range(self.section_list.count()):
            item = self.section_list.item(n)
            code = item.data(Qt.ItemDataRole.UserRole)
            label = vocabularies.label("portfolio_section", code)
            item.setText(("✓ " if self._sections.get(code) else "") + label)

    def _file_item(self, entry: FileEntry) -> QListWidgetItem:
        if entry.prepared is not None:
            name, media = entry.prepared.file_name, entry.prepared.media_type
        else:
            kept = self._kept.get(entry.file_id or "")
            name, media = (kept.file_name or "", kept.media_type) if kept else ("", "")
        item = QListWidgetItem(entry.caption or f"({name})")
        item.setToolTip(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setIcon(self._thumbnail(entry, media))
        return item

    def _thumbnail(self, entry: FileEntry, media: str) -> QIcon:
        if not media.startswith("image/"):
            return self.style().standardIcon(self.style().StandardPixmap.SP_FileIcon)
        pixmap = QPixmap()
        if entry.prepared is not None:
            pixmap.loadFromData(entry.prepared.content)
        else:
            kept = self._kept.get(entry.file_id or "")
            if kept is not None:
                reader = QImageReader(str(self.ctx.portfolios.file_path(kept.file_sha256)))
                reader.setScaledSize(reader.size().scaled(THUMB * 2, Qt.AspectRatioMode.KeepAspectRatio))
                pixmap = QPixmap.fromImage(reader.read())
        if pixmap.isNull():
            return self.style().standardIcon(self.style().StandardPixmap.SP_MessageBoxWarning)
        return QIcon(
            pixmap.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        )

    def add_file(self, placement: str) -> None:
        from .. import file_prompts
        from ..tasks import run_task

        if self._prepare_file is None:
            return
        if placement == PLACE_SECTION:
            title, filter_text = _("Add a picture"), _("Pictures ({patterns})").format(patterns=FILE_FILTER)
        else:
            title = _("Add a photo or PDF document")
            filter_text = _("Photos and PDF documents ({patterns})").format(patterns=f"{FILE_FILTER} *.pdf")
        path = file_prompts.ask_open_path(self, title, filter_text)
        if path is None:
            return
        prepare, section = self._prepare_file, self._section if placement == PLACE_SECTION else None

        def done(prepared: PreparedFile) -> None:
            self._files.append(FileEntry(placement, section, prepared.caption, prepared=prepared))
            self._show_files()
            target = self.picture_list if placement == PLACE_SECTION else self.evidence_list
            target.setCurrentRow(target.count() - 1)

        run_task(self, _("Preparing the file…"), lambda _progress: prepare(path), done)

    def remove_file(self, target: QListWidget) -> None:
        indexes, row = self._indexes(target), target.currentRow()
        if 0 <= row < len(indexes):
            del self._files[indexes[row]]
            self._show_files()

    def move_file(self, target: QListWidget, step: int) -> None:
        indexes, row = self._indexes(target), target.currentRow()
        if 0 <= row < len(indexes) and 0 <= row + step < len(indexes):
            a, b = indexes[row], indexes[row + step]
            self._files[a], self._files[b] = self._files[b], self._files[a]
            self._show_files()
            target.setCurrentRow(row + step)

    def _caption_changed(self, target: QListWidget, item: QListWidgetItem) -> None:
        indexes, row = self._indexes(target), target.row(item)
        if 0 <= row < len(indexes):
            from dataclasses import replace

            n = indexes[row]
            caption = item.text().strip()
            if caption.startswith("(") and caption.endswith(")"):  # the file's name shown for an empty caption
                caption = ""
            self._files[n] = replace(self._files[n], caption=caption)

    def _show_supports(self, row: int) -> None:
        indexes = self._indexes(self.evidence_list)
        section = self._files[indexes[row]].section if 0 <= row < len(indexes) else None
        self.supports.setCurrentIndex(max(self.supports.findData(section), 0))

    def _supports_chosen(self, index: int) -> None:
        from dataclasses import replace

        indexes, row = self._indexes(self.evidence_list), self.evidence_list.currentRow()
        if 0 <= row < len(indexes):
            self._files[indexes[row]] = replace(self._files[indexes[row]], section=self.supports.itemData(index))

    # --- figures and awards ------------------------------------------------------------------------------------
    def figure_values(self) -> list[dict[str, str]]:
        return self.figures.values()

    def attach_certificate(self) -> None:
        from .. import file_prompts
        from ..tasks import run_task

        row = self.awards.currentRow()
        if self._prepare_file is None or not 0 <= row < self.awards.rowCount():
            return
        filter_text = _("Photos and PDF documents ({patterns})").format(patterns=f"{FILE_FILTER} *.pdf")
        path = file_prompts.ask_open_path(self, _("Attach the certificate"), filter_text)
        if path is None:
            return
        prepare = self._prepare_file

        def done(prepared: PreparedFile) -> None:
            self.awards.set_certificate(row, prepared)

        run_task(self, _("Preparing the file…"), lambda _progress: prepare(path), done)

    def award_entries(self) -> list[AwardEntry]:
        return self.awards.entries()

    # --- saving ------------------------------------------------------------------------------------------------
    def chosen_owners(self) -> list[str]:
        """The owners in the order the user put them (the order they print in)."""
        return self.owners.chosen()

    def snapshot(self) -> Any:
        return (
            self.values(),
            tuple(self.chosen_owners()),
            tuple(sorted((k, v) for k, v in self._sections.items() if v)),
            tuple(self._files),
            tuple(tuple(sorted(f.items())) for f in self.figure_values()),
            tuple((tuple(sorted(a.values.items())), a.award_id, id(a.certificate)) for a in self.award_entries()),
        )

    def _save_portfolio(self, values: dict[str, object]) -> Any:
        owners = [] if values.get("owner_type") == "school" else self.chosen_owners()
        sections = {
            term.code: self._sections.get(term.code) or None for term in vocabularies.terms("portfolio_section")
        }
        return self.ctx.portfolios.save(
            values,
            owners,
            sections,
            list(self._files),
            self.figure_values(),
            self.award_entries(),
            self._view.portfolio.id if self._view else None,
        )

    def show_errors(self, exc: ValidationError) -> None:
        """Every problem by its field (the service reports all it finds at once), the tabs holding one marked and
        the first of them shown; the window keeps its size (the error lines scroll in their own room)."""
        for label in self._errors.values():
            label.hide()
        loose = []
        for err in self._placed(exc.errors):
            label = self._errors.get(err.field)
            if label is None:
                loose.append(err.message)
                continue
            label.setText(err.message if label.isHidden() else f"{label.text()}\n{err.message}")
            label.show()
        for label, area in self._error_areas:
            area.setVisible(not label.isHidden())
            width = area.viewport().width() or area.width()
            area.setFixedHeight(min(ERROR_ROOM, label.heightForWidth(width) + 2))  # its lines, up to ERROR_ROOM
        shown = [label for label in self._errors.values() if not label.isHidden()]
        marked = tabs_holding(self.tabs, shown)
        mark_tabs(self.tabs, self.tab_titles, marked)
        if marked:
            names = ", ".join(self.tab_titles[n] for n in marked)
            loose.append(_("Please correct what is marked in red on these tabs: {tabs}.").format(tabs=names))
            self.tabs.setCurrentIndex(marked[0])
            first = next(label for label in shown if self.tabs.widget(marked[0]).isAncestorOf(label))
            if self.form_scroll.isAncestorOf(first):
                self.form_scroll.ensureWidgetVisible(first)
        self.form_error.setText("\n".join(loose) or _("Please correct the fields marked in red."))
        self.form_error.show()

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.hide()
        for _label, area in self._error_areas:
            area.hide()
        self.form_error.hide()
        mark_tabs(self.tabs, self.tab_titles, ())

    def _placed(self, errors: Sequence[FieldError]) -> list[FieldError]:
        """A file's problem goes to the evidence tab when the file is evidence (the service names the file first)."""
        evidence = {self._file_name(f) for f in self._files if f.placement == PLACE_EVIDENCE} - {""}
        return [
            FieldError("evidence", e.message)
            if e.field == "files" and any(e.message.startswith(f"{name}: ") for name in evidence)
            else e
            for e in errors
        ]

    def _file_name(self, entry: FileEntry) -> str:
        if entry.prepared is not None:
            return entry.prepared.file_name
        kept = self._kept.get(entry.file_id or "")
        return (kept.file_name or "") if kept else ""

    # --- printing ----------------------------------------------------------------------------------------------
    def print_preview(self) -> None:
        """Saves first when something changed (nothing prints that is not saved), then previews the print."""
        changed = self._view is None or self._typed is None or self.snapshot() != self._typed
        if changed:
            try:
                saved = self._save(self.values())
            except ValidationError as exc:
                self.show_errors(exc)
                return
            self.saved = saved
            self._saved_now(saved.id)
        assert self._view is not None
        print_portfolio(self, self.ctx, self._view.portfolio.id)

    def _saved_now(self, portfolio_id: str) -> None:
        """Goes on editing what was just saved: its new files and awards are now kept ones (a second save changes
        them instead of adding them again), and Cancel no longer asks about what is saved."""
        view = self._view = self.ctx.portfolios.view(portfolio_id)
        self._files = self.ctx.portfolios.file_entries(portfolio_id)
        self._kept = {f.id: f for f in view.files}
        self.awards.fill(view.awards)
        self._show_files()
        self.setWindowTitle(_("Edit portfolio"))
        self.clear_errors()
        self._typed = self.snapshot()


def print_portfolio(parent: QWidget, ctx: Any, portfolio_id: str) -> None:
    """The portfolio's PDF made in a worker (with progress), then shown to print or save: the gallery's Print and
    the window's Print / preview both come here."""
    from ...reports.pdf.portfolio_pdf import portfolio_pdf
    from ...safe_file_name import safe_file_name
    from ..pdf_preview import preview_pdf

    name = ctx.portfolios.get(portfolio_id).name
    preview_pdf(
        parent,
        ctx.data_dir,
        name,
        safe_file_name(name, "portfolio") + ".pdf",
        lambda target, progress: portfolio_pdf(ctx, portfolio_id, target, progress=progress),
    )


def _file_list(name: str) -> QListWidget:
    files = QListWidget()
    files.setObjectName(name)
    files.setIconSize(THUMB)
    files.setToolTip(_("Double-click (or F2) to write a caption."))
    return files
