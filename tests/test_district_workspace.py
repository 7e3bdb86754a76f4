"""The district sees what it received and sets its settings in a form: the staff of each school, read-only
(window and `kaplc personnel list --school`), and the settings of an academic year saved by pressing Save."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from support import type_text
from sync_support import SCHOOL_CODE, fp, make_district, make_school

from kaplc_desktop.cli.main import main
from kaplc_desktop.ui.app import make_application
from kaplc_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.both_databases


@pytest.fixture
def received(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A district that imported one bundle of a school with six staff (and a second school's profile only)."""
    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, staff=6)
    (tmp_path / "usb").mkdir()
    bundle = school.sync.export_bundle(tmp_path / "usb").path
    district.sync.import_bundles([bundle], dry_run=False, trust=[fp(school)])
    school.close()
    yield district
    district.close()


def kaplc(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_district_lists_a_schools_staff_from_the_command_line(
    received, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "district"
    received.close()
    code, out, _err = kaplc(capsys, folder, "personnel", "list", "--school", SCHOOL_CODE, "--json")
    assert code == 0 and len(json.loads(out)) == 6
    assert all(r["owner_code"] == SCHOOL_CODE for r in json.loads(out))
    code, out, _err = kaplc(capsys, folder, "personnel", "list", "--school", SCHOOL_CODE)
    assert code == 0 and out.splitlines()[0].startswith("เลขประจำตัวประชาชน") and "6 คน" in out
    code, _out, err = kaplc(capsys, folder, "personnel", "list")
    assert code == 2 and "--school" in err and "เขตพื้นที่" in err
    code, _out, err = kaplc(capsys, folder, "personnel", "list", "--school", "1090059999")
    assert code == 2 and "1090059999" in err
    code, _out, err = kaplc(capsys, folder, "personnel", "list", "--school", "12")
    assert code == 2 and "\n" not in err.strip()
    code, _out, err = kaplc(capsys, tmp_path / "school", "personnel", "list", "--school", "1090059999")
    assert code == 2 and "--school" in err


def test_the_district_sees_each_schools_staff_read_only(qtbot: QtBot, received) -> None:  # type: ignore[no-untyped-def]
    make_application()
    window = MainWindow(received.ctx, lambda _lang: None)
    qtbot.addWidget(window)
    window.show()
    window.show_page("personnel")
    page = window.district_personnel_holder.page
    assert page.school.count() == 1 and SCHOOL_CODE in page.school.currentText() and "6" in page.school.currentText()
    assert page.model.rowCount() == 6
    assert not hasattr(page, "add_button") and not hasattr(page, "edit_button")  # read-only
    name = page.model.row_at(0).first_name_th
    type_text(page.search, name)
    assert 1 <= page.model.rowCount() < 6
    page.table.selectRow(0)
    assert page.details.title.text().endswith(page.model.row_at(0).last_name_th)


def test_the_district_sets_a_years_settings_in_the_form(qtbot: QtBot, received) -> None:  # type: ignore[no-untyped-def]
    make_application()
    window = MainWindow(received.ctx, lambda _lang: None)
    qtbot.addWidget(window)
    window.show()
    window.show_page("settings")
    panel = window.settings_holder.page.district_panel
    qtbot.waitUntil(panel.isVisible)  # the first tab
    panel.year.setValue(2569)
    panel.hours.selectAll()
    QTest.keyClicks(panel.hours, "40")
    QTest.mouseClick(panel.add_deadline, Qt.MouseButton.LeftButton)
    panel.deadlines.item(0, 0).setText("ส่งแผนพัฒนาตนเอง")
    panel.deadlines.item(0, 1).setText("31/02/2569")  # no such day
    QTest.mouseClick(panel.topics, Qt.MouseButton.LeftButton)
    type_text(panel.topics, "การจัดการเรียนรู้เชิงรุก")
    QTest.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.errors["deadlines"].isVisible() and "31/02/2569" in panel.errors["deadlines"].text()
    assert received.ctx.district_settings.for_year(2569) is None  # nothing saved
    panel.deadlines.item(0, 1).setText("15/07/2569")
    QTest.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    saved = received.ctx.district_settings.for_year(2569)
    assert saved is not None and saved.plc_hours_target == 40
    assert saved.deadlines["ส่งแผนพัฒนาตนเอง"].isoformat() == "2026-07-15"
    assert saved.needs_topics == ("การจัดการเรียนรู้เชิงรุก",)
    assert "2569" in panel.saved_note.text()


def test_the_settings_say_where_the_data_is_and_who_backs_it_up(
    qtbot: QtBot,
    received,
    district_db: str,  # type: ignore[no-untyped-def]
) -> None:
    make_application()
    window = MainWindow(received.ctx, lambda _lang: None)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_page("settings")
    page = window.settings_holder.page
    tabs = [page.tabText(i).replace("&", "") for i in range(page.count())]
    bar = page.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.index("ฐานข้อมูล")).center())
    qtbot.waitUntil(page.database_panel.isVisible)
    said = "\n".join(label.text() for label in page.database_panel.paragraphs)
    if district_db == "postgresql":
        assert "สำรองข้อมูล" not in tabs  # nothing the app could back up: the server's data
        assert "postgresql://" in said and "pg_dump" in said and "password" not in said
    else:
        assert "สำรองข้อมูล" in tabs
        assert str(received.ctx.db.file) in said and "server move" in said and "server connect" in said
