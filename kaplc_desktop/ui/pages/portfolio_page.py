"""The gallery of the school's showcase portfolios: a thumbnail each, found by words of the title or an owner's
name and filtered by academic year, award level and stage; opened to edit, printed to PDF in a worker. A card cuts a
long title after two lines but always shows the year, stage and award whole; a line above says what a portfolio is
and the three steps to one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImageReader, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...context import AppContext
from ...domain import vocabularies
from ...domain.kinds.personnel import STATUS_ACTIVE
from ...domain.thai_years import academic_year
from ...i18n import _, ngettext
from .. import file_prompts
from ..change_relay import refresh_on
from ..widgets.gallery_card import CARD_ROLE, Block, GalleryCardDelegate

TABLES = (
    "portfolios",
    "portfolio_owners",
    "portfolio_sections",
    "portfolio_files",
    "portfolio_figures",
    "portfolio_awards",
    "portfolio_decisions",
    "personnel",
)
THUMB = QSize(200, 140)


class PortfolioPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioPage")
        self.ctx = ctx
        self._icons: dict[str, QIcon] = {}
        self.last_dialog: Any = None
        self.search = QLineEdit()
        self.search.setObjectName("portfolioSearch")
        self.search.setPlaceholderText(_("Find by title or owner…"))
        self.search.setClearButtonEnabled(True)
        self.year = QComboBox()
        self.year.setObjectName("portfolioYear")
        self.level = _combo("portfolioLevel", _("All award levels"), "award_level")
        self.status = _combo("portfolioStatus", _("Every stage"), "submission_status")
        for widget in (self.search,):
            widget.textChanged.connect(self.reload)
        for combo in (self.year, self.level, self.status):
            combo.activated.connect(self.reload)
        self.new_button = QPushButton(_("New portfolio…"))
        self.new_button.setObjectName("newPortfolio")
        self.new_button.clicked.connect(self.new_portfolio)
        self.open_button = QPushButton(_("Open"))
        self.open_button.setObjectName("openPortfolio")
        self.open_button.clicked.connect(self.open_current)
        self.print_button = QPushButton(_("Print the portfolio…"))
        self.print_button.setObjectName("printPortfolio")
        self.print_button.clicked.connect(self.print_current)
        self.delete_button = QPushButton(_("Move to Trash"))
        self.delete_button.setObjectName("deletePortfolio")
        self.delete_button.clicked.connect(self.delete_current)
        self.gallery = QListWidget()
        self.gallery.setObjectName("portfolioGallery")
        self.gallery.setViewMode(QListView.ViewMode.IconMode)
        self.gallery.setIconSize(THUMB)
        self.card = GalleryCardDelegate(THUMB, THUMB.width() + 60, self.gallery)
        self.gallery.setItemDelegate(self.card)
        self.gallery.setGridSize(self.card.size)
        self.gallery.setResizeMode(QListView.ResizeMode.Adjust)
        self.gallery.setMovement(QListView.Movement.Static)
        self.gallery.setWordWrap(True)
        self.gallery.setUniformItemSizes(True)
        self.gallery.itemActivated.connect(lambda _item: self.open_current())
        self.gallery.currentRowChanged.connect(self._enable)
        self.count = QLabel()
        self.count.setObjectName("portfolioCount")
        self.guide = QLabel(
            _(
                "A portfolio presents one best practice or innovation. To make one: “New portfolio…” → write its "
                "sections and add pictures → “Print the portfolio…”."
            )
        )
        self.guide.setObjectName("portfolioGuide")
        self.guide.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setObjectName("portfolioEmpty")
        self.empty.setWordWrap(True)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.year)
        filters.addWidget(self.level)
        filters.addWidget(self.status)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.print_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.guide)
        layout.addLayout(filters)
        layout.addWidget(self.empty)
        layout.addWidget(self.gallery, 1)
        self.delete_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.gallery)
        self.delete_shortcut.activated.connect(self.delete_current)
        self._years()
        self.reload()
        refresh_on(ctx.db.changes, self, TABLES, self.reload)

    def _years(self) -> None:
        held = sorted({p.academic_year for p in self.ctx.portfolios.list()}, reverse=True)
        current = self.year.currentData()
        self.year.clear()
        self.year.addItem(_("Every year"), None)
        for year in held:
            self.year.addItem(_("Academic year {year}").format(year=year), year)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))

    def reload(self, *_args: Any) -> None:
        self._years()
        chosen = self.current_id()
        items = self.ctx.portfolios.gallery(
            self.year.currentData(), self.level.currentData(), self.status.currentData(), self.search.text()
        )
        self.gallery.clear()
        cards = []
        for entry in items:
            stage = vocabularies.label("submission_status", entry.stage)
            card = [Block(entry.name, 2, bold=True), Block(entry.owners, 1), Block(f"{entry.academic_year} · {stage}")]
            if entry.level:
                level = vocabularies.label("award_level", entry.level)
                card.append(Block(_("Award: {level}").format(level=level)))
            lines = [block.text for block in card]
            item = QListWidgetItem(self._icon(entry.thumbnail), "\n".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setData(CARD_ROLE, tuple(card))
            item.setToolTip("\n".join(lines))
            self.gallery.addItem(item)
            cards.append(card)
            if entry.id == chosen:
                self.gallery.setCurrentItem(item)
        self.gallery.setGridSize(self.card.fit(cards, self.gallery.font()))
        total = len(self.ctx.portfolios.list())
        if total == 0:
            self.empty.setText(
                _(
                    "No portfolio yet. A portfolio is a write-up of a best practice or an innovation with its "
                    "pictures, evidence and awards: press “New portfolio…” to start one."
                )
            )
        else:  # held, but none is shown: say why rather than show an empty space
            self.empty.setText(
                _(
                    "No portfolio matches the words and filters above ({n} held). Clear the search box or choose "
                    "“Every year”, “All award levels” and “Every stage” to see them all."
                ).format(n=total)
            )
        self.empty.setVisible(not items)
        self.count.setText(ngettext("{n} portfolio", "{n} portfolios", len(items)).format(n=len(items)))
        self._enable()

    def _icon(self, sha: str | None) -> QIcon:
        if sha is None:
            return self._no_picture()
        if sha not in self._icons:
            reader = QImageReader(str(self.ctx.portfolios.file_path(sha)))
            reader.setScaledSize(reader.size().scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            self._icons[sha] = (
                QIcon(QPixmap.fromImage(image))
                if not image.isNull()
                else self.style().standardIcon(self.style().StandardPixmap.SP_MessageBoxWarning)
            )
        return self._icons[sha]

    def _no_picture(self) -> QIcon:
        """A pale card saying there is no picture yet (a generic file icon read as a menu to principals)."""
        if "" not in self._icons:
            pixmap = QPixmap(THUMB)
            pixmap.fill(QColor("#eef0f3"))
            painter = QPainter(pixmap)
            painter.setPen(QColor("#c3c8d0"))
            painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1))
            painter.setPen(QColor("#6b7280"))
            painter.setFont(self.font())
            painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, _("No picture yet"))
            painter.end()
            self._icons[""] = QIcon(pixmap)
        return self._icons[""]

    def current_id(self) -> str | None:
        item = self.gallery.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _enable(self, *_args: Any) -> None:
        chosen = self.current_id() is not None
        for button in (self.open_button, self.print_button, self.delete_button):
            button.setEnabled(chosen)

    # --- what the user does --------------------------------------------------------------------------------
    def _dialog(self, view: Any = None) -> Any:
        from ...services.attached_files import prepare_attached_file
        from ..dialogs.portfolio_dialog import PortfolioDialog

        staff = [p for p in self.ctx.personnel.list() if p.status == STATUS_ACTIVE or (view and p in view.owners)]
        defaults = {"academic_year": academic_year(_today())}
        dialog = PortfolioDialog(self.ctx, staff, view, prepare_attached_file, defaults, self)
        self.last_dialog = dialog
        return dialog

    def new_portfolio(self) -> None:
        dialog = self._dialog()
        dialog.exec()
        if dialog.saved is not None:  # saved with Save, or by Print / preview before closing
            self.reload()
            self._select(dialog.saved.id)

    def open_current(self) -> None:
        portfolio_id = self.current_id()
        if portfolio_id is None:
            return
        dialog = self._dialog(self.ctx.portfolios.view(portfolio_id))
        if dialog.exec() or dialog.saved is not None:
            self.reload()
            self._select(portfolio_id)

    def print_current(self) -> None:
        from ..dialogs.portfolio_dialog import print_portfolio

        portfolio_id = self.current_id()
        if portfolio_id is not None:
            print_portfolio(self, self.ctx, portfolio_id)

    def delete_current(self) -> None:
        portfolio_id = self.current_id()
        if portfolio_id is None:
            return
        name = self.ctx.portfolios.get(portfolio_id).name
        if file_prompts.confirm(
            self,
            _("Move to Trash"),
            _("Move “{name}”, with its pictures, figures and awards, to the Trash? Edit → Undo brings it back.").format(
                name=name
            ),
        ):
            self.ctx.portfolios.delete(portfolio_id)
            self.reload()

    def _select(self, portfolio_id: str) -> None:
        for n in range(self.gallery.count()):
            if self.gallery.item(n).data(Qt.ItemDataRole.UserRole) == portfolio_id:
                self.gallery.setCurrentRow(n)
                return


def _combo(name: str, everything: str, vocabulary: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(everything, None)
    for term in vocabularies.terms(vocabulary):
        combo.addItem(term.label(), term.code)
    return combo


def _today() -> Any:
    import datetime as dt

    return dt.date.today()
