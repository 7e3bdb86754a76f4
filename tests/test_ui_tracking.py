"""The district's Submissions page, used as a supervisor would: one click to the schools missing something, a
cluster chosen, a school's submission reviewed in the form, a period approved (its reviews locked) and reopened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from support import type_text, when_modal
from sync_support import OTHER_SCHOOL, SCHOOL_CODE
from tracking_support import CLUSTER_2, THIRD, tracking_world

from kaplc_desktop.ui.app import make_application
from kaplc_desktop.ui.main_window import MainWindow
from kaplc_desktop.ui.models.tracking_table import FIXED
from kaplc_desktop.ui.pages.tracking_page import TrackingPage
from kaplc_desktop.ui.tasks import TaskRunner


class Prompts:
    def __init__(self) -> None:
        self.answer = True
        self.asked: list[str] = []

    def confirm(self, _parent: object, _title: str, question: str) -> bool:
        self.asked.append(question)
        return self.answer

    def inform(self, *_args: object) -> None:
        pass


@pytest.fixture
def page(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    world = tracking_world(tmp_path)
    for side in (world["a"], world["b"]):
        side.close()
    district = world["district"]
    make_application()
    TaskRunner.synchronous = True
    window = MainWindow(district.ctx, lambda _lang: None)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_page("submissions")
    found = window.findChild(TrackingPage, "trackingPage")
    found.prompts = Prompts()
    found.periods.prompts = found.prompts
    yield found
    TaskRunner.synchronous = False
    window.close()
    district.close()


def _click(widget: Any) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def _codes(page: TrackingPage) -> list[str]:
    return [page.model.line_at(r).code for r in range(page.model.rowCount())]


def _choose_cell(page: TrackingPage, code: str, period_name: str) -> None:
    column = next(c for c in range(len(FIXED), page.model.columnCount()) if page.model.period_at(c).name == period_name)
    row = _codes(page).index(code)
    rect = page.table.visualRect(page.model.index(row, column))
    page.table.scrollTo(page.model.index(row, column))
    rect = page.table.visualRect(page.model.index(row, column))
    QTest.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_one_click_shows_the_schools_missing_something_and_a_cluster_narrows_it(page: TrackingPage) -> None:
    assert sorted(_codes(page)) == [SCHOOL_CODE, OTHER_SCHOOL, THIRD]
    assert "ได้รับ 3 จาก 5 ที่ถึงกำหนดแล้ว" in page.summary.text()
    assert page.missing_button.text() == "ยังขาดข้อมูล (2)"
    _click(page.missing_button)
    assert sorted(_codes(page)) == [SCHOOL_CODE, THIRD]
    page.cluster.setCurrentIndex(page.cluster.findData(CLUSTER_2))
    assert _codes(page) == [THIRD]
    _click(page.missing_button)
    page.cluster.setCurrentIndex(0)
    type_text(page.search, "บี")
    assert _codes(page) == [OTHER_SCHOOL]


def test_a_submission_is_reviewed_in_the_form_and_approving_the_period_locks_it(page: TrackingPage) -> None:
    _choose_cell(page, SCHOOL_CODE, "สำรวจเดือนกรกฎาคม")
    assert "ตรงเวลา" in page.cell_text.text() and page.review_button.isEnabled()

    def fill(dialog: Any) -> None:
        state = dialog.widgets["state"]
        state.setCurrentIndex(state.findData("returned"))
        type_text(dialog.widgets["comment"], "กรุณาส่งแบบของครูที่ขาด")
        _click(dialog.save_button)

    when_modal(fill)
    _click(page.review_button)
    review = page.ctx.submission_reviews.list()[0]
    assert (review.school_code, review.state, review.comment) == (SCHOOL_CODE, "returned", "กรุณาส่งแบบของครูที่ขาด")
    assert "ส่งกลับพร้อมข้อเสนอแนะ" in page.cell_text.text()

    page.tabs.setCurrentIndex(1)
    names = [page.periods.model.row_at(r).name for r in range(page.periods.model.rowCount())]
    page.periods.table.selectRow(names.index("สำรวจเดือนกรกฎาคม"))
    _click(page.approve_button)
    assert "ยังไม่ส่ง 2 โรง และยังไม่ได้ตรวจ 2 โรง" in page.prompts.asked[-1]
    survey = next(p for p in page.ctx.submission_periods.list() if p.name == "สำรวจเดือนกรกฎาคม")
    assert survey.approved_on is not None
    assert not page.approve_button.isEnabled() and page.reopen_button.isEnabled()

    page.tabs.setCurrentIndex(0)
    _choose_cell(page, OTHER_SCHOOL, "สำรวจเดือนกรกฎาคม")
    assert not page.review_button.isEnabled() and "ล็อก" in page.cell_text.text()

    page.tabs.setCurrentIndex(1)
    page.periods.table.selectRow(names.index("สำรวจเดือนกรกฎาคม"))
    _click(page.reopen_button)
    page.tabs.setCurrentIndex(0)
    _choose_cell(page, OTHER_SCHOOL, "สำรวจเดือนกรกฎาคม")
    assert page.review_button.isEnabled()


def test_a_school_sees_what_the_district_expects_and_its_review_on_the_overview(qtbot: QtBot, tmp_path: Path) -> None:
    world = tracking_world(tmp_path)
    district, school = world["district"], world["a"]
    try:
        district.ctx.submission_reviews.review(world["survey"].id, SCHOOL_CODE, "returned", "กรุณาส่งแบบของครูที่ขาด")
        feedback = district.sync.export_feedback(SCHOOL_CODE, tmp_path / "fb").path
        assert school.sync.import_bundles([feedback], dry_run=False)[0].result == "applied"
        make_application()
        window = MainWindow(school.ctx, lambda _lang: None)
        qtbot.addWidget(window)
        window.show()
        window.show_page("overview")
        text = window.overview.expected_label.text()
        assert not window.overview.expected_box.isHidden()
        assert "สำรวจเดือนกรกฎาคม" in text and "PLC ภาคเรียนที่ 2" in text and "ID Plan" in text
        assert "ส่งกลับพร้อมข้อเสนอแนะ — กรุณาส่งแบบของครูที่ขาด" in text
        window.close()
    finally:
        for side in (world["a"], world["b"], district):
            side.close()
