"""Edit → Undo: the last edits of a session (add, edit, delete, restore, import) are put back as new edits that
sync like any other; an undo that would overwrite a later change is refused and changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from support import teacher
from sync_support import fp, make_district, make_school

from kaplc_desktop.context import AppContext
from kaplc_desktop.data.change_log import Changes
from kaplc_desktop.errors import KaplcError, ValidationError
from kaplc_desktop.services.demo_data import demo_staff
from kaplc_desktop.services.personnel import PersonnelService


def version(ctx: AppContext, person_id: str) -> int:
    conn = sqlite3.connect(ctx.db.file)
    try:
        return conn.execute("SELECT version_counter FROM personnel WHERE id = ?", (person_id,)).fetchone()[0]
    finally:
        conn.close()


def undo_last(ctx: AppContext) -> int:
    step = ctx.undo.last()
    assert step is not None
    return ctx.service_for(step.kind.name).undo(step)


def test_each_kind_of_edit_is_undone_as_a_new_version(school_ctx: AppContext) -> None:
    people = school_ctx.personnel
    added = people.add(teacher())
    assert school_ctx.undo.last().label == "เพิ่ม นายสมชาย ใจดี" or "สมชาย" in school_ctx.undo.last().label
    people.edit(added.id, {"subject": "คณิตศาสตร์", "phone": "081-234-5678"})
    before_undo = version(school_ctx, added.id)
    seen: list[Changes] = []
    school_ctx.db.changes.subscribe(seen.append)
    undo_last(school_ctx)  # the edit
    back = people.get(added.id)
    assert (back.subject, back.phone) == (None, None)
    assert version(school_ctx, added.id) > before_undo  # a new version: it travels like any edit
    assert seen and seen[-1].touches("personnel")  # and the pages hear of it
    people.delete(added.id)
    undo_last(school_ctx)  # the delete
    assert [p.id for p in people.list()] == [added.id]
    people.delete(added.id)
    people.restore(added.id)
    undo_last(school_ctx)  # the restore
    assert people.list() == [] and [p.id for p in people.list(deleted=True)] == [added.id]
    undo_last(school_ctx)  # the second delete
    undo_last(school_ctx)  # the add: the record goes to the Trash (its tombstone syncs)
    assert people.list() == [] and [p.id for p in people.list(deleted=True)] == [added.id]
    assert school_ctx.undo.last() is None


def test_an_import_is_undone_as_a_whole(school_ctx: AppContext) -> None:
    school_ctx.personnel.add(teacher())
    assert school_ctx.personnel.add_many(demo_staff(25, seed=4)) == 25
    assert "25" in school_ctx.undo.last().label
    undo_last(school_ctx)
    assert [p.first_name_th for p in school_ctx.personnel.list()] == ["สมชาย"]
    assert len(school_ctx.personnel.list(deleted=True)) == 25


def test_an_undo_that_would_overwrite_a_later_change_is_refused(school_ctx: AppContext) -> None:
    person = school_ctx.personnel.add(teacher())
    school_ctx.personnel.edit(person.id, {"subject": "ภาษาไทย"})
    # the record changes again without this session's journal (as a bundle import or another window would)
    PersonnelService(school_ctx.db).edit(person.id, {"subject": "ภาษาอังกฤษ"})
    with pytest.raises(KaplcError, match=r"แก้ไขด้วยตนเอง|by hand"):
        undo_last(school_ctx)
    assert school_ctx.personnel.get(person.id).subject == "ภาษาอังกฤษ"  # nothing changed
    assert "เพิ่ม" in school_ctx.undo.last().label or "Add" in school_ctx.undo.last().label  # the refused step is gone


def test_undoing_a_delete_never_makes_a_duplicate(school_ctx: AppContext) -> None:
    person = school_ctx.personnel.add(teacher())
    school_ctx.personnel.delete(person.id)
    step = school_ctx.undo.last()
    school_ctx.personnel.add(teacher())  # the same person typed again
    with pytest.raises(ValidationError):
        school_ctx.personnel.undo(step)  # type: ignore[arg-type]
    assert len(school_ctx.personnel.list()) == 1


def test_an_undone_edit_reaches_the_district(tmp_path: Path) -> None:
    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, staff=3)
    usb = tmp_path / "usb"
    usb.mkdir()
    try:
        district.sync.import_bundles([school.sync.export_bundle(usb).path], dry_run=False, trust=[fp(school)])
        person = school.ctx.personnel.list()[0]
        school.ctx.personnel.edit(person.id, {"subject": "ผิดพลาด"})
        district.sync.import_bundles([school.sync.export_bundle(usb).path], dry_run=False)
        undo_last(school.ctx)
        outcome = district.sync.import_bundles([school.sync.export_bundle(usb).path], dry_run=False)[0]
        assert outcome.plan.counts()["personnel"]["updated"] == 1
        assert {p.id: p.subject for p in district.ctx.personnel.list()}[person.id] == person.subject
    finally:
        school.close()
        district.close()


def test_ctrl_z_in_the_window_undoes_the_last_edit(qtbot: QtBot, school_ctx: AppContext) -> None:
    from kaplc_desktop.ui.app import make_application
    from kaplc_desktop.ui.main_window import MainWindow
    from kaplc_desktop.ui.tasks import TaskRunner

    make_application()
    TaskRunner.synchronous = True
    try:
        window = MainWindow(school_ctx, lambda _lang: None)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        assert not window.undo_action.isEnabled()
        person = school_ctx.personnel.add(teacher())
        qtbot.waitUntil(lambda: window.personnel.model.total == 1 and window.undo_action.isEnabled())
        assert "สมชาย" in window.undo_action.text()
        school_ctx.personnel.edit(person.id, {"subject": "วิทยาศาสตร์"})
        qtbot.waitUntil(lambda: "แก้ไข" in window.undo_action.text())
        QTest.keyClick(window.personnel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: school_ctx.personnel.get(person.id).subject is None)
        QTest.keyClick(window.personnel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.personnel.model.total == 0)  # the add undone: the list follows by itself
        assert not window.undo_action.isEnabled()
    finally:
        TaskRunner.synchronous = False


def test_edits_still_save_after_the_window_is_rebuilt_for_another_language(
    qtbot: QtBot, school_ctx: AppContext
) -> None:
    """Found in review: the old window's Undo menu stayed subscribed; after a language switch every edit
    failed with 'Signal source has been deleted'."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from kaplc_desktop.ui.app import DesktopSession, make_application

    app = make_application()
    session = DesktopSession(school_ctx)
    qtbot.addWidget(session.show_main())
    session.switch_language("en")
    qtbot.addWidget(session.window)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the old window is gone
    app.processEvents()
    school_ctx.personnel.add(teacher())
    qtbot.waitUntil(lambda: session.window.undo_action.isEnabled())  # type: ignore[union-attr]
    assert "สมชาย" in session.window.undo_action.text()  # type: ignore[union-attr]
    session.switch_language("th")
    qtbot.addWidget(session.window)
