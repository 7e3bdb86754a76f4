"""The district's Dashboards page: PLC hours, development needs, competency gaps, portfolios and awards for an
academic year. Each dashboard lists its tables; the table chosen is shown as a chart and as the table itself, and
the whole dashboard goes to Excel. On the needs, "Who named it" lists the people a district project is for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...context import AppContext
from ...domain import thai_years
from ...i18n import _
from ...safe_file_name import safe_file_name
from ...services.dashboards.figures import Table
from ...services.dashboards.service import DASHBOARDS, Dashboard, dashboard_title, year_subtitle
from ...services.submission_tracking import thai_today
from .. import file_prompts
from ..change_relay import refresh_on
from ..models.dashboard_table import DashboardTableModel
from ..tasks import run_task
from ..widgets.thai_text import plain_label

# a change to any of these may change a figure
WATCHED = (
    "sync_imports",
    "registered_schools",
    "portfolio_decisions",
    "district_settings",
)


def table_view() -> QTableView:
    view = QTableView()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSortingEnabled(True)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setDefaultSectionSize(120)
    return view


def show_table(view: QTableView, table: Table) -> DashboardTableModel:
    """The table in the view, each column as wide as its heading and cells need (a name at most 260 pixels,
    anything else 180: the figures of a wide table stay in reach at 1366×768; a cut text has its tooltip)."""
    model = DashboardTableModel(table)
    view.setModel(model)
    view.horizontalHeader().setSortIndicatorShown(False)
    view.resizeColumnsToContents()
    for col in range(len(table.columns)):
        view.setColumnWidth(col, min(view.columnWidth(col), 260 if col == 0 else 180))
    return model


class DashboardView(QWidget):
    """One dashboard: its tables on the left; the chosen one's title, what it counts, chart and table."""

    def __init__(self, page: DashboardsPage, name: str) -> None:
        super().__init__()
        self.page = page
        self.name = name
        self.setObjectName(f"dashboard_{name}")
        self.dashboard: Dashboard | None = None
        self.tables = QListWidget()
        self.tables.setObjectName("dashboardTables")
        self.tables.setFixedWidth(220)
        self.tables.setWordWrap(True)
        self.tables.currentRowChanged.connect(self._show)
        self.title = plain_label()
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.title.setWordWrap(True)  # "Who named …" a long topic: wrapped, never a wider window
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.note = plain_label()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.chart_holder = QWidget()
        self.chart_layout = QVBoxLayout(self.chart_holder)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("dashboardSearch")
        self.search.setPlaceholderText(_("Search the table (a school, a name, a cluster)…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.view = table_view()
        self.view.setObjectName("dashboardTable")
        self.view.doubleClicked.connect(lambda _index: self.page.who_named_it())
        self.shown = QTabWidget()  # the chart and the table each get the whole height of a laptop's screen
        self.shown.setObjectName("chartOrTable")
        self.shown.addTab(self.chart_holder, _("Chart"))
        table_tab = QWidget()
        table_layout = QVBoxLayout(table_tab)
        table_layout.setContentsMargins(0, 4, 0, 0)
        table_layout.addWidget(self.search)
        table_layout.addWidget(self.view, 1)
        self.shown.addTab(table_tab, _("Table"))
        self.empty = plain_label()
        self.empty.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.note)
        right.addWidget(self.empty)
        right.addWidget(self.shown, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.tables)
        layout.addLayout(right, 1)
        self.model: DashboardTableModel | None = None

    def set_dashboard(self, dashboard: Dashboard) -> None:
        chosen = self.current_table()
        self.dashboard = dashboard
        self.tables.blockSignals(True)
        self.tables.clear()
        for table in dashboard.tables:
            self.tables.addItem(table.title)
        self.tables.blockSignals(False)
        keys = [t.key for t in dashboard.tables]
        self.tables.setCurrentRow(keys.index(chosen.key) if chosen is not None and chosen.key in keys else 0)
        self._show(self.tables.currentRow())

    def current_table(self) -> Table | None:
        row = self.tables.currentRow()
        if self.dashboard is None or not 0 <= row < len(self.dashboard.tables):
            return None
        return self.dashboard.tables[row]

    def chosen_row(self) -> int | None:
        """The table's row chosen in the view (None: none)."""
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.row_of(rows[0]) if rows and self.model is not None else None

    def _show(self, _row: int) -> None:
        table = self.current_table()
        while self.chart_layout.count():
            item = self.chart_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        if table is None:
            return
        self.title.setText(table.title)
        self.note.setText(table.note)
        self.note.setVisible(bool(table.note))
        self.empty.setText(
            _("Nothing to count yet: no school has sent these records for {year}.").format(
                year=self.dashboard.year if self.dashboard else ""
            )
        )
        self.empty.setVisible(not table.rows)
        self.model = show_table(self.view, table)
        self._filter(self.search.text())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self.page.enable_actions())
        chart = self.page.chart_for(table, self.choose_row)
        self.shown.setTabVisible(0, chart is not None)
        if chart is not None:
            self.chart_layout.addWidget(chart)
        self.page.enable_actions()

    def _filter(self, text: str) -> None:
        if self.model is not None:
            self.model.set_filter(text)
            self.page.enable_actions()

    def choose_row(self, row: int) -> None:
        """A bar clicked: its row is chosen in the table too (a need's bar, then "Who named it")."""
        if self.model is not None:
            self.view.selectRow(self.model.view_row(row))


class DashboardsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardsPage")
        self.ctx = ctx
        self.prompts = file_prompts  # tests replace it
        heading = plain_label(_("Dashboards"))
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.year = QComboBox()
        self.year.setObjectName("dashboardYear")
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.period = QComboBox()
        self.period.setObjectName("plcPeriod")
        self.period.addItem(_("Academic year"), "academic")
        self.period.addItem(_("Fiscal year"), "fiscal")
        self.period.currentIndexChanged.connect(lambda _i: self.reload())
        self.period_label = QLabel(_("PLC hours by:"))
        self.who_button = QPushButton(_("Who named it…"))
        self.who_button.setObjectName("whoNamedIt")
        self.who_button.setToolTip(_("The people who named the chosen need: the target list of a district project"))
        self.who_button.clicked.connect(self.who_named_it)
        self.export_button = QPushButton(_("Export to Excel…"))
        self.export_button.setObjectName("exportDashboard")
        self.export_button.clicked.connect(self.export)
        bar = QHBoxLayout()
        self.year_label = QLabel(_("Academic year:"))
        bar.addWidget(self.year_label)
        bar.addWidget(self.year)
        bar.addWidget(self.period_label)
        bar.addWidget(self.period)
        bar.addStretch(1)
        bar.addWidget(self.who_button)
        bar.addWidget(self.export_button)
        self.report_button = QPushButton(_("The year's report to Excel…"))
        self.report_button.setObjectName("exportReport")
        self.report_button.setToolTip(
            _(
                "Every table of the academic year in one workbook: submissions, PLC hours, needs, projects, "
                "competencies, portfolios"
            )
        )
        self.report_button.clicked.connect(self.export_report)
        bar.addWidget(self.report_button)
        self.summary_button = QPushButton(_("Summary to print…"))
        self.summary_button.setObjectName("printSummary")
        self.summary_button.setToolTip(_("The year's summary report as a PDF: the key figures and a table of each"))
        self.summary_button.clicked.connect(self.print_summary)
        bar.addWidget(self.summary_button)
        self.tabs = QTabWidget()
        self.views: dict[str, DashboardView] = {}
        for name in DASHBOARDS:
            view = DashboardView(self, name)
            self.views[name] = view
            self.tabs.addTab(view, dashboard_title(name))
        self.tabs.currentChanged.connect(lambda _i: self.reload())
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.dialogs: list[QWidget] = []
        self._years_of = ""  # the kind of year the year box lists: academic, or fiscal (PLC hours only)
        refresh_on(ctx.db.changes, self, WATCHED, self.refresh)
        self.refresh()

    # --- loading -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The years offered anew (a bundle may bring a new one), then the dashboard shown."""
        self._fill_years(self._period())
        self.reload()

    def _period(self) -> str:
        """Fiscal years only for PLC hours counted by fiscal year; every other figure is by academic year."""
        return "fiscal" if self.current_view().name == "plc" and self.period.currentData() == "fiscal" else "academic"

    def _fill_years(self, period: str) -> None:
        years = self.ctx.dashboards.years(thai_today(), period)
        today = thai_today()
        current = thai_years.academic_year(today) if period == "academic" else thai_years.fiscal_year(today)
        chosen = self.year.currentData() if self._years_of == period else current
        self._years_of = period
        self.year_label.setText(_("Academic year:") if period == "academic" else _("Fiscal year:"))
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(self.year.findData(chosen), 0))
        self.year.blockSignals(False)

    def current_view(self) -> DashboardView:
        return self.views[DASHBOARDS[self.tabs.currentIndex()]]

    def reload(self) -> None:
        view = self.current_view()
        plc = view.name == "plc"
        self.period.setVisible(plc)
        self.period_label.setVisible(plc)
        period = self._period()
        if period != self._years_of:
            self._fill_years(period)
        dashboard = self.ctx.dashboards.dashboard(view.name, self.year.currentData(), period, thai_today())
        view.set_dashboard(dashboard)

    def chart_for(self, table: Table, on_click: Callable[[int], None]) -> QWidget | None:
        if table.chart is None or table.chart.kind == "heatmap" or not table.rows:
            return None  # a heatmap is its table, coloured
        from ..widgets.dashboard_chart import dashboard_chart

        return dashboard_chart(table, on_click)

    def enable_actions(self) -> None:
        view = self.current_view()
        table = view.current_table()
        self.who_button.setVisible(view.name == "needs")
        self.who_button.setEnabled(bool(table and table.row_ids and view.chosen_row() is not None))

    # --- actions -------------------------------------------------------------------------------------------
    def who_named_it(self) -> None:
        view = self.current_view()
        table, row = view.current_table(), view.chosen_row()
        if view.name != "needs" or table is None or not table.row_ids or row is None:
            return
        people = self.ctx.dashboards.need_people(self.year.currentData(), table.row_ids[row])
        if people is None:
            return
        from ..dialogs.need_people_dialog import NeedPeopleDialog

        year = self.year.currentData()
        dialog = NeedPeopleDialog(self, people, self._subtitle(_("Development needs")), year, table.row_ids[row])
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _r: self.dialogs.remove(dialog))
        dialog.open()

    def _subtitle(self, title: str) -> str:
        return year_subtitle(title, self.year.currentData(), self._years_of == "fiscal")

    def export_report(self) -> None:
        year = _report_year(self)
        office = self.ctx.workspace.get().esa_name
        subtitle = _("{office}, academic year {year}").format(office=office, year=year)
        export_tables(self, lambda: self.ctx.dashboards.report(year, thai_today()), subtitle, _("Report"))

    def print_summary(self) -> None:
        from ..pdf_preview import preview_pdf

        year = _report_year(self)

        def make(target: Any, progress: Any) -> Any:
            from ...reports.pdf.district_pdf import district_summary_pdf

            return district_summary_pdf(self.ctx, year, target, progress=progress)

        title = _("Teacher development summary, academic year {year}").format(year=year)
        preview_pdf(self, self.ctx.data_dir, title, safe_file_name(title) + ".pdf", make)

    def export(self) -> None:
        view = self.current_view()
        if view.dashboard is None:
            return
        export_tables(self, list(view.dashboard.tables), self._subtitle(view.dashboard.title), view.dashboard.title)


