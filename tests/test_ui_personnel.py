"""The Personnel page driven through its real widgets: add, edit, search, filter, delete, restore, Excel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from support import fill_person_dialog, teacher, type_text, when_modal
from xlsx_files import GOOD_ROW, person, roster

from kaplc_desktop.context import AppContext
from kaplc_desktop.services.demo_data import demo_staff
from kaplc_desktop.ui.app import make_application
from kaplc_desktop.ui.dialogs.import_report_dialog import ImportReportDialog
from kaplc_desktop.ui.dialogs.person_dialog import PersonDialog
from kaplc_desktop.ui.pages.personnel_page import PersonnelPage
from kaplc_desktop.ui.tasks import TaskRunner


class Prompts:
    """Stands in for the file dialogs and questions, recording what was asked."""

    def __init__(self) -> None:
        self.save_to: Path | None = None
        self.open_path: Path | None = None
        self.answer = True
        self.informed: list[str] = []

    def ask_save_path(self, *_args: object) -> Path | None:
        return self.save_to

    def ask_open_path(self, *_args: object) -> Path | None:
        return self.open_path

    def confirm(self, *_args: object) -> bool:
        return self.answer

    def inform(self, _parent: object, title: str, text: str) -> None:
        self.informed.append(f"{title}: {text}")


@pytest.fixture
def page(qtbot: QtBot, school_ctx: AppContext) -> PersonnelPage:
    make_application()
    TaskRunner.synchronous = True
    widget = PersonnelPage(school_ctx)
    widget.prompts = Prompts()  # type: ignore[assignment]
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    TaskRunner.synchronous = False


def col(page: PersonnelPage, name: str) -> int:
    return page.model.columns.index(name)


def names(page: PersonnelPage) -> list[str]:
    return [page.model.index(r, col(page, "full_name_th")).data() for r in range(page.model.rowCount())]


def test_add_through_the_dialog(page: PersonnelPage, school_ctx: AppContext) -> None:
    def act(dialog: PersonDialog) -> None:
        fill_person_dialog(dialog, "ปราณี", "ทองคำ", "3101234567893")
        dialog.learning_areas.item(1).setCheckState(Qt.CheckState.Checked)
        dialog.save_button.click()

    when_modal(act)
    page.add_button.click()
    rows = school_ctx.personnel.list()
    assert [(r.first_name_th, r.learning_areas) for r in rows] == [("ปราณี", ("math",))]
    assert names(page) == ["ปราณี ทองคำ"]
    assert page.selected() is not None and page.details.title.text() == "ปราณี ทองคำ"
    # masked in the list and the details alike; the details' Show button shows the whole number
    assert page.model.index(0, col(page, "national_id")).data() == "x-xxxx-xxxx7-89-3"
    assert page.details.values["national_id"].text() == "x-xxxx-xxxx7-89-3"
    QTest.mouseClick(page.details.reveal["national_id"], Qt.MouseButton.LeftButton)
    assert page.details.values["national_id"].text() == "3-1012-34567-89-3"


def test_dialog_shows_errors_by_field_and_saves_nothing(
    qtbot: QtBot, page: PersonnelPage, school_ctx: AppContext
) -> None:
    dialog = PersonDialog(school_ctx.personnel.add, parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_person_dialog(dialog, "", "ทองคำ", "1101700207031")
    dialog.start_date.setText("31/02/2560")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "กรุณากรอกชื่อ (ภาษาไทย)" in dialog._errors["first_name_th"].text()
    assert "หลักตรวจสอบ" in dialog._errors["national_id"].text()
    assert "ไม่มีวันที่" in dialog._errors["start_date"].text()
    assert dialog._errors["national_id"].isVisible()
    assert school_ctx.personnel.list() == []
    dialog.reject()


def test_edit(page: PersonnelPage, school_ctx: AppContext) -> None:
    added = school_ctx.personnel.add(teacher())
    page.reload(added.id)

    def act(dialog: PersonDialog) -> None:
        assert dialog.first_name_th.text() == "สมชาย"
        assert dialog.national_id.text() == "1-1017-00207-03-0"
        dialog.subject.setText("ภาษาไทย ป.6")
        dialog.status.setCurrentIndex(dialog.status.findData("retired"))
        dialog.status_date.setText("30/09/2569")
        dialog.save_button.click()

    when_modal(act)
    page.edit_button.click()
    row = school_ctx.personnel.get(added.id)
    assert (row.subject, row.status) == ("ภาษาไทย ป.6", "retired")
    assert page.details.values["status"].text() == "เกษียณ/ลาออก"


def test_search_as_you_type_and_filters(page: PersonnelPage, school_ctx: AppContext) -> None:
    school_ctx.personnel.add_many(demo_staff(60, seed=5))
    page.reload()
    assert page.model.rowCount() == 60
    target = next(r for r in school_ctx.personnel.list() if r.position == "teacher")
    type_text(page.search, target.first_name_th[:3])
    assert 0 < page.model.rowCount() < 60
    assert all(target.first_name_th[:3] in n for n in names(page))
    page.search.clear()
    school_ctx.personnel.update(
        target.id,
        teacher(
            first_name_th=target.first_name_th,
            last_name_th=target.last_name_th,
            national_id=target.national_id,
            first_name_en="Zelda",
        ),
    )
    page.reload()
    type_text(page.search, "zeld")
    assert page.model.rowCount() == 1
    page.search.clear()
    page.position_filter.setCurrentIndex(page.position_filter.findData("director"))
    assert page.model.rowCount() == 1 and page.model.index(0, col(page, "position")).data() == "ผู้อำนวยการสถานศึกษา"
    page.position_filter.setCurrentIndex(0)
    page.area_filter.setCurrentIndex(page.area_filter.findData("math"))
    areas = col(page, "learning_areas")
    assert all("คณิตศาสตร์" in page.model.index(r, areas).data() for r in range(page.model.rowCount()))
    page.area_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findData("active"))
    assert page.model.rowCount() == sum(1 for r in school_ctx.personnel.list() if r.status == "active")
    assert "แสดง" in page.count_label.text()


def test_search_finds_the_name_as_shown_the_id_the_phone_and_the_position(
    page: PersonnelPage, school_ctx: AppContext
) -> None:
    school_ctx.personnel.add(
        teacher(title_prefix="นางสาว", first_name_th="สมศรี", phone="081-234-5678", national_id="1101700207030")
    )
    school_ctx.personnel.add(teacher(first_name_th="มานะ", last_name_th="ขยัน", national_id=None, position="director"))
    page.reload()
    for query, found in (
        ("นางสาวสมศรี", "นางสาวสมศรี ใจดี"),  # as the list shows it, title and all
        ("0812345678", "นางสาวสมศรี ใจดี"),
        ("081-234", "นางสาวสมศรี ใจดี"),
        ("1101700207030", "นางสาวสมศรี ใจดี"),
        ("1-1017-00207-03-0", "นางสาวสมศรี ใจดี"),
        ("ผู้อำนวยการ", "มานะ ขยัน"),
        ("มานะ ขยัน", "มานะ ขยัน"),
        ("น.ส.สมศรี", "นางสาวสมศรี ใจดี"),  # as people write it (found by the principal's review)
        ("นส.สมศรี", "นางสาวสมศรี ใจดี"),
        ("ผอ.", "มานะ ขยัน"),
    ):
        page.search.clear()
        type_text(page.search, query)
        assert names(page) == [found], query


def test_an_empty_search_says_so_and_clear_search_shows_everyone(
    qtbot: QtBot, page: PersonnelPage, school_ctx: AppContext
) -> None:
    school_ctx.personnel.add_many(demo_staff(5, seed=3))
    page.reload()
    assert not page.nothing_found.isVisible()
    type_text(page.search, "ไม่มีใครชื่อนี้")
    assert page.model.rowCount() == 0
    qtbot.waitUntil(page.nothing_found.isVisible)
    assert "ไม่มีใครชื่อนี้" in page.nothing_found_label.text()
    QTest.mouseClick(page.clear_search_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 5 and page.search.text() == "" and not page.nothing_found.isVisible()


def test_the_list_fits_a_laptop_and_the_chosen_columns_are_remembered(
    qtbot: QtBot, page: PersonnelPage, school_ctx: AppContext
) -> None:
    shown = [n for i, n in enumerate(page.model.columns) if not page.table.isColumnHidden(i)]
    assert shown == ["full_name_th", "position", "academic_standing", "learning_areas", "status"]
    page.columns_button.actions_by_name["national_id"].trigger()  # Columns → National ID
    assert not page.table.isColumnHidden(col(page, "national_id"))
    again = PersonnelPage(school_ctx)  # the next time the page is made (the next start)
    qtbot.addWidget(again)
    assert not again.table.isColumnHidden(col(again, "national_id"))
    again.columns_button.menu_.actions()[-1].trigger()  # Default columns
    assert again.table.isColumnHidden(again.model.columns.index("national_id"))


def test_sort_by_any_column_keeps_the_selection(page: PersonnelPage, school_ctx: AppContext) -> None:
    school_ctx.personnel.add_many(demo_staff(30, seed=2))
    page.reload()
    chosen = page.model.row_at(5)
    assert chosen is not None
    page.select_person(chosen.id)
    page.table.sortByColumn(col(page, "start_date"), Qt.SortOrder.DescendingOrder)
    dates = [r.start_date for r in page.model.visible_rows()]
    assert dates == sorted(dates, reverse=True)
    assert page.selected() == chosen
    page.table.sortByColumn(col(page, "full_name_th"), Qt.SortOrder.AscendingOrder)
    assert page.selected() == chosen


def test_delete_moves_to_trash_and_restore_brings_back(page: PersonnelPage, school_ctx: AppContext) -> None:
    added = school_ctx.personnel.add(teacher())
    page.reload(added.id)
    page.prompts.answer = False  # type: ignore[attr-defined]
    page.delete_button.click()
    assert len(school_ctx.personnel.list()) == 1
    page.prompts.answer = True  # type: ignore[attr-defined]
    page.delete_button.click()
    assert school_ctx.personnel.list() == [] and page.model.rowCount() == 0
    page.trash_button.click()
    assert page.restore_button.isVisible() and not page.delete_button.isVisible()
    assert page.model.rowCount() == 1
    page.select_person(added.id)
    page.restore_button.click()
    assert page.model.rowCount() == 0
    page.trash_button.click()
    assert [r.id for r in school_ctx.personnel.list()] == [added.id] and page.model.rowCount() == 1


def test_import_shows_errors_and_imports_only_valid_rows(
    page: PersonnelPage, school_ctx: AppContext, tmp_path: Path
) -> None:
    path = roster(tmp_path / "mixed.xlsx", [GOOD_ROW, person(1, national_id="1101700207031"), person(2)])
    page.prompts.open_path = path  # type: ignore[attr-defined]
    seen: dict[str, object] = {}

    def act(dialog: ImportReportDialog) -> None:
        seen["rows"] = dialog.table.rowCount()
        seen["problem"] = dialog.table.item(0, 2).text()
        seen["row"] = dialog.table.item(0, 0).text()
        seen["button"] = dialog.import_button.text() if dialog.import_button else ""
        dialog.import_button.click()  # type: ignore[union-attr]

    when_modal(act)
    page.import_action.trigger()
    assert seen["rows"] == 1 and seen["row"] == "3" and "หลักตรวจสอบ" in str(seen["problem"])
    assert "2 แถว" in str(seen["button"])
    assert len(school_ctx.personnel.list()) == 2 and page.model.rowCount() == 2
    assert any("เพิ่มบุคลากรแล้ว 2 คน" in m for m in page.prompts.informed)  # type: ignore[attr-defined]


def test_import_nothing_leaves_the_list_as_it_was(page: PersonnelPage, school_ctx: AppContext, tmp_path: Path) -> None:
    page.prompts.open_path = roster(tmp_path / "ok.xlsx", [GOOD_ROW])  # type: ignore[attr-defined]
    when_modal(lambda dialog: dialog.cancel_button.click())
    page.import_action.trigger()
    assert school_ctx.personnel.list() == []


def test_hostile_file_shows_a_thai_refusal(page: PersonnelPage, school_ctx: AppContext, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    page.prompts.open_path = bad  # type: ignore[attr-defined]
    seen: list[str] = []

    def act(box) -> None:  # type: ignore[no-untyped-def]
        seen.append(box.text())
        box.accept()

    when_modal(act)
    page.import_action.trigger()
    assert seen and "ไม่ใช่สมุดงาน Excel" in seen[0]
    assert school_ctx.personnel.list() == []


def test_export_writes_the_filtered_list(page: PersonnelPage, school_ctx: AppContext, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    school_ctx.personnel.add_many(demo_staff(20, seed=4))
    page.reload()
    page.position_filter.setCurrentIndex(page.position_filter.findData("teacher"))
    shown = page.model.rowCount()
    page.prompts.save_to = tmp_path / "teachers"  # type: ignore[attr-defined]
    page.export_action.trigger()
    ws = load_workbook(tmp_path / "teachers.xlsx")["บุคลากร"]
    assert ws.max_row - 1 == shown
    assert {ws.cell(row=r, column=7).value for r in range(2, ws.max_row + 1)} == {"ครู"}


def test_template_download(page: PersonnelPage, tmp_path: Path) -> None:
    page.prompts.save_to = tmp_path / "template.xlsx"  # type: ignore[attr-defined]
    page.template_action.trigger()
    assert (tmp_path / "template.xlsx").exists()
    page.prompts.save_to = tmp_path / "แม่แบบ"  # type: ignore[attr-defined]  # typed without the extension
    page.template_action.trigger()
    assert (tmp_path / "แม่แบบ.xlsx").exists()
    assert str(tmp_path / "แม่แบบ.xlsx") in page.prompts.informed[-1]  # type: ignore[attr-defined]  # the file written


def test_person_dialog_buttons_are_thai(qtbot: QtBot, school_ctx: AppContext) -> None:
    make_application()
    dialog = PersonDialog(school_ctx.personnel.add)
    qtbot.addWidget(dialog)
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    texts = {b.text() for b in box.buttons()}
    assert texts == {"บันทึก", "ยกเลิก"}
    assert QApplication.font().family() == "Sarabun"


def test_print_preview_shows_the_roster_and_saves_it(
    page: PersonnelPage, school_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QPageSize, QPdfWriter

    school_ctx.personnel.add_many(demo_staff(30, seed=9))
    page.reload()
    monkeypatch.setenv("KAPLC_CACHE_DIR", str(tmp_path / "cache"))
    seen: dict[str, object] = {}

    def act(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["pages"] = dialog.page_count
        seen["label"] = dialog.page_label.text()
        dialog.next_button.click()
        seen["after_next"] = dialog.page_label.text()
        dialog.prompts = page.prompts
        page.prompts.save_to = tmp_path / "roster"  # type: ignore[attr-defined]
        dialog.save_button.click()
        writer = QPdfWriter(str(tmp_path / "printed.pdf"))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        seen["printed"] = dialog.print_to(writer)
        dialog.accept()

    when_modal(act)
    page.thai_digits_action.setChecked(True)
    page.print_roster_action.trigger()
    assert seen["pages"] >= 2 and str(seen["label"]).startswith("หน้า 1 จาก")  # type: ignore[operator]
    assert str(seen["after_next"]).startswith("หน้า 2")
    assert (tmp_path / "roster.pdf").stat().st_size > 10_000
    from pypdf import PdfReader

    footer = PdfReader(tmp_path / "roster.pdf").pages[0].extract_text()
    assert "๑" in footer and "จาก" in footer  # Thai digits, as asked in the Print menu
    assert seen["printed"] == seen["pages"]
    assert not list((school_ctx.data_dir / "tmp").glob("preview-*.pdf"))  # the preview file is cleaned up


def test_erase_permanently_names_the_person_and_needs_a_reason(
    qtbot: QtBot, page: PersonnelPage, school_ctx: AppContext
) -> None:
    from PySide6.QtTest import QTest

    kept = school_ctx.personnel.add(teacher(first_name_th="สมศรี", last_name_th="ใจงาม", national_id=None))
    gone = school_ctx.personnel.add(teacher())
    page.reload(gone.id)
    seen: dict[str, object] = {}

    def cancel_first(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["warning"] = dialog.findChild(type(dialog.error), "eraseWarning").text()
        seen["enabled_at_start"] = dialog.erase_button.isEnabled()
        type_text(dialog.reason, "ขอให้ลบตามหนังสือ")
        seen["enabled_without_check"] = dialog.erase_button.isEnabled()
        QTest.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    when_modal(cancel_first)
    QTest.mouseClick(page.erase_button, Qt.MouseButton.LeftButton)
    assert "สมชาย" in str(seen["warning"]) and not seen["enabled_at_start"] and not seen["enabled_without_check"]
    assert len(school_ctx.personnel.list()) == 2

    def erase(dialog) -> None:  # type: ignore[no-untyped-def]
        type_text(dialog.reason, "ขอให้ลบตามหนังสือ")
        QTest.mouseClick(dialog.understood, Qt.MouseButton.LeftButton)
        QTest.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)

    when_modal(erase)
    QTest.mouseClick(page.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    assert [r.id for r in school_ctx.personnel.list()] == [kept.id]
    assert gone.id not in {r.id for r in school_ctx.personnel.list(deleted=True)}


def test_names_are_shown_as_typed_never_as_rich_text(page: PersonnelPage, school_ctx: AppContext) -> None:
    from kaplc_desktop.ui.widgets.details_panel import PersonDetails

    added = school_ctx.personnel.add(teacher(subject="<b>ตัวหนา</b><img src=x>"))
    page.reload(added.id)
    details = page.findChild(PersonDetails)
    labels = [lbl for lbl in details.findChildren(type(page.count_label)) if "<b>" in lbl.text()]
    assert labels and all(lbl.textFormat() == Qt.TextFormat.PlainText for lbl in labels)


def test_the_keyboard_does_what_the_buttons_do(qtbot: QtBot, page: PersonnelPage, school_ctx: AppContext) -> None:
    added = school_ctx.personnel.add(teacher())
    page.reload(added.id)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    seen: list[str] = []

    def note_and_close(dialog: PersonDialog) -> None:
        seen.append(dialog.windowTitle())
        dialog.reject()

    when_modal(note_and_close)
    QTest.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N: add
    page.table.setFocus()
    for key in (Qt.Key.Key_F2, Qt.Key.Key_Return):  # edit the chosen person
        when_modal(note_and_close)
        QTest.keyClick(page.table, key)
    assert seen == ["เพิ่มบุคลากร", "แก้ไขข้อมูลบุคลากร", "แก้ไขข้อมูลบุคลากร"]
    page.activateWindow()  # the closed dialogs had the focus
    qtbot.waitUntil(page.isActiveWindow)
    QTest.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F: search
    assert page.search.hasFocus()
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Delete)  # Delete: to the Trash, after the question (answered yes)
    assert school_ctx.personnel.list() == [] and len(school_ctx.personnel.list(deleted=True)) == 1
    assert "Ctrl+N" in page.add_button.toolTip()
