"""The first-start wizard, driven by pressing its real buttons: School, District and Demo each end in the main
window; the demo lives in a folder of its own until the user starts real data."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QRadioButton, QWizard
from pytestqt.qtbot import QtBot
from support import type_text, when_modal

from kaplc_desktop.context import AppContext
from kaplc_desktop.paths import demo_data_dir
from kaplc_desktop.settings import load_settings
from kaplc_desktop.ui.app import make_application, open_session
from kaplc_desktop.ui.dialogs.setup_wizard import DEMO_PAGE, DISTRICT_PAGE, SCHOOL_PAGE, SetupWizard
from kaplc_desktop.ui.main_window import MainWindow


@pytest.fixture
def empty_ctx(tmp_path: Path):  # type: ignore[no-untyped-def]
    make_application()
    ctx = AppContext.open(tmp_path / "data", create=True)
    yield ctx
    ctx.close()


def press(wizard: QWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def choose(button: QRadioButton) -> None:
    """Clicks the radio button's circle (its centre may lie past the end of its label)."""
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert button.isChecked()


def test_school_setup_refuses_a_bad_code_then_creates_the_workspace(qtbot: QtBot, empty_ctx: AppContext) -> None:
    wizard = SetupWizard(empty_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.kind_page.school.isChecked()
    press(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == SCHOOL_PAGE
    page = wizard.school_page
    type_text(page.code, "12345")
    type_text(page.name, "โรงเรียนบ้านคลองหวะ")
    type_text(page.esa_name, "สพป.สงขลา เขต 2")
    press(wizard, QWizard.WizardButton.FinishButton)
    assert wizard.isVisible() and page.errors.isVisible() and "รหัสโรงเรียน" in page.errors.text()
    assert empty_ctx.workspace.get() is None
    page.code.clear()
    type_text(page.code, "1090050001")
    type_text(page.esa_code, "9002")
    type_text(page.principal, "นางสาวใจดี มีสุข")
    press(wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    info = empty_ctx.workspace.get()
    assert info is not None and (info.kind, info.school_code, info.esa_code) == ("school", "1090050001", "9002")
    assert info.principal_name == "นางสาวใจดี มีสุข"


def test_district_setup(qtbot: QtBot, empty_ctx: AppContext) -> None:
    wizard = SetupWizard(empty_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    choose(wizard.kind_page.district)
    press(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == DISTRICT_PAGE
    type_text(wizard.district_page.esa_code, "9002")
    type_text(wizard.district_page.esa_name, "สพป.สงขลา เขต 2")
    press(wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    info = empty_ctx.workspace.get()
    assert info is not None and info.kind == "district" and info.esa_name == "สพป.สงขลา เขต 2"


def test_demo_data_finishes_and_lives_in_its_own_folder(qtbot: QtBot, empty_ctx: AppContext) -> None:
    """Found before: the Demo choice never finished — the button still said Next."""
    wizard = SetupWizard(empty_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    choose(wizard.kind_page.demo)
    press(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == DEMO_PAGE
    assert str(demo_data_dir(empty_ctx.data_dir)) in " ".join(
        w.text() for w in wizard.demo_page.findChildren(type(wizard.demo_page.errors))
    )
    press(wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == QWizard.DialogCode.Accepted and wizard.chose_demo
    assert empty_ctx.workspace.get() is None  # the real folder stays empty
    with AppContext.open(demo_data_dir(empty_ctx.data_dir)) as demo:
        info = demo.workspace.get()
        assert info is not None and info.is_demo and len(demo.personnel.list()) == 40
        assert demo.plc_meetings.counts()[0] > 100  # and two years of PLC to try


def test_first_start_with_the_demo_then_real_data(qtbot: QtBot, tmp_path: Path) -> None:
    """Demo ends in the main window, marked; the next start opens it again; File → Leave the demo runs the
    wizard for the real folder, and the window then shows the real school."""
    make_application()
    real = tmp_path / "kaplc-data"

    def pick_demo(wizard: SetupWizard) -> None:
        choose(wizard.kind_page.demo)
        press(wizard, QWizard.WizardButton.NextButton)
        press(wizard, QWizard.WizardButton.FinishButton)

    when_modal(pick_demo)
    session = open_session(real)
    assert session is not None and session.ctx.data_dir == demo_data_dir(real)
    window = session.show_main()
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow) and window.windowTitle().count("(ข้อมูลตัวอย่าง)") == 1  # said once
    assert load_settings(real).demo_open
    session.ctx.close()

    again = open_session(real)  # no wizard this time: straight into the demo
    assert again is not None and again.ctx.data_dir == demo_data_dir(real)
    window = again.show_main()
    qtbot.addWidget(window)

    def real_school(wizard: SetupWizard) -> None:
        press(wizard, QWizard.WizardButton.NextButton)  # School is the first choice
        page = wizard.school_page
        type_text(page.code, "1090050001")
        type_text(page.name, "โรงเรียนบ้านจริง")
        type_text(page.esa_name, "สพป.สงขลา เขต 2")
        press(wizard, QWizard.WizardButton.FinishButton)

    when_modal(real_school)
    window.leave_demo_action.trigger()  # File → ออกจากข้อมูลตัวอย่าง / เริ่มข้อมูลจริง
    assert again.ctx.data_dir == real and again.real_dir is None
    info = again.ctx.workspace.get()
    assert info is not None and info.school_name == "โรงเรียนบ้านจริง" and not info.is_demo
    assert isinstance(again.window, MainWindow) and not hasattr(again.window, "leave_demo_action")
    qtbot.addWidget(again.window)
    assert not load_settings(real).demo_open
    again.ctx.close()


def test_wizard_buttons_are_thai(qtbot: QtBot, empty_ctx: AppContext) -> None:
    wizard = SetupWizard(empty_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.button(QWizard.WizardButton.NextButton).text().replace("&", "").startswith("ถัดไป")
    assert wizard.button(QWizard.WizardButton.CancelButton).text() == "ยกเลิก"


def test_a_member_of_staff_joins_the_offices_server_from_the_wizard(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str], pg_server: object
) -> None:
    """A second computer of the district office: the wizard's server page, a wrong database name said on the
    page, then the window opens the office's data (the folder remembers the server)."""
    from urllib.parse import parse_qs, urlsplit

    from kaplc_desktop.cli.main import main
    from kaplc_desktop.server_link import read_link

    url = pg_server.fresh_database()  # type: ignore[attr-defined]
    args = ["--data-dir", str(tmp_path / "first"), "--db-url", url, "init", "district", "--esa-code", "9002"]
    assert main([*args, "--esa-name", "สพป.สงขลา เขต 2"]) == 0
    capsys.readouterr()
    parts = urlsplit(url)
    socket_dir, database = parse_qs(parts.query)["host"][0], parts.path.strip("/")
    make_application()
    folder = tmp_path / "second"

    def join(wizard: SetupWizard) -> None:
        choose(wizard.kind_page.server)
        press(wizard, QWizard.WizardButton.NextButton)
        page = wizard.server_page
        type_text(page.host, socket_dir)
        type_text(page.database, "no_such_database")
        type_text(page.user, "postgres")
        press(wizard, QWizard.WizardButton.FinishButton)
        assert wizard.isVisible() and page.errors.isVisible() and "เปิดฐานข้อมูลบนเซิร์ฟเวอร์" in page.errors.text()
        page.database.clear()
        type_text(page.database, database)
        press(wizard, QWizard.WizardButton.FinishButton)

    when_modal(join)
    session = open_session(folder)
    assert session is not None and session.ctx.db.file is None
    window = session.show_main()
    qtbot.addWidget(window)
    assert "สพป.สงขลา เขต 2" in window.windowTitle()
    assert read_link(folder) is not None and not (folder / "kaplc.sqlite3").exists()
    session.ctx.close()