def _report_year(page: DashboardsPage) -> int:
    """The academic year the report is of: the year box's, or this academic year while it lists fiscal years."""
    if page._years_of == "fiscal":
        return thai_years.academic_year(thai_today())
    return int(page.year.currentData())


def export_tables(parent: Any, tables: list[Table] | Callable[[], list[Table]], subtitle: str, name: str) -> None:
    """Asks where, then writes the tables to a workbook in a worker (the window stays usable); `tables` may be
    work that makes them (the year's whole report), done in the worker too."""
    suggested = safe_file_name(f"{name} {subtitle.rsplit(' ', 1)[-1]}") + ".xlsx"
    path = parent.prompts.ask_save_path(parent, _("Export to Excel"), suggested, file_prompts.excel_filter())
    if path is None:
        return
    path = file_prompts.as_xlsx(path)

    def work(progress: Any) -> int:
        from ...reports.xlsx.table_workbook import write_tables

        return write_tables(path, tables() if callable(tables) else tables, subtitle, progress)

    def done(rows: int) -> None:
        parent.prompts.inform(
            parent, _("Export to Excel"), _("{rows} rows written to {path}").format(rows=rows, path=path)
        )

    run_task(parent, _("Writing the workbook…"), work, done, parent.ctx.data_dir if hasattr(parent, "ctx") else None)
