"""The district's Portfolio selection page, used as a supervisor would: a rubric made with its criteria, a work
scored by a reviewer in the form, the first N selected; on the small district of dashboard_support."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from dashboard_support import dashboard_world
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from support import type_text, when_modal

from kaplc_desktop.i18n import _
from kaplc_desktop.ui.app import make_application
from kaplc_desktop.ui.main_window import MainWindow
from kaplc_desktop.ui.pages.selection_page import SelectionPage
from kaplc_desktop.ui.tasks import TaskRunner


class Prompts:
    def __init__(self) -> None:
        self.answer: str | None = "1"
        self.informed: list[str] = []

    def ask_text(self, *_args: object) -> str | None:
        return self.answer

    def inform(self, _parent: object, _title: str, text: str) -> None:
        self.informed.append(text)

    def confirm(self, *_args: object) -> bool:
        return True


@pytest.fixture
def page(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    world = dashboard_world(tmp_path)
    for side in (world["a"], world["b"]):
        side.close()
    district = world["district"]
    ctx = district.ctx
    ctx.reviewers.add({"name": "นางมาลี ศรีสุข"})
    make_application()
    TaskRunner.synchronous = True
    window = MainWindow(ctx, lambda _lang: None)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    nav = window.nav
    item = next(nav.item(n) for n in range(nav.count()) if nav.item(n).text() == _("Portfolio selection"))
    QTest.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center())
    found = window.findChild(SelectionPage, "selectionPage")
    assert found is not None
    qtbot.waitUntil(found.isVisible)
    found.prompts = Prompts()
    found.rubrics.prompts = found.prompts
    yield found
    TaskRunner.synchronous = False
    window.close()
    district.close()


def _erase(box: Any) -> None:
    """Select all and delete, as a user empties a box."""
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(box, Qt.Key.Key_Backspace)


def _type_cell(table: Any, row: int, col: int, text: str) -> None:
    """Click a cell, F2 to edit it, select what it holds, type over it and press Enter, as a user does."""
    _click(table.viewport(), table.visualRect(table.model().index(row, col)).center())
    QTest.keyClick(table, Qt.Key.Key_F2)
    QApplication.processEvents()
    editor = next(e for e in table.findChildren(QLineEdit) if e.isVisible())
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        type_text(editor, text)
    else:
        QTest.keyClick(editor, Qt.Key.Key_Backspace)
    QTest.keyClick(editor, Qt.Key.Key_Return)


def _click(widget: Any, pos: Any = None) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())


def test_a_rubric_is_made_a_work_scored_and_the_first_selected(page: SelectionPage, qtbot: QtBot) -> None:
    ctx = page.ctx
    assert not page.score_button.isEnabled()  # no rubric yet: the page says to add one
    bar = page.tabs.tabBar()
    _click(bar, bar.tabRect(1).center())

    def make_rubric(dialog: Any) -> None:
        type_text(dialog.widgets["name"], "เกณฑ์ผลงานเด่น")
        assert dialog.widgets["academic_year"].text()  # this academic year filled in; the works are of 2569
        _erase(dialog.widgets["academic_year"])
        type_text(dialog.widgets["academic_year"], "2569")
        for col, text in enumerate(("ผลที่เกิดกับผู้เรียน", "2", "20")):
            _type_cell(dialog.criteria, 0, col, text)
        _click(dialog.save_button)

    when_modal(make_rubric)
    _click(page.rubrics.new_button)
    rubrics = ctx.review_rubrics.list()
    assert [r.name for r in rubrics] == ["เกณฑ์ผลงานเด่น"]
    criteria = ctx.review_rubrics.criteria(rubrics[0].id)
    assert [(c.name, c.weight, c.max_score) for c in criteria] == [("ผลที่เกิดกับผู้เรียน", 2, 20)]

    _click(bar, bar.tabRect(0).center())
    qtbot.waitUntil(lambda: page.score_button.isEnabled())
    titles = [row[1] for row in page._table.rows]
    assert sorted(titles) == ["คณิตคิดเร็ว", "ห้องเรียนกลับด้าน", "อ่านออกเขียนได้"]  # never the draft
    row = titles.index("คณิตคิดเร็ว")
    view_row = page._model.view_row(row)
    _click(page.ranking.viewport(), page.ranking.visualRect(page._model.index(view_row, 1)).center())

    def score(dialog: Any) -> None:
        type_text(dialog.boxes[0], "25")  # above the highest: refused in the form, which stays open
        _click(dialog.save_button)
        assert dialog.isVisible() and "20" in dialog.error.text()
        _erase(dialog.boxes[0])
        type_text(dialog.boxes[0], "18")
        type_text(dialog.comment, "นำไปใช้ได้จริง")
        _click(dialog.save_button)

    when_modal(score)
    _click(page.score_button)
    ranked = ctx.portfolio_reviews.ranking(rubrics[0].id)
    assert (ranked[0].portfolio.name, ranked[0].rank, ranked[0].total) == ("คณิตคิดเร็ว", 1, pytest.approx(90))
    assert page._table.rows[0][1] == "คณิตคิดเร็ว"

    _click(page.select_button)  # the prompt answers 1
    assert page.prompts.informed
    decided = {d.portfolio_id: d.result for d in ctx.portfolio_decisions.list() if d.level == "district"}
    assert decided[ranked[0].portfolio.id] == "selected"


def test_a_forum_is_made_with_its_programme_and_printed(page: SelectionPage, qtbot: QtBot) -> None:
    from development_support import pdf_text
    from test_portfolio_selection import CRITERIA, TODAY

    ctx = page.ctx
    rubric = ctx.review_rubrics.save(
        {"name": "เกณฑ์ระดับเขต", "academic_year": "2569", "level": "district"}, CRITERIA, today=TODAY
    )
    reviewer = ctx.reviewers.list()[0]
    works = {p.name: p for p in ctx.portfolios.list()}
    for name, scores in (("คณิตคิดเร็ว", (8, 15, 9)), ("ห้องเรียนกลับด้าน", (10, 20, 10)), ("อ่านออกเขียนได้", (5, 10, 5))):
        ctx.portfolio_reviews.score(rubric.id, works[name].id, reviewer.id, dict(enumerate(scores)), "", TODAY)
    ctx.portfolio_reviews.select(rubric.id, 2, TODAY)  # both of school B's works
    bar = page.tabs.tabBar()
    _click(bar, bar.tabRect(3).center())
    assert not page.programme_button.isEnabled()  # no forum yet
    seen: dict[str, Any] = {}

    def make_forum(dialog: Any) -> None:
        type_text(dialog.widgets["name"], "เวทีนำเสนอผลงานระดับเขต")
        _erase(dialog.widgets["academic_year"])
        type_text(dialog.widgets["academic_year"], "2569")
        type_text(dialog.widgets["held_on"], "15/01/2570")
        type_text(dialog.widgets["venue"], "หอประชุมเขต")
        add_works = dialog.findChild(QPushButton, "addWorks")
        _click(add_works)
        _click(add_works)  # twice: a work already in the programme is not added again
        table = dialog.programme
        assert table.rowCount() == 3  # the opening and the two selected works, one after another
        assert [table.item(r, 0).text() for r in range(3)] == ["08.30", "09.00", "09.20"]
        _click(table.viewport(), table.visualRect(table.model().index(2, 0)).center())
        assert table.cellWidget(1, 2).currentText() == "โรงเรียนบี · คณิตคิดเร็ว"  # by school, then title
        _click(dialog.findChild(QPushButton, "sessionUp"))  # the flipped classroom first: times stay in their slots
        _click(dialog.findChild(QPushButton, "addSession"))  # a session with times and nothing named
        assert [table.item(3, c).text() for c in (0, 1)] == ["09.40", "10.00"]
        _click(dialog.findChild(QPushButton, "addSession"))  # and one more after it
        for col in (0, 1):  # the first emptied entirely: left out on saving, the rows renumbered
            _type_cell(table, 3, col, "")
        _click(dialog.save_button)
        seen["refused"] = dialog.sessions_error.text()
        assert dialog.isVisible() and table.rowCount() == 4
        _click(table.viewport(), table.visualRect(table.model().index(3, 0)).center())
        _click(dialog.findChild(QPushButton, "removeSession"))  # the row with times and nothing named
        _click(dialog.save_button)

    when_modal(make_forum)
    _click(page.forums.new_button)
    assert _("Session {n}").format(n=4) in seen["refused"]
    forums = ctx.forums.list()
    assert [f.name for f in forums] == ["เวทีนำเสนอผลงานระดับเขต"]
    rows = ctx.forums.programme(forums[0].id)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("08.30–09.00", "พิธีเปิด", ""),
        ("09.00–09.20", "ห้องเรียนกลับด้าน", "โรงเรียนบี"),
        ("09.20–09.40", "คณิตคิดเร็ว", "โรงเรียนบี"),
    ]
    qtbot.waitUntil(lambda: page.programme.rowCount() == 3)  # the chosen forum's programme under the list
    assert page.programme.item(1, 1).text() == "ห้องเรียนกลับด้าน" and page.programme.item(1, 3).text() == "วิไล ทองมา"

    def look(dialog: Any) -> None:
        seen["title"] = dialog.windowTitle()
        seen["pages"] = dialog.document.pageCount()
        seen["text"] = pdf_text(dialog.pdf)
        dialog.reject()

    assert page.programme_button.isEnabled()
    when_modal(look)
    _click(page.programme_button)
    assert "เวทีนำเสนอผลงานระดับเขต" in seen["title"] and seen["pages"] >= 1
    assert "08.30" in seen["text"] and "๐๘.๓๐" not in seen["text"]
    _click(page.programme_digits)  # the committee's copy in Thai digits
    when_modal(look)
    _click(page.programme_button)
    assert "๐๘.๓๐" in seen["text"] and "08.30" not in seen["text"]


def test_a_list_opens_in_its_declared_order_and_a_heading_sorts_a_to_z_first(page: SelectionPage, qtbot: QtBot) -> None:
    page.ctx.reviewers.add({"name": "นายกมล แก้วใส"})
    page.ctx.reviewers.add({"name": "นางสาวอรุณ ยิ้มแย้ม"})
    bar = page.tabs.tabBar()
    _click(bar, bar.tabRect(2).center())
    table = page.reviewers.table

    def names() -> list[str]:
        return [table.model().index(r, 0).data() for r in range(table.model().rowCount())]

    qtbot.waitUntil(lambda: len(names()) == 3)
    assert names() == ["นางมาลี ศรีสุข", "นางสาวอรุณ ยิ้มแย้ม", "นายกมล แก้วใส"]  # by name, as declared
    header = table.horizontalHeader()
    _click(header.viewport(), _heading_centre(header, 0))
    assert names() == ["นางมาลี ศรีสุข", "นางสาวอรุณ ยิ้มแย้ม", "นายกมล แก้วใส"]  # A→Z under the first click
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    _click(header.viewport(), _heading_centre(header, 0))
    assert names() == ["นายกมล แก้วใส", "นางสาวอรุณ ยิ้มแย้ม", "นางมาลี ศรีสุข"]


def _heading_centre(header: Any, section: int) -> Any:
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, header.height() // 2)
