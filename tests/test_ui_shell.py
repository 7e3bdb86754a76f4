"""The window around the pages: navigation, language switch, error dialogs, background work."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from support import when_modal

from kaplc_desktop.context import AppContext
from kaplc_desktop.errors import KaplcError
from kaplc_desktop.progress import Progress
from kaplc_desktop.settings import load_settings
from kaplc_desktop.ui.app import DesktopSession, make_application, open_session
from kaplc_desktop.ui.error_dialog import UnexpectedErrorDialog, report_exception
from kaplc_desktop.ui.main_window import MainWindow
from kaplc_desktop.ui.tasks import run_task


def test_school_window_has_overview_and_personnel(qtbot: QtBot, school_ctx: AppContext) -> None:
    make_application()
    window = MainWindow(school_ctx, lambda _lang: None)
    qtbot.addWidget(window)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "ภาพรวม",
        "บุคลากร",
        "PLC",
        "พัฒนาบุคลากร",
        "ผลงานเด่น",
        "รับ-ส่งข้อมูล",
        "ตั้งค่า",
    ]
    assert window.stack.currentWidget() is window.personnel
    window.show_page("overview")
    assert "โรงเรียนบ้านทดสอบ" in window.overview.heading.text()
    assert "โรงเรียนบ้านทดสอบ" in window.windowTitle()


def test_district_window_has_its_own_pages(qtbot: QtBot, tmp_path: Path) -> None:
    from kaplc_desktop.services.workspace import clean_district_setup

    make_application()
    with AppContext.open(tmp_path, create=True) as ctx:
        ctx.workspace.init_district(clean_district_setup("9002", "สพป.สงขลา เขต 2"))
        window = MainWindow(ctx, lambda _lang: None)
        qtbot.addWidget(window)
        assert list(window.pages) == [
            "overview",
            "schools",
            "submissions",
            "dashboards",
            "planning",
            "selection",
            "personnel",
            "sync",
            "settings",
        ]
        assert "สพป.สงขลา เขต 2" in window.overview.heading.text()


def test_language_switch_rebuilds_the_window_in_english_and_remembers(qtbot: QtBot, school_ctx: AppContext) -> None:
    make_application()
    session = DesktopSession(school_ctx)
    first = session.show_main()
    qtbot.addWidget(first)
    session.switch_language("en")
    window = session.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.nav.item(1).text() == "Personnel"
    assert window.personnel.add_button.text() == "Add"
    assert load_settings(school_ctx.data_dir).language == "en"
    session.switch_language("th")
    qtbot.addWidget(session.window)
    assert session.window.nav.item(1).text() == "บุคลากร"  # type: ignore[union-attr]


def test_open_session_on_an_existing_workspace_skips_the_wizard(school_dir: Path) -> None:
    make_application()
    session = open_session(school_dir)
    assert session is not None
    session.ctx.close()


def test_unexpected_error_dialog_copies_details_and_logs(qtbot: QtBot, tmp_path: Path) -> None:
    make_application()
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        exc_type, exc, tb = sys.exc_info()
    seen: dict[str, str] = {}

    def act(dialog: UnexpectedErrorDialog) -> None:
        dialog.copy_button.click()
        seen["clip"] = QApplication.clipboard().text()
        dialog.accept()

    when_modal(act)
    report_exception(tmp_path, exc_type, exc, tb)  # type: ignore[arg-type]
    assert "ZeroDivisionError: boom" in seen["clip"]
    log = (tmp_path / "logs" / "kaplc.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom" in log


def test_refusals_show_their_thai_message_without_details(qtbot: QtBot, tmp_path: Path) -> None:
    make_application()
    seen: list[str] = []

    def act(box) -> None:  # type: ignore[no-untyped-def]
        seen.append(box.text())
        box.accept()

    when_modal(act)
    try:
        raise KaplcError("ทำไม่ได้ กรุณาลองใหม่")
    except KaplcError:
        report_exception(tmp_path, *sys.exc_info())  # type: ignore[arg-type]
    assert seen == ["ทำไม่ได้ กรุณาลองใหม่"]
    assert not (tmp_path / "logs" / "kaplc.log").exists()


def test_background_task_reports_progress_and_can_be_cancelled(qtbot: QtBot, school_ctx: AppContext) -> None:
    from PySide6.QtWidgets import QWidget

    make_application()
    parent = QWidget()
    qtbot.addWidget(parent)
    results: list[object] = []
    started = threading.Event()
    release = threading.Event()

    def work(progress: Progress) -> str:
        assert threading.current_thread() is not threading.main_thread()
        progress.update(1, 3)
        started.set()
        release.wait(5)
        progress.update(2, 3)  # raises Cancelled once the user pressed Cancel
        return "finished"

    runner = run_task(parent, "งานยาว", work, results.append)
    qtbot.waitUntil(started.is_set, timeout=5000)
    assert runner.dialog is not None
    runner.dialog.show()
    cancel = runner.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "ยกเลิก"
    cancel.click()
    release.set()
    qtbot.waitUntil(lambda: not runner._thread.isRunning(), timeout=5000)
    qtbot.wait(50)
    assert results == []

    done = run_task(parent, "งานสั้น", lambda p: (p.update(1, 1), "ok")[1], results.append)
    qtbot.waitUntil(lambda: results == ["ok"], timeout=5000)
    assert not done._thread.isRunning()


def test_f1_opens_the_help_and_glossary_and_menus_have_latin_mnemonics(qtbot: QtBot, school_ctx: AppContext) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from kaplc_desktop.i18n import set_language

    make_application()
    window = MainWindow(school_ctx, lambda _lang: None)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    seen: list[str] = []

    def read(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.text.toPlainText())
        dialog.reject()

    when_modal(read)
    QTest.keyClick(window, Qt.Key.Key_F1)
    assert "ไฟล์ลงทะเบียน" in seen[0] and "ลายนิ้วมือกุญแจ" in seen[0] and "Ctrl+N" in seen[0]
    # Alt+F, Alt+E, … work whatever the keyboard layout: the Thai titles carry a Latin letter
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["แฟ้ม (&F)", "แก้ไข (&E)", "ภาษา (&L)", "ช่วยเหลือ (&H)"]
    # found by the principal's review: the translator answered "" for Qt's own "Ctrl+", so menus showed "O" for Ctrl+O
    from PySide6.QtGui import QKeySequence

    assert QKeySequence("Ctrl+O").toString(QKeySequence.SequenceFormat.NativeText) == "Ctrl+O"
    assert window.help_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) == "F1"
    set_language("en")
    english = MainWindow(school_ctx, lambda _lang: None)
    qtbot.addWidget(english)
    assert [a.text() for a in english.menuBar().actions()] == ["&File", "&Edit", "&Language", "&Help"]


def test_the_error_dialog_says_where_the_log_is_and_whom_to_send_it_to(
    qtbot: QtBot, school_ctx: AppContext, school_dir: Path
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from support import type_text

    make_application()
    seen: list[str] = []

    def read(dialog: UnexpectedErrorDialog) -> None:
        seen.append(dialog.findChild(QWidget, "errorExplanation").text())  # type: ignore[union-attr]
        dialog.accept()

    def crash() -> None:
        try:
            raise ZeroDivisionError("boom")
        except ZeroDivisionError:
            report_exception(school_dir, *sys.exc_info())  # type: ignore[arg-type]

    when_modal(read)
    crash()
    assert str(school_dir / "logs" / "kaplc.log") in seen[0] and "สพป.สงขลา เขต 2" in seen[0]  # the district by default
    window = MainWindow(school_ctx, lambda _lang: None)
    qtbot.addWidget(window)
    window.show()
    window.show_page("settings")
    panel = window.settings_holder.page.general_panel
    type_text(panel.contact, "ครูสมชาย (ผู้ดูแลระบบ) 081-234-5678")
    QTest.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "ครูสมชาย" in panel.saved.text()
    when_modal(read)
    crash()
    assert "ครูสมชาย (ผู้ดูแลระบบ) 081-234-5678" in seen[1]
