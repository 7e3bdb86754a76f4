"""A showcase portfolio in one window: the declared fields and who made it, then tabs for the sections of the
write-up (formatted text and the pictures of each section), the evidence for the appendix, the result figures and
the awards. Save writes everything together (one undo step); the service checks it all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabularies
from ...domain.kinds.portfolio import PLACE_EVIDENCE, PLACE_SECTION, PORTFOLIO, SCHOOL_STATUSES
from ...i18n import _
from ...services.attached_files import PreparedFile
from ...services.portfolios import AwardEntry, FileEntry, PortfolioView
from ..widgets.be_date_edit import BuddhistDateEdit
from ..widgets.rich_text_edit import RichTextEdit
from ..widgets.thai_text import error_label
from .record_dialog import RecordDialog

THUMB = QSize(96, 72)
FILE_FILTER = "*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff"
FIGURE_COLUMNS = ("label", "unit", "before", "after")
AWARD_COLUMNS = ("name", "level", "rank", "medal", "awarded_on", "issuer")
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
        self._owners = [o.id for o in view.owners] if view else []
        self._sections: dict[str, str] = dict(view.sections) if view else {}
        self._files: list[FileEntry] = ctx.portfolios.file_entries(view.portfolio.id) if view else []
        self._kept = {f.id: f for f in view.files} if view else {}
        self._awards: list[dict[str, Any]] = [
            {"award_id": a.id, "certificate": None, "keep": True, "has": bool(a.certificate_sha256)}
            for a in (view.awards if view else [])
        ]
        self._section = ""
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
        self._fill_figures(view.figures if view else [])
        self._fill_awards(view.awards if view else [])
        self.section_list.setCurrentRow(0)
        self.resize(1200, 720)

    # --- layout ------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        super()._build()
        layout = self.layout()
        fields = layout.itemAt(0).widget()
        layout.removeWidget(fields)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("portfolioTabs")
        self.tabs.addTab(fields, _("The work and its owners"))
        self.tabs.addTab(self._sections_tab(), _("Write-up and pictures"))
        self.tabs.addTab(self._evidence_tab(), _("Evidence"))
        self.tabs.addTab(self._figures_tab(), _("Result figures"))
        self.tabs.addTab(self._awards_tab(), _("Awards"))
        layout.insertWidget(0, self.tabs, 1)

    def extra_column(self) -> QWidget | None:
        box = QGroupBox(_("Who made the work"))
        box.setObjectName("ownersBox")
        inner = QVBoxLayout(box)
        self.find = QLineEdit()
        self.find.setPlaceholderText(_("Find a name…"))
        self.find.setClearButtonEnabled(True)
        self.find.textChanged.connect(self._filter_owners)
        self.owner_list = QListWidget()
        self.owner_list.setObjectName("ownerList")
        for person in self._staff:
            item = QListWidgetItem(person.full_name_th)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person.id in self._owners else Qt.CheckState.Unchecked)
            self.owner_list.addItem(item)
        self.owner_list.itemChanged.connect(self._owner_ticked)
        self.owner_list.setMinimumWidth(280)
        inner.addWidget(self.find)
        inner.addWidget(self.owner_list, 1)
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
        self.picture_list.itemChanged.connect(lambda item: self._caption_changed(self.picture_list, item))
        inner.addWidget(self.picture_list, 1)
        inner.addLayout(
            self._file_buttons(self.picture_list, PLACE_SECTION, _("Add a picture…"), "addPicture", "picture")
        )
        right.addWidget(pictures)
        right.setSizes([420, 200])
        layout.addWidget(self.section_list)
        layout.addWidget(right, 1)
        self._errors["sections"] = error_label()
        self._errors["files"] = error_label()
        holder = QWidget()
        outer = QVBoxLayout(holder)
        outer.addWidget(page, 1)
        outer.addWidget(self._errors["sections"])
        outer.addWidget(self._errors["files"])
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
        self.supports.addItem(_("(none)"), None)
        for term in vocabularies.terms("portfolio_section"):
            self.supports.addItem(term.label(), term.code)
        self.supports.activated.connect(self._supports_chosen)
        supports.addWidget(self.supports, 1)
        layout.addLayout(supports)
        layout.addLayout(
            self._file_buttons(self.evidence_list, PLACE_EVIDENCE, _("Add a photo or PDF…"), "addEvidence", "evidence")
        )
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
        self.figures = QTableWidget(0, len(FIGURE_COLUMNS))
        self.figures.setObjectName("figureTable")
        self.figures.setHorizontalHeaderLabels([_("Indicator"), _("Unit"), _("Before"), _("After")])
        self.figures.horizontalHeader().setStretchLastSection(False)
        self.figures.setColumnWidth(0, 420)
        layout.addWidget(self.figures, 1)
        row = QHBoxLayout()
        add = QPushButton(_("Add a figure"))
        add.setObjectName("addFigure")
        add.clicked.connect(lambda: self._add_figure_row())
        remove = QPushButton(_("Remove the figure"))
        remove.setObjectName("removeFigure")
        remove.clicked.connect(lambda: self.figures.removeRow(self.figures.currentRow()))
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        self._errors["figures"] = error_label()
        layout.addWidget(self._errors["figures"])
        return page

    def _awards_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.awards = QTableWidget(0, len(AWARD_COLUMNS) + 1)
        self.awards.setObjectName("awardTable")
        self.awards.setHorizontalHeaderLabels(
            [_("Award"), _("Level"), _("Rank"), _("Medal"), _("Date of the award"), _("Given by"), _("Certificate")]
        )
        for column, width in enumerate((300, 180, 150, 120, 110, 280, 90)):
            self.awards.setColumnWidth(column, width)
        layout.addWidget(self.awards, 1)
        row = QHBoxLayout()
        add = QPushButton(_("Add an award"))
        add.setObjectName("addAward")
        add.clicked.connect(lambda: self._add_award_row())
        certificate = QPushButton(_("Attach the certificate…"))
        certificate.setObjectName("attachCertificate")
        certificate.clicked.connect(self.attach_certificate)
        remove = QPushButton(_("Remove the award"))
        remove.setObjectName("removeAward")
        remove.clicked.connect(self._remove_award)
        for button in (add, certificate, remove):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self._errors["awards"] = error_label()
        layout.addWidget(self._errors["awards"])
        return page

    # --- owners ------------------------------------------------------------------------------------------------
    def _owner_type_changed(self, *_args: Any) -> None:
        persons = self.widgets["owner_type"].currentData() != "school"
        self.owner_list.setEnabled(persons)
        self.find.setEnabled(persons)

    def _owner_ticked(self, item: QListWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked and person_id not in self._owners:
            self._owners.append(person_id)  # the order they were ticked: the first is the main author
        elif item.checkState() != Qt.CheckState.Checked and person_id in self._owners:
            self._owners.remove(person_id)

    def _filter_owners(self, text: str) -> None:
        wanted = text.strip().casefold()
        for i in range(self.owner_list.count()):
            item = self.owner_list.item(i)
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())

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
    def _fill_figures(self, figures: Sequence[Any]) -> None:
        from ...domain.field_types import format_score

        for f in figures:
            self._add_figure_row((f.label, f.unit or "", format_score(f.before), format_score(f.after)))

    def _add_figure_row(self, values: Sequence[str] = ("", "", "", "")) -> None:
        row = self.figures.rowCount()
        self.figures.insertRow(row)
        for column, value in enumerate(values):
            self.figures.setItem(row, column, QTableWidgetItem(value))
        self.figures.setCurrentCell(row, 0)

    def figure_values(self) -> list[dict[str, str]]:
        out = []
        for row in range(self.figures.rowCount()):
            cells = [self.figures.item(row, c) for c in range(len(FIGURE_COLUMNS))]
            values = {name: (cell.text() if cell else "") for name, cell in zip(FIGURE_COLUMNS, cells, strict=True)}
            if any(v.strip() for v in values.values()):  # an empty row left at the end is not a figure
                out.append(values)
        return out

    def _fill_awards(self, awards: Sequence[Any]) -> None:
        for a in awards:
            self._add_award_row(a, keep_state=True)

    def _add_award_row(self, award: Any = None, keep_state: bool = False) -> None:
        row = self.awards.rowCount()
        self.awards.insertRow(row)
        if not keep_state:
            self._awards.append({"award_id": None, "certificate": None, "keep": False, "has": False})
        self.awards.setItem(row, 0, QTableWidgetItem(award.name if award else ""))
        for column, (name, vocabulary) in enumerate(
            (("level", "award_level"), ("rank", "award_rank"), ("medal", "medal")), start=1
        ):
            combo = QComboBox()
            combo.setObjectName(f"award_{name}")
            if name != "level":
                combo.addItem("", None)
            for term in vocabularies.terms(vocabulary):
                combo.addItem(term.label(), term.code)
            value = getattr(award, name) if award else ("school" if name == "level" else None)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            self.awards.setCellWidget(row, column, combo)
        date = BuddhistDateEdit()
        if award is not None and award.awarded_on is not None:
            from ...domain import buddhist_date

            date.setText(buddhist_date.format_short(award.awarded_on))
        self.awards.setCellWidget(row, 4, date)
        self.awards.setItem(row, 5, QTableWidgetItem(award.issuer or "" if award else ""))
        self._show_certificate(row)
        self.awards.setCurrentCell(row, 0)

    def _show_certificate(self, row: int) -> None:
        state = self._awards[row]
        has = state["certificate"] is not None or (state["keep"] and state["has"])
        item = QTableWidgetItem(_("attached") if has else "-")
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.awards.setItem(row, 6, item)

    def attach_certificate(self) -> None:
        from .. import file_prompts
        from ..tasks import run_task

        row = self.awards.currentRow()
        if self._prepare_file is None or not 0 <= row < len(self._awards):
            return
        filter_text = _("Photos and PDF documents ({patterns})").format(patterns=f"{FILE_FILTER} *.pdf")
        path = file_prompts.ask_open_path(self, _("Attach the certificate"), filter_text)
        if path is None:
            return
        prepare = self._prepare_file

        def done(prepared: PreparedFile) -> None:
            self._awards[row]["certificate"] = prepared
            self._show_certificate(row)

        run_task(self, _("Preparing the file…"), lambda _progress: prepare(path), done)

    def _remove_award(self) -> None:
        row = self.awards.currentRow()
        if 0 <= row < len(self._awards):
            self.awards.removeRow(row)
            del self._awards[row]

    def award_entries(self) -> list[AwardEntry]:
        out = []
        for row, state in enumerate(self._awards):
            values: dict[str, object] = {"name": self.awards.item(row, 0).text() if self.awards.item(row, 0) else ""}
            for column, name in enumerate(("level", "rank", "medal"), start=1):
                values[name] = self.awards.cellWidget(row, column).currentData()
            values["awarded_on"] = self.awards.cellWidget(row, 4).text()
            values["issuer"] = self.awards.item(row, 5).text() if self.awards.item(row, 5) else ""
            out.append(AwardEntry(values, state["award_id"], state["certificate"], state["keep"]))
        return out

    # --- saving ------------------------------------------------------------------------------------------------
    def chosen_owners(self) -> list[str]:
        return list(self._owners)

    def snapshot(self) -> Any:
        return (
            self.values(),
            tuple(self._owners),
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


def _file_list(name: str) -> QListWidget:
    files = QListWidget()
    files.setObjectName(name)
    files.setIconSize(THUMB)
    files.setToolTip(_("Double-click (or F2) to write a caption."))
    return files
