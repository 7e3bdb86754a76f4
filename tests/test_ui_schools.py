"""The district's Schools page, used as a supervisor would: filter to the schools that differ or are missing, take
some of a school's values and keep others, register a school in the form, import the list from Excel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from support import type_text, when_modal
from sync_support import OTHER_SCHOOL, SCHOOL_CODE, fp, make_district, make_school

from kaplc_desktop.domain.kinds.school_registry import REGISTERED_SCHOOL
from kaplc_desktop.reports.xlsx.record_columns import header
from kaplc_desktop.ui.app import make_application
from kaplc_desktop.ui.main_window import MainWindow
from kaplc_desktop.ui.tasks import TaskRunner

THIRD = "1090050003"


class Prompts:
    def __init__(self) -> None:
        self.open_path: Path | None = None
        self.save_to: Path | None = None
        self.answer = True
        self.informed: list[str] = []

    def ask_open_path(self, *_args: object) -> Path | None:
        return self.open_path

    def ask_save_path(self, *_args: object) -> Path | None:
        return self.save_to

    def confirm(self, *_args: object) -> bool:
        return self.answer

    def inform(self, _parent: object, title: str, text: str) -> None:
        self.informed.append(f"{title}: {text}")


@pytest.fixture
def page(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A district with two registered schools; one of them and an unregistered one sent bundles."""
    district = make_district(tmp_path / "district")
    (tmp_path / "usb").mkdir()
    for code, profile in (
        (SCHOOL_CODE, {"principal_name": "นางมาลี ศรีสุข", "cluster": "เครือข่ายที่ 2"}),
        (OTHER_SCHOOL, {}),
    ):
        school = make_school(tmp_path / f"school-{code}", district, code=code)
        if profile:
            school.ctx.school_profile.set_fields(code, profile)
        bundle = school.sync.export_bundle(tmp_path / "usb").path
        district.sync.import_bundles([bundle], dry_run=False, trust=[fp(school)])
        school.close()
    registry = district.ctx.school_registry
    registry.add({"school_code": SCHOOL_CODE, "school_name": f"โรงเรียน {SCHOOL_CODE}", "cluster": "เครือข่ายที่ 1"})
    registry.add({"school_code": THIRD, "school_name": "โรงเรียนวัดกลาง", "cluster": "เครือข่ายที่ 1"})
    make_application()
    TaskRunner.synchronous = True
    window = MainWindow(district.ctx, lambda _lang: None)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_page("schools")
    schools = _find_page(window)
    schools.prompts = Prompts()
    yield schools
    TaskRunner.synchronous = False
    window.close()
    district.close()


def _find_page(window: Any) -> Any:
    from kaplc_desktop.ui.pages.schools_page import SchoolsPage

    return window.findChild(SchoolsPage, "schoolsPage")


def _click(widget: Any) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def _codes(page: Any) -> list[str]:
    return [page.model.entry_at(r).code for r in range(page.model.rowCount())]


def test_one_click_shows_the_schools_that_differ_are_missing_or_unregistered(page: Any) -> None:
    assert _codes(page) == [SCHOOL_CODE, OTHER_SCHOOL, THIRD]
    assert page.filter_buttons["no_bundle"].text() == "ยังไม่ได้รับชุดข้อมูล (1)"
    _click(page.filter_buttons["differs"])
    assert _codes(page) == [SCHOOL_CODE]
    _click(page.filter_buttons["no_bundle"])
    assert _codes(page) == [THIRD]
    assert page.comparison.note.text().startswith("เขตพื้นที่รอชุดข้อมูล")
    _click(page.filter_buttons["unregistered"])
    assert _codes(page) == [OTHER_SCHOOL] and page.comparison.take_button.isVisible()
    assert not page.edit_button.isEnabled()
    _click(page.filter_buttons["all"])
    type_text(page.search, "วัดกลาง")
    assert _codes(page) == [THIRD]


