"""The district's Dashboards page, used as a supervisor would on a 1366×768 laptop: the PLC chart and its table, a
need's bar clicked and "Who named it" pressed to get a project's target list in Excel, another year chosen, the
competency heatmap coloured by the size of the gap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from dashboard_support import dashboard_world
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot
from support import type_text

from kaplc_desktop.i18n import _
from kaplc_desktop.ui.app import make_application
from kaplc_desktop.ui.main_window import MainWindow
from kaplc_desktop.ui.pages.dashboards_page import DashboardsPage
from kaplc_desktop.ui.tasks import TaskRunner


class Prompts:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.informed: list[str] = []

    def ask_save_path(self, _parent: object, _title: str, suggested: str, _filter: str) -> Path:
        return self.folder / suggested

    def inform(self, _parent: object, _title: str, text: str) -> None:
        self.informed.append(text)


@pytest.fixture
def page(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    world = dashboard_world(tmp_path)
    for side in (world["a"], world["b"]):
        side.close()
    district = world["district"]
    make_application()
    TaskRunner.synchronous = True
    window = MainWindow(district.ctx, lambda _lang: None)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    nav = window.nav
    item = next(nav.item(n) for n in range(nav.count()) if nav.item(n).text() == _("Dashboards"))
    QTest.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center())
    found = window.findChild(DashboardsPage, "dashboardsPage")
    assert found is not None
    qtbot.waitUntil(found.isVisible)
    found.prompts = Prompts(tmp_path)
    yield found
    TaskRunner.synchronous = False
    window.close()
    district.close()


def _click(widget: Any, pos: QPoint | None = None) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())


def _erase(box: Any) -> None:
    """Select all and delete, as a user empties a box."""
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(box, Qt.Key.Key_Backspace)


def _tab(tabs: Any, title: str) -> None:
    bar = tabs.tabBar()
    index = next(n for n in range(bar.count()) if bar.tabText(n) == title)
    _click(bar, bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def _choose_table(page: DashboardsPage, title: str) -> None:
    listing = page.current_view().tables
    item = next(listing.item(n) for n in range(listing.count()) if listing.item(n).text() == title)
    _click(listing.viewport(), listing.visualItemRect(item).center())


def _cells(view: QTableView) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_plc_hours_show_as_a_chart_and_as_a_table(page: DashboardsPage) -> None:
    view = page.current_view()
    assert view.name == "plc" and view.title.text() == _("PLC hours per school")
    assert view.findChild(QChartView, "dashboardChart") is not None
    chart = view.shown.widget(0)
    assert view.shown.isTabVisible(0) and chart.findChild(QLabel) is None  # two schools: all charted, no caption
    _tab(view.shown, _("Table"))
    rows = _cells(view.view)
    assert [r[0] for r in rows] == ["โรงเรียนเอ", "โรงเรียนบี"]
    assert rows[1][2:7] == ["4", "1", "1", "2", "50%"]
    # sorted by a click on the heading: numbers as numbers (4.5 after 2.5, not before)
    header = view.view.horizontalHeader()
    most = next(
        c
        for c in range(header.count())
        if view.view.model().headerData(c, Qt.Orientation.Horizontal) == _("Most hours")
    )
    _click(header.viewport(), QPoint(header.sectionViewportPosition(most) + 10, header.height() // 2))
    assert [r[0] for r in _cells(view.view)] == ["โรงเรียนเอ", "โรงเรียนบี"]  # 0 hours, then 4.5
    _click(header.viewport(), QPoint(header.sectionViewportPosition(most) + 10, header.height() // 2))
    assert [r[0] for r in _cells(view.view)] == ["โรงเรียนบี", "โรงเรียนเอ"]
    type_text(view.search, "บี")  # the search keeps the rows with every typed word
    assert [r[0] for r in _cells(view.view)] == ["โรงเรียนบี"]
    _erase(view.search)
    _choose_table(page, _("How many hours people have"))
    assert view.title.text() == _("How many hours people have")
    assert view.shown.isTabVisible(0)


def test_a_needs_bar_then_who_named_it_gives_a_target_list_in_excel(page: DashboardsPage, tmp_path: Path) -> None:
    _tab(page.tabs, _("Development needs"))
    view = page.current_view()
    assert page.who_button.isVisible() and not page.who_button.isEnabled()  # no need chosen yet
    _tab(view.shown, _("Table"))
    first = view.view.visualRect(view.view.model().index(0, 0)).center()
    _click(view.view.viewport(), first)
    assert page.who_button.isEnabled()
    _click(page.who_button)
    dialog = page.dialogs[-1]
    assert dialog.isVisible()
    people = dialog.findChild(QTableView)
    assert [r[0] for r in _cells(people)] == ["โรงเรียนเอ", "โรงเรียนเอ", "โรงเรียนบี"]
    _click(dialog.findChild(QPushButton, "exportPeople"))
    written = next(tmp_path.glob("*.xlsx"))
    sheet = openpyxl.load_workbook(written).worksheets[0]
    assert sheet.max_row == 4 + 3 and sheet["A5"].value == "โรงเรียนเอ"
    assert page.prompts.informed
    dialog.close()

    _click(page.export_button)  # the whole dashboard: a sheet per table
    books = sorted(tmp_path.glob("*.xlsx"), key=lambda p: p.stat().st_mtime)
    assert len(openpyxl.load_workbook(books[-1]).worksheets) == 4


def test_another_year_with_nothing_says_so(page: DashboardsPage, qtbot: QtBot) -> None:
    _tab(page.tabs, _("Development needs"))
    view = page.current_view()
    year = page.year
    assert year.currentData() == 2569
    index = year.findData(2568)
    assert index >= 0  # B's 2568 portfolio makes the year known
    year.setFocus()
    QTest.keyClick(year, Qt.Key.Key_Down)  # the next (older) year
    assert year.currentData() == 2568
    assert view.empty.isVisible() and "2568" in view.empty.text()
    assert not view.shown.isTabVisible(0)  # nothing to chart


def test_the_competency_heatmap_is_coloured_by_the_gap(page: DashboardsPage) -> None:
    _tab(page.tabs, _("Competencies"))
    view = page.current_view()
    heat = _("Gaps by school: {set}").format(set="ครู")
    _choose_table(page, heat)
    assert not view.shown.isTabVisible(0)  # the table is the heatmap
    model = view.view.model()
    gap_a = model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole)
    gap_b = model.index(1, 2).data(Qt.ItemDataRole.BackgroundRole)
    assert model.index(0, 2).data() == "0.50" and model.index(1, 2).data() == "0.00"
    assert isinstance(gap_a, QColor) and gap_a.green() < gap_b.green()  # redder where the gap is larger
    QApplication.processEvents()


def test_a_name_twice_in_a_chart_stays_two_bars() -> None:
    """A competency of two sets (a teacher's and a support staff's "teamwork"): an axis of categories would merge
    the two names and stand the bars by the wrong ones."""
    from kaplc_desktop.services.dashboards.figures import Chart, Column, Table
    from kaplc_desktop.ui.widgets.dashboard_chart import _unique

    table = Table(
        "gaps",
        "gaps",
        (Column("competency", "c"), Column("set", "s"), Column("gap", "g", "level")),
        (("การทำงานเป็นทีม", "ครู", 1.0), ("การทำงานเป็นทีม", "ลูกจ้าง", 0.5), ("การพัฒนาตนเอง", "ครู", 0.2)),
        Chart("bars", "competency", ("gap",)),
    )
    assert _unique(table, table.rows) == ["การทำงานเป็นทีม (ครู)", "การทำงานเป็นทีม (ลูกจ้าง)", "การพัฒนาตนเอง"]


def test_a_need_becomes_a_district_project_from_the_dashboard(page: DashboardsPage, qtbot: QtBot) -> None:
    from support import when_modal

    _tab(page.tabs, _("Development needs"))
    view = page.current_view()
    _tab(view.shown, _("Table"))
    _click(view.view.viewport(), view.view.visualRect(view.view.model().index(0, 0)).center())
    _click(page.who_button)
    people = page.dialogs[-1]
    saw: dict[str, Any] = {}

    def act(dialog: Any) -> None:
        saw["name"] = dialog.widgets["name"].text()
        saw["ticked"] = dialog.ticked.text()
        _click(dialog.save_button)

    when_modal(act)
    _click(people.findChild(QPushButton, "makeProject"))
    assert saw == {"name": "Coding", "ticked": _("{n} people ticked").format(n=3)}
    assert any("Coding" in text for text in page.prompts.informed)
    people.close()
    window = page.window()
    nav = window.nav
    item = next(nav.item(n) for n in range(nav.count()) if nav.item(n).text() == _("Plans and projects"))
    _click(nav.viewport(), nav.visualItemRect(item).center())
    planning = window.findChild(QWidget, "planningPage")
    qtbot.waitUntil(lambda: planning.projects.model.rowCount() == 1)
    assert planning.people.model().rowCount() == 3


def test_the_years_report_goes_to_excel_from_the_page(page: DashboardsPage, tmp_path: Path) -> None:
    _click(page.report_button)
    written = next(tmp_path.glob("*.xlsx"))
    titles = [ws.title for ws in openpyxl.load_workbook(written).worksheets]
    assert _("PLC per person") in titles and _("Portfolio roster") in titles
    assert page.prompts.informed


def test_the_summary_prints_from_the_page(page: DashboardsPage) -> None:
    from support import when_modal

    saw: dict[str, Any] = {}

    def act(dialog: Any) -> None:
        saw["title"] = dialog.windowTitle()
        saw["pages"] = dialog.document.pageCount()
        dialog.reject()

    when_modal(act)
    _click(page.summary_button)
    assert "2569" in saw["title"] and saw["pages"] >= 1
