"""Every committed write reports what it changed (change_log.py), and a page showing those records refreshes
itself: a write made anywhere else (a worker thread, a bundle import) reaches the Personnel page."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from support import teacher
from sync_support import fp, make_district, make_school

from kaplc_desktop.context import AppContext
from kaplc_desktop.data.change_log import Changes
from kaplc_desktop.errors import ValidationError
from kaplc_desktop.services.demo_data import demo_staff


def test_each_write_reports_its_tables_and_new_ids_once_committed(school_ctx: AppContext) -> None:
    seen: list[Changes] = []
    school_ctx.db.changes.subscribe(seen.append)
    person = school_ctx.personnel.add(teacher())
    school_ctx.personnel.delete(person.id)
    assert [c.touches("personnel") for c in seen] == [True, True]
    assert person.id in seen[0].ids
    with pytest.raises(ValidationError):
        school_ctx.personnel.add(teacher(first_name_th=""))  # refused: nothing committed, nothing reported
    assert len(seen) == 2


def test_a_bundle_import_reports_the_records_it_brought(tmp_path: Path) -> None:
    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, staff=3)
    try:
        usb = tmp_path / "usb"
        usb.mkdir()
        written = school.sync.export_bundle(usb)
        seen: list[Changes] = []
        district.ctx.db.changes.subscribe(seen.append)
        district.sync.import_bundles([written.path], dry_run=False, trust=[fp(school)])
        people = {p.id for p in school.ctx.personnel.list()}
        assert any(c.touches("personnel") and people <= c.ids for c in seen)
    finally:
        school.close()
        district.close()


def test_the_personnel_page_shows_rows_written_elsewhere(qtbot: QtBot, school_ctx: AppContext) -> None:
    """Found before: after a restore bundle was imported, the Personnel page showed 0 rows of 7."""
    from kaplc_desktop.ui.app import make_application
    from kaplc_desktop.ui.pages.personnel_page import PersonnelPage

    make_application()
    page = PersonnelPage(school_ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 0
    worker = threading.Thread(target=lambda: school_ctx.personnel.add_many(demo_staff(7, seed=3)))
    worker.start()  # as a bundle import does: in a worker thread, committed there
    worker.join()
    qtbot.waitUntil(lambda: page.model.total == 7, timeout=3000)
    gone = school_ctx.personnel.list()[0]
    school_ctx.personnel.delete(gone.id)
    qtbot.waitUntil(lambda: page.model.total == 6, timeout=3000)


def test_a_restore_imported_with_the_personnel_page_open_shows_its_rows(qtbot: QtBot, tmp_path: Path) -> None:
    """The report that started this: a school on a new laptop imports its restore bundle from the Sync page;
    the Personnel page, open all along, showed 0 rows while the database held 7."""
    from kaplc_desktop.ui.app import make_application
    from kaplc_desktop.ui.main_window import MainWindow

    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, staff=7)
    usb = tmp_path / "usb"
    usb.mkdir()
    district.sync.import_bundles([school.sync.export_bundle(usb, full=True).path], dry_run=False, trust=[fp(school)])
    school.close()
    new_laptop = make_school(tmp_path / "new-laptop", district, code="1090050001")
    enrollment = tmp_path / "new-laptop.json"
    new_laptop.sync.export_enrollment(enrollment)
    district.sync.import_enrollment(enrollment, replace=fp(new_laptop))
    restore = district.sync.export_restore("1090050001", usb)
    make_application()
    window = MainWindow(new_laptop.ctx, lambda _lang: None)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.personnel and window.personnel.model.total == 0
    worker = threading.Thread(target=lambda: new_laptop.sync.import_bundles([restore.path], dry_run=False))
    worker.start()  # the Sync page imports in a worker thread
    worker.join()
    qtbot.waitUntil(lambda: window.personnel.model.total == 7, timeout=3000)
    window.show_page("overview")
    assert "7" in window.overview.store_form.itemAt(1).widget().text()
    new_laptop.close()
    district.close()
