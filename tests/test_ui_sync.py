"""The Sync page, driven through its widgets: a school makes a bundle, the district checks and imports it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from support import when_modal
from sync_support import fp, make_district, make_school

from kaplc_desktop.ui.app import make_application
from kaplc_desktop.ui.pages.sync_page import SyncPage
from kaplc_desktop.ui.tasks import TaskRunner


class Prompts:
    def __init__(self, folder: Path) -> None:
        self.folder_path = folder
        self.files: list[Path] = []
        self.informed: list[str] = []

    def folder(self, *_args: object) -> Path:
        return self.folder_path

    def bundle_files(self, *_args: object) -> list[Path]:
        return self.files

    def inform(self, _parent: object, title: str, text: str) -> None:
        self.informed.append(f"{title}: {text}")


@pytest.fixture
def sides(tmp_path: Path):  # type: ignore[no-untyped-def]
    make_application()
    TaskRunner.synchronous = True
    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, staff=12)
    yield district, school
    TaskRunner.synchronous = False
    district.close()
    school.close()


def test_school_makes_a_bundle_and_the_district_imports_it(qtbot: QtBot, sides, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    district, school = sides
    usb = tmp_path / "usb"
    usb.mkdir()
    page = SyncPage(school.ctx)
    qtbot.addWidget(page)
    page.prompts = Prompts(usb)
    page.show()
    page.refresh()
    assert "ข้อมูลบุคลากร: 12" in page.preview.text() and "สพป.สงขลา เขต 2" in page.preview.text()
    assert page.peers.item(0, 0).text() == "9002"
    page.create_button.click()
    bundles = list(usb.glob("*.kaplc"))
    assert len(bundles) == 1
    assert "ลายนิ้วมือ" in page.prompts.informed[-1]
    assert page.outbox_table.rowCount() == 1

    dpage = SyncPage(district.ctx)
    qtbot.addWidget(dpage)
    dpage.prompts = Prompts(usb)
    dpage.prompts.files = bundles
    dpage.show()
    dpage.refresh()
    seen: dict[str, object] = {}

    def confirm(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["rows"] = dialog.table.rowCount()
        box = dialog.confirmations[0][0]
        seen["trust_text"] = box.text()
        QTest.mouseClick(box, Qt.MouseButton.LeftButton)
        when_modal(summary)
        QTest.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    def summary(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["summary"] = [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())]
        QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    when_modal(confirm)
    dpage.import_button.click()
    qtbot.waitUntil(lambda: "summary" in seen, timeout=5000)
    assert "1090050001" in str(seen["trust_text"]) and fp(school) in str(seen["trust_text"])
    assert set(seen["summary"]) == {"นำเข้าแล้ว"}  # type: ignore[arg-type]
    assert len(district.ctx.personnel.list()) == 12
    assert dpage.log_table.rowCount() == 1
    assert dpage.school_choice.count() == 1


def test_school_without_enrollment_is_told_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    from kaplc_desktop.context import AppContext
    from kaplc_desktop.services.workspace import clean_school_setup

    make_application()
    with AppContext.open(tmp_path / "s", create=True) as ctx:
        ctx.workspace.init_school(clean_school_setup("1090050001", "โรงเรียน", "สพป.สงขลา เขต 2", "9002"))
        ctx.refresh_workspace()
        page = SyncPage(ctx)
        qtbot.addWidget(page)
        page.refresh()
        assert "ไฟล์ลงทะเบียน" in page.preview.text()
        assert not page.create_button.isEnabled()


def test_needs_attention_shows_both_copies_and_resolving_travels_on(qtbot: QtBot, sides, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from sync_support import open_side

    district, school = sides
    usb = tmp_path / "usb"
    usb.mkdir()
    district.sync.import_bundles([school.sync.export_bundle(usb).path], dry_run=False, trust=[fp(school)])
    person = school.ctx.personnel.list()[0]
    school.close()
    shutil.copytree(tmp_path / "school", tmp_path / "laptop2", ignore=shutil.ignore_patterns("kaplc.lock"))
    school, laptop2 = open_side(tmp_path / "school"), open_side(tmp_path / "laptop2")
    for side, subject in ((school, "วิทยาศาสตร์ ห้อง 1"), (laptop2, "ดนตรี ห้อง 2")):
        side.ctx.personnel.edit(person.id, {"subject": subject})
        district.sync.import_bundles([side.sync.export_bundle(usb, full=True).path], dry_run=False)
    laptop2.close()
    page = SyncPage(district.ctx)
    qtbot.addWidget(page)
    page.prompts = Prompts(usb)
    page.show()
    page.refresh()
    assert page.attention_button.text().endswith("(1)")
    seen: dict[str, object] = {}

    def review(dialog) -> None:  # type: ignore[no-untyped-def]
        table = dialog.comparison
        rows = {
            table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())
        }
        seen["subject"] = rows["วิชาที่สอน"]
        QTest.mouseClick(dialog.take_other, Qt.MouseButton.LeftButton)
        seen["left"] = dialog.conflict_list.rowCount()
        QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    when_modal(review)
    QTest.mouseClick(page.attention_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "left" in seen, timeout=5000)
    assert set(seen["subject"]) == {"วิทยาศาสตร์ ห้อง 1", "ดนตรี ห้อง 2"}  # type: ignore[arg-type]
    assert seen["left"] == 0 and page.attention_button.text().endswith("(0)")
    loser = seen["subject"][1]  # type: ignore[index]
    assert district.ctx.personnel.get(person.id).subject == loser
    school.sync.import_bundles([district.sync.export_feedback("1090050001", usb).path], dry_run=False)
    assert school.ctx.personnel.get(person.id).subject == loser
    school.close()


def test_a_changed_key_in_an_enrollment_file_is_shown_and_needs_a_yes(qtbot: QtBot, sides, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    district, school = sides
    usb = tmp_path / "usb"
    usb.mkdir()
    enrollment = tmp_path / "school.json"
    school.sync.export_enrollment(enrollment)
    district.sync.import_enrollment(enrollment)
    old = fp(school)
    school.sync.rotate_keys()
    school.sync.export_enrollment(enrollment)
    page = SyncPage(district.ctx)
    qtbot.addWidget(page)
    asked: list[str] = []

    class Answer(Prompts):
        answer = False

        def open_file(self, *_args: object) -> Path:
            return enrollment

        def confirm(self, _parent: object, _title: str, question: str) -> bool:
            asked.append(question)
            return self.answer

    page.prompts = Answer(usb)
    page.show()
    page.refresh()
    QTest.mouseClick(page.findChild(type(page.attention_button), "importEnrollment"), Qt.MouseButton.LeftButton)
    assert old in asked[0] and fp(school) in asked[0]
    assert district.sync.keys_info()["peers"][0]["fingerprint"] == old  # "no": nothing replaced
    page.prompts.answer = True
    QTest.mouseClick(page.findChild(type(page.attention_button), "importEnrollment"), Qt.MouseButton.LeftButton)
    assert district.sync.keys_info()["peers"][0]["fingerprint"] == fp(school)


def test_the_sync_page_is_a_numbered_guide_that_says_where_each_step_stands(qtbot: QtBot, tmp_path: Path) -> None:
    from kaplc_desktop.context import AppContext
    from kaplc_desktop.services.workspace import clean_school_setup

    make_application()
    alone = AppContext.open(tmp_path / "new-school", create=True)
    alone.workspace.init_school(clean_school_setup("1090050002", "โรงเรียนใหม่", "สพป.สงขลา เขต 2", "9002", None))
    alone.refresh_workspace()
    page = SyncPage(alone)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert "ยังไม่ได้ลงทะเบียน" in page.step1.state.text()
    for button in (page.import_button, page.create_button):  # nothing to act on yet: disabled, and says why
        assert not button.isEnabled() and button.toolTip()
    assert "ลงทะเบียน" in page.import_button.toolTip()
    district = make_district(tmp_path / "district")
    enrollment = tmp_path / "district.json"
    district.sync.export_enrollment(enrollment)
    page.prompts = type(
        "P", (), {"open_file": staticmethod(lambda *a: enrollment), "inform": staticmethod(lambda *a: None)}
    )
    QTest.mouseClick(page.enroll_import, Qt.MouseButton.LeftButton)
    assert "ลงทะเบียนกับ" in page.step1.state.text() and "9002" in page.step1.state.text()
    assert page.import_button.isEnabled() and page.create_button.isEnabled()
    assert "ยังไม่เคยสร้างแฟ้ม" in page.step3.state.text()
    district.close()
    alone.close()
