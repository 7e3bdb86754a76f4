"""The PLC page driven through its real widgets and keys: a meeting recorded with the keyboard alone, a group set
up by ticking members, a wrong time refused by its field with nothing saved, the hours tab and the Overview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from plc_support import PlcSchool, plc_school
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from support import type_text, when_modal

from kaplc_desktop.context import AppContext
from kaplc_desktop.domain import buddhist_date
from kaplc_desktop.ui.app import make_application
from kaplc_desktop.ui.main_window import MainWindow
from kaplc_desktop.ui.tasks import TaskRunner


class Prompts:
    def __init__(self) -> None:
        self.answer = True
        self.asked: list[str] = []
        self.save_to: Path | None = None
        self.informed: list[str] = []

    def confirm(self, _parent: object, _title: str, question: str) -> bool:
        self.asked.append(question)
        return self.answer

    def ask_save_path(self, *_args: object) -> Path | None:
        return self.save_to

    def inform(self, _parent: object, title: str, text: str) -> None:
        self.informed.append(f"{title}: {text}")


@pytest.fixture
def plc(school_ctx: AppContext) -> PlcSchool:
    return plc_school(school_ctx, year=_this_year())


def _this_year() -> int:
    from kaplc_desktop.domain.thai_years import academic_year

    return academic_year(dt.date.today())


@pytest.fixture
def window(qtbot: QtBot, plc: PlcSchool) -> Any:
    make_application()
    TaskRunner.synchronous = True
    main = MainWindow(plc.ctx, lambda _lang: None)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    yield main
    TaskRunner.synchronous = False


def _wait_for(condition: Any, seconds: float = 5) -> None:
    deadline = dt.datetime.now() + dt.timedelta(seconds=seconds)
    while not condition():
        assert dt.datetime.now() < deadline, "timed out"
        QApplication.processEvents()


def _retype(widget: Any, text: str) -> None:
    """Ctrl+A and type over it, as a user corrects a field."""
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(widget, text)


def _open_plc(window: Any) -> Any:
    """As a user does: the side list, with the keyboard (in the active window, where shortcuts work)."""
    window.activateWindow()
    _wait_for(window.isActiveWindow)
    window.nav.setFocus()
    while window.nav.currentItem().text() != "PLC":
        QTest.keyClick(window.nav, Qt.Key.Key_Down)
    page = window.plc
    _wait_for(page.isVisible)  # built when first shown, then shown with the next events
    page.prompts = Prompts()
    return page


def test_a_meeting_recorded_with_the_keyboard_alone(window: Any, plc: PlcSchool) -> None:
    page = _open_plc(window)
    assert page.group_table.rowCount() == 1 and page.selected_group().id == plc.group.id
    typed = buddhist_date.format_short(dt.date.today())
    seen: dict[str, Any] = {}

    def act(dialog: Any) -> None:
        _wait_for(lambda: QApplication.focusWidget() is dialog.date)  # the date field is where typing starts
        focused = QApplication.focusWidget()
        QTest.keyClick(focused, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(focused, typed)
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        start = QApplication.focusWidget()
        assert start is dialog.start_time
        QTest.keyClick(start, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(start, "08.00")
        QTest.keyClick(start, Qt.Key.Key_Tab)
        end = QApplication.focusWidget()
        QTest.keyClick(end, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(end, "10.30")
        # on to the discussion box: Tab moves through the fields, never into a text as a tab character
        while QApplication.focusWidget() is not dialog.discussion:
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        type_text(dialog.discussion, "แบ่งกลุ่มนักเรียนตามระดับการอ่าน")
        seen["warnings"] = dialog.booking_warning.isVisible()
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        _wait_for(lambda: not dialog.isVisible(), 2)  # Ctrl+S saved and closed it (else: rejected, and failed)

    when_modal(act)
    page.meeting_table.setFocus()
    QTest.keyClick(page.meeting_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    meetings = plc.ctx.plc_meetings.list()
    assert [(m.start_time, m.end_time, m.discussion, m.session_no) for m in meetings] == [
        (480, 630, "แบ่งกลุ่มนักเรียนตามระดับการอ่าน", 1)
    ]
    assert len(plc.ctx.plc_meetings.attendance(meetings[0].id)) == 4  # everyone, unless unticked
    assert page.meeting_model.rowCount() == 1 and seen["warnings"] is False
    _wait_for(lambda: page.group_table.item(0, 3).text() == "2.5")  # the group's hours follow the save
    page.tabs.setCurrentIndex(1)
    assert {page.hours_model.index(r, 3).data() for r in range(page.hours_model.rowCount())} == {"2.5"}


def test_a_wrong_time_is_shown_by_its_field_and_nothing_is_saved(window: Any, plc: PlcSchool) -> None:
    page = _open_plc(window)
    seen: dict[str, Any] = {}

    def act(dialog: Any) -> None:
        _retype(dialog.start_time, "16.00")
        _retype(dialog.end_time, "15.00")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["error"] = dialog._errors["end_time"].text()
        seen["open"] = dialog.isVisible()
        dialog.reject()

    when_modal(act)
    QTest.mouseClick(page.new_meeting_button, Qt.MouseButton.LeftButton)
    assert "เวลาสิ้นสุดต้องอยู่หลังเวลาเริ่ม" in seen["error"] and seen["open"]
    assert plc.ctx.plc_meetings.counts() == (0, 0)


def test_unticking_a_member_and_one_who_left_early(window: Any, plc: PlcSchool) -> None:
    page = _open_plc(window)

    def act(dialog: Any) -> None:
        table = dialog.attendees
        table.setCurrentCell(1, 0)
        table.setFocus()
        QTest.keyClick(table, Qt.Key.Key_Space)  # Space unticks the second member
        table.setCurrentCell(2, 2)  # the third left at 16.30: F2 on the cell, type, Enter
        QTest.keyClick(table, Qt.Key.Key_F2)
        editor = table.viewport().findChild(QLineEdit)
        QTest.keyClicks(editor, "16.30")
        QTest.keyClick(editor, Qt.Key.Key_Return)
        _wait_for(lambda: table.item(2, 2).text() == "16.30")  # the cell takes it once the editor closes
        _retype(dialog.start_time, "15.30")
        _retype(dialog.end_time, "17.00")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(act)
    QTest.mouseClick(page.new_meeting_button, Qt.MouseButton.LeftButton)
    meeting = plc.ctx.plc_meetings.list()[0]
    came = {a.person_id: a.left_at for a in plc.ctx.plc_meetings.attendance(meeting.id)}
    assert plc.people[1].id not in came and came[plc.people[2].id] == 16 * 60 + 30 and len(came) == 3


def test_a_group_is_set_up_by_ticking_members(window: Any, plc: PlcSchool) -> None:
    page = _open_plc(window)

    def act(dialog: Any) -> None:
        type_text(dialog.name, "กลุ่มอ่านออกเขียนได้")
        table = dialog.member_table
        for row in (0, 2):
            table.setCurrentCell(row, 0)
            table.setFocus()
            QTest.keyClick(table, Qt.Key.Key_Space)
        role = dialog.roles[table.item(0, 0).data(Qt.ItemDataRole.UserRole)]
        role.setFocus()
        QTest.keyClick(role, Qt.Key.Key_Home)  # the first role: ครูต้นแบบ
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(act)
    QTest.mouseClick(page.new_group_button, Qt.MouseButton.LeftButton)
    group = next(g for g in plc.ctx.plc_groups.list() if g.name == "กลุ่มอ่านออกเขียนได้")
    assert group.academic_year == _this_year() and group.steps == plc.group.steps  # the school's own steps go on
    members = plc.ctx.plc_groups.members(group.id)
    assert len(members) == 2 and members[0].role == "model_teacher"
    assert page.selected_group().id == group.id


def test_deleting_a_group_with_meetings_asks_first(window: Any, plc: PlcSchool) -> None:
    plc.ctx.plc_meetings.save(plc.ctx.plc_meetings.draft(plc.group.id), plc.everyone())
    page = _open_plc(window)
    page.prompts.answer = False
    QTest.mouseClick(page.delete_group_button, Qt.MouseButton.LeftButton)
    assert plc.ctx.plc_groups.counts() == (1, 0) and "1" in page.prompts.asked[0]
    page.prompts.answer = True
    QTest.mouseClick(page.delete_group_button, Qt.MouseButton.LeftButton)
    assert plc.ctx.plc_groups.counts() == (0, 1) and plc.ctx.plc_meetings.counts() == (0, 1)
    QApplication.processEvents()
    assert page.group_table.rowCount() == 0 and page.empty_note.isVisible()


def test_the_overview_shows_the_years_hours_and_leads_to_them(window: Any, plc: PlcSchool) -> None:
    plc.ctx.plc_meetings.save(plc.ctx.plc_meetings.draft(plc.group.id), plc.everyone())
    window.show_page("overview")
    QApplication.processEvents()
    overview = window.overview
    assert f"ปีการศึกษา {_this_year()}" in overview.plc_text.text() and "จาก 4 คน" in overview.plc_text.text()
    assert overview.plc_bar.value() == 2  # 1 hour of 50, for each of the four
    QTest.mouseClick(overview.plc_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.plc_holder and window.plc.tabs.currentIndex() == 1


def test_the_log_prints_from_the_page(
    window: Any, plc: PlcSchool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAPLC_CACHE_DIR", str(tmp_path / "cache"))
    plc.ctx.plc_meetings.save(plc.ctx.plc_meetings.draft(plc.group.id), plc.everyone())
    page = _open_plc(window)
    seen: dict[str, Any] = {}

    def act(dialog: Any) -> None:
        seen["pages"] = dialog.page_count
        dialog.accept()

    when_modal(act)
    page.meeting_table.setFocus()
    QTest.keyClick(page.meeting_table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert seen["pages"] >= 1
    assert not list((plc.ctx.data_dir / "tmp").glob("preview-*.pdf"))


def test_the_trash_brings_a_group_back_with_its_meetings(window: Any, plc: PlcSchool) -> None:
    plc.ctx.plc_meetings.save(plc.ctx.plc_meetings.draft(plc.group.id), plc.everyone())
    page = _open_plc(window)
    QTest.mouseClick(page.delete_group_button, Qt.MouseButton.LeftButton)
    seen: dict[str, Any] = {}

    def act(dialog: Any) -> None:
        seen["groups"] = [dialog.groups.item(i).text() for i in range(dialog.groups.count())]
        QTest.mouseClick(dialog.restore_group_button, Qt.MouseButton.LeftButton)
        seen["after"] = dialog.groups.count()
        dialog.reject()

    when_modal(act)
    QTest.mouseClick(page.trash_button, Qt.MouseButton.LeftButton)
    assert seen["groups"] == [f"กลุ่มคณิตคิดเร็ว ป.4 ({_this_year()}) การประชุม 1 ครั้ง"]
    assert seen["after"] == 0
    assert plc.ctx.plc_groups.counts() == (1, 0) and plc.ctx.plc_meetings.counts() == (1, 0)


def test_the_semester_and_session_follow_the_typed_date(window: Any, plc: PlcSchool) -> None:
    from kaplc_desktop.domain.thai_years import academic_year_range

    page = _open_plc(window)
    first, _last = academic_year_range(_this_year())
    in_semester_1 = buddhist_date.format_short(first.replace(month=6, day=10))
    seen: dict[str, Any] = {}

    def act(dialog: Any) -> None:
        _retype(dialog.date, in_semester_1)
        seen["numbers"] = (dialog.semester.text(), dialog.session_no.text(), dialog.semester.isReadOnly())
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(act)
    QTest.mouseClick(page.new_meeting_button, Qt.MouseButton.LeftButton)
    assert seen["numbers"] == ("1", "1", True)
    assert [(m.semester, m.session_no) for m in plc.ctx.plc_meetings.list()] == [(1, 1)]


def test_escape_asks_before_throwing_away_a_typed_meeting(window: Any, plc: PlcSchool) -> None:
    page = _open_plc(window)
    seen: dict[str, Any] = {}

    def act(dialog: Any) -> None:
        answers = iter([False, True])
        dialog.prompts = type("P", (), {"confirm": lambda *_a: seen.setdefault("asked", []).append(1) or next(answers)})
        type_text(dialog.discussion, "บันทึกยาวที่พิมพ์ไว้")
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        seen["still_open"] = dialog.isVisible()
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(act)
    QTest.mouseClick(page.new_meeting_button, Qt.MouseButton.LeftButton)
    assert seen["still_open"] and len(seen["asked"]) == 2
    assert plc.ctx.plc_meetings.counts() == (0, 0)
