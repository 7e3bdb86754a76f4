"""The district's Submissions page: who has sent what is due (schools × periods, on time, late, missing), the rates
per cluster, the district's review of each school's submission, and the periods themselves (what is due, by when;
approved periods are locked)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...context import AppContext
from ...domain import buddhist_date, thai_years
from ...domain.kinds.school_registry import REGISTERED_SCHOOL
from ...domain.kinds.submissions import SUBMISSION_PERIOD, SUBMISSION_REVIEW
from ...errors import KaplcError
from ...i18n import _, ngettext
from ...services.submission_tracking import cell_label, local_day, thai_today
from .. import file_prompts
from ..change_relay import refresh_on
from ..error_dialog import show_refusal
from ..models.tracking_table import FIXED, TrackingModel
from ..widgets.record_list_panel import RecordListPanel
from ..widgets.thai_text import plain_label

WATCHED = (
    SUBMISSION_PERIOD.table,
    SUBMISSION_REVIEW.table,
    REGISTERED_SCHOOL.table,
    "sync_imports",
)


class TrackingPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trackingPage")
        self.ctx = ctx
        self.prompts = file_prompts  # tests replace it
        heading = plain_label(_("Submissions"))
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._matrix_tab(), _("Who sent what"))
        self.periods = RecordListPanel(
            SUBMISSION_PERIOD,
            lambda: ctx.submission_periods,
            lambda: ctx.submission_periods.list(),
            columns=("name", "academic_year", "content", "semester", "opens_on", "due_on", "approved_on"),
            defaults=self._period_defaults,
        )
        self.approve_button = QPushButton(_("Approve (lock)"))
        self.approve_button.setObjectName("approvePeriod")
        self.approve_button.clicked.connect(self.approve)
        self.reopen_button = QPushButton(_("Reopen"))
        self.reopen_button.setObjectName("reopenPeriod")
        self.reopen_button.clicked.connect(self.reopen)
        periods_tab = QWidget()
        periods_layout = QVBoxLayout(periods_tab)
        explain = plain_label(
            _(
                "A period says what the schools must send and by when. It reaches every school with its next "
                "feedback bundle. Approving a period locks its dates and reviews until it is reopened."
            )
        )
        explain.setWordWrap(True)
        periods_layout.addWidget(explain)
        periods_layout.addWidget(self.periods, 1)
        lock_row = QHBoxLayout()
        lock_row.addWidget(self.approve_button)
        lock_row.addWidget(self.reopen_button)
        lock_row.addStretch(1)
        periods_layout.addLayout(lock_row)
        self.tabs.addTab(periods_tab, _("Periods"))
        self.periods.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable_lock())
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        self.refresh()
        refresh_on(ctx.db.changes, self, WATCHED, self.refresh)

    # --- the matrix --------------------------------------------------------------------------------------
    def _matrix_tab(self) -> QWidget:
        self.year = QComboBox()
        self.year.setObjectName("trackingYear")
        self.year.currentIndexChanged.connect(lambda _i: self._load())
        self.cluster = QComboBox()
        self.cluster.setObjectName("trackingCluster")
        self.cluster.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.missing_button = QToolButton()
        self.missing_button.setObjectName("missingOnly")
        self.missing_button.setCheckable(True)
        self.missing_button.clicked.connect(lambda _c: self._apply_filter())
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search code, name or cluster"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._apply_filter())
        self.summary = plain_label()
        self.summary.setObjectName("trackingSummary")
        self.summary.setWordWrap(True)
        filters = QHBoxLayout()
        filters.addWidget(plain_label(_("Academic year")))
        filters.addWidget(self.year)
        filters.addWidget(plain_label(_("School cluster")))
        filters.addWidget(self.cluster)
        filters.addWidget(self.missing_button)
        filters.addStretch(1)
        filters.addWidget(self.search, 1)

        self.model = TrackingModel()
        self.table = QTableView()
        self.table.setObjectName("trackingTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by school code until the user sorts otherwise
        self.table.doubleClicked.connect(lambda _i: self.review())
        self.table.selectionModel().currentChanged.connect(lambda *_a: self._show_cell())

        self.rates = QTableWidget(0, 4)
        self.rates.setObjectName("ratesTable")
        self.rates.setHorizontalHeaderLabels([_("School cluster"), _("Due"), _("Received"), _("On time")])
        self.rates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rates.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.rates.verticalHeader().hide()
        self.rates.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.rates_box = rates_box = QGroupBox()
        QVBoxLayout(rates_box).addWidget(self.rates)

        self.cell_title = plain_label()
        self.cell_title.setWordWrap(True)
        self.cell_title.setStyleSheet("font-weight: bold;")
        self.cell_text = plain_label()
        self.cell_text.setObjectName("cellDetails")
        self.cell_text.setWordWrap(True)
        self.cell_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.cell_title)
        details_layout.addWidget(self.cell_text, 1)
        scroll = QScrollArea()  # a long comment scrolls here instead of being cut off
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(details)
        self.review_button = QPushButton(_("Review…"))
        self.review_button.setObjectName("reviewButton")
        self.review_button.clicked.connect(self.review)
        cell_box = QGroupBox(_("The chosen school and period"))
        cell_layout = QVBoxLayout(cell_box)
        cell_layout.addWidget(scroll, 1)
        cell_layout.addWidget(self.review_button)

        bottom = QWidget()
        bottom.setMaximumHeight(230)  # the matrix keeps most of a 768-pixel screen
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(rates_box, 3)
        bottom_layout.addWidget(cell_box, 2)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.summary)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(bottom)
        return tab

    def refresh(self) -> None:
        self.periods.reload()
        self._enable_lock()
        years = sorted({p.academic_year for p in self.ctx.submission_periods.list()}, reverse=True)
        current = thai_years.academic_year(thai_today())
        if current not in years:
            years.insert(0, current)
        chosen = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(str(year), year)
        index = self.year.findData(chosen if chosen is not None else current)
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)
        self._load()

    def _load(self) -> None:
        self._keep = self._chosen_keys()
        year = self.year.currentData()
        tracking = self.ctx.submission_tracking.tracking(year)
        self.model.set_tracking(tracking)
        chosen = self.cluster.currentData()
        self.cluster.blockSignals(True)
        self.cluster.clear()
        self.cluster.addItem(_("All clusters"), None)
        for name in self.model.clusters():
            self.cluster.addItem(name or _("(no cluster)"), name)
        self.cluster.setCurrentIndex(max(self.cluster.findData(chosen), 0) if chosen is not None else 0)
        self.cluster.blockSignals(False)
        self.missing_button.setText(_("Missing something ({n})").format(n=self.model.missing_count()))
        if not tracking.periods:
            self.summary.setText(
                _(
                    "No period is set for {year}. Add what the schools must send, and by when, on the Periods tab."
                ).format(year=year)
            )
        elif not tracking.lines:
            self.summary.setText(
                _("No school is on the district's list. Import it on the Schools page; every school on it is expected.")
            )
        else:
            total = tracking.rate(None, None)
            assert total is not None
            self.summary.setText(
                _(
                    "{schools} schools × {periods} periods: received {received} of the {expected} now due "
                    "({rate:.0%}), on time {on_time} ({on_time_rate:.0%})."
                ).format(
                    schools=len(tracking.lines),
                    periods=len(tracking.periods),
                    received=total.received,
                    expected=total.expected,
                    rate=total.received_rate,
                    on_time=total.on_time,
                    on_time_rate=total.on_time_rate,
                )
            )
        self._apply_filter()

    def _chosen_keys(self) -> tuple[str | None, str | None]:
        """The school and period chosen now, to choose them again after the table is made anew."""
        line, period, _cell = self._chosen()
        return (line.code if line else None, period.id if period else None)

    def _apply_filter(self) -> None:
        keep = getattr(self, "_keep", None) or self._chosen_keys()
        self._keep = None
        self.model.set_filter(self.cluster.currentData(), self.missing_button.isChecked(), self.search.text())
        self.table.resizeColumnsToContents()
        for column in range(len(FIXED)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 220))
        row = next((r for r in range(self.model.rowCount()) if self.model.line_at(r).code == keep[0]), None)
        column = next(
            (c for c in range(len(FIXED), self.model.columnCount()) if self.model.period_at(c).id == keep[1]), None
        )
        if row is not None:  # the cell chosen before stays chosen; on opening none is (the names stay in view)
            chosen = self.model.index(row, column if column is not None else 0)
            self.table.selectionModel().setCurrentIndex(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._show_cell()

    def _chosen(self) -> tuple[Any, Any, Any]:
        index = self.table.currentIndex()
        line = self.model.line_at(index.row()) if index.isValid() else None
        period = self.model.period_at(index.column()) if index.isValid() else None
        cell = line.cells[index.column() - len(FIXED)] if line is not None and period is not None else None
        return line, period, cell

    def _show_cell(self) -> None:
        line, period, cell = self._chosen()
        self._show_rates(period)
        self.review_button.setEnabled(cell is not None and period is not None and period.approved_on is None)
        if line is None or period is None or cell is None:
            self.cell_title.setText(line.name if line is not None else "")
            self.cell_text.setText(_("Choose a period's cell in the table to see and review the school's submission."))
            return
        self.cell_title.setText(f"{line.name} ({line.code}) — {period.name}")
        parts = [cell_label(cell.state)]
        if cell.received_at is not None:
            parts.append(
                _("Arrived with a bundle imported on {day}.").format(
                    day=buddhist_date.format_long(local_day(cell.received_at))
                )
            )
        parts.append(_("Deadline: {day}.").format(day=buddhist_date.format_long(period.due_on)))
        if cell.review is not None:
            parts.append(
                _("Review: {state} ({day}).").format(
                    state=cell.review.display("state"), day=buddhist_date.format_short(cell.review.reviewed_on)
                )
            )
            if cell.review.comment:
                parts.append(cell.review.comment)
        if period.approved_on is not None:
            parts.append(_("The period is approved: its reviews are locked."))
        self.cell_text.setText("\n".join(parts))

    def _show_rates(self, period: Any | None) -> None:
        self.rates_box.setTitle(
            _("Rates of “{name}”").format(name=period.name)
            if period is not None
            else _("Rates of every period of {year} (choose a period's cell for one period)").format(
                year=self.year.currentData()
            )
        )
        tracking = self.model.tracking
        rows = [r for r in (tracking.rates if tracking else ()) if r.period_id == (period.id if period else None)]
        self.rates.setRowCount(len(rows))
        for i, rate in enumerate(rows):
            who = _("The whole district") if rate.cluster is None else (rate.cluster or _("(no cluster)"))
            cells = (
                who,
                str(rate.expected),
                f"{rate.received} ({rate.received_rate:.0%})",
                f"{rate.on_time} ({rate.on_time_rate:.0%})",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.rates.setItem(i, column, item)
        self.rates.resizeColumnsToContents()
        self.rates.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    # --- reviewing -----------------------------------------------------------------------------------------
    def review(self) -> None:
        line, period, cell = self._chosen()
        if line is None or period is None or cell is None or period.approved_on is not None:
            return
        from ..dialogs.record_dialog import RecordDialog

        reviews = self.ctx.submission_reviews

        def save(values: dict[str, object]) -> Any:
            return reviews.review(
                period.id, line.code, str(values.get("state") or ""), str(values.get("comment") or "")
            )

        dialog = RecordDialog(
            SUBMISSION_REVIEW,
            save,
            cell.review,
            self,
            _("Review — {school}, {period}").format(school=line.name, period=period.name),
        )
        dialog.prompts = self.prompts
        self.last_dialog = dialog
        if dialog.exec() and dialog.saved is not None:
            self._load()

    # --- periods -----------------------------------------------------------------------------------------
    def _period_defaults(self) -> dict[str, object]:
        year = self.year.currentData() or thai_years.academic_year(thai_today())
        return {"academic_year": year}

    def _enable_lock(self) -> None:
        period = self.periods.current()
        self.approve_button.setEnabled(period is not None and period.approved_on is None)
        self.reopen_button.setEnabled(period is not None and period.approved_on is not None)

    def approve(self) -> None:
        period = self.periods.current()
        if period is None:
            return
        tracking = self.ctx.submission_tracking.tracking(period.academic_year)
        index = next(i for i, p in enumerate(tracking.periods) if p.id == period.id)
        unreviewed = sum(1 for line in tracking.lines if line.cells[index].review is None)
        missing = sum(1 for line in tracking.lines if line.cells[index].state in ("missing", "waiting"))
        question = _("Approve “{name}”? Its dates and reviews are locked until it is reopened.").format(
            name=period.name
        )
        if missing or unreviewed:
            question += "\n\n" + ngettext(
                "{missing} school has not sent it and {unreviewed} are not reviewed yet.",
                "{missing} schools have not sent it and {unreviewed} are not reviewed yet.",
                missing,
            ).format(missing=missing, unreviewed=unreviewed)
        if not self.prompts.confirm(self, _("Approve the period?"), question):
            return
        self._do(lambda: self.ctx.submission_periods.approve(period.id))

    def reopen(self) -> None:
        period = self.periods.current()
        if period is not None:
            self._do(lambda: self.ctx.submission_periods.reopen(period.id))

    def _do(self, action: Any) -> None:
        try:
            action()
        except KaplcError as exc:
            show_refusal(self, str(exc))
        self.refresh()