def test_the_supervisor_takes_one_value_and_keeps_the_other(page: Any) -> None:
    _click(page.filter_buttons["differs"])
    grid = page.comparison.grid
    ticked = {
        grid.item(r, 3).data(Qt.ItemDataRole.UserRole): grid.item(r, 3)
        for r in range(grid.rowCount())
        if grid.item(r, 3).flags() & Qt.ItemFlag.ItemIsUserCheckable
    }
    assert set(ticked) == {"principal_name", "cluster"}
    item = ticked["cluster"]
    rect = grid.visualItemRect(item)
    QTest.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 10, rect.center().y()))
    assert item.checkState() == Qt.CheckState.Unchecked  # the registry keeps its own cluster
    _click(page.comparison.take_button)
    held = page.ctx.school_registry.by_code(SCHOOL_CODE)
    assert (held.principal_name, held.cluster) == ("นางมาลี ศรีสุข", "เครือข่ายที่ 1")
    # the unticked cluster is kept: no longer a difference, shown grey as kept until the school sends another one
    assert page.filter_buttons["differs"].text() == "ไม่ตรงกับข้อมูลพื้นฐาน (0)"
    assert page.current().code == SCHOOL_CODE and page.current().standing == "agrees"
    kept = [grid.item(r, 3).text() for r in range(grid.rowCount())]
    assert kept.count("คงค่าเดิม") == 1


def test_an_unregistered_school_is_registered_from_its_profile(page: Any) -> None:
    _click(page.filter_buttons["unregistered"])
    _click(page.comparison.take_button)
    assert page.ctx.school_registry.by_code(OTHER_SCHOOL).school_name == f"โรงเรียน {OTHER_SCHOOL}"
    assert page.filter_buttons["unregistered"].text() == "ไม่อยู่ในรายชื่อ (0)"
    # the school stays chosen (every school is shown again): the button never points at the next school
    assert page.filter_buttons["all"].isChecked() and page.current().code == OTHER_SCHOOL
    assert not page.comparison.take_button.isVisible()


def test_a_cluster_is_found_by_its_whole_name_and_a_code_in_thai_digits(page: Any) -> None:
    type_text(page.search, "เครือข่ายที่ 1")
    assert _codes(page) == [SCHOOL_CODE, THIRD]  # not every school whose code holds a 1
    page.search.clear()
    type_text(page.search, "๑๐๙๐๐๕๐๐๐๓")
    assert _codes(page) == [THIRD]


def test_a_school_is_registered_in_the_form_and_a_wrong_code_is_said_there(page: Any) -> None:
    seen: dict[str, str] = {}

    def fill(dialog: Any) -> None:
        type_text(dialog.widgets["school_code"], "12345")
        type_text(dialog.widgets["school_name"], "โรงเรียนบ้านใหม่")
        _click(dialog.save_button)
        seen["error"] = dialog._errors["school_code"].text()
        assert dialog.isVisible()
        dialog.widgets["school_code"].clear()
        type_text(dialog.widgets["school_code"], "1090050009")
        _click(dialog.save_button)

    when_modal(fill)
    _click(page.add_button)
    assert seen["error"].startswith("รหัสโรงเรียนต้องเป็นตัวเลข 10 หลัก")
    held = page.ctx.school_registry.by_code("1090050009")
    assert held is not None and held.school_name == "โรงเรียนบ้านใหม่"
    assert page.current().code == "1090050009"


def test_the_list_is_imported_from_excel_with_its_changes_shown_first(page: Any, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = REGISTERED_SCHOOL.sheet_name
    ws.append([header(REGISTERED_SCHOOL, f) for f in REGISTERED_SCHOOL.excel])
    ws.append([THIRD, "โรงเรียนวัดกลาง", "เครือข่ายที่ 3", "", "", None, None, None])
    ws.append(["1090050004", "โรงเรียนบ้านดอน", "เครือข่ายที่ 3", "", "", None, None, None])
    wb.save(tmp_path / "list.xlsx")
    page.prompts.open_path = tmp_path / "list.xlsx"
    seen: dict[str, str] = {}

    def act(dialog: Any) -> None:
        seen["summary"] = dialog.summary.text()
        seen["change"] = dialog.table.item(0, 2).text()
        _click(dialog.import_button)

    when_modal(act)
    _click(page.import_button)
    assert "โรงเรียนใหม่ 1 โรง" in seen["summary"] and "เปลี่ยนแปลง 1 โรง" in seen["summary"]
    assert seen["change"] == "เปลี่ยนแปลง: เปลี่ยนจาก “เครือข่ายที่ 1” เป็น “เครือข่ายที่ 3”"
    assert page.ctx.school_registry.by_code(THIRD).cluster == "เครือข่ายที่ 3"
    assert "1090050004" in _codes(page)
    assert any("เพิ่มโรงเรียนเข้ารายชื่อ 1 โรง ปรับปรุง 1 โรง" in m for m in page.prompts.informed)
